// End to end: the network graph of a library of our fixture articles (and the seed
// article when ../shared is beside the project), every suggestion accepted. The graph
// draws with WebGL, lists its edges with the sources behind each as the core counts
// them, opens the quotations behind an edge and the reader at one, and a date filter
// takes away the edges it excludes. The library is built once, into a template store;
// each test starts its own app on a fresh copy of it.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { cliOn, openApp, outputDir, repoRoot, scratchHome } from "./webdriver.mjs";

const seed = join(repoRoot, "../shared/seed/article.txt");
const template = scratchHome();
const templateStore = join(template.home, "graph.dossier");

before(() => {
  const cli = cliOn(templateStore, template.env);
  const files = ["articles", "extract"].flatMap((folder) =>
    readdirSync(join(repoRoot, "tests/fixtures", folder))
      .filter((name) => /\.(txt|md)$/.test(name))
      .map((name) => join(repoRoot, "tests/fixtures", folder, name)),
  );
  if (existsSync(seed)) files.push(seed);
  else console.log(`# ${seed} is absent: the graph is tested on our fixtures only`);
  cli("import", ...files);
  const sources = JSON.parse(cli("stats", "--json")).sources;
  for (let id = 1; id <= sources; id++) cli("suggestions", "accept", "--source", String(id), "--all");
});

/** The app on a fresh copy of the template library (the CLI that built it has exited,
 *  so its one file is complete). */
const openGraphLibrary = (t) => openApp(t, { storeName: "graph.dossier", prepare: ({ store }) => copyFileSync(templateStore, store) });

/** The edges the core gives for these CLI filter arguments, as "from|relation|to" → sources. */
function edges(cli, ...args) {
  const network = JSON.parse(cli("network", "--json", ...args));
  return new Map(
    network.edge_from.map((f, i) => [
      `${network.names[f]}|${network.relations[i]}|${network.names[network.edge_to[i]]}`,
      network.source_counts[i],
    ]),
  );
}

const listedEdges = `return [...document.querySelectorAll('[data-testid=edge-row]')].map(b => [b.dataset.from + '|' + b.dataset.relation + '|' + b.dataset.to, Number(b.dataset.sources)]);`;

/** Waits for the Library the app opens on to list the sources. */
const libraryShown = (session) =>
  session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { what: "the Library" });

/** Opens the graph view (Ctrl+5) and waits for its layout. */
async function openGraph(session) {
  await session.press("5", ["Control"]);
  await session.waitFor("return document.querySelector('.graph-view')?.dataset.laidOut === 'true'", [], {
    what: "the graph laid out",
    timeout: 30_000,
  });
}

/** Opens the panel of the Iran → supplies edge from the graph's edge list. */
async function openIranSuppliesEdge(session) {
  await session.waitFor("const l = document.querySelector('.edge-list'); if (l) l.open = true; return !!l;", [], { what: "the edge list" });
  await session.waitFor(
    "const b = [...document.querySelectorAll('[data-testid=edge-row]')].find(b => b.dataset.from === 'Iran' && b.dataset.relation === 'supplies'); if (b) b.click(); return !!b;",
    [],
    { what: "the Iran supplies edge in the list" },
  );
}

/** Writes a new note in the Notes view and saves it with Ctrl+S. */
async function writeNote(session, title, body) {
  await session.press("7", ["Control"]);
  await session.waitFor("const b = document.querySelector('[data-testid=new-note]'); if (b) b.click(); return !!b;", [], { what: "New note" });
  await session.waitFor("return !!document.querySelector('[data-testid=note-body]')", [], { what: "the note editor" });
  await session.type("[data-testid=note-title]", title);
  await session.type("[data-testid=note-body]", body);
  await session.press("s", ["Control"]);
  await session.waitFor("return document.querySelector('.state')?.textContent === 'saved'", [], { what: "the note saved" });
}

