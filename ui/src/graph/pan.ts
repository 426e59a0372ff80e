// Panning a large graph by moving a picture of it. Sigma redraws every node (and, without
// `hideEdgesOnMove`, every edge) on each pointer move, and on a machine without a GPU a
// 5,000-node frame takes 50–200 ms. While the stage is dragged we instead show one
// picture of the view as last drawn, composited from sigma's layers, and move it with a
// CSS transform, which the webview repaints at its full frame rate. The camera itself
// moves once: when the pointer rests for a moment (so the newly revealed parts get drawn)
// and when it is released.
import type Sigma from "sigma";

/** How long the pointer rests, mid-drag, before the view is drawn again where it is. */
const REST_MS = 180;
/** Movement under this many pixels is a click, not a drag. */
const SLOP_PX = 3;

export type PicturePan = {
  /** Whether the stage was dragged since the last press, so a release is not a click. */
  panned(): boolean;
  dispose(): void;
};

/** Takes over dragging the stage of `renderer`, whose canvases live in `container`. */
export function panByPicture(renderer: Sigma, container: HTMLElement): PicturePan {
  const camera = renderer.getCamera();
  /** Where the pointer was (in the container's pixels) when the picture was taken. */
  let anchor: { x: number; y: number } | null = null;
  let pointer = { x: 0, y: 0 };
  let picture: HTMLCanvasElement | null = null;
  let rest: ReturnType<typeof setTimeout> | undefined;
  let dragged = false;

  /** Draws the view now, with edges and labels, and lays a copy of it over the stage. */
  function showPicture() {
    // Draw in this task, without reindexing the graph: a WebGL canvas keeps its
    // pixels only until the task that drew them ends.
    renderer.refresh({ partialGraph: {}, skipIndexation: true });
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = container.getBoundingClientRect();
    const copy = picture ?? document.createElement("canvas");
    copy.width = Math.round(width * ratio);
    copy.height = Math.round(height * ratio);
    const context = copy.getContext("2d");
    if (!context) return;
    context.clearRect(0, 0, copy.width, copy.height);
    for (const layer of container.querySelectorAll("canvas")) context.drawImage(layer, 0, 0, copy.width, copy.height);
    if (!picture) {
      copy.className = "graph-picture";
      copy.dataset.testid = "graph-picture";
      copy.setAttribute("aria-hidden", "true");
      Object.assign(copy.style, {
        position: "absolute",
        left: "0",
        top: "0",
        width: `${width}px`,
        height: `${height}px`,
        pointerEvents: "none",
        willChange: "transform",
      });
      container.after(copy);
      picture = copy;
    }
    copy.style.transform = "";
    // Sigma's own layers stay hidden under the picture: repainting them is the cost
    // this module avoids.
    container.style.visibility = "hidden";
  }

  function hidePicture() {
    picture?.remove();
    picture = null;
    container.style.visibility = "";
  }

  /** Moves the camera by the drag so far, so the point grabbed is under the pointer. */
  function moveCamera() {
    if (!anchor || (anchor.x === pointer.x && anchor.y === pointer.y)) return;
    const grabbed = renderer.viewportToFramedGraph(anchor);
    const now = renderer.viewportToFramedGraph(pointer);
    const state = camera.getState();
    camera.setState({ x: state.x + grabbed.x - now.x, y: state.y + grabbed.y - now.y });
    anchor = { ...pointer };
  }

  function rested() {
    if (!picture) return;
    moveCamera();
    showPicture();
  }

  const onDown = ({ event }: { event: { x: number; y: number } }) => {
    anchor = { x: event.x, y: event.y };
    pointer = { ...anchor };
    dragged = false;
  };
  const onMove = ({
    event,
  }: {
    event: { x: number; y: number; preventSigmaDefault(): void; original: MouseEvent | TouchEvent };
  }) => {
    if (!anchor) return;
    // Sigma would move the camera and redraw on every move; the picture moves instead.
    event.preventSigmaDefault();
    event.original.preventDefault();
    pointer = { x: event.x, y: event.y };
    if (!picture) {
      if (Math.hypot(pointer.x - anchor.x, pointer.y - anchor.y) < SLOP_PX) return;
      dragged = true;
      showPicture();
    }
    if (picture) picture.style.transform = `translate(${pointer.x - anchor.x}px, ${pointer.y - anchor.y}px)`;
    clearTimeout(rest);
    rest = setTimeout(rested, REST_MS);
  };
  const onUp = () => {
    if (!anchor) return;
    clearTimeout(rest);
    if (picture) {
      moveCamera();
      renderer.refresh({ partialGraph: {}, skipIndexation: true });
      hidePicture();
    }
    anchor = null;
  };

  renderer.on("downStage", onDown);
  renderer.on("moveBody", onMove);
  renderer.on("upStage", onUp);
  renderer.on("upNode", onUp);
  return {
    panned: () => dragged,
    dispose() {
      clearTimeout(rest);
      hidePicture();
      renderer.off("downStage", onDown);
      renderer.off("moveBody", onMove);
      renderer.off("upStage", onUp);
      renderer.off("upNode", onUp);
    },
  };
}
