// End to end: the real app under Xvfb shows, on its Library screen, a source that the
// command line put into the store.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { appBinary, scratchHome, Session } from "./webdriver.mjs";

const scratch = scratchHome();
const store = join(scratch.home, "e2e.dossier");
let session;

before(async () => {
  const article = join(scratch.home, "dispatch.txt");
  writeFileSync(
    article,
    "Caracas and Tehran renew their pact\n\n" +
      "Venezuela and Iran signed a new cooperation agreement in June 2023, state media reported. " +
      "“This is a strategic alliance,” the minister said in Caracas.\n",
  );
  execFileSync(appBinary(), ["--db", store, "import", article], { env: { ...process.env, ...scratch.env } });
  session = await Session.start({ ...scratch.env, DOSSIER_DB: store });
});

after(async () => {
  await session?.close();
});

test("the Library screen lists a source inserted through the CLI", async () => {
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

test("the sidebar reaches every view", async () => {
  const labels = await session.execute("return [...document.querySelectorAll('.nav-item')].map(b => b.textContent)");
  assert.deepEqual(labels, ["Library", "Actors", "Claims", "Graph", "Timeline", "Notes", "Search"]);
  await session.execute("[...document.querySelectorAll('.nav-item')].find(b => b.textContent === 'Search').click()");
  await session.execute(
    "const box = document.querySelector('input[type=search]'); box.value = 'strategic'; box.dispatchEvent(new Event('input', { bubbles: true }));",
  );
  const hit = await session.waitFor("const h = document.querySelector('.hit mark'); return h && h.textContent;", [], {
    what: "a highlighted search hit",
  });
  assert.equal(hit, "strategic");
  await session.screenshot("search");
});