/** Opens the note `title` in the Notes view and drops what `window.__drag` carries at the end of its body. */
async function dropAtEndOfNote(session, title) {
  await session.press("7", ["Control"]);
  await session.waitFor("const r = document.querySelector('[data-note-id]'); if (r) r.click(); return !!r;", [], { what: "the note in the list" });
  await session.waitFor(`return document.querySelector('[data-testid=note-title]')?.value === ${JSON.stringify(title)}`, [], { what: `the note ${title}` });
  await session.execute(`const t = document.querySelector('[data-testid=note-body]'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);
    t.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: window.__drag }));`);
}

test("the graph shows the edges the claims support, each opening its quotations, and a date filter removes edges", async (t) => {
  const { session, cli } = await openGraphLibrary(t);
  await libraryShown(session);
  await openGraph(session);
  assert.ok(await session.execute("return document.querySelectorAll('[data-testid=graph-canvas] canvas').length > 0"), "WebGL canvases");
  const expected = edges(cli);
  const counts = await session.execute("return document.querySelector('[data-testid=graph-counts]').textContent");
  assert.match(counts, new RegExp(`${expected.size} edges`));

  await session.execute("document.querySelector('.edge-list').open = true");
  const shown = new Map(await session.waitFor(listedEdges));
  for (const [edge, sources] of shown) assert.equal(sources, expected.get(edge), edge);
  // Iran and Hezbollah are linked, and Iran supplies Venezuela according to several sources.
  assert.ok([...shown.keys()].some((e) => /^(Iran\|[a-z_]+\|Hezbollah|Hezbollah\|[a-z_]+\|Iran)$/.test(e)), [...shown.keys()].join("\n"));
  assert.ok(shown.get("Iran|supplies|Venezuela") >= 2, `Iran supplies Venezuela: ${shown.get("Iran|supplies|Venezuela")}`);
  if (existsSync(seed)) {
    const names = await session.execute("return [...document.querySelectorAll('[data-testid=edge-row]')].flatMap(b => [b.dataset.from, b.dataset.to])");
    for (const actor of ["Iran", "Hezbollah", "Venezuela", "Cuba", "Bolivia"]) assert.ok(names.includes(actor), `${actor} on the graph`);
    // The seed's "Argentine-Israeli Mutual Association (AMIA)" is the AMIA a fixture names:
    // the attack on it stands on both sources.
    assert.equal(shown.get("Hezbollah|attacks|AMIA"), 2, [...shown.entries()].join("\n"));
  }

  // Open the edge: its claims with their quotations.
  await session.execute(
    "[...document.querySelectorAll('[data-testid=edge-row]')].find(b => b.dataset.from === 'Iran' && b.dataset.relation === 'supplies' && b.dataset.to === 'Venezuela').click()",
  );
  const quotations = await session.waitFor(
    "const q = [...document.querySelectorAll('[data-testid=edge-quotation] mark')].map(m => m.textContent); return q.length > 0 && q;",
    [],
    { what: "the quotations behind Iran supplies Venezuela" },
  );
  assert.ok(quotations.length >= shown.get("Iran|supplies|Venezuela"), quotations.join("\n"));
  assert.ok(quotations.some((q) => q.includes("Iran shipped at least a dozen Mohajer-6 drones")), quotations.join("\n"));
  await session.screenshot("graph");

  // A date range: only claims dated in the 1990s stay.
  await session.type("[data-testid=graph-from]", "1990");
  await session.type("[data-testid=graph-to]", "1999");
  const nineties = edges(cli, "--from", "1990-01-01", "--to", "1999-12-31");
  assert.ok(nineties.size > 0 && nineties.size < expected.size);
  await session.waitFor(`return document.querySelectorAll('[data-testid=edge-row]').length === ${nineties.size}`, [], {
    what: `${nineties.size} edges of the 1990s`,
  });
  const left = new Map(await session.execute(listedEdges));
  assert.deepEqual([...left.keys()].sort(), [...nineties.keys()].sort());
  assert.ok(!left.has("Iran|supplies|Venezuela"), "the undated and later edge is gone");
  assert.equal(await session.execute("return !!document.querySelector('[data-testid=edge-panel]')"), false, "its panel closed with it");
  await session.screenshot("graph-1990s");

  // An edge of the 1990s opens its quotation, and the quotation opens the reader there.
  await session.execute("document.querySelector('[data-testid=edge-row]').click()");
  await session.waitFor("const q = document.querySelector('[data-testid=edge-quotation]'); if (q) q.click(); return !!q;", [], {
    what: "a quotation to open",
  });
  await session.waitFor("return !!document.querySelector('[data-testid=reader-text] .selected, [data-testid=reader-text]')", [], {
    what: "the reader",
  });
});

