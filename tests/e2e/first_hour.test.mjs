// End to end: the analyst's first hour (issue 25) — accepted work shows up where the
// analyst looks for it. Each test starts its own app on a store it prepares itself
// through the CLI, the steps before the one under test.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { openApp, repoRoot, selectInReader } from "./webdriver.mjs";

const article = join(repoRoot, "tests/fixtures/extract/es-cooperacion.txt");
const suggestions = (cli, kind) => JSON.parse(cli("suggestions", "list", "--kind", kind, "--json")).items;
const actorTitle = "const t = document.querySelector('#actor-title'); return t && t.textContent !== '…' && t.textContent;";

/** Opens the page of the actor named `name` from the Actors list. */
async function openActor(session, name) {
  await session.press("3", ["Control"]);
  await session.waitFor(
    `const row = [...document.querySelectorAll('[data-actor-id]')].find(r => r.querySelector('.name').textContent === ${JSON.stringify(name)}); if (row) row.click(); return !!row;`,
    [],
    { what: `${name} in the Actors list` },
  );
  assert.equal(await session.waitFor(actorTitle), name);
}

test("accepted quotations show on the speaker's page and on the page of an actor they name", async (t) => {
  const { session } = await openApp(t, {
    prepare: ({ cli }) => {
      cli("import", article);
      const wanted = suggestions(cli, "quote").concat(
        suggestions(cli, "actor").filter((s) => s.label.startsWith("Nicolás Maduro") || s.label.startsWith("Iran (")),
      );
      cli("suggestions", "accept", ...wanted.map((s) => String(s.id)));
    },
  });
  await openActor(session, "Nicolás Maduro");
  const spoken = await session.waitFor(
    "const q = [...document.querySelectorAll('[data-testid=actor-quotations] mark')]; return q.length >= 2 && q.map(m => m.textContent);",
    [],
    { what: "Maduro's quotations" },
  );
  assert.ok(spoken.some((q) => q.startsWith("Venezuela no está sola")), spoken.join(" | "));
  await session.execute("document.querySelector('#quotations-title').scrollIntoView()");
  await session.screenshot("actor-quotations");
  await openActor(session, "Iran");
  const about = await session.waitFor(
    "const q = [...document.querySelectorAll('[data-testid=actor-quotations] li')]; return q.length > 0 && q.map(li => li.textContent);",
    [],
    { what: "the quotation naming Iran on Iran's page" },
  );
  assert.ok(about.some((q) => q.includes("Nicolás Maduro on Iran") && q.includes("hermanos de Irán")), about.join(" | "));
});

/** The article with Maduro's quotations and Maduro himself accepted. */
function quotationsAccepted(cli) {
  cli("import", article);
  const wanted = suggestions(cli, "quote").concat(suggestions(cli, "actor").filter((s) => s.label.startsWith("Nicolás Maduro")));
  cli("suggestions", "accept", ...wanted.map((s) => String(s.id)));
}

