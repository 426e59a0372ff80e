// End to end: two analysts on two desktops (two real app windows, each with its own
// HOME and store) working on one investigation through a real PostgreSQL server that
// the test starts. Each joins through Settings → Team; a claim accepted on one desktop
// shows on the other with who accepted it (and the actor it made, with who added it);
// a suggestion accepted on one desktop and rejected on the other while it was not
// syncing is listed as disputed on both, in Settings → Team and in Review.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { appBinary, openApp, repoRoot } from "./webdriver.mjs";
import { havePostgres, startCluster } from "./postgres.mjs";

/** `dossier team …` as whoever runs the server, with `input` on stdin. */
function team(server, args, input = "") {
  return execFileSync(appBinary(), ["team", "--server", server, ...args], { input }).toString().trim();
}

/** A server with a team of two analysts and one investigation; its id. */
function teamServer(cluster) {
  team(cluster.admin, ["init"]);
  team(cluster.admin, ["create-team", "Caracas desk"]);
  team(cluster.admin, ["add-member", "--team", "Caracas desk", "ana"], "ana's password\n");
  team(cluster.admin, ["add-member", "--team", "Caracas desk", "ben"], "ben's password\n");
  const printed = team(cluster.admin, ["create-investigation", "--team", "Caracas desk", "Drones"]);
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(printed)?.[0];
  assert.ok(id, `an investigation id in: ${printed}`);
  return id;
}

const click = (session, selector) =>
  session.waitFor(`const el = document.querySelector(${JSON.stringify(selector)}); if (!el || el.disabled) return false; el.click(); return true;`, [], {
    what: selector,
  });
/** The status bar's sync line. */
const syncLine = "const el = document.querySelector('[data-testid=sync-line]'); return el && el.textContent.trim();";
/** Waits until the status bar says everything made here went to the team. */
const allSent = (session, what) =>
  session.waitFor(`const line = (() => { ${syncLine} })(); return !!line && line.startsWith('Synced') && !line.includes('to send') && line;`, [], {
    what: `${what}: synced with nothing left to send`,
    timeout: 30_000,
  });

/** Waits until the store behind `app` has pushed every change made on it (asked of the
 *  store itself: the status bar may not have heard of a change made a moment ago). */
