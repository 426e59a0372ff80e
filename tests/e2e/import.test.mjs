// End to end: a real drag-and-drop of a folder and a file onto the app window under
// Xvfb. A GTK drag source (drag_source.py) offers them as text/uri-list, xdotool drags
// them onto the window like a hand would, and the page must show a live import panel,
// a per-file result list with reasons, and the new sources in the Library.
import assert from "node:assert/strict";
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openApp, repoRoot } from "./webdriver.mjs";

const fixtures = join(repoRoot, "tests/fixtures");

/** A folder of pages, documents and odd files to drop, and a single note beside it, in `home`. */
function writeDrop(home) {
  const drop = join(home, "drop");
  const single = join(home, "single note.md");
  mkdirSync(join(drop, "nested"), { recursive: true });
  cpSync(join(fixtures, "html"), drop, { recursive: true }); // harbor-deal.html, saved-page.html + assets
  copyFileSync(join(fixtures, "articles/caracas-tehran-pact.txt"), join(drop, "nested/pact.txt"));
  writeFileSync(join(drop, "empty.html"), "");
  for (const name of ["memo.docx", "report.pdf", "axis.epub", "truncated.pdf"]) {
    copyFileSync(join(fixtures, "formats", name), join(drop, "nested", name));
  }
  writeFileSync(join(drop, "photo.heic"), "\xFF\xD8\xFF\xE0 not an article");
  writeFileSync(join(drop, 'line "quoted" بيروت.txt'), "Beirut notes\n\nA dispatch with an odd file name.");
  writeFileSync(single, "# Field notes from Caracas\n\nMet two officials at the ministry.");
  return { drop, single };
}

/** A folder of 2,000 distinct web pages, too many to import before a cancel comes. */
function writeBigDrop(home) {
  const big = join(home, "big drop");
  mkdirSync(big);
  const page = readFileSync(join(fixtures, "html/harbor-deal.html"), "utf8");
  const padding = "<p>" + "Las autoridades portuarias no publicaron el manifiesto de carga. ".repeat(40) + "</p>";
  for (let i = 0; i < 2000; i++) {
    writeFileSync(join(big, `page-${String(i).padStart(4, "0")}.html`), page.replace("</article>", `${padding}<p>Copia ${i}.</p></article>`));
  }
  return big;
}

const emptyLibrary = (session) =>
  session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });

test("dropping a folder and a file imports them with live progress and a result per file", async (t) => {
  let dropped;
  const { session } = await openApp(t, { storeName: "drop.dossier", prepare: ({ home }) => (dropped = writeDrop(home)) });
  await emptyLibrary(session);
  await session.dropFiles([dropped.drop, dropped.single]);
  const heading = await session.waitFor(
    "const h = document.querySelector('[data-testid=import-panel] h2'); return h && /finished/.test(h.textContent) && h.textContent.trim();",
    [],
    { what: "the import panel saying the import finished", timeout: 30_000 },
  );
  assert.equal(heading, "Import finished");
  const counts = await session.execute(
    "return ['imported', 'duplicates', 'failed'].map(k => document.querySelector(`[data-testid=count-${k}]`).textContent)",
  );
  assert.deepEqual(counts, ["8 imported", "0 already in library", "2 failed"]);
  assert.equal(await session.execute("return document.querySelector('[data-testid=count-skipped]').textContent"), "1 skipped");
  const rows = await session.execute(
    "return [...document.querySelectorAll('.import-panel .file')].map(li => li.textContent.replace(/\\s+/g, ' ').trim())",
  );
  assert.equal(rows.length, 11, rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("empty.html") && r.includes("empty file")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("skipped") && r.includes("photo.heic") && r.includes("not a document type Dossier reads (.heic)")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("truncated.pdf") && r.includes("PDF")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes('line "quoted" بيروت.txt') && r.includes("imported")), rows.join("\n"));
  assert.ok(!rows.some((r) => r.includes("app.js") || r.includes("chart.png")), "a saved page's assets are not imported");

  const titles = await session.waitFor(
    "const t = [...document.querySelectorAll('[data-source-id] .title')].map(e => e.textContent); return t.length === 8 && t;",
    [],
    { what: "eight sources in the Library" },
  );
  assert.ok(titles.includes("Acuerdo portuario entre Irán y Venezuela inquieta a Washington"), titles.join("\n"));
  assert.ok(titles.includes("Field notes from Caracas"), titles.join("\n"));
  for (const title of ["Memo: couriers in the tri-border area", "Port logistics in La Guaira", "The Axis in the Andes"]) {
    assert.ok(titles.includes(title), `${title} missing from:\n${titles.join("\n")}`);
  }
  const pending = await session.waitFor(
    "const p = document.querySelector('[data-testid=pending-suggestions]'); return p && p.textContent;",
    [],
    { what: "the count of suggestions to review" },
  );
  assert.match(pending, /^\d+ suggestions to review$/);
  console.log(`screenshot: ${await session.screenshot("import-dropped")}`);
});