test("the graph's view is saved as drawn, as a PNG and as an SVG of every actor and edge", async (t) => {
  const { session, home, cli } = await openGraphLibrary(t);
  await libraryShown(session);
  await openGraph(session);
  const expected = edges(cli);
  await session.execute("document.querySelector('[data-testid=graph-export]').click()");
  await session.waitFor("return !!document.querySelector('[data-testid=picture-folder]')");
  await session.type("[data-testid=picture-folder]", home);
  await session.execute("document.querySelector('[data-testid=save-png]').click()");
  const pngFile = join(home, "Dossier graph.png");
  await waitForFile(pngFile);
  const pngBytes = readFileSync(pngFile);
  assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(pngBytes.length > 10_000, `${pngBytes.length} bytes`);
  mkdirSync(outputDir, { recursive: true });
  copyFileSync(pngFile, join(outputDir, "graph-saved-picture.png"));
  await session.execute("document.querySelector('[data-testid=save-svg]').click()");
  const svgFile = join(home, "Dossier graph.svg");
  await waitForFile(svgFile);
  const svgText = readFileSync(svgFile, "utf8");
  assert.equal((svgText.match(/<circle /g) ?? []).length, JSON.parse(cli("network", "--json")).actor_ids.length);
  assert.equal((svgText.match(/<line /g) ?? []).length, expected.size);
  assert.ok(svgText.includes(">Hezbollah</text>"), "names as text");
});