test("Ctrl+K with part of a name opens that actor before the article that names it; search finds quotations", async (t) => {
  const { session } = await openApp(t, { prepare: ({ cli }) => quotationsAccepted(cli) });
  await session.waitFor("return !!document.querySelector('[data-source-id]')", [], { what: "the Library" });
  await session.press("k", ["Control"]);
  await session.waitFor("return document.activeElement && document.activeElement.dataset.testid === 'palette-input'");
  await session.type("[data-testid=palette-input]", "Madu");
  const first = await session.waitFor(
    "const h = document.querySelector('[data-testid=palette-hit][aria-selected=true]'); return h && h.querySelector('.title').textContent;",
    [],
    { what: "the palette's first hit" },
  );
  assert.equal(first, "Nicolás Maduro");
  await session.press("Enter");
  assert.equal(await session.waitFor(actorTitle), "Nicolás Maduro");

  // Search finds the quotation by its words and by its speaker, and opens it in the reader.
  await session.press("8", ["Control"]);
  await session.type("[data-testid=search-input]", "Maduro bloqueo");
  const hits = await session.waitFor(
    "const h = [...document.querySelectorAll('[data-testid=search-hit]')]; return h.length > 0 && h.map(b => b.parentElement.dataset.kind + ': ' + b.querySelector('.name').textContent);",
    [],
    { what: "search hits" },
  );
  assert.ok(hits.some((h) => h.startsWith("quotation: Nicolás Maduro in ")), hits.join(" | "));
  await session.screenshot("search-quotation");
  await session.execute("[...document.querySelectorAll('[data-testid=search-hit]')].find(b => b.parentElement.dataset.kind === 'quotation').click()");
  const marked = await session.waitFor(
    "const m = [...document.querySelectorAll('[data-testid=reader-text] .focus')]; return m.length > 0 && m.map(e => e.textContent).join('');",
    [],
    { what: "the quotation marked in the reader" },
  );
  assert.ok(marked.includes("bloqueo"), marked);
});

test("an import made by the command line beside the open window shows up in it within 2 s", async (t) => {
  const { session, cli } = await openApp(t, { prepare: ({ cli }) => cli("import", article) });
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length === 1", [], { what: "the Library's one source" });
  await session.press("2", ["Control"]);
  const pendingBefore = suggestions(cli, "claim").length;
  await session.waitFor(`return document.querySelector('[data-testid=tab-claim]')?.textContent.includes('${pendingBefore}')`, [], {
    what: `${pendingBefore} claims in Review's tab`,
  });
  cli("import", join(repoRoot, "tests/fixtures/extract/pt-hezbollah.txt"));
  const pendingAfter = suggestions(cli, "claim").length;
  assert.ok(pendingAfter > pendingBefore);
  const started = Date.now();
  await session.waitFor(`return document.querySelector('[data-testid=tab-claim]')?.textContent.includes('${pendingAfter}')`, [], {
    what: `${pendingAfter} claims in Review's tab`,
    timeout: 2_500,
  });
  await session.waitFor("return document.querySelector('footer.store')?.textContent.includes('2 sources')", [], {
    what: "the status bar counting two sources",
    timeout: 2_500,
  });
  const waited = Date.now() - started;
  assert.ok(waited <= 2_500, `${waited} ms`);
  await session.press("1", ["Control"]);
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length === 2", [], { what: "both sources in the Library" });
});

test("a source's title and date are corrected in the reader, shown everywhere, and undone with Ctrl+Z", async (t) => {
  const { session, cli } = await openApp(t, { prepare: ({ cli }) => cli("import", join(repoRoot, "tests/fixtures/articles/havana-visit.txt")) });
  await session.waitFor("const row = document.querySelector('[data-source-id]'); if (row) row.click(); return !!row;", [], { what: "the source" });
  await session.waitFor("const b = document.querySelector('[data-testid=edit-details]'); if (b) b.click(); return !!b;", [], { what: "Edit" });
  await session.execute("const t = document.querySelector('[data-testid=details-title]'); t.value = ''; t.dispatchEvent(new Event('input'));");
  await session.type("[data-testid=details-title]", "Caracas and Tehran sign a port deal");
  await session.execute("const d = document.querySelector('[data-testid=details-published]'); d.value = ''; d.dispatchEvent(new Event('input'));");
  await session.type("[data-testid=details-published]", "2024-03");
  await session.screenshot("source-details-form");
  await session.execute("document.querySelector('[data-testid=details-save]').click()");
  await session.waitFor("return document.querySelector('[data-testid=published]')?.textContent === 'March 2024'", [], { what: "the new date" });
  const sources = JSON.parse(cli("list", "sources", "--json")).items;
  assert.deepEqual([sources[0].title, sources[0].published], ["Caracas and Tehran sign a port deal", "2024-03"]);
  const history = cli("history");
  assert.match(history, /Corrected the title and date of/);
  await session.press("z", ["Control"]);
  await session.waitFor("return document.querySelector('[data-testid=published]')?.textContent !== 'March 2024'", [], { what: "the date undone" });
  const undone = JSON.parse(cli("list", "sources", "--json")).items[0];
  assert.notEqual(undone.title, "Caracas and Tehran sign a port deal");
});

