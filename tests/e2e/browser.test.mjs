// End to end: links and selections dragged from a browser, through the real window.
// A GTK drag source offers what Firefox offers for a dragged link (text/x-moz-url,
// text/uri-list, _NETSCAPE_URL, text/html, text/plain) or for a selection (text/html
// and text/plain, with the page's address as _NETSCAPE_URL), xdotool drags it onto the
// window, and the pages come from an HTTP server on 127.0.0.1 started here. Also
// Import from address… (Ctrl+L), and a page's drag that names a file on this computer.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { createServer as createTcpServer } from "node:net";
import { test } from "node:test";
import { openApp } from "./webdriver.mjs";

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><title>Caracas and Tehran sign a port pact</title>
<meta name="author" content="Ana Ruiz"></head><body><nav>Home · World · Sport</nav>
<article><h1>Caracas and Tehran sign a port pact</h1>
<p>Iran signed a cooperation agreement with Venezuela in 2022, officials said on Tuesday in Caracas, after a week of
talks between the two delegations at the port of La Guaira.</p>
<p>Hezbollah has maintained a presence in the region for decades, according to the report cited by the ministry.</p>
<script>document.title = "a script ran"</script></article></body></html>`;

/** A news site on 127.0.0.1: a short link redirecting to an article, and a missing page.
 * `asked` lists the paths requested, as they came. */
async function newsSite(t, asked = []) {
  const server = createServer((request, response) => {
    asked.push(request.url);
    if (request.url.startsWith("/s/pact")) {
      response.writeHead(301, { location: "/world/2024/port-pact" });
      response.end();
    } else if (request.url === "/world/2024/port-pact") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "last-modified": "Tue, 04 Jun 2024 10:00:00 GMT" });
      response.end(ARTICLE);
    } else {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<p>No such page</p>");
    }
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** An address on 127.0.0.1 where nothing listens, as when a site is down or the machine offline. */
async function deadAddress() {
  const probe = createTcpServer();
  await new Promise((ready) => probe.listen(0, "127.0.0.1", ready));
  const port = probe.address().port;
  await new Promise((closed) => probe.close(closed));
  return `http://127.0.0.1:${port}/news`;
}

/** What Firefox offers when a link is dragged. */
const firefoxLink = (address, title) => [
  ["text/x-moz-url", `${address}\n${title}`],
  ["text/uri-list", `${address}\r\n`],
  ["_NETSCAPE_URL", `${address}\n${title}`],
  ["text/html", `<a href="${address}">${title}</a>`],
  ["text/plain", address],
];

async function closePanel(session) {
  await session.execute("document.querySelector('[aria-label=\"Close the import panel\"]')?.click()");
  await session.waitFor("return document.querySelector('[data-testid=import-panel]') === null", [], { what: "the import panel closed" });
}

async function finishedRows(session) {
  await session.waitFor(
    "const h = document.querySelector('[data-testid=import-panel] h2'); return h && /finished/.test(h.textContent);",
    [],
    { what: "the import to finish", timeout: 45_000 },
  );
  return session.execute("return [...document.querySelectorAll('.import-panel .file')].map(li => li.textContent.replace(/\\s+/g, ' ').trim())");
}

test("a link dragged from a browser is fetched and kept with its chain of custody; dead links say why", async (t) => {
  const asked = [];
  const site = await newsSite(t, asked);
  const { session } = await openApp(t, { storeName: "links.dossier" });
  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  // Escapes in an address are part of it: "a%26b" is one value, "a&b" two.
  const link = `${site}/s/pact?from=a%26b`;
  await session.dropOffers(firefoxLink(link, "Port pact"));
  const rows = await finishedRows(session);
  assert.deepEqual(rows, [`imported ${link.slice(7)}`]);
  assert.deepEqual(asked, ["/s/pact?from=a%26b", "/world/2024/port-pact"], "the server is asked for the address as dropped");
  await session.waitFor("return document.querySelector('button.source[data-source-id]') !== null", [], { what: "the page in the Library" });
  assert.equal(await session.execute("return document.querySelector('[data-source-id] .title').textContent"), "Caracas and Tehran sign a port pact");
  await session.execute("document.querySelector('button.source[data-source-id]').click()");
  await session.waitFor("return document.querySelector('[data-testid=capture]') !== null", [], { what: "the chain of custody in the details" });
  const custody = await session.execute(
    "return ['capture-address', 'capture-redirect', 'capture-final', 'capture-status'].map(id => document.querySelector(`[data-testid=${id}]`).textContent)",
  );
  assert.deepEqual(custody, [link, `301 from ${link}`, `${site}/world/2024/port-pact`, "HTTP 200"]);
  const text = await session.execute("return document.querySelector('[data-testid=reader-text]').textContent");
  assert.match(text, /Iran signed a cooperation agreement with Venezuela/);
  assert.doesNotMatch(text, /a script ran|Home · World/);
  assert.notEqual(await session.execute("return document.title"), "a script ran");
  await session.execute("document.querySelector('[data-testid=capture]').scrollIntoView()");
  await session.screenshot("browser-link-custody");

  await session.press("1", ["Control"]);
  const dead = await deadAddress();
  await closePanel(session);
  await session.dropOffers(firefoxLink(`${site}/world/gone`, "Gone"));
  assert.deepEqual(await finishedRows(session), [`failed ${site.slice(7)}/world/gone the server answered 404 Not Found`]);
  await closePanel(session);
  await session.dropOffers(firefoxLink(dead, "Down"));
  const [down] = await finishedRows(session);
  assert.match(down, /^failed 127\.0\.0\.1:\d+\/news 127\.0\.0\.1 refused the connection: the server is down or the address is wrong$/);
  await session.screenshot("browser-link-dead");

  // The window never becomes a web page, whatever asks it to.
  const own = await session.execute("return location.href");
  await session.execute(`location.href = ${JSON.stringify(`${site}/world/2024/port-pact`)}`);
  await new Promise((settle) => setTimeout(settle, 1500));
  assert.equal(await session.execute("return location.href"), own);
  assert.ok(await session.execute("return document.querySelector('.shell') !== null"), "the app is still there");
});

