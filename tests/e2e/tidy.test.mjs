// End to end: a library grown by many small imports has its full-text index spread over
// several segments; the app, once left alone, merges them down to one by itself (the
// CLI's `tidy --status` reads the count from the same file while the window has it).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, test } from "node:test";
import { appBinary, scratchHome, Session } from "./webdriver.mjs";

const scratch = scratchHome();
const store = join(scratch.home, "tidy.dossier");
let session;

after(async () => {
  await session?.close();
});

const cli = (...args) => execFileSync(appBinary(), ["--db", store, ...args], { env: { ...process.env, ...scratch.env } }).toString();
const sourceSegments = () => Number(/^sources_fts\s+(\d+) segments$/m.exec(cli("tidy", "--status"))?.[1]);

test("left alone, the app merges a library's search index down to one segment", async () => {
  const corpus = join(scratch.home, "corpus");
  cli("dev", "gen-corpus", "--sources", "60", "--seed", "7", "--out", corpus);
  cli("import", corpus); // one source per transaction, each adding index segments
  const before = sourceSegments();
  assert.ok(before > 1, `many small writes leave several segments (${before})`);

  session = await Session.start({ ...scratch.env, DOSSIER_DB: store });
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library" });
  const deadline = Date.now() + 60_000;
  let now = before;
  while ((now = sourceSegments()) > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(now, 1, `the index was merged from ${before} segments`);
  // Searching still finds what it found: the merge keeps every entry.
  assert.match(cli("search", "officials"), /officials/i);
});