test("accepting a claim brings its actors with their mentions; typing a known name another way offers the actor", async (t) => {
  const { session, cli } = await openApp(t, {
    prepare: ({ cli }) => {
      cli("import", article);
      const claim = suggestions(cli, "claim").find((s) => s.label === "Iran cooperates_with Venezuela");
      cli("suggestions", "accept", String(claim.id));
      const maduro = suggestions(cli, "actor").find((s) => s.label.startsWith("Nicolás Maduro"));
      cli("suggestions", "accept", String(maduro.id));
    },
  });
  const actors = JSON.parse(cli("list", "actors", "--json")).items;
  const iran = actors.find((a) => a.name === "Iran");
  assert.ok(iran && iran.mention_count > 0, "Iran arrived with its mentions in the article");
  assert.ok(!suggestions(cli, "actor").some((s) => s.label.startsWith("Iran (")), "Iran's suggestion is settled");

  await session.waitFor("const row = document.querySelector('[data-source-id]'); if (row) row.click(); return !!row;", [], { what: "the source" });
  const underlined = await session.waitFor(
    "const m = [...document.querySelectorAll('[data-testid=reader-text] .mention')].map(e => e.textContent); return m.length > 0 && m;",
    [],
    { what: "linked mentions in the reader" },
  );
  assert.ok(underlined.includes("Irán"), underlined.join(", "));
  assert.equal(await selectInReader(session, "Seguiremos trabajando con nuestros hermanos de Irán"), "Seguiremos trabajando con nuestros hermanos de Irán");
  await session.waitFor("return !document.querySelector('[data-testid=cite-button]').disabled", [], { what: "Cite enabled" });
  await session.press("c");
  await session.waitFor("return !!document.querySelector('form[aria-label=\"Cite as claim\"]')", [], { what: "the claim form" });
  const subject = "form[aria-label=\"Cite as claim\"] input[role=combobox]";
  await session.execute(`const box = document.querySelector('${subject}'); box.focus(); box.value = 'Nicolas maduro'; box.dispatchEvent(new Event('input', { bubbles: true }));`);
  await session.waitFor(
    "const b = [...document.querySelectorAll('.create button')].find(b => b.textContent.includes('Nicolas maduro')); if (b) b.click(); return !!b;",
    [],
    { what: "the offer to create “Nicolas maduro”" },
  );
  const offered = await session.waitFor("const a = document.querySelector('[data-testid=actor-alike]'); return a && a.textContent;", [], {
    what: "the actor the library has under that name",
  });
  assert.match(offered, /already has “Nicolás Maduro”/);
  await session.screenshot("actor-alike");
  await session.execute("document.querySelector('[data-testid=use-existing]').click()");
  await session.waitFor("return document.querySelector('.chosen')?.textContent.includes('Nicolás Maduro')", [], { what: "Maduro chosen" });
  assert.ok(!JSON.parse(cli("list", "actors", "--json")).items.some((a) => a.name === "Nicolas maduro"), "no duplicate made");
});