const pushed = (app, what) =>
  app.session.waitFor("return true").then(async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = app.cli("sync", "--status");
      if (/not pushed\s+0 changes/.test(status)) return;
      if (Date.now() > deadline) throw new Error(`${what} never reached the server:\n${status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

/** Fills Settings → Team as the analyst would and connects. */
async function joinTeam(session, { socket, user, password, investigation }) {
  await click(session, "[data-testid=nav-settings]");
  await session.waitFor("return !!document.querySelector('[data-testid=team-settings] input[name=host]')", [], { what: "the Team form" });
  await session.type("[data-testid=team-settings] input[name=host]", socket);
  // The throwaway cluster keeps Dossier's schema in its first database.
  await session.type("[data-testid=team-settings] input[name=database]", "postgres");
  await session.type("[data-testid=team-settings] input[name=user]", user);
  await session.type("[data-testid=team-settings] input[name=password]", password);
  await session.type("[data-testid=team-settings] input[name=investigation]", investigation);
  // A Unix socket is never encrypted (the sync tests cover TLS over the network).
  await session.execute(
    "const s = document.querySelector('[data-testid=team-settings] select[name=tls]'); s.value = 'off'; s.dispatchEvent(new Event('change', { bubbles: true }));",
  );
  await click(session, "[data-testid=team-save]");
  try {
    await allSent(session, `${user} joined`);
  } catch (error) {
    await session.screenshot(`team-join-${user}-failed`);
    console.log(await session.execute("return document.querySelector('[data-testid=team-settings]').innerText + ' || ' + [...document.querySelectorAll('.notice')].map(n => n.innerText).join(' | ')"));
    throw error;
  }
  await allSent(session, `${user} joined`);
}

/** Selects the suggestion whose label reads `label` in the review queue and presses `action`. */
async function decide(session, label, action) {
  await click(session, "[data-testid=nav-review]");
  await session.waitFor(
    `const item = [...document.querySelectorAll('.queue .item')].find(i => i.querySelector('.label').textContent.trim() === ${JSON.stringify(label)});
     if (item && !item.classList.contains('selected')) item.querySelector('.pick').click();
     return !!item && item.classList.contains('selected');`,
    [],
    { what: `${label} selected in the review queue` },
  );
  await session.waitFor(
    `const b = [...document.querySelectorAll('.queue .item.selected .actions button')].find(b => b.textContent.startsWith(${JSON.stringify(action)}));
     if (!b || b.disabled) return false; b.click(); return true;`,
    [],
    { what: `${action} on ${label}` },
  );
  await session
    .waitFor(
      `return ![...document.querySelectorAll('.queue .item .label')].some(l => l.textContent.trim() === ${JSON.stringify(label)});`,
      [],
      { what: `${label} decided` },
    )
    .catch(async (error) => {
      await session.screenshot(`team-decide-failed`);
      console.log(await session.execute("return [...document.querySelectorAll('.notice')].map(n => n.innerText).join(' | ')"));
      throw error;
    });
}

/** The conflicts Settings → Team lists, each as its cells' text. */
const conflicts = (session, what) =>
  session.waitFor(
    `const rows = [...document.querySelectorAll('[data-testid=team-conflict]')].map(r => [...r.querySelectorAll('td')].slice(0, 4).map(td => td.textContent.trim()));
     return rows.length > 0 && rows;`,
    [],
    { what, timeout: 30_000 },
  );

test("two desktops sync through PostgreSQL: an acceptance arrives with its author, a decision made both ways is disputed on both", async (t) => {
  if (!havePostgres()) {
    t.skip("no PostgreSQL server programs here: install Debian's `postgresql` package (make test does)");
    return;
  }
  const cluster = startCluster();
  t.after(() => cluster.stop());
  const investigation = teamServer(cluster);
  const article = join(repoRoot, "tests/fixtures/extract/en-drones.txt");
  const ana = await openApp(t, { storeName: "ana.dossier", prepare: ({ cli }) => cli("import", article) });
  const ben = await openApp(t, { storeName: "ben.dossier" });

  await joinTeam(ana.session, { socket: cluster.socket, user: "ana", password: "ana's password", investigation });
  await joinTeam(ben.session, { socket: cluster.socket, user: "ben", password: "ben's password", investigation });
  // Ben's empty store now has ana's article, its suggestions with it.
  await click(ben.session, "[data-testid=nav-library]");
  await ben.session.waitFor(
    "return [...document.querySelectorAll('[data-source-id] .title')].some(t => t.textContent.includes('Iran supplied drones'))",
    [],
    { what: "ana's article in ben's Library" },
  );

  // Ana accepts a claim; ben's desktop shows it, accepted by ana, without anyone asking.
  await decide(ana.session, "Russia ally of Venezuela", "Accept");
  await pushed(ana, "ana's acceptance");
  await click(ben.session, "[data-testid=nav-claims]");
  await ben.session.waitFor(
    "const row = [...document.querySelectorAll('[data-claim-id]')].find(r => r.textContent.includes('Russia')); if (row) row.click(); return !!row;",
    [],
    { what: "ana's claim in ben's Claims", timeout: 30_000 },
  );
  const recorded = await ben.session.waitFor(
    "const el = document.querySelector('[data-testid=claim-recorded]'); return el && el.textContent.trim();",
    [],
    { what: "the claim page" },
  );
  assert.match(recorded, /^suggested by extraction, accepted by ana · \d{4}-\d\d-\d\d$/);
  await ben.session.screenshot("team-claim-accepted-by-ana");
  // The actor the acceptance made says who added it.
  await ben.session.waitFor(
    "const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Russia'); if (b) b.click(); return !!b;",
    [],
    { what: "Russia on the claim page" },
  );
  assert.equal(
    await ben.session.waitFor("const el = document.querySelector('[data-testid=actor-authors]'); return el && el.textContent.trim();", [], {
      what: "who added Russia",
    }),
    "added by ana",
  );

  // Ben stops syncing and rejects a suggestion that ana, meanwhile, accepts.
  await click(ben.session, "[data-testid=nav-settings]");
  await ben.session.waitFor(
    "const b = [...document.querySelectorAll('[data-testid=team-settings] button')].find(b => b.textContent === 'Stop syncing here'); if (b) b.click(); return !!b;",
  );
  await ben.session.waitFor("return !document.querySelector('[data-testid=sync-line]')", [], { what: "ben not syncing" });
  await decide(ben.session, "Sergei Lavrov visits Venezuela", "Reject");
  await decide(ana.session, "Sergei Lavrov visits Venezuela", "Accept");
  await pushed(ana, "ana's second acceptance");
  // Ben syncs again: his rejection goes after her acceptance in the log, and stands.
  await joinTeam(ben.session, { socket: cluster.socket, user: "ben", password: "ben's password", investigation });
  const disputed = ["Suggestion: Sergei Lavrov visits Venezuela", "decision disputed", "rejected", "accepted"];
  assert.deepEqual(await conflicts(ben.session, "the dispute on ben's desktop"), [disputed]);
  await ben.session.screenshot("team-disputed-ben");
  await click(ana.session, "[data-testid=nav-settings]");
  assert.deepEqual(await conflicts(ana.session, "the dispute on ana's desktop"), [disputed]);
  await ana.session.screenshot("team-disputed-ana");
  // Review lists it too, under Disputed, on both desktops.
  for (const [who, app] of [["ana", ana], ["ben", ben]]) {
    await click(app.session, "[data-testid=nav-review]");
    await click(app.session, "[data-testid=tab-disputed]");
    const rows = await app.session.waitFor(
      `const rows = [...document.querySelectorAll('[data-testid=disputed-decision]')].map(r => [...r.querySelectorAll('td')].slice(0, 3).map(td => td.textContent.trim()));
       return rows.length > 0 && rows;`,
      [],
      { what: `Review's disputed decisions on ${who}'s desktop` },
    );
    assert.deepEqual(rows, [["Sergei Lavrov visits Venezuela", "rejected", "accepted"]]);
  }
  await ben.session.screenshot("team-review-disputed-ben");
});
