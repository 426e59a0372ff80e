// End to end: the app started the way a new user starts it. A fresh HOME with no data
// folder, no --db and no DOSSIER_DB: the app makes its data folder (private to the
// user), its default store and the store's lock, shows the empty Library, and a file
// dropped on the window lands in the Library. (The first start used to fail: the lock
// was taken before the data folder existed.)
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Session } from "./webdriver.mjs";

test("a new user's first start makes the data folder and the store, and a dropped file appears in the Library", async (t) => {
  const home = mkdtempSync(join(tmpdir(), "dossier-new-user-"));
  // Nothing but HOME: the XDG variables unset (empty), as on a fresh account.
  const env = { HOME: home, XDG_DATA_HOME: "", XDG_CONFIG_HOME: "", XDG_CACHE_HOME: "", DOSSIER_DB: "" };
  const data = join(home, ".local/share/org.dossier.desktop");
  assert.ok(!existsSync(join(home, ".local")), "a fresh HOME has no data folder");
  const session = await Session.start(env);
  t.after(() => session.close());

  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  const notices = await session.execute("return [...document.querySelectorAll('.notices *')].map((e) => e.textContent).join(' ')");
  assert.doesNotMatch(notices, /did not work|cannot|failed/i, `no error on the first start: ${notices}`);
  assert.ok(existsSync(join(data, "library.dossier")), "the default store exists");
  assert.ok(existsSync(join(data, "library.dossier.lock")), "the window holds the store's lock");
  assert.equal(statSync(data).mode & 0o777, 0o700, "the data folder is the user's alone");

  const article = join(home, "first article.txt");
  writeFileSync(article, "Envoy lands in Havana\n\nThe envoy of Venezuela landed in Havana on Monday, officials said.\n");
  await session.dropFiles([article]);
  const titles = await session.waitFor(
    "const t = [...document.querySelectorAll('[data-source-id] .title')].map(e => e.textContent); return t.length > 0 && t;",
    [],
    { what: "the dropped file in the Library", timeout: 30_000 },
  );
  assert.deepEqual(titles, ["Envoy lands in Havana"]);
  const shown = await session.execute("const p = document.querySelector('.path'); return p && p.title;");
  assert.equal(shown, join(data, "library.dossier"), "the window shows the default store");
  await session.screenshot("first-start");
});