test("the timeline places claims at the precision written, zooms and fits, and opens a claim's passages", async (t) => {
  const { session } = await openGraphLibrary(t);
  await libraryShown(session);
  await session.press("6", ["Control"]);
  await session.waitFor("return document.querySelector('.timeline-view')?.dataset.loaded === 'true'", [], { what: "the timeline" });
  const items = await session.waitFor(`const items = [...document.querySelectorAll('[data-testid=timeline-item]')].map(b => ({
    label: b.dataset.label, date: b.dataset.date, kind: b.dataset.kind,
    left: b.getBoundingClientRect().left + b.parentElement.parentElement.scrollLeft, width: b.getBoundingClientRect().width }));
    return items.length > 0 && items;`, [], { what: "the timeline's items" });
  assert.ok(items.length > 10, `${items.length} items`);
  // Left to right in date order: a year's bar starts where its year starts.
  const year = (date) => Number(date.slice(0, 4).replace(/X/g, "0"));
  const dated = items.filter((i) => /^\d{4}/.test(i.date)).sort((a, b) => a.left - b.left);
  for (let i = 1; i < dated.length; i++) assert.ok(year(dated[i].date) >= year(dated[i - 1].date), `${dated[i - 1].date} then ${dated[i].date}`);
  const find = (label, date) => {
    const found = items.find((i) => i.label === label && i.date === date);
    assert.ok(found, `${label} (${date}) on the timeline:\n${items.map((i) => `${i.date} ${i.label}`).join("\n")}`);
    return found;
  };
  if (existsSync(seed)) {
    // The seed names the AMIA in full, a fixture by its acronym: one actor, known by both.
    const bombing = find("Hezbollah attacks AMIA", "1994");
    // "…the 1994 bombing of the AMIA and the 1992 bombing of the Israeli embassy": each
    // attack keeps its own year.
    const embassy = find("Hezbollah attacks Israel", "1992");
    assert.ok(embassy.left < bombing.left, "1992 before 1994");
    const nineties = find("Hezbollah attacks Israel", "199X");
    const agreement = find("Venezuela cooperates with Iran", "2022");
    const visit = find("Ebrahim Raisi visits Cuba", "2023-06");
    assert.ok(nineties.width > 8 * bombing.width && nineties.width < 12 * bombing.width, "a decade is ten years wide");
    assert.ok(visit.width < bombing.width, "a month is narrower than a year");
    assert.ok(bombing.left < agreement.left && agreement.left < visit.left);
  }
  // The two ends of the seed's story: the 1990s bombings, then the 2020s agreements and visits.
  await session.screenshot("timeline-1990s");
  await session.execute("const s = document.querySelector('[data-testid=timeline]'); s.scrollLeft = s.scrollWidth;");
  await session.screenshot("timeline-2020s");
  await session.execute("document.querySelector('[data-testid=timeline]').scrollLeft = 0");
  // Fit: the whole span in the window, from an axis zoomed in well past it (whatever the
  // window's width and the data's span); zooming in widens it again around the middle.
  // (The axis, not the scroll width: a last label may run past the axis's end.)
  const width = "const s = document.querySelector('[data-testid=timeline]'); return [s.querySelector('.axis').offsetWidth, s.clientWidth];";
  for (let i = 0; i < 12; i++) {
    const [axis, view] = await session.execute(width);
    if (axis > 1.5 * view) break;
    await session.execute("document.querySelector('[aria-label=\"Zoom in\"]').click()");
    await session.waitFor(`return (() => { ${width} })()[0] > ${axis}`, [], { what: `the timeline zoomed in past ${axis} px` });
  }
  const [zoomed, shown] = await session.execute(width);
  assert.ok(zoomed > shown, `zoomed in, the axis (${zoomed} px) is wider than the view (${shown} px)`);
  await session.execute("document.querySelector('[data-testid=timeline-fit]').click()");
  const [fitted, visible] = await session.waitFor(`const [w, v] = (() => { ${width} })(); return w <= v + 1 && [w, v];`, [], { what: "the timeline fitted" });
  assert.ok(fitted <= visible + 1 && fitted < zoomed, `fitted ${fitted} px in ${visible} (was ${zoomed} zoomed in)`);
  await session.screenshot("timeline-fit");
  await session.execute("document.querySelector('[aria-label=\"Zoom in\"]').click()");
  await session.waitFor(`return (() => { ${width} })()[0] > ${fitted * 1.4}`, [], { what: "the timeline zoomed in" });
  await session.execute("document.querySelector('[data-testid=timeline-fit]').click()");
  await session.execute(
    "[...document.querySelectorAll('[data-testid=timeline-item]')].find(b => b.dataset.kind === 'claim' && /^\\d{4}$/.test(b.dataset.date)).click()",
  );
  const quotation = await session.waitFor("const m = document.querySelector('[data-testid=timeline-claim] mark'); return m && m.textContent;", [], {
    what: "the claim's passage",
  });
  assert.match(quotation, /^“.+”$/s);
  await session.screenshot("timeline");
});

