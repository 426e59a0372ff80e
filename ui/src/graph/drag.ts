// Dragging a large graph by moving a picture of it. Sigma redraws every node (and, without
// `hideEdgesOnMove`, every edge) on each pointer move, and dragging a node makes it index
// the whole graph again first; on a machine without a GPU a 5,000-node frame takes
// 50–200 ms. While something is dragged we instead show one picture of the view,
// composited from sigma's layers, which the webview repaints at its full frame rate:
// - dragging the stage moves the picture with a CSS transform; the camera itself moves
//   when the pointer rests for a moment (so newly revealed parts get drawn) and on release;
// - dragging a node draws it and its edges on a small canvas over the picture (the
//   picture is taken without it); the graph changes once, where the node is dropped.
import type Graph from "graphology";
import type Sigma from "sigma";

/** How long the pointer rests, mid-drag, before the view is drawn again where it is. */
const REST_MS = 180;
/** Movement under this many pixels is a click, not a drag. */
const SLOP_PX = 3;

type Point = { x: number; y: number };
type SigmaMove = { event: Point & { preventSigmaDefault(): void; original: MouseEvent | TouchEvent } };

export type PictureDrag = {
  /** Whether the stage or a node was dragged since the last press, so a release is not a click. */
  dragged(): boolean;
  dispose(): void;
};

/** A copy of the view as drawn, laid over sigma's layers (which are hidden under it). */
class Picture {
  readonly canvas: HTMLCanvasElement;
  constructor(
    private renderer: Sigma,
    private container: HTMLElement,
  ) {
    this.canvas = overlay("graph-picture");
  }

  /** Draws the view now (`reindex` when the graph changed) and shows its copy. */
  take(reindex = false) {
    // Draw in this task: a WebGL canvas keeps its pixels only until the task that drew
    // them ends.
    if (reindex) this.renderer.refresh();
    else this.renderer.refresh({ partialGraph: {}, skipIndexation: true });
    const context = fit(this.canvas, this.container);
    for (const layer of this.container.querySelectorAll("canvas")) {
      context?.drawImage(layer, 0, 0, this.canvas.width, this.canvas.height);
    }
    this.canvas.style.transform = "";
    if (!this.canvas.isConnected) this.container.after(this.canvas);
    // Repainting sigma's own layers is the cost this module avoids.
    this.container.style.visibility = "hidden";
  }

  move(dx: number, dy: number) {
    this.canvas.style.transform = `translate(${dx}px, ${dy}px)`;
  }

  get shown() {
    return this.canvas.isConnected;
  }

  remove() {
    this.canvas.remove();
    this.container.style.visibility = "";
  }
}

/** A canvas to lay over the stage, that the pointer goes through. */
function overlay(testId: string): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.dataset.testid = testId;
  canvas.setAttribute("aria-hidden", "true");
  Object.assign(canvas.style, { position: "absolute", left: "0", top: "0", pointerEvents: "none", willChange: "transform" });
  return canvas;
}

/** Sizes `canvas` to `container` at the screen's pixel ratio, cleared; its 2D context. */
function fit(canvas: HTMLCanvasElement, container: HTMLElement): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = container.getBoundingClientRect();
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext("2d");
  context?.setTransform(ratio, 0, 0, ratio, 0, 0);
  context?.clearRect(0, 0, width, height);
  return context;
}

/** A node picked up: the picture taken without it, and it drawn with its edges over the
 * picture wherever the pointer is, until it is dropped. */
class LiftedNode {
  private readonly sketch = overlay("graph-dragged-node");
  private readonly colour: string;
  private readonly radius: number;
  private readonly label: string;
  /** For each of its edges, the other end on screen. */
  private readonly ends: { at: Point; colour: string; width: number }[] = [];

  constructor(
    private renderer: Sigma,
    private graph: Graph,
    container: HTMLElement,
    picture: Picture,
    readonly key: string,
  ) {
    const at = (k: string) => {
      const data = renderer.getNodeDisplayData(k);
      return data ? renderer.framedGraphToViewport({ x: data.x, y: data.y }) : null;
    };
    const data = renderer.getNodeDisplayData(key);
    graph.forEachEdge(key, (_edge, attributes, source, target) => {
      const other = at(source === key ? target : source);
      if (other) this.ends.push({ at: other, colour: String(attributes.color ?? "#999"), width: Number(attributes.size ?? 1) });
    });
    this.colour = data?.color ?? "#666";
    this.radius = data ? renderer.scaleSize(data.size) : 5;
    this.label = data?.label ?? "";
    graph.setNodeAttribute(key, "hidden", true);
    picture.take(true);
    fit(this.sketch, container);
    // Over the picture, not under it.
    picture.canvas.after(this.sketch);
  }