test("a selection dragged from a browser becomes a clipping linked to its page", async (t) => {
  const page = "https://news.example.org/world/2024/pact?ref=a%26b";
  const { session } = await openApp(t, { storeName: "clippings.dossier" });
  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  await session.dropOffers([
    ["_NETSCAPE_URL", `${page}\nCaracas and Tehran`],
    ["text/html", "<p>“The alliance is the most successful project in the region,” <b>Joseph Humire</b> said.</p>"],
    ["text/plain", "“The alliance is the most successful project in the region,” Joseph Humire said."],
  ]);
  const notice = await session.waitFor(
    "const n = [...document.querySelectorAll('.notice')].map(n => n.textContent.replace(/\\s+/g, ' ')).find(t => /Clipped/.test(t)); return n;",
    [],
    { what: "the clipping's notice" },
  );
  assert.match(notice, new RegExp(`The selection is now a source linked to ${page.replace(/[?.]/g, "\\$&")}`));
  await session.waitFor("return document.querySelector('button.source[data-source-id]') !== null", [], { what: "the clipping in the Library" });
  await session.execute("document.querySelector('button.source[data-source-id]').click()");
  await session.waitFor("return document.querySelector('[data-testid=capture]') !== null", [], { what: "the clipping's details" });
  assert.equal(await session.execute("return document.querySelector('[data-testid=capture-address]').textContent"), page);
  assert.match(await session.execute("return document.querySelector('[data-testid=reader-text]').textContent"), /Joseph Humire said/);
  await session.screenshot("browser-clipping");
});

test("files named by a web page's drag are not imported", async (t) => {
  let secret;
  const { session } = await openApp(t, {
    storeName: "hostile-drag.dossier",
    prepare: ({ home }) => {
      secret = join(home, "private key.txt");
      writeFileSync(secret, "-----BEGIN OPENSSH PRIVATE KEY----- not for the library");
    },
  });
  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  // What a page's script can make a drag carry in Firefox: a file's address, with the
  // targets Firefox adds to a drag out of page content.
  await session.dropOffers([
    ["text/_moz_htmlcontext", "<html><body></body></html>"],
    ["text/uri-list", `file://${secret.replace(/ /g, "%20")}\r\n`],
    ["text/plain", "Drag me to Dossier"],
  ]);
  const refused = await session.waitFor(
    "const n = [...document.querySelectorAll('.notice')].map(n => n.textContent.replace(/\\s+/g, ' ')).find(t => /web page/.test(t)); return n;",
    [],
    { what: "the refusal" },
  );
  assert.match(refused, /a web page's drag named files on this computer \(.*private key\.txt\); they were not imported/);
  await new Promise((settle) => setTimeout(settle, 1000));
  assert.equal(await session.execute("return document.querySelectorAll('[data-source-id]').length"), 0);
  assert.equal(await session.execute("return document.querySelector('[data-testid=import-panel]')"), null);
});

test("Import from address (Ctrl+L) fetches a page like a dropped link", async (t) => {
  const site = await newsSite(t);
  const { session } = await openApp(t, { storeName: "address.dossier" });
  await session.waitFor("return document.querySelector('[data-testid=library-empty]') !== null", [], { what: "the empty Library" });
  await session.press("l", ["Control"]);
  await session.waitFor("return document.activeElement?.dataset.testid === 'address-input'", [], { what: "the address field, focused" });
  await session.type("[data-testid=address-input]", `${site}/world/2024/port-pact`);
  await session.screenshot("browser-address-dialog");
  await session.execute("document.querySelector('[data-testid=address-import]').click()");
  assert.deepEqual(await finishedRows(session), [`imported ${site.slice(7)}/world/2024/port-pact`]);
  await session.waitFor(
    "return document.querySelector('[data-source-id] .title')?.textContent === 'Caracas and Tehran sign a port pact'",
    [],
    { what: "the page in the Library" },
  );
});
