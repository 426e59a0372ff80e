import { beforeEach, describe, expect, it } from "vitest";
import type { FileReport, ImportProgressed } from "./bindings";
import { applyProgress, closeImport, elapsed, fileName, imports } from "./imports.svelte";

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
    expect(elapsed(61_500)).toBe("1:01");
  });
});