  draw(pointer: Point) {
    const context = this.sketch.getContext("2d");
    if (!context) return;
    const { width, height } = this.sketch.getBoundingClientRect();
    context.clearRect(0, 0, width, height);
    context.globalAlpha = 0.7;
    for (const end of this.ends) {
      context.strokeStyle = end.colour;
      context.lineWidth = end.width;
      context.beginPath();
      context.moveTo(end.at.x, end.at.y);
      context.lineTo(pointer.x, pointer.y);
      context.stroke();
    }
    context.globalAlpha = 1;
    context.fillStyle = this.colour;
    context.beginPath();
    context.arc(pointer.x, pointer.y, this.radius, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = "#222";
    context.font = "14px sans-serif";
    context.fillText(this.label, pointer.x + this.radius + 3, pointer.y + 4);
  }

  /** Shows the node in the graph again; the sketch goes. */
  put() {
    this.sketch.remove();
    this.graph.setNodeAttribute(this.key, "hidden", false);
  }
}

/**
 * Takes over dragging in `renderer` (canvases in `container`, drawing `graph`): the
 * stage pans by picture; a node is moved by picture and handed to `dropNode` with its
 * new graph position (the caller sets it and pins it).
 */
export function dragByPicture(
  renderer: Sigma,
  container: HTMLElement,
  graph: Graph,
  dropNode: (node: string, position: Point) => void,
): PictureDrag {
  const camera = renderer.getCamera();
  const picture = new Picture(renderer, container);
  /** Where the pointer was (in the container's pixels) when the press or picture began. */
  let anchor: Point | null = null;
  let pointer: Point = { x: 0, y: 0 };
  let node: string | null = null;
  let moved = false;
  let rest: ReturnType<typeof setTimeout> | undefined;
  let lifted: LiftedNode | null = null;

  /** Moves the camera by the drag so far, so the point grabbed is under the pointer. */
  function moveCamera() {
    if (!anchor || (anchor.x === pointer.x && anchor.y === pointer.y)) return;
    const grabbed = renderer.viewportToFramedGraph(anchor);
    const now = renderer.viewportToFramedGraph(pointer);
    const state = camera.getState();
    camera.setState({ x: state.x + grabbed.x - now.x, y: state.y + grabbed.y - now.y });
    anchor = { ...pointer };
  }

  function restedWhilePanning() {
    if (!picture.shown || node) return;
    moveCamera();
    picture.take();
  }

  const onDownStage = ({ event }: { event: Point }) => {
    anchor = { x: event.x, y: event.y };
    pointer = { ...anchor };
    node = null;
    moved = false;
  };
  const onDownNode = ({ node: key, event }: { node: string; event: Point }) => {
    anchor = { x: event.x, y: event.y };
    pointer = { ...anchor };
    node = key;
    moved = false;
  };
  const onMove = ({ event }: SigmaMove) => {
    if (!anchor) return;
    // Sigma would move the camera (or the caller the node) and redraw on every move.
    event.preventSigmaDefault();
    event.original.preventDefault();
    pointer = { x: event.x, y: event.y };
    if (!moved) {
      if (Math.hypot(pointer.x - anchor.x, pointer.y - anchor.y) < SLOP_PX) return;
      moved = true;
      if (node) lifted = new LiftedNode(renderer, graph, container, picture, node);
      else picture.take();
    }
    if (lifted) {
      lifted.draw(pointer);
      return;
    }
    picture.move(pointer.x - anchor.x, pointer.y - anchor.y);
    clearTimeout(rest);
    rest = setTimeout(restedWhilePanning, REST_MS);
  };
  const onUp = () => {
    if (!anchor) return;
    clearTimeout(rest);
    if (moved && lifted) {
      lifted.put();
      dropNode(lifted.key, renderer.viewportToGraph(pointer));
      lifted = null;
      // Draw the dropped node before the picture goes, so nothing flickers.
      renderer.refresh();
      picture.remove();
    } else if (moved) {
      moveCamera();
      renderer.refresh({ partialGraph: {}, skipIndexation: true });
      picture.remove();
    }
    anchor = null;
    node = null;
  };

  // With edge events on, a press or release over an edge is one on the stage.
  renderer.on("downStage", onDownStage);
  renderer.on("downEdge", onDownStage);
  renderer.on("downNode", onDownNode);
  renderer.on("moveBody", onMove);
  renderer.on("upStage", onUp);
  renderer.on("upEdge", onUp);
  renderer.on("upNode", onUp);
  return {
    dragged: () => moved,
    dispose() {
      clearTimeout(rest);
      lifted?.put();
      picture.remove();
      renderer.off("downStage", onDownStage);
      renderer.off("downEdge", onDownStage);
      renderer.off("downNode", onDownNode);
      renderer.off("moveBody", onMove);
      renderer.off("upStage", onUp);
      renderer.off("upEdge", onUp);
      renderer.off("upNode", onUp);
    },
  };
}
