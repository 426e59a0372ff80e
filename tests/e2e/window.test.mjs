// End to end: the window comes back at the size it was given before the app closed, and
// the app opens the store it opened last. xdotool resizes the real X window under Xvfb;
// the app keeps both beside the default store. Each test has a HOME of its own.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { appBinary, openApp, repoRoot, scratchHome, Session } from "./webdriver.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("the window reopens at the size it had when it was closed", async (t) => {
  const scratch = scratchHome();
  const env = { ...scratch.env, DOSSIER_DB: join(scratch.home, "window.dossier") };
  const geometryFile = join(scratch.env.XDG_DATA_HOME, "org.dossier.desktop", "window.json");
  let session = await Session.start(env);
  t.after(() => session?.close());
  const size = () => session.execute("return [window.outerWidth, window.outerHeight];");
  await session.waitFor("return !!document.querySelector('nav')", [], { what: "the window" });
  const before = await size();
  const wanted = [before[0] === 1000 ? 1100 : 1000, before[1] === 700 ? 650 : 700];
  const ids = execFileSync("xdotool", ["search", "--name", "^Dossier$"]).toString().trim().split("\n");
  for (const id of ids) execFileSync("xdotool", ["windowsize", id, String(wanted[0]), String(wanted[1])]);
  await session.waitFor(`const s = [window.outerWidth, window.outerHeight]; return s[0] === ${wanted[0]} && s[1] === ${wanted[1]};`, [], {
    what: `the window at ${wanted.join("×")}`,
  });
  const end = Date.now() + 5_000;
  while (!(existsSync(geometryFile) && JSON.parse(readFileSync(geometryFile, "utf8")).width === wanted[0]) && Date.now() < end) await sleep(100);
  assert.equal(JSON.parse(readFileSync(geometryFile, "utf8")).width, wanted[0]);
  await session.close();
  session = null;

  // The same HOME, the window left as the app makes it.
  session = await Session.start(env, { size: null });
  await session.waitFor("return !!document.querySelector('nav')", [], { what: "the window again" });
  assert.deepEqual(await size(), wanted);
});

test("started without naming a store, the app opens the one it opened last", async (t) => {
  const scratch = scratchHome();
  const named = join(scratch.home, "window.dossier");
  const shownPath = "const p = document.querySelector('.path'); return p && p.title;";
  // First a start on a store named in the environment…
  let session = await Session.start({ ...scratch.env, DOSSIER_DB: named });
  t.after(() => session?.close());
  assert.equal(await session.waitFor(shownPath, [], { what: "the named store's path" }), named);
  await session.close();
  session = null;

  // …then one in the same HOME naming none.
  session = await Session.start({ ...scratch.env, DOSSIER_DB: "" });
  const shown = await session.waitFor(shownPath, [], { what: "the store's path" });
  assert.equal(shown, named);
});

test("a file opened while the store's window is open is handed to that window and imported", async (t) => {
  const { session, env, store } = await openApp(t, { storeName: "window.dossier" });
  await session.waitFor("return !!document.querySelector('nav')", [], { what: "the window" });
  const listed = () => session.execute("return [...document.querySelectorAll('button.source .title')].map((t) => t.textContent)");
  assert.ok(!(await listed()).some((t) => /Acuerdo portuario/.test(t)), "not imported before");
  const second = spawnSync(appBinary(), [join(repoRoot, "tests", "fixtures", "html", "harbor-deal.html")], {
    env: { ...process.env, ...env, DOSSIER_DB: store },
    encoding: "utf8",
    timeout: 20_000,
  });
  // The second start exits (spawnSync returned) having opened no window of its own.
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stderr, /is open in a running window; handed 1 file\(s\) to it/);
  const title = await session.waitFor(
    "return [...document.querySelectorAll('button.source .title')].map((t) => t.textContent).find((t) => /Acuerdo portuario/.test(t)) ?? null",
    [],
    { what: "the handed file in the Library" },
  );
  assert.match(title, /Irán y Venezuela/);
});

test("a damaged store opens to a message saying how to restore it", async (t) => {
  const { session } = await openApp(t, {
    storeName: "damaged.dossier",
    prepare: ({ store, cli }) => {
      cli("import", join(repoRoot, "tests", "fixtures", "articles"));
      // Scramble one index page: the file still opens, SQLite's quick check fails.
      execFileSync("python3", [
        "-c",
        `import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sources_published'").fetchone()[0]
size = db.execute('PRAGMA page_size').fetchone()[0]; db.close()
f = open(sys.argv[1], 'r+b'); f.seek((root - 1) * size); f.write(bytes(8)); f.close()`,
        store,
      ]);
    },
  });
  const notice = await session.waitFor(
    "const n = [...document.querySelectorAll('.notices *')].map((e) => e.textContent).join(' '); return /damaged/.test(n) ? n : null;",
    [],
    { what: "the damaged-store notice" },
  );
  assert.match(notice, /restore a backup from .*backups/);
  // The store is closed: nothing is listed from it any more.
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length === 0", [], { what: "an empty Library" });
  await session.screenshot("damaged-store");
});