test("bulk acceptance shows what it will accept, leaves the doubtful unticked, and is one undo", async (t) => {
  const { session, cli } = await openApp(t, { prepare: ({ cli }) => cli("import", join(repoRoot, "tests/fixtures/extract/en-drones.txt")) });
  await session.waitFor("const row = document.querySelector('[data-source-id]'); if (row) row.click(); return !!row;", [], { what: "the source" });
  await session.waitFor(
    "const b = [...document.querySelectorAll('.meta-actions button')].find(b => b.textContent.startsWith('Review')); if (b && !b.disabled) b.click(); return !!b;",
    [],
    { what: "Review this source" },
  );
  await session.waitFor("const b = document.querySelector('[data-testid=bulk-open]'); if (b) b.click(); return !!b;", [], { what: "Accept all…" });
  const boxes = await session.waitFor(
    "const b = [...document.querySelectorAll('[data-testid=bulk-item]')]; return b.length > 0 && b.map(x => [x.checked, x.dataset.secondLook]);",
    [],
    { what: "the candidates" },
  );
  const pending = JSON.parse(cli("stats", "--json")).suggestions;
  assert.equal(boxes.length, pending, "every pending suggestion is listed");
  assert.ok(boxes.every(([checked, doubt]) => checked === (doubt === "no")), "ticked unless doubtful");
  const held = boxes.filter(([checked]) => !checked).length;
  await session.screenshot("bulk-accept");
  await session.execute("document.querySelector('[data-testid=bulk-confirm]').click()");
  await session.waitFor("return !document.querySelector('[data-testid=bulk-accept]')", [], { what: "the preview closed" });
  assert.equal(JSON.parse(cli("stats", "--json")).suggestions, held, "what was left unticked still waits");
  const changes = cli("history");
  assert.match(changes, new RegExp(`Accepted ${boxes.length - held} suggestions? in`));
  await session.press("z", ["Control"]);
  await session.waitFor(`return document.querySelector('[data-testid=pending-suggestions]')?.textContent.startsWith('${pending} ')`, [], {
    what: "all pending again after one undo",
  });
});

test("every suggested claim in Review shows its date with the words it was read from, which open the passage", async (t) => {
  const { session } = await openApp(t, { prepare: ({ cli }) => cli("import", article) });
  await session.waitFor("return !!document.querySelector('[data-source-id]')", [], { what: "the Library" });
  await session.press("2", ["Control"]);
  const dates = await session.waitFor(
    "const d = [...document.querySelectorAll('[data-testid=claim-date]')].map(b => b.textContent); return d.length > 0 && d;",
    [],
    { what: "dated claims in Review" },
  );
  assert.ok(dates.includes("June 2022 · read from “junio de 2022”"), dates.join(" | "));
  await session.screenshot("review-dates");
  await session.execute("[...document.querySelectorAll('[data-testid=claim-date]')].find(b => b.textContent.includes('junio de 2022')).click()");
  const marked = await session.waitFor(
    "const m = [...document.querySelectorAll('[data-testid=reader-text] .focus')]; return m.length > 0 && m.map(e => e.textContent).join('');",
    [],
    { what: "the date's words marked in the reader" },
  );
  assert.equal(marked, "junio de 2022");
});