test("a note links an actor through [[ completion; the link opens the actor's page, which lists the note and shows the actor in the graph", async (t) => {
  const { session, cli } = await openGraphLibrary(t);
  await libraryShown(session);
  await session.press("7", ["Control"]);
  await session.waitFor("const b = document.querySelector('[data-testid=new-note]'); if (b) b.click(); return !!b;", [], { what: "New note" });
  await session.waitFor("return !!document.querySelector('[data-testid=note-body]')", [], { what: "the note editor" });
  await session.type("[data-testid=note-title]", "Working theory");
  await session.type("[data-testid=note-body]", "# The axis\n\nIran arms **its allies**: see [[Hezb");
  const offered = await session.waitFor(
    "const o = [...document.querySelectorAll('[data-testid=note-complete]')].map(b => b.textContent.trim()); return o.length > 0 && o;",
    [],
    { what: "actors offered after [[" },
  );
  // The actor whose name starts with what was typed comes first, before sources naming it.
  assert.equal(offered[0], "actor Hezbollah", offered.join(", "));
  await session.press("Enter");
  const body = await session.waitFor("const v = document.querySelector('[data-testid=note-body]').value; return v.includes(']]') && v;");
  const hezbollah = JSON.parse(cli("list", "actors", "--json", "--limit", "500")).items.find((a) => a.name === "Hezbollah");
  // Shown by name as Obsidian writes it; kept by id, which the preview follows.
  assert.ok(body.endsWith("see [[Hezbollah]]"), body);
  assert.equal(await session.execute("return document.querySelector('[data-testid=note-preview] [data-testid=wikilink]').dataset.id"), String(hezbollah.id));
  await session.press("s", ["Control"]);
  await session.waitFor("return document.querySelector('.state')?.textContent === 'saved'", [], { what: "the note saved" });
  const notes = JSON.parse(cli("list", "notes", "--json"));
  assert.equal(notes.items[0].title, "Working theory");
  await session.waitFor("return document.querySelector('footer.store')?.textContent.includes('1 note')", [], {
    what: "the status bar counting the new note",
  });
  assert.equal(await session.execute("return document.querySelector('[data-testid=note-preview] h2').textContent"), "The axis");
  await session.screenshot("note");

  // The link in the preview opens Hezbollah's page, which lists the note among its backlinks.
  await session.execute("document.querySelector('[data-testid=note-preview] [data-testid=wikilink]').click()");
  const backlinks = await session.waitFor(
    "const b = [...document.querySelectorAll('[data-testid=backlink]')].map(b => b.textContent); return b.length > 0 && b;",
    [],
    { what: "the backlink on the actor page" },
  );
  assert.deepEqual(backlinks, ["Working theory"]);
  assert.equal(await session.execute("return document.querySelector('#actor-title').textContent"), "Hezbollah");
  await session.screenshot("actor-backlinks");

  // "Show in graph" focuses the graph on the actor and its neighbours.
  await session.execute("document.querySelector('[data-testid=show-in-graph]').click()");
  const near = edges(cli, "--actor", "Hezbollah", "--hops", "1");
  await session.waitFor(`return document.querySelector('[data-testid=graph-counts]')?.textContent.includes('${near.size} edges')`, [], {
    what: `${near.size} edges around Hezbollah`,
  });
  assert.equal(await session.execute("return document.querySelector('[data-testid=graph-focus]').value"), "Hezbollah");
});

test("a quotation dragged from an edge's panel lands in a note as a quoted reference, and search finds the note by its words", async (t) => {
  const { session, cli } = await openGraphLibrary(t);
  await libraryShown(session);
  await writeNote(session, "Working theory", "# The axis\n\nIran arms **its allies**.");
  await openGraph(session);
  await openIranSuppliesEdge(session);
  const dragged = await session.waitFor(`const q = document.querySelector('[data-testid=edge-quotation]'); if (!q) return false;
    window.__drag = new DataTransfer(); q.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: window.__drag }));
    return window.__drag.getData('text/plain');`);
  assert.match(dragged, /^> “.+”\n> — \[\[source:\d+\|.+\]\]\n$/s);
  await dropAtEndOfNote(session, "Working theory");
  const withQuote = await session.waitFor("const v = document.querySelector('[data-testid=note-body]').value; return v.includes('> “') && v;");
  // The editor shows the source's link by name, as Obsidian writes it.
  assert.ok(withQuote.endsWith(byName(dragged)), withQuote);
  await session.press("s", ["Control"]);
  await session.waitFor("return document.querySelector('.state')?.textContent === 'saved'", [], { what: "the note saved again" });
  // Full-text search finds the note by a word of the quotation it now holds.
  const word = dragged.match(/“(\p{L}{6,})/u)[1];
  const hits = JSON.parse(cli("search", word, "--json", "--limit", "100")).items;
  assert.ok(hits.some((h) => h.kind === "note" && h.title === "Working theory"), `${word}: ${JSON.stringify(hits.map((h) => [h.kind, h.title]))}`);
});

