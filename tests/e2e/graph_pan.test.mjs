// End to end: dragging a large graph (a synthetic library, more than 2,000 edges). While
// the pointer is held on the stage, a picture of the view moves in place of sigma's
// layers; on release the camera has moved by the drag and sigma draws again, and a drag
// back by the same amount brings the camera back where it was. A node dragged is drawn
// over the picture until it is dropped, where it stays, pinned.
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { cliOn, openApp, scratchHome } from "./webdriver.mjs";

// The synthetic library is generated once, into a template store; each test starts its
// own app on a fresh copy of it.
const template = scratchHome();
const templateStore = join(template.home, "graph-pan.dossier");

before(() => {
  cliOn(templateStore, template.env)("dev", "gen-store", "--actors", "600", "--claims", "2600");
});

/** The app on a fresh copy of the large library, its graph view open and laid out. */
async function openLargeGraph(t) {
  const { session } = await openApp(t, { storeName: "graph-pan.dossier", prepare: ({ store }) => copyFileSync(templateStore, store) });
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library", timeout: 60_000 });
  await session.press("5", ["Control"]);
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], {
    what: "the graph laid out",
    timeout: 120_000,
  });
  return session;
}

const camera = async (session) => (await session.execute("return document.querySelector('.graph-view').dataset.camera")).split(",").map(Number);
const pictureShown = (session) =>
  session.execute(
    "return [document.querySelector('[data-testid=graph-picture]') !== null, getComputedStyle(document.querySelector('[data-testid=graph-canvas]')).visibility]",
  );

/** Presses at (x, y) of the stage, or near its top-left corner (where the fitted graph
 *  leaves space), and moves by (dx, dy). */
async function press(session, dx, dy, at = [6, 6]) {
  const [left0, top0] = (
    await session.execute("const r = document.querySelector('[data-testid=graph-canvas]').getBoundingClientRect(); return [r.left, r.top];")
  ).map(Math.round);
  const [left, top] = [left0 + at[0] - 6, top0 + at[1] - 6];
  await session.cmd("POST", "/actions", {
    actions: [
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", duration: 0, origin: "viewport", x: left + 6, y: top + 6 },
          { type: "pointerDown", button: 0 },
          { type: "pointerMove", duration: 100, origin: "viewport", x: left + 6 + dx, y: top + 6 + dy },
        ],
      },
    ],
  });
}

async function release(session) {
  await session.cmd("POST", "/actions", {
    actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerUp", button: 0 }] }],
  });
  await session.cmd("DELETE", "/actions");
}

test("dragging a large graph's stage moves a picture of it, then the camera by the same amount", async (t) => {
  const session = await openLargeGraph(t);
  const edgeCount = await session.execute("return document.querySelector('[data-testid=graph-counts]').textContent");
  assert.match(edgeCount, /· (\d,?\d{3}) edges/, "a graph large enough to pan by picture");
  const start = await camera(session);

  await press(session, 120, 60);
  assert.deepEqual(await pictureShown(session), [true, "hidden"], "while held, the picture stands in for sigma's layers");
  await release(session);
  assert.deepEqual(await pictureShown(session), [false, "visible"], "released, sigma's layers are back");
  // (The camera moves when the pointer rests mid-drag or on release, whichever comes.)
  await session.waitFor(`return document.querySelector('.graph-view').dataset.camera !== ${JSON.stringify(start.join(","))}`, [], {
    what: "the camera moved",
  });
  const moved = await camera(session);
  assert.ok(moved[0] < start[0], `a drag to the right looks further left (x ${start[0]} → ${moved[0]})`);
  assert.notEqual(moved[1], start[1], "a vertical drag moves the camera vertically");
  assert.equal(moved[2], start[2], "panning keeps the zoom");
  assert.equal(await session.execute("return document.querySelector('[data-testid=unpin]')"), null, "no actor was grabbed and pinned");

  await press(session, -120, -60);
  await release(session);
  const back = await camera(session);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(back[i] - start[i]) < 1e-9, `the drag back returns the camera: ${start} → ${back}`);
});

test("a node dragged in a large graph is drawn over the picture, then stays where it is dropped, pinned", async (t) => {
  const session = await openLargeGraph(t);
  const [width, height] = await session.execute(
    "const r = document.querySelector('[data-testid=graph-canvas]').getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)];",
  );
  // Nodes crowd the middle of a laid-out graph: press there, a little further out each time, until one is grabbed.
  let grabbed = false;
  for (let i = 0; i < 12 && !grabbed; i++) {
    const at = [Math.round(width / 2 + 9 * i * Math.cos(i)), Math.round(height / 2 + 9 * i * Math.sin(i))];
    await press(session, 80, 40, at);
    grabbed = await session.execute("return document.querySelector('[data-testid=graph-dragged-node]') !== null");
    if (grabbed) assert.deepEqual(await pictureShown(session), [true, "hidden"], "the rest of the graph is a picture while the node moves");
    await release(session);
    if (!grabbed) {
      await press(session, -80, -40, [at[0] + 80, at[1] + 40]); // the miss panned the view: pan it back
      await release(session);
    }
  }
  assert.ok(grabbed, "a node was grabbed near the middle");
  assert.deepEqual(await pictureShown(session), [false, "visible"], "dropped, sigma draws again");
  assert.equal(await session.execute("return document.querySelector('[data-testid=graph-dragged-node]')"), null);
  assert.equal(await session.execute("return document.querySelector('[data-testid=unpin]')?.textContent.trim()"), "Unpin 1 actor");
});