test("citing a passage far down the page opens the claim form beside it, with the passage's actors and date", async (t) => {
  const { session } = await openApp(t, {
    size: [1000, 560],
    prepare: ({ cli }) => {
      cli("import", join(repoRoot, "tests/fixtures/extract-dev/tuning/en-analysis-russia-nicaragua.txt"));
      cli("suggestions", "accept", ...suggestions(cli, "actor").map((s) => String(s.id)));
    },
  });
  await session.waitFor("const row = document.querySelector('[data-source-id]'); if (row) row.click(); return !!row;", [], { what: "the source" });
  await session.waitFor("return !!document.querySelector('[data-testid=reader-text] .mention')", [], { what: "the linked text" });
  const passage = "Beijing, which restored diplomatic ties with Managua in December 2021";
  await session.execute(
    `const box = document.querySelector('[data-testid=reader-text]');
     const run = [...box.querySelectorAll('.run')].find(r => r.textContent.includes('restored diplomatic'));
     run.scrollIntoView({ block: 'center' });`,
  );
  const scrolled = await session.execute("return document.querySelector('.main').scrollTop");
  assert.ok(scrolled > 100, `the reader scrolled down (${scrolled} px)`);
  assert.equal(await selectInReader(session, passage), passage);
  await session.waitFor("return !document.querySelector('[data-testid=cite-button]').disabled", [], { what: "Cite enabled" });
  await session.press("c");
  await session.waitFor("return !!document.querySelector('form[aria-label=\"Cite as claim\"]')", [], { what: "the claim form" });
  await session.waitFor("return document.querySelector('form[aria-label=\"Cite as claim\"] input[role=combobox]').value !== ''", [], {
    what: "the subject filled in",
  });
  const placed = await session.execute(`
    const form = document.querySelector('form[aria-label="Cite as claim"]').getBoundingClientRect();
    const words = window.getSelection().getRangeAt(0).getBoundingClientRect();
    return { formTop: form.top, formBottom: form.bottom, wordsBottom: words.bottom, height: window.innerHeight };`);
  assert.ok(placed.formTop >= 0 && placed.formTop < placed.height, `the form is on screen: ${JSON.stringify(placed)}`);
  assert.ok(Math.abs(placed.formTop - placed.wordsBottom) < 40, `the form opens just below the passage: ${JSON.stringify(placed)}`);
  const filled = await session.execute(`
    const form = document.querySelector('form[aria-label="Cite as claim"]');
    const boxes = [...form.querySelectorAll('input[role=combobox]')].map(i => i.value);
    return { subject: boxes[0], object: boxes[1], date: form.querySelector('input[placeholder="2023-06"]').value };`);
  // Managua, the capital, stands for Nicaragua's government.
  assert.deepEqual(filled, { subject: "Beijing", object: "Nicaragua", date: "2021-12" });
  await session.screenshot("cite-after-scrolling");
});

test("the Actors and Claims lists narrow to what is typed and sort on request", async (t) => {
  const { session } = await openApp(t, {
    prepare: ({ cli }) => {
      cli("import", article);
      cli("suggestions", "accept", "--source", "1", "--all");
    },
  });
  await session.press("3", ["Control"]);
  await session.waitFor("return document.querySelectorAll('[data-actor-id]').length > 3", [], { what: "the actors" });
  await session.type("[data-testid=actors-filter]", "madu");
  const names = await session.waitFor(
    "const n = [...document.querySelectorAll('[data-actor-id] .name')].map(e => e.textContent); return n.length === 1 && n;",
    [],
    { what: "one actor left" },
  );
  assert.deepEqual(names, ["Nicolás Maduro"]);
  await session.press("4", ["Control"]);
  await session.waitFor("return document.querySelectorAll('[data-claim-id]').length > 1", [], { what: "the claims" });
  await session.type("[data-testid=claims-filter]", "Iran supplies");
  const claims = await session.waitFor(
    "const n = [...document.querySelectorAll('[data-claim-id] .name')].map(e => e.textContent.replace(/\\s+/g, ' ').trim()); return n.length > 0 && n.every(x => x.startsWith('Iran supplies')) && n;",
    [],
    { what: "Iran's supply claims alone" },
  );
  assert.ok(claims.length >= 1);
  await session.screenshot("claims-filtered");
});

/** Five short articles of our own, every suggestion accepted: a network with a few components. */
function fiveSources(cli) {
  const files = ["extract/es-cooperacion.txt", "extract/en-drones.txt", "extract/pt-hezbollah.txt", "articles/havana-visit.txt", "articles/caracas-tehran-pact.txt"];
  for (const file of files) cli("import", join(repoRoot, "tests/fixtures", file));
  for (let source = 1; source <= files.length; source++) cli("suggestions", "accept", "--source", String(source), "--all");
}

