// End to end: independent corroboration on the seed article. The seed and another
// outlet's republication of it (made here at run time from ../shared, under another
// headline, its last paragraph cut and a syndication line added; never kept in the
// project) are imported and every suggestion accepted, so every edge stands on two
// sources. The copy detector found the second to be the first's story: the graph
// counts "2 sources, 1 independent". The person says "Not a copy" in the Reader and the
// graph counts two independent sources; "Same story" and it drops to one again.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openApp, repoRoot } from "./webdriver.mjs";

const seed = join(repoRoot, "../shared/seed/article.txt");

/** The seed's story as another site ran it. */
function republished(home) {
  const paragraphs = readFileSync(seed, "utf8").trim().split(/\n\s*\n/);
  const text = [
    "Analysts warn of Tehran's web of allies in Latin America",
    "Republished with permission. This story first ran on a partner site.",
    ...paragraphs.slice(0, -1),
    "Distributed by our content-sharing partners. Comments are closed.",
  ].join("\n\n");
  const file = join(home, "republished-alliance.txt");
  writeFileSync(file, `${text}\n`);
  return file;
}

/** The graph's edge rows, "from|relation|to" → [sources, independent]. */
const edgeRows = `const l = document.querySelector('.edge-list'); if (l) l.open = true;
  return [...document.querySelectorAll('[data-testid=edge-row]')].map(b =>
    [b.dataset.from + '|' + b.dataset.relation + '|' + b.dataset.to, Number(b.dataset.sources), Number(b.dataset.independent)]);`;

async function graphEdges(session) {
  await session.press("5", ["Control"]);
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], {
    what: "the graph laid out",
    timeout: 30_000,
  });
  await session.waitFor(`const rows = (() => { ${edgeRows} })(); return rows.length > 0;`, [], { what: "the edge list" });
  return session.execute(edgeRows);
}

/** Opens the Reader on the republished copy from the Library. */
async function openCopyInReader(session, copyId) {
  await session.press("1", ["Control"]);
  await session.waitFor(
    `const row = document.querySelector('[data-source-id="${copyId}"]'); if (row) row.click(); return !!row;`,
    [],
    { what: "the copy in the Library" },
  );
  await session.waitFor("return !!document.querySelector('[data-testid=copies-panel]')", [], { what: "the copies panel" });
}

test("a republished copy of the seed counts once, until the person says it is independent", async (t) => {
  if (!existsSync(seed)) {
    t.skip(`${seed} is absent: this test needs the seed article`);
    return;
  }
  const { session, cli } = await openApp(t, {
    prepare: ({ home, cli }) => {
      cli("import", seed);
      cli("import", republished(home));
      for (const id of ["1", "2"]) cli("suggestions", "accept", "--source", id, "--all");
    },
  });
  const pairs = JSON.parse(cli("copies", "--json"));
  assert.equal(pairs.length, 1, JSON.stringify(pairs));
  assert.deepEqual([pairs[0].copy_id, pairs[0].original_id, pairs[0].detected.evidence], [2, 1, "wording"]);

  await session.waitFor("return document.querySelectorAll('[data-source-id]').length === 2", [], { what: "the Library" });
  const marked = await session.waitFor(
    "return [...document.querySelectorAll('[data-testid=source-copies]')].map(m => m.textContent.trim())",
    [],
    { what: "the copies marked in the Library" },
  );
  assert.deepEqual(marked, ["one story with 1 other source", "one story with 1 other source"]);
  await session.screenshot("copies-library");
  let edges = await graphEdges(session);
  const twice = edges.filter(([, sources]) => sources === 2);
  assert.ok(twice.length >= 3, `edges cited in both: ${JSON.stringify(edges)}`);
  for (const [edge, sources, independent] of twice) assert.equal(independent, 1, `${edge}: ${sources} sources`);
  // The evidence panel of one of them says so in words.
  await session.waitFor(
    `const b = [...document.querySelectorAll('[data-testid=edge-row]')].find(b => b.dataset.sources === '2'); if (b) b.click(); return !!b;`,
    [],
    { what: "an edge cited in both" },
  );
  const said = await session.waitFor("return document.querySelector('[data-testid=edge-sources]')?.textContent", [], {
    what: "the edge's sources",
  });
  assert.match(said.replace(/\s+/g, " "), /2 sources, 1 independent · copies of one story: not corroborated/);
  await session.screenshot("copies-graph-edge-one-story");
  // Each of its claims rests on one source, and says so.
  await session.waitFor("const b = document.querySelector('[data-testid=edge-open-claim]'); if (b) b.click(); return !!b;", [], {
    what: "the claim",
  });
  const warning = await session.waitFor("return document.querySelector('[data-testid=claim-single-story]')?.textContent", [], {
    what: "the claim's warning",
  });
  assert.match(warning, /One source: not corroborated/);
  await session.screenshot("copies-claim-one-source");

  // The Reader of the copy names the original and why.
  await openCopyInReader(session, 2);
  const row = await session.waitFor(
    "const r = document.querySelector('[data-testid=copy-row]'); return r && [r.dataset.sourceId, r.dataset.sameGroup, r.textContent];",
    [],
    { what: "the original in the copies panel" },
  );
  assert.equal(row[0], "1");
  assert.equal(row[1], "true");
  assert.match(row[2], /the original of this one: \d+% of the wording shared/);
  await session.screenshot("copies-reader-panel");

  // Not a copy, says the person: two independent sources.
  await session.waitFor("const b = document.querySelector('[data-testid=copy-independent]'); if (b) b.click(); return !!b;", [], {
    what: "Not a copy",
  });
  await session.waitFor("return !!document.querySelector('[data-testid=copy-same-story]')", [], { what: "the mark taken" });
  edges = await graphEdges(session);
  for (const [edge, sources, independent] of edges.filter(([, s]) => s === 2)) assert.equal(independent, 2, edge);

  // Same story after all: the count drops to one again.
  await openCopyInReader(session, 2);
  await session.waitFor("const b = document.querySelector('[data-testid=copy-same-story]'); if (b) b.click(); return !!b;", [], {
    what: "Same story",
  });
  await session.waitFor("return !!document.querySelector('[data-testid=copy-independent]')", [], { what: "the mark taken" });
  await session.screenshot("copies-reader-marked-one-story");
  edges = await graphEdges(session);
  for (const [edge, sources, independent] of edges.filter(([, s]) => s === 2)) assert.equal(independent, 1, edge);
  const history = cli("history");
  assert.match(history, /Marked .* as one story/);
  assert.match(history, /Marked .* as independent/);
});
