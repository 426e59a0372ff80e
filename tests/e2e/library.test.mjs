// End to end: the real app under Xvfb shows, on its Library screen, a source that the
// command line put into the store.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openApp } from "./webdriver.mjs";

/** The app on a fresh store holding one article, imported through the CLI. */
const openLibrary = (t) =>
  openApp(t, {
    storeName: "e2e.dossier",
    prepare: ({ home, cli }) => {
      const article = join(home, "dispatch.txt");
      writeFileSync(
        article,
        "Caracas and Tehran renew their pact\n\n" +
          "Venezuela and Iran signed a new cooperation agreement in June 2023, state media reported. " +
          "“This is a strategic alliance,” the minister said in Caracas.\n",
      );
      cli("import", article);
    },
  });

const libraryShown = (session) =>
  session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library" });

test("the Library screen lists a source inserted through the CLI", async (t) => {
  const { session } = await openLibrary(t);
  const title = await session.waitFor(
    "const row = document.querySelector('[data-source-id] .title'); return row && row.textContent;",
    [],
    { what: "a source row in the Library" },
  );
  assert.equal(title, "Caracas and Tehran renew their pact");
  const heading = await session.execute("return document.querySelector('main h1').textContent");
  assert.equal(heading, "Library");
  const status = await session.waitFor("const s = document.querySelector('.store'); return s && s.textContent.includes('1 source ·') && s.textContent;");
  assert.match(status, /e2e\.dossier/);
  const shot = await session.screenshot("library");
  console.log(`screenshot: ${shot}`);
});

test("the sidebar reaches every view; Settings shows the store's path and applies the dark theme at once", async (t) => {
  const { session } = await openLibrary(t);
  await libraryShown(session);
  const labels = await session.execute(
    "return [...document.querySelectorAll('.nav-item')].map(b => b.firstChild.textContent.trim())",
  );
  assert.deepEqual(labels, ["Library", "Review", "Actors", "Claims", "Graph", "Timeline", "Notes", "Search", "Hypotheses", "Settings"]);
  await session.execute("document.querySelector('[data-testid=nav-settings]').click()");
  const path = await session.waitFor("const p = document.querySelector('[data-testid=store-path]'); return p && p.textContent;");
  assert.match(path, /e2e\.dossier$/);
  // The dark theme, chosen in Settings, applies at once; the system's theme, chosen
  // again, takes it away.
  await session.execute("document.querySelector('input[name=theme][value=dark]').click()");
  const background = await session.waitFor(
    "return document.documentElement.dataset.theme === 'dark' && getComputedStyle(document.documentElement).backgroundColor",
  );
  assert.equal(background, "rgb(21, 24, 29)");
  await session.execute("document.querySelector('[data-testid=nav-library]').click()");
  await session.screenshot("library-dark");
  await session.execute("document.querySelector('[data-testid=nav-settings]').click()");
  await session.waitFor("const r = document.querySelector('input[name=theme][value=system]'); if (r) r.click(); return !!r;");
  await session.waitFor("return document.documentElement.dataset.theme === undefined");
});

test("Ctrl+K finds words in the sources, and Shift+Enter takes them to Search, whose hit opens the source", async (t) => {
  const { session } = await openLibrary(t);
  await libraryShown(session);
  await session.press("k", ["Control"]);
  await session.waitFor("return document.activeElement && document.activeElement.dataset.testid === 'palette-input'", [], {
    what: "the palette's search box focused",
  });
  await session.type("[data-testid=palette-input]", "strategic");
  const hit = await session.waitFor("const h = document.querySelector('[data-testid=palette-hit] mark'); return h && h.textContent;", [], {
    what: "a highlighted hit in the palette",
  });
  assert.equal(hit, "strategic");
  await session.screenshot("palette");
  // Shift+Enter takes the query to the Search view, where a hit opens its source.
  await session.press("Enter", ["Shift"]);
  const count = await session.waitFor("const c = document.querySelector('[data-testid=search-count]'); return c && c.textContent;", [], {
    what: "the Search view's count",
  });
  assert.match(count, /^1 result$/);
  assert.equal(await session.execute("return document.querySelector('[data-testid=search-input]').value"), "strategic");
  await session.screenshot("search");
  await session.execute("document.querySelector('[data-testid=search-hit]').click()");
  const reader = await session.waitFor("const h = document.querySelector('main h1'); return h && h.textContent !== '…' && h.textContent;", [], {
    what: "the reader opened from the hit",
  });
  assert.equal(reader, "Caracas and Tehran renew their pact");
});

test("Settings backs the store up and restores it, undoing what came after", async (t) => {
  const { session, cli } = await openLibrary(t);
  await libraryShown(session);
  await session.execute("document.querySelector('[data-testid=nav-settings]').click()");
  const daily = await session.waitFor(
    "const t = document.querySelector('[data-testid=backups]'); return t && t.textContent.includes('daily') && t.textContent;",
    [],
    { what: "the day's backup, made when the window opened" },
  );
  assert.match(daily, /daily/);
  await session.execute("document.querySelector('[data-testid=backup-now]').click()");
  await session.waitFor("const t = document.querySelector('[data-testid=backups]'); return t && t.textContent.includes('manual');", [], {
    what: "the manual backup listed",
  });
  // Something changes after the backup (here from the command line, beside the window)…
  cli("actors", "add", "Added after the backup");
  const before = JSON.parse(cli("list", "actors", "--json"));
  assert.ok(before.items.some((a) => a.name === "Added after the backup"));
  // …and restoring the backup takes the store back to it.
  await session.execute(
    "const row = [...document.querySelectorAll('[data-testid=backups] tbody tr')].find(r => r.textContent.includes('manual')); row.querySelector('button').click();",
  );
  await session.waitFor("const b = document.querySelector('[data-testid=confirm-restore]'); if (b) b.click(); return !!b;");
  await session.waitFor("return [...document.querySelectorAll('.notice strong')].some(s => s.textContent === 'Restored')", [], {
    what: "the restore confirmed",
  });
  await session.screenshot("settings-backups");
  const after = JSON.parse(cli("list", "actors", "--json"));
  assert.ok(!after.items.some((a) => a.name === "Added after the backup"));
  const reasons = await session.execute("return document.querySelector('[data-testid=backups]').textContent");
  assert.match(reasons, /before restore/);
});
