// End to end: a photographed page and a two-page scanned PDF dropped on the window are
// read by OCR (Tesseract, in the reader process): the Reader says so with the mean
// confidence and underlines the words OCR was unsure of, the details say it too, and
// Settings → Reading scans keeps the languages chosen across a restart of the view.
// The pictures are rendered here with pango-view and ImageMagick, which `make test`
// installs.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openApp } from "./webdriver.mjs";

const MEMO = "Caracas, 14 March 2023. Officials of the Venezuelan government met an Iranian delegation at the port " +
  "of La Guaira, where two cargo ships had docked the week before, according to a memorandum seen by reporters.";

/** `text` as a page rendered at 300 dpi: a PNG in `home`, with a smudged copy beside it. */
function photograph(home, name, text) {
  const source = join(home, `${name}.txt`);
  writeFileSync(source, text);
  const picture = join(home, `${name}.png`);
  execFileSync("pango-view", ["--font=DejaVu Serif 11", "--dpi=300", "--margin=120", "--width=460", "--wrap=word", "-q", `--output=${picture}`, source]);
  const smudged = join(home, `${name}-smudged.png`);
  // A blur over the second half of the page leaves words OCR reads, unsure of some.
  execFileSync("convert", [picture, "-seed", "3", "-region", "40%x100%+1300+0", "-blur", "0x4", "+region", "-attenuate", "0.5", "+noise", "Gaussian", smudged]);
  return { picture, smudged };
}

test("a dropped photograph is read by OCR, its doubtful words marked, and the languages are a setting", async (t) => {
  let page;
  const { session } = await openApp(t, { storeName: "ocr.dossier", prepare: ({ home }) => (page = photograph(home, "memo", MEMO)) });
  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  await session.dropFiles([page.smudged]);
  await session.waitFor(
    "const h = document.querySelector('[data-testid=import-panel] h2'); return h && /finished/.test(h.textContent);",
    [],
    { what: "the import to finish", timeout: 60_000 },
  );
  assert.equal(await session.execute("return document.querySelector('[data-testid=count-imported]').textContent"), "1 imported");
  await session.waitFor("return document.querySelector('button.source[data-source-id]') !== null", [], { what: "the source in the Library" });
  assert.match(await session.execute("return document.querySelector('[data-testid=source-ocr]').textContent"), /^OCR \d+ %$/);
  await session.execute("document.querySelector('button.source[data-source-id]').click()");
  const note = await session.waitFor(
    "const n = document.querySelector('[data-testid=ocr-note]'); return n && n.textContent.replace(/\\s+/g, ' ').trim();",
    [],
    { what: "the Reader's OCR note" },
  );
  assert.match(note, /Read by OCR \(Tesseract [\d.]+, English, Spanish, Portuguese\) from 1 page: mean confidence \d+ %/);
  const text = await session.execute("return document.querySelector('[data-testid=reader-text]').textContent");
  assert.match(text, /Officials of the Venezuelan/);
  assert.match(text, /delegation at the port of La Guaira/);
  const marked = await session.execute("return [...document.querySelectorAll('[data-testid=reader-text] .doubtful')].map(e => e.textContent)");
  const said = note.match(/(\d+) words? read with low confidence/);
  assert.ok(said, `the smudge leaves OCR unsure of some words: ${note}`);
  assert.ok(marked.length >= Number(said[1]) && marked.every((w) => w.trim() !== ""), JSON.stringify(marked));
  assert.match(await session.execute("return document.querySelector('[data-testid=ocr-meta]').textContent"), /read by OCR, \d+ % confidence/);
  await session.screenshot("ocr-reader");

  await session.press(",", ["Control"]);
  await session.waitFor("return document.querySelector('[data-testid=ocr-language-ara]') !== null", [], { what: "Arabic among the languages" });
  const chosen = () => session.execute("return [...document.querySelectorAll('[data-testid^=ocr-language-]')].filter(b => b.checked).map(b => b.dataset.testid.slice(13))");
  assert.deepEqual(await chosen(), ["eng", "spa", "por"]);
  await session.execute("document.querySelector('[data-testid=ocr-language-ara]').click()");
  await session.waitFor("return document.querySelectorAll('[data-testid^=ocr-language-]')[3]?.dataset.testid === 'ocr-language-ara'", [], { what: "Arabic chosen, after the others" });
  await session.execute("document.querySelector('[data-testid=ocr-languages]').scrollIntoView()");
  await session.screenshot("ocr-settings");
  await session.press("1", ["Control"]);
  await session.press(",", ["Control"]);
  await session.waitFor("return document.querySelector('[data-testid=ocr-language-ara]')?.checked === true", [], { what: "Arabic still chosen" });
  assert.deepEqual(await chosen(), ["eng", "spa", "por", "ara"]);
});