test("the graph's components sit apart and the wheel never shrinks it to a dot; the timeline's Fit keeps every label on screen", async (t) => {
  const { session } = await openApp(t, { prepare: ({ cli }) => fiveSources(cli) });
  await session.waitFor("return !!document.querySelector('[data-source-id]')", [], { what: "the Library" });
  await session.press("5", ["Control"]);
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], { what: "the layout settled", timeout: 30_000 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await session.screenshot("graph-five-sources");
  const ratio = () => session.execute("return Number(document.querySelector('.graph-view').dataset.camera.split(',')[2])");
  for (let i = 0; i < 30; i++) {
    await session.execute(
      "const c = document.querySelector('.graph-view canvas:last-of-type'); const r = c.getBoundingClientRect(); c.dispatchEvent(new WheelEvent('wheel', { deltaY: 400, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));",
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 800));
  const zoomedOut = await ratio();
  assert.ok(zoomedOut > 1 && zoomedOut <= 1.6 + 1e-6, `the wheel zooms out only so far (camera ratio ${zoomedOut})`);

  await session.press("6", ["Control"]);
  await session.waitFor("return document.querySelectorAll('[data-testid=timeline-item]').length > 0", [], { what: "the timeline" });
  await session.execute("document.querySelector('[data-testid=timeline-fit]').click()");
  await new Promise((resolve) => setTimeout(resolve, 500));
  const outside = await session.execute(`
    const view = document.querySelector('[data-testid=timeline]').getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid=timeline-item] span')]
      .filter(s => { const r = s.getBoundingClientRect(); return r.left < view.left - 1 || r.right > view.right + 1; })
      .map(s => s.textContent + ' ' + JSON.stringify(s.getBoundingClientRect()) + ' in ' + JSON.stringify(view));`);
  assert.deepEqual(outside, [], "every label is within the timeline at Fit");
  // Accepted in bulk, the claims' dates were never looked at: the timeline says so.
  const marks = await session.execute(
    "const claims = [...document.querySelectorAll('[data-testid=timeline-item][data-kind=claim]')]; return [claims.length, claims.filter(c => c.classList.contains('unchecked')).length];",
  );
  assert.ok(marks[0] > 0 && marks[0] === marks[1], `every claim's date shows unconfirmed: ${marks}`);
  await session.screenshot("timeline-fit");
});

test("Review's Dates tab lists the dates accepted in bulk; one is confirmed, one corrected, and the timeline follows", async (t) => {
  const { session, cli } = await openApp(t, {
    prepare: ({ cli }) => {
      cli("import", article);
      cli("suggestions", "accept", "--source", "1", "--all");
    },
  });
  await session.waitFor("return !!document.querySelector('[data-source-id]')", [], { what: "the Library" });
  await session.press("2", ["Control"]);
  await session.waitFor("const t = document.querySelector('[data-testid=tab-dates]'); if (t) t.click(); return !!t;", [], { what: "the Dates tab" });
  const waiting = await session.waitFor("const d = document.querySelectorAll('[data-testid=date-to-confirm]'); return d.length > 1 && d.length;", [], {
    what: "dates to confirm",
  });
  await session.screenshot("review-dates-tab");
  await session.execute("document.querySelector('[data-testid=date-confirm]').click()");
  await session.waitFor(`return document.querySelectorAll('[data-testid=date-to-confirm]').length === ${waiting - 1}`, [], { what: "one date confirmed" });
  const corrected = Number(await session.execute("return document.querySelector('[data-testid=date-to-confirm]').dataset.claimId"));
  await session.execute("document.querySelector('[data-testid=date-correct]').click()");
  await session.type("[data-testid=date-input]", "2022-12");
  await session.execute("document.querySelector('[data-testid=date-save]').click()");
  await session.waitFor(`return document.querySelectorAll('[data-testid=date-to-confirm]').length === ${waiting - 2}`, [], { what: "one date corrected" });
  const claim = JSON.parse(cli("list", "claims", "--json", "--limit", "100")).items.find((c) => c.id === corrected);
  assert.deepEqual([claim.date, claim.date_checked], ["2022-12", true]);
  assert.match(cli("history"), /Dated “/);
  assert.equal(
    await session.execute("return document.querySelector('[data-testid=tab-dates] .count').textContent"),
    String(waiting - 2),
  );
});