test("a large drop shows live progress and can be cancelled, keeping what was imported", async (t) => {
  // A library with some sources already, which the cancelled import must leave as they are.
  let big;
  let existing;
  const { session } = await openApp(t, {
    storeName: "drop.dossier",
    prepare: ({ home, cli }) => {
      cli("import", join(fixtures, "articles"));
      existing = JSON.parse(cli("stats", "--json")).sources;
      big = writeBigDrop(home);
    },
  });
  assert.ok(existing > 0, `${existing} sources before the drop`);
  await session.waitFor(`return document.querySelectorAll('[data-source-id]').length === ${existing}`, [], { what: `the ${existing} sources in the Library` });
  await session.dropFiles([big]);
  const running = await session.waitFor(
    "const h = document.querySelector('[data-testid=import-panel] h2'); return h && /^Importing [1-9]/.test(h.textContent.trim()) && h.textContent.trim();",
    [],
    { what: "the import panel counting files", timeout: 30_000 },
  );
  assert.match(running, /^Importing \d+ of 2000…$/);
  console.log(`screenshot: ${await session.screenshot("import-running")}`);
  await session.execute("[...document.querySelectorAll('.import-panel button')].find(b => b.textContent.trim() === 'Cancel').click()");
  const ended = await session.waitFor(
    "const h = document.querySelector('[data-testid=import-panel] h2'); return h && !/^Importing/.test(h.textContent.trim()) && h.textContent.trim();",
    [],
    { what: "the import to stop", timeout: 30_000 },
  );
  assert.equal(ended, "Import cancelled");
  const notImported = await session.execute(
    "const s = [...document.querySelectorAll('.import-panel .counts span')].find(e => /not imported/.test(e.textContent)); return s && parseInt(s.textContent, 10);",
  );
  const imported = await session.execute("return parseInt(document.querySelector('[data-testid=count-imported]').textContent, 10)");
  assert.ok(notImported > 0, "the cancel came after the batch had finished");
  assert.equal(imported + notImported, 2000);
  const sources = await session.waitFor(
    `const s = document.querySelector('.store'); const m = s && s.textContent.match(/(\\d+) sources? ·/); return m && Number(m[1]) === ${existing + imported} && Number(m[1]);`,
    [],
    { what: "the library count to include exactly the imported pages" },
  );
  assert.equal(sources, existing + imported);
  console.log(`screenshot: ${await session.screenshot("import-cancelled")}`);
});

test("pasting an HTML fragment outside a text field adds a sanitized source", async (t) => {
  const { session } = await openApp(t, { storeName: "drop.dossier" });
  await emptyLibrary(session);
  await session.execute(`
    const data = new DataTransfer();
    data.setData("text/html", "<h2>Pasted: envoy lands in Havana</h2><p onmouseover='alert(1)'>The envoy landed on Monday.</p><script>alert(2)</script>");
    data.setData("text/plain", "Pasted: envoy lands in Havana\\n\\nThe envoy landed on Monday.");
    document.querySelector("main").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  `);
  const title = await session.waitFor(
    "const t = [...document.querySelectorAll('[data-source-id] .title')].map(e => e.textContent).find(t => t.startsWith('Pasted:')); return t;",
    [],
    { what: "the pasted source in the Library" },
  );
  assert.equal(title, "Pasted: envoy lands in Havana");
});
