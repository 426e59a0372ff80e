import { beforeEach, describe, expect, it } from "vitest";
import type { FileReport, ImportProgressed } from "./bindings";
import { applyProgress, closeImport, droppedFromBrowser, elapsed, fileName, imports, webAddressOf } from "./imports.svelte";

const progress = (done: number, total = 3) => ({
  total,
  done,
  imported: done,
  duplicates: 0,
  failed: 0,
  skipped: 0,
  current: "/drop/b.html",
  current_pages: null, elapsed_ms: 1500,
});
const file = (path: string): FileReport => ({ path, note: null, outcome: "imported", source_id: 1 });
const event = (batch: number, done: number, finished: FileReport[], over = false): ImportProgressed => ({
  batch,
  progress: progress(done),
  finished,
  over,
});

beforeEach(() => {
  imports.current = null;
  imports.cancelling = false;
});

describe("import batches", () => {
  it("accumulate the files of one batch across events", () => {
    applyProgress(event(1, 0, []));
    applyProgress(event(1, 2, [file("/a.html"), file("/b.html")]));
    applyProgress(event(1, 3, [file("/c.txt")], true));
    expect(imports.current?.files.map((f) => f.path)).toEqual(["/a.html", "/b.html", "/c.txt"]);
    expect(imports.current?.over).toBe(true);
  });

  it("start afresh with a new batch and ignore late events of an older one", () => {
    applyProgress(event(1, 1, [file("/a.html")], true));
    applyProgress(event(2, 0, []));
    applyProgress(event(1, 1, [file("/late.html")]));
    expect(imports.current?.batch).toBe(2);
    expect(imports.current?.files).toEqual([]);
  });

  it("can be closed only once over", () => {
    applyProgress(event(1, 1, []));
    closeImport();
    expect(imports.current).not.toBeNull();
    applyProgress(event(1, 3, [], true));
    closeImport();
    expect(imports.current).toBeNull();
  });

  it("name files by their last path part on any platform", () => {
    expect(fileName("/home/ana/drop/a b.html")).toBe("a b.html");
    expect(fileName("C:\\Users\\ana\\x.txt")).toBe("x.txt");
    expect(fileName("https://news.example.org/world/pact?id=7")).toBe("news.example.org/world/pact?id=7");
    expect(fileName("http://example.org/")).toBe("example.org");
    expect(elapsed(61_500)).toBe("1:01");
  });
});

describe("drops from a browser", () => {
  const page = "https://news.example.org/2024/pact?id=7";

  it("reads a dragged link as an address to fetch, whatever the browser adds", () => {
    // Firefox: the address listed, the link's HTML and its text.
    expect(droppedFromBrowser(`${page}\r\n`, `<a href="${page}">Caracas and Tehran sign a pact</a>`, page)).toEqual({
      kind: "link",
      address: page,
    });
    expect(droppedFromBrowser(`# a comment\n${page}`, "", "")).toEqual({ kind: "link", address: page });
    // A selection that is just a link, on a page the browser names: the link, not the page.
    expect(droppedFromBrowser(page, `<a href="https://other.example/report">the report</a>`, "the report")).toEqual({
      kind: "link",
      address: "https://other.example/report",
    });
    // An address dragged as plain text (from the address bar of some browsers).
    expect(droppedFromBrowser("", "", `  ${page} `)).toEqual({ kind: "link", address: page });
  });

  it("reads a selection as a clipping linked to its page when the browser names it", () => {
    const html = "<p>Iran signed a <b>cooperation agreement</b> with Venezuela.</p><p>Officials said so.</p>";
    expect(droppedFromBrowser(page, html, "Iran signed a cooperation agreement with Venezuela.\nOfficials said so.")).toEqual({
      kind: "clipping",
      text: "Iran signed a cooperation agreement with Venezuela.\nOfficials said so.",
      html,
      page,
    });
    expect(droppedFromBrowser("", "", "A passage with words, and https://example.org inside")).toEqual({
      kind: "clipping",
      text: "A passage with words, and https://example.org inside",
      html: null,
      page: null,
    });
    // HTML with no text given: its words are the clipping's text.
    const clipped = droppedFromBrowser("", "<p>Only <i>HTML</i> given</p>", "");
    expect(clipped).toEqual({ kind: "clipping", text: "Only HTML given", html: "<p>Only <i>HTML</i> given</p>", page: null });
  });

  it("refuses addresses that are not web ones and drops that carry nothing", () => {
    expect(webAddressOf("file:///etc/passwd\njavascript:alert(1)")).toBeNull();
    expect(droppedFromBrowser("file:///home/a/notes.txt", "", "")).toEqual({ kind: "nothing" });
    expect(droppedFromBrowser("", "  ", " ")).toEqual({ kind: "nothing" });
  });
});
