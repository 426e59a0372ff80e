// The graph view's figures inside the real webview (issues 6 and 10): a synthetic library
// of 5,000 actors and 20,000 claims, the graph opened in the app under Xvfb through
// WebDriver; load time (asking the core for the network → sigma's first frame), layout
// time, and frame times while a real pointer drags the view for three seconds: once from
// an empty corner of the stage (panning) and once from the middle, where a node is
// grabbed and moved (pinning).
// Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { appBinary, scratchHome, Session } from "../e2e/webdriver.mjs";

const actors = Number(process.env.GRAPH_ACTORS ?? 5000);
const claims = Number(process.env.GRAPH_CLAIMS ?? 20000);
const scratch = scratchHome();
const store = join(scratch.home, "graph-bench.dossier");
execFileSync(appBinary(), ["--db", store, "dev", "gen-store", "--actors", String(actors), "--claims", String(claims)], {
  env: { ...process.env, ...scratch.env },
});
const network = JSON.parse(execFileSync(appBinary(), ["--db", store, "network", "--json"], { env: { ...process.env, ...scratch.env }, maxBuffer: 1 << 28 }));

const session = await Session.start({ ...scratch.env, DOSSIER_DB: store });
try {
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { timeout: 60_000 });
  const baseline = await dragFrames("main.content", "middle");
  const opened = Date.now();
  await session.press("5", ["Control"]);
  await session.waitFor("return Number(document.querySelector('.graph-view')?.dataset.drawnMs) > 0", [], { timeout: 120_000, what: "the first frame" });
  const [loadMs, drawnMs] = await session.execute(
    "const v = document.querySelector('.graph-view').dataset; return [Number(v.loadMs), Number(v.drawnMs)];",
  );
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], { timeout: 600_000, what: "the layout" });
  const laidOutSeconds = (Date.now() - opened) / 1000;

  // The pointer moving over the graph without a button: sigma looks for the node and
  // the edge under it on every move.
  const hover = await dragFrames("[data-testid=graph-canvas]", "middle", { press: false });
  const node = await dragFrames("[data-testid=graph-canvas]", "middle");
  const grabbedNode = await pinnedAny();
  if (grabbedNode) await session.execute("document.querySelector('[data-testid=unpin]').click()");
  // Unpinning lays the graph out again; the pan is measured on a settled graph.
  await session.waitFor("return document.querySelector('[data-testid=unpin]') === null && document.querySelector('.graph-view').dataset.laidOut === 'true'", [], { timeout: 600_000, what: "the layout again" });
  const cameraBefore = await viewCamera();
  const graph = await dragFrames("[data-testid=graph-canvas]", "corner");
  // A drag that grabbed a node would have measured pinning, not panning: say which it was.
  const panned = (await viewCamera()) !== cameraBefore && !(await pinnedAny());
  console.log(`graph        ${network.actor_ids.length} nodes, ${network.edge_from.length} edges (synthetic: ${actors} actors, ${claims} claims)`);
  console.log(`load         ${loadMs} ms to fetch the network over IPC; ${drawnMs} ms to sigma's first frame`);
  console.log(`layout       ${laidOutSeconds.toFixed(1)} s until ForceAtlas2 (in a worker) settled`);
  console.log(`panning      ${graph.fps.toFixed(1)} frames/s over ${graph.seconds.toFixed(1)} s of dragging the stage; frame time median ${graph.median.toFixed(1)} ms, p95 ${graph.p95.toFixed(1)} ms (target: ≥ 30 frames/s)${panned ? "" : " — NOT A PAN: the camera did not move or a node was grabbed"}`);
  console.log(`hovering    ${hover.fps.toFixed(1)} frames/s while the pointer moves over the graph (nodes and edges under it are picked); frame time median ${hover.median.toFixed(1)} ms, p95 ${hover.p95.toFixed(1)} ms`);
  console.log(`node drag    ${node.fps.toFixed(1)} frames/s over ${node.seconds.toFixed(1)} s of dragging ${grabbedNode ? "a node (pinning it)" : "from the middle (no node was grabbed there)"}; frame time median ${node.median.toFixed(1)} ms, p95 ${node.p95.toFixed(1)} ms`);
  console.log(`baseline     ${baseline.fps.toFixed(1)} frames/s, median ${baseline.median.toFixed(1)} ms: the same drag over the Library in this webview (no graph) — the ceiling on this machine`);
} finally {
  await session.close();
}

function viewCamera() {
  return session.execute("return document.querySelector('.graph-view').dataset.camera");
}

function pinnedAny() {
  return session.execute("return document.querySelector('[data-testid=unpin]') !== null");
}

/** Frames the page paints while a real pointer, pressed at the middle of `selector` or
 *  near its top-left corner, drags for three seconds. */
async function dragFrames(selector, from, { press = true } = {}) {
  // Each measurement counts with a loop of its own: the previous one's last callback may
  // still be pending, and must not add its frames to these.
  await session.execute(`const frames = []; window.__frames = frames;
    const tick = (t) => { if (window.__frames !== frames) return; frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);`);
  const box = await session.execute(`const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return [r.left, r.top, r.width, r.height];`);
  const [left, top, width, height] = box.map(Math.round);
  const cx = left + Math.round(width / 2);
  const cy = top + Math.round(height / 2);
  const moves = [];
  for (let i = 0; i < 60; i++) {
    const angle = (i / 60) * 4 * Math.PI;
    moves.push({ type: "pointerMove", duration: 50, origin: "viewport", x: cx + Math.round(Math.cos(angle) * width * 0.25), y: cy + Math.round(Math.sin(angle) * height * 0.25) });
  }
  await session.cmd("POST", "/actions", {
    actions: [
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", duration: 0, origin: "viewport", x: from === "corner" ? left + 6 : cx, y: from === "corner" ? top + 6 : cy },
          ...(press ? [{ type: "pointerDown", button: 0 }] : []),
          ...moves,
          ...(press ? [{ type: "pointerUp", button: 0 }] : []),
        ],
      },
    ],
  });
  await session.cmd("DELETE", "/actions");
  const frames = await session.execute("const f = window.__frames; window.__frames = null; return f;");
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
  return {
    fps: (frames.length - 1) / seconds,
    seconds,
    median: gaps[Math.floor(gaps.length / 2)] ?? 0,
    p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
  };
}
