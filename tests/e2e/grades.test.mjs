// End to end: grading on the seed (the Admiralty system). The seed is imported and its
// suggestions accepted; another article of ours waits in Review. The person grades the
// seed B in the Reader; the Library shows the letter and filters by it; a claim's page
// shows "B2" with why the credibility is suggested and takes a 5; "B2 or better" narrows
// the Claims list, the graph and the timeline exactly as the command line counts them;
// in Review the key 2 accepts a claim graded 2; the CSV export carries every grade.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openApp, repoRoot } from "./webdriver.mjs";

const seed = join(repoRoot, "../shared/seed/article.txt");
const other = join(repoRoot, "tests/fixtures/extract/en-drones.txt");

/** Sets a <select> as a person would, firing its change. */
const choose = (testId, value) => `const s = document.querySelector('[data-testid=${testId}]');
  if (!s) return false; s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change', { bubbles: true })); return true;`;

const listTotal = (label) =>
  `const l = document.querySelector('[role=list][aria-label=${label}]'); return l && l.getAttribute('aria-busy') !== 'true' ? Number(l.dataset.total) : null;`;

test("a person grades the seed, its claims, and reads only B2 or better everywhere", async (t) => {
  if (!existsSync(seed)) {
    t.skip(`${seed} is absent: this test needs the seed article`);
    return;
  }
  const { session, cli } = await openApp(t, {
    prepare: ({ cli }) => {
      cli("import", seed);
      cli("suggestions", "accept", "--source", "1", "--all");
      cli("import", other);
    },
  });
  const count = (...args) => JSON.parse(cli(...args, "--json")).total;

  // The Reader: the seed has no address nor site, so it is graded itself.
  await session.waitFor("const r = document.querySelector('[data-source-id=\"1\"]'); if (r) r.click(); return !!r;", [], {
    what: "the seed in the Library",
  });
  await session.waitFor("return document.querySelector('[data-testid=source-grade]')?.dataset.reliability === ''", [], {
    what: "the seed not graded",
  });
  await session.waitFor("const b = document.querySelector('[data-testid=grade-source-B]'); if (b) b.click(); return !!b;", [], {
    what: "grade B",
  });
  await session.waitFor("return document.querySelector('[data-testid=source-grade]')?.dataset.reliability === 'B'", [], {
    what: "the seed graded B",
  });
  const panel = await session.execute("return document.querySelector('[data-testid=source-grade]').textContent");
  assert.match(panel.replace(/\s+/g, " "), /B Usually reliable · graded for this source/);
  await session.screenshot("grades-reader");

  // The Library shows the letter, and "A only" leaves nothing, "B or better" the seed.
  await session.press("1", ["Control"]);
  const badge = await session.waitFor(
    "return document.querySelector('[data-source-id=\"1\"] [data-testid=source-reliability]')?.textContent",
    [],
    { what: "the letter in the Library" },
  );
  assert.equal(badge.trim(), "B");
  await session.waitFor(choose("library-reliability", "A"), [], { what: "the reliability filter" });
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length === 0", [], { what: "no source A" });
  await session.waitFor(choose("library-reliability", "B"), []);
  await session.waitFor("return [...document.querySelectorAll('[data-source-id]')].map(r => r.dataset.sourceId).join() === '1'", [], {
    what: "only the seed",
  });
  await session.screenshot("grades-library-b-or-better");

  // Claims: B2 or better, as the command line counts it.
  await session.execute("document.querySelector('[data-testid=nav-claims]').click()");
  const everyClaim = count("list", "claims");
  const b2 = count("list", "claims", "--grade", "B2");
  assert.ok(b2 > 0 && b2 < everyClaim, `B2 or better: ${b2} of ${everyClaim}`);
  assert.equal(await session.waitFor(listTotal("Claims"), [], { what: "the claims" }), everyClaim);
  await session.waitFor(choose("grade-filter", "B2"), []);
  await session.waitFor(`return (() => { ${listTotal("Claims")} })() === ${b2}`, [], { what: "B2 or better in the list" });
  const labels = await session.execute(
    "return [...document.querySelectorAll('[data-testid=claim-row-grade]')].map(g => g.textContent.trim())",
  );
  assert.ok(labels.length > 0 && labels.every((l) => ["B1", "B2"].includes(l)), JSON.stringify(labels));
  await session.screenshot("grades-claims-b2");

  // A claim's page: its grade, why the credibility is suggested, and a person's 5.
  await session.execute("document.querySelector('button[data-claim-id]').click()");
  const shown = await session.waitFor(
    "const g = document.querySelector('[data-testid=claim-grade]'); return g && /suggested: /.test(g.textContent) && [g.dataset.grade, g.textContent];",
    [],
    { what: "the claim's grade" },
  );
  assert.match(shown[0], /^B[12]$/);
  const claimId = await session.execute("return document.querySelector('[data-testid=claim-page]').dataset.claimId");
  await session.execute("document.querySelector('[data-testid=grade-claim-5]').click()");
  await session.waitFor("return document.querySelector('[data-testid=claim-grade]')?.dataset.grade === 'B5'", [], {
    what: "the claim graded 5",
  });
  await session.screenshot("grades-claim-page");
  assert.equal(count("list", "claims", "--grade", "B2"), b2 - 1);
  assert.match(cli("grade", "claim", claimId), /B5 — B \(Usually reliable\); Improbable, graded by a person/);

  // The graph: B2 or better leaves the edges the command line leaves.
  const everyEdge = JSON.parse(cli("network", "--json")).relations.length;
  const b2Edges = JSON.parse(cli("network", "--grade", "B2", "--json")).relations.length;
  assert.ok(b2Edges < everyEdge, `${b2Edges} of ${everyEdge} edges`);
  await session.press("5", ["Control"]);
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], {
    what: "the graph laid out",
    timeout: 30_000,
  });
  const edgeRows = "const l = document.querySelector('.edge-list'); if (l) l.open = true; return document.querySelectorAll('[data-testid=edge-row]').length;";
  assert.equal(await session.waitFor(`const n = (() => { ${edgeRows} })(); return n > 0 && n;`, []), everyEdge);
  await session.waitFor(choose("graph-grade", "B2"), []);
  await session.waitFor(`return (() => { ${edgeRows} })() === ${b2Edges}`, [], { what: "B2 or better in the graph" });
  await session.screenshot("grades-graph-b2");

  // The timeline: fewer claims at B2 or better.
  await session.press("6", ["Control"]);
  const claimsOnTimeline = "return document.querySelectorAll('[data-testid=timeline-item][data-kind=claim]').length";
  const before = await session.waitFor(`const n = (() => { ${claimsOnTimeline} })(); return n > 0 && n;`, [], {
    what: "the timeline",
  });
  await session.waitFor(choose("timeline-grade", "B2"), []);
  await session.waitFor(`const n = (() => { ${claimsOnTimeline} })(); return n < ${before};`, [], {
    what: "fewer claims at B2 or better",
  });
  await session.screenshot("grades-timeline-b2");

  // Review of the other article: the key 2 accepts a claim graded 2, one change.
  await session.press("2", ["Control"]);
  await session.waitFor("return !!document.querySelector('[data-suggestion-id][aria-current=true]')", [], {
    what: "a claim to review",
  });
  await session.press("2");
  // The toast of the earlier grade may still show: wait for this change's.
  const toast = await session.waitFor(
    "const t = document.querySelector('[data-testid=undo-toast]')?.textContent ?? ''; return /^Accepted /.test(t.trim()) && t;",
    [],
    { what: "the change" },
  );
  assert.match(toast, /Accepted .*, graded 2 \(probably true\)/);
  const graded = JSON.parse(cli("list", "claims", "--json", "--limit", "500")).items.filter(
    (c) => c.grade.set && c.grade.credibility === 2,
  );
  assert.equal(graded.length, 1, "one claim accepted graded 2");
  await session.screenshot("grades-review-key");

  // Every grade reaches the CSV export.
  const out = join(process.env.DOSSIER_TEST_OUTPUT ?? join(repoRoot, "test-output"), "grades-csv");
  cli("export", "--format", "csv", "--out", out);
  const claimsCsv = readFileSync(join(out, "claims.csv"), "utf8");
  assert.ok(claimsCsv.split("\r\n")[0].includes("reliability,credibility,grade,credibility_set"));
  assert.ok(claimsCsv.includes(",B,5,B5,true,"), "the claim graded 5");
  assert.ok(readFileSync(join(out, "sources.csv"), "utf8").includes(",B\r\n"), "the seed's reliability");
});
