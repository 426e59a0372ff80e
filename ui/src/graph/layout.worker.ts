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
};
export type LayoutUpdate = { x: Float32Array; y: Float32Array; done: boolean };

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { nodes, from, to, x, y, fixed, rounds } = event.data;
  const graph = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < nodes; i++) graph.addNode(i, { x: x[i], y: y[i], fixed: fixed[i] === 1 });
  for (let i = 0; i < from.length; i++) {
    if (from[i] !== to[i] && !graph.hasEdge(from[i], to[i])) graph.addEdge(from[i], to[i]);
  }
  // Strong gravity keeps the small components near the large one instead of adrift.
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: nodes > 500, strongGravityMode: true, gravity: 0.05 };
  const step = 10;
  for (let done = 0; done < rounds; done += step) {
    forceAtlas2.assign(graph, { iterations: step, settings });
    const nx = new Float32Array(nodes);
    const ny = new Float32Array(nodes);
    graph.forEachNode((key, attributes) => {
      nx[Number(key)] = attributes.x as number;
      ny[Number(key)] = attributes.y as number;
    });
    const update: LayoutUpdate = { x: nx, y: ny, done: done + step >= rounds };
    self.postMessage(update, { transfer: [nx.buffer, ny.buffer] });
  }
};
