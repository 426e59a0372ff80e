// End to end: a library grown by many small imports has its full-text index spread over
// several segments; the app, once left alone, merges them down to one by itself (the
// CLI's `tidy --status` reads the count from the same file while the window has it).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { openApp } from "./webdriver.mjs";

const segments = (cli) => Number(/^sources_fts\s+(\d+) segments$/m.exec(cli("tidy", "--status"))?.[1]);

test("left alone, the app merges a library's search index down to one segment", async (t) => {
  let before;
  const { session, cli } = await openApp(t, {
    storeName: "tidy.dossier",
    prepare: ({ home, cli }) => {
      const corpus = join(home, "corpus");
      cli("dev", "gen-corpus", "--sources", "60", "--seed", "7", "--out", corpus);
      cli("import", corpus); // one source per transaction, each adding index segments
      before = segments(cli);
    },
  });
  assert.ok(before > 1, `many small writes leave several segments (${before})`);

  await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library" });
  const deadline = Date.now() + 60_000;
  let now = before;
  while ((now = segments(cli)) > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(now, 1, `the index was merged from ${before} segments`);
  // Searching still finds what it found: the merge keeps every entry.
  assert.match(cli("search", "officials"), /officials/i);
});
