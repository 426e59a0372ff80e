// The force layout of the graph view, off the page's thread: ForceAtlas2 over the
// network's columns, sending positions back as it goes so the view settles in place.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

/** `fixed[i]` is 1 for a node the person pinned: the layout moves the others around it. */
export type LayoutRequest = {
  nodes: number;
  from: Int32Array;
  to: Int32Array;
  x: Float32Array;
  y: Float32Array;
  fixed: Uint8Array;
  rounds: number;
  /** The length of each node's name, and the view's width in pixels: names take room too. */
  labels?: Uint16Array;
  viewWidth?: number;
  viewHeight?: number;
};
export type LayoutUpdate = { x: Float32Array; y: Float32Array; done: boolean };

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { nodes, from, to, x, y, fixed, rounds, labels, viewWidth, viewHeight } = event.data;
  const graph = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < nodes; i++) graph.addNode(i, { x: x[i], y: y[i], fixed: fixed[i] === 1 });
  for (let i = 0; i < from.length; i++) {
    if (from[i] !== to[i] && !graph.hasEdge(from[i], to[i])) graph.addEdge(from[i], to[i]);
  }
  // Strong gravity keeps each component together; the components are then set side by
  // side (see `pack`) rather than left to pile up around the largest.
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: nodes > 500, strongGravityMode: true, gravity: 0.05 };
  const parts = components(nodes, from, to);
  const step = 10;
  for (let done = 0; done < rounds; done += step) {
    forceAtlas2.assign(graph, { iterations: step, settings });
    const nx = new Float32Array(nodes);
    const ny = new Float32Array(nodes);
    graph.forEachNode((key, attributes) => {
      nx[Number(key)] = attributes.x as number;
      ny[Number(key)] = attributes.y as number;
    });
    pack(parts, nx, ny, fixed, labels, viewWidth, viewHeight);
    const update: LayoutUpdate = { x: nx, y: ny, done: done + step >= rounds };
    self.postMessage(update, { transfer: [nx.buffer, ny.buffer] });
  }
};

/** The connected components (lists of node indexes), largest first. */
export function components(nodes: number, from: Int32Array, to: Int32Array): number[][] {
  const parent = Int32Array.from({ length: nodes }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let e = 0; e < from.length; e++) parent[root(from[e]!)] = root(to[e]!);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < nodes; i++) {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/**
 * Sets the components side by side in rows (the largest first, rows about as wide as
 * the whole is tall), each moved whole so that nothing in it changes shape; two or
 * three actors alone stand one above the other. Names are drawn to the right of their
 * nodes, about 8.5 px a character, so each component's room includes them, in the graph's
 * units at the scale the view will draw the whole at (found in a few rounds, since the
 * packing changes the whole's size). A component holding a pinned node stays where it
 * is, and the others are packed beside it.
 */
export function pack(
  parts: number[][],
  x: Float32Array,
  y: Float32Array,
  fixed: Uint8Array,
  labels?: Uint16Array,
  viewWidth = 900,
  viewHeight = 500,
): void {
  if (parts.length < 2) return;
  const pinned = parts.map((part) => part.some((i) => fixed[i] === 1));
  const measure = (unitsPerPixel: number) =>
    parts.map((part) => {
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const i of part) {
        x0 = Math.min(x0, x[i]!);
        x1 = Math.max(x1, x[i]! + ((labels?.[i] ?? 0) * 8.5 + 24) * unitsPerPixel);
        y0 = Math.min(y0, y[i]!);
        y1 = Math.max(y1, y[i]! + 18 * unitsPerPixel);
      }
      return { x0, y0, w: x1 - x0, h: y1 - y0 };
    });
  const once = (unitsPerPixel: number): { width: number; height: number } => {
    if (labels) {
      parts.forEach((part, k) => {
        if (part.length > 3 || pinned[k]) return;
        const [x0, y0] = [Math.min(...part.map((i) => x[i]!)), Math.min(...part.map((i) => y[i]!))];
        part.forEach((i, row) => {
          x[i] = x0;
          y[i] = y0 + row * 26 * unitsPerPixel;
        });
      });
    }
    const boxes = measure(unitsPerPixel);
    // Room around each component: a little of the largest's size, and at least a line.
    const gap = Math.max(1e-6, 0.06 * Math.max(...boxes.map((b) => Math.max(b.w, b.h))), 24 * unitsPerPixel);
    const area = boxes.reduce((sum, b) => sum + (b.w + gap) * (b.h + gap), 0);
    const rowWidth = Math.max(boxes[0]!.w + gap, Math.sqrt(area * (viewWidth / viewHeight)));
    let [cx, cy, rowHeight, width] = [0, 0, 0, 0];
    parts.forEach((part, k) => {
      const b = boxes[k]!;
      if (pinned[k]) return;
      if (cx > 0 && cx + b.w > rowWidth) {
        cx = 0;
        cy += rowHeight + gap;
        rowHeight = 0;
      }
      const [dx, dy] = [cx - b.x0, cy - b.y0];
      for (const i of part) {
        x[i] = x[i]! + dx;
        y[i] = y[i]! + dy;
      }
      cx += b.w + gap;
      width = Math.max(width, cx);
      rowHeight = Math.max(rowHeight, b.h);
    });
    return { width, height: cy + rowHeight };
  };
  let unitsPerPixel = 0;
  for (let round = 0; round < (labels ? 4 : 1); round++) {
    const whole = once(unitsPerPixel);
    unitsPerPixel = Math.max(whole.width / viewWidth, whole.height / viewHeight);
  }
}
