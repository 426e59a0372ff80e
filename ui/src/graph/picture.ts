// Pictures of the graph view as drawn: a PNG of sigma's canvases composited, and an SVG
// rebuilt from the laid-out graph through the DOM (so every name is escaped text).
import type Sigma from "sigma";

/** The colour the element is seen on: its own background or its nearest ancestor's. */
function backgroundOf(element: Element | null): string {
  for (let at = element; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return "#ffffff";
}

/** The view as a PNG data URL, over the page's background colour. */
export function png(renderer: Sigma, container: HTMLElement): string {
  // Draw now: WebGL keeps a frame only until the task ends.
  renderer.refresh();
  const { width, height } = container.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement("canvas");
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const context = out.getContext("2d");
  if (!context) throw new Error("this window cannot draw a picture");
  context.fillStyle = backgroundOf(container);
  context.fillRect(0, 0, out.width, out.height);
  for (const canvas of container.querySelectorAll("canvas")) context.drawImage(canvas, 0, 0, out.width, out.height);
  return out.toDataURL("image/png");
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** The view as an SVG document: edges as lines, nodes as circles, names as text. */
export function svg(renderer: Sigma, container: HTMLElement): string {
  const { width, height } = container.getBoundingClientRect();
  const doc = document.implementation.createDocument(SVG_NS, "svg", null);
  const root = doc.documentElement;
  root.setAttribute("width", String(Math.round(width)));
  root.setAttribute("height", String(Math.round(height)));
  root.setAttribute("viewBox", `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const add = (parent: Element, name: string, attributes: Record<string, string | number>) => {
    const element = doc.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    parent.appendChild(element);
    return element;
  };
  add(root, "rect", { width: "100%", height: "100%", fill: backgroundOf(container) });
  const graph = renderer.getGraph();
  const at = (node: string) => {
    const data = renderer.getNodeDisplayData(node);
    if (!data) return null;
    const p = renderer.framedGraphToViewport({ x: data.x, y: data.y });
    return { x: p.x, y: p.y, r: renderer.scaleSize(data.size), color: data.color, label: data.label ?? "" };
  };
  const edges = add(root, "g", { class: "edges" });
  graph.forEachEdge((edge, attributes, source, target) => {
    const from = at(source);
    const to = at(target);
    if (!from || !to) return;
    add(edges, "line", {
      x1: from.x.toFixed(1),
      y1: from.y.toFixed(1),
      x2: to.x.toFixed(1),
      y2: to.y.toFixed(1),
      stroke: String(attributes.color ?? "#999"),
      "stroke-width": Number(attributes.size ?? 1).toFixed(1),
      "stroke-opacity": 0.7,
    });
  });
  const nodes = add(root, "g", { class: "nodes" });
  const labels = add(root, "g", { class: "labels", "font-family": "sans-serif", "font-size": 12 });
  graph.forEachNode((node) => {
    const p = at(node);
    if (!p) return;
    add(nodes, "circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: p.r.toFixed(1), fill: p.color });
    const text = add(labels, "text", { x: (p.x + p.r + 3).toFixed(1), y: (p.y + 4).toFixed(1) });
    text.textContent = p.label;
  });
  return new XMLSerializer().serializeToString(doc);
}