test("a claim's page shows what is claimed and its passages, and lists the notes linking to it", async (t) => {
  const { session, cli } = await openGraphLibrary(t);
  await libraryShown(session);
  await writeNote(session, "Working theory", "# The axis\n\nIran arms **its allies**.");
  // From the evidence behind the Iran → Venezuela edge, to the claim itself.
  await session.press("5", ["Control"]);
  await openIranSuppliesEdge(session);
  await session.waitFor("const b = document.querySelector('[data-testid=edge-open-claim]'); if (b) b.click(); return !!b;", [], {
    what: "a claim behind the edge",
  });
  const claimId = Number(await session.waitFor("return document.querySelector('[data-testid=claim-page]')?.dataset.claimId", [], { what: "the claim's page" }));
  const claim = JSON.parse(cli("list", "claims", "--json", "--limit", "1000")).items.find((c) => c.id === claimId);
  assert.equal(claim.subject.name, "Iran");
  assert.equal(claim.object.name, "Venezuela");
  const title = await session.waitFor("return document.querySelector('#claim-title')?.textContent.replace(/\\s+/g, ' ').trim()");
  assert.equal(title, "Iran supplies Venezuela");
  const passages = await session.waitFor(
    "const p = [...document.querySelectorAll('[data-testid=claim-passage] mark')].map(m => m.textContent); return p.length > 0 && p;",
    [],
    { what: "the passages" },
  );
  assert.equal(passages.length, claim.citation_count, "every citation of the claim is shown");
  assert.deepEqual(await session.execute("return [...document.querySelectorAll('[data-testid=backlink]')].map(b => b.textContent)"), []);

  // Its title dragged into the note becomes a link to the claim...
  const dragged = await session.execute(`const h = document.querySelector('#claim-title');
    window.__drag = new DataTransfer(); h.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: window.__drag }));
    return window.__drag.getData('text/plain');`);
  assert.equal(dragged, `[[claim:${claimId}|Iran supplies Venezuela]]`);
  await dropAtEndOfNote(session, "Working theory");
  await session.waitFor(`return document.querySelector('[data-testid=note-body]').value.endsWith(${JSON.stringify(byName(dragged))})`, [], {
    what: "the link in the note",
  });
  await session.press("s", ["Control"]);
  await session.waitFor("return document.querySelector('.state')?.textContent === 'saved'", [], { what: "the note saved" });

  // ...which opens the claim's page, now listing the note among its backlinks.
  await session.waitFor(
    "const l = [...document.querySelectorAll('[data-testid=note-preview] [data-testid=wikilink]')].find(b => b.dataset.target === 'claim'); if (l) l.click(); return !!l;",
    [],
    { what: "the claim's link in the preview" },
  );
  const backlinks = await session.waitFor(
    "const b = [...document.querySelectorAll('[data-testid=claim-page] [data-testid=backlink]')].map(b => b.textContent); return b.length > 0 && b;",
    [],
    { what: "the backlink on the claim's page" },
  );
  assert.deepEqual(backlinks, ["Working theory"]);
  assert.equal(Number(await session.execute("return document.querySelector('[data-testid=claim-page]').dataset.claimId")), claimId);
  await session.screenshot("claim-page");

  // A passage opens the reader at it.
  await session.execute("document.querySelector('[data-testid=claim-passage-open]').click()");
  const marked = await session.waitFor(
    "return [...document.querySelectorAll('[data-testid=reader-text] .focus')].map(r => r.textContent).join('')",
    [],
    { what: "the reader at the passage" },
  );
  assert.ok(passages.includes(marked), `${marked} is one of ${passages}`);
});

/** A reference's links as the note editor shows them: by name (`[[Hezbollah]]`). */
const byName = (text) => text.replace(/\[\[[a-z]+:\d+\|([^\]]+)\]\]/g, "[[$1]]");

async function waitForFile(path, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} was not written`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
