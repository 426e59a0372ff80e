// End to end, with a real pointer: an actor's name dragged from its page, held on
// "Notes" in the sidebar (which opens the note last written), and dropped in the editor
// becomes a link to the actor. xdotool moves the X pointer under Xvfb, so the webview
// runs its own drag and drop, not events a script made up.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openApp, repoRoot, xdotool } from "./webdriver.mjs";

/** The centre of what `selector` finds, in the screen's pixels. */
async function centre(session, selector) {
  const [x, y] = await session.execute(
    "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];",
    [selector],
  );
  const window = xdotool("search", "--name", "^Dossier$").trim().split("\n")[0];
  const geometry = xdotool("getwindowgeometry", window);
  const [, left, top] = /Position: (\d+),(\d+)/.exec(geometry).map(Number);
  return [Math.round(left + x), Math.round(top + y)];
}

/** Moves the pointer to (x, y) in small steps, as a hand does. */
async function glide(from, to, steps = 15) {
  for (let i = 1; i <= steps; i++) {
    xdotool("mousemove", Math.round(from[0] + ((to[0] - from[0]) * i) / steps), Math.round(from[1] + ((to[1] - from[1]) * i) / steps));
    await sleep(30);
  }
}

test("an actor dragged from its page onto Notes, then into the note, is linked there", async (t) => {
  const { session, cli } = await openApp(t, {
    storeName: "drag.dossier",
    prepare: ({ cli }) => {
      cli("import", join(repoRoot, "tests/fixtures/articles/caracas-tehran-pact.txt"));
      cli("actors", "add", "Hezbollah", "--kind", "armed_group");
    },
  });
  // A note to write in, made and left as a person would.
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library" });
  await session.press("7", ["Control"]);
  await session.waitFor("const b = document.querySelector('[data-testid=new-note]'); if (b) b.click(); return !!b;");
  await session.waitFor("return !!document.querySelector('[data-testid=note-body]')", [], { what: "the note editor" });
  await session.type("[data-testid=note-title]", "Links");
  await session.type("[data-testid=note-body]", "Who funds whom:");
  await session.press("s", ["Control"]);
  await session.waitFor("return document.querySelector('.state')?.textContent === 'saved'", [], { what: "the note saved" });

  await session.press("3", ["Control"]);
  await session.waitFor(
    "const b = [...document.querySelectorAll('button')].find(b => b.textContent.includes('Hezbollah') && b.closest('[role=listitem]')); if (b) b.click(); return !!b;",
    [],
    { what: "Hezbollah in the Actors list" },
  );
  await session.waitFor("return document.querySelector('#actor-title')?.textContent === 'Hezbollah'", [], { what: "Hezbollah's page" });

  const start = await centre(session, "#actor-title");
  const notes = await centre(session, "[data-testid=nav-notes]");
  xdotool("mousemove", ...start);
  await sleep(200);
  xdotool("mousedown", 1);
  try {
    await glide(start, [start[0] + 12, start[1] + 12], 4);
    await glide([start[0] + 12, start[1] + 12], notes);
    // Held on "Notes", the view opens on the note last written.
    await session.waitFor("return document.querySelector('[data-testid=note-title]')?.value === 'Links'", [], {
      what: "the note opened by holding the drag on Notes",
      timeout: 5_000,
    });
    const editor = await centre(session, "[data-testid=note-body]");
    await glide(notes, editor);
    await sleep(300);
  } finally {
    xdotool("mouseup", 1);
  }
  const hezbollah = JSON.parse(cli("list", "actors", "--json")).items.find((a) => a.name === "Hezbollah");
  const body = await session.waitFor(
    "const v = document.querySelector('[data-testid=note-body]').value; return v.includes('[[') && v;",
    [],
    { what: "the link dropped in the note", timeout: 5_000 },
  );
  // Shown by name like the rest of the note; kept by id, which the preview follows.
  assert.ok(body.includes("[[Hezbollah]]"), body);
  const linked = await session.waitFor(
    "const l = [...document.querySelectorAll('[data-testid=note-preview] [data-testid=wikilink]')].map(l => l.textContent + '#' + l.dataset.id); return l.length > 0 && l;",
  );
  assert.ok(linked.includes(`Hezbollah#${hezbollah.id}`), linked.join(", "));
  assert.ok(body.startsWith("Who funds whom:"), body);
});
