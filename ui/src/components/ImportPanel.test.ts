import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyProgress, imports } from "../imports.svelte";

const cancelImport = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: { cancelImport: (...args: unknown[]) => cancelImport(...args) } as never,
}));

const { default: ImportPanel } = await import("./ImportPanel.svelte");

const counts = { imported: 1, duplicates: 1, failed: 1, skipped: 0 };

afterEach(() => {
  imports.current = null;
  cancelImport.mockReset();
});

describe("ImportPanel", () => {
  it("shows live progress and cancels on request", async () => {
    cancelImport.mockResolvedValue(null);
    render(ImportPanel);
    applyProgress({
      batch: 1,
      progress: { total: 10, done: 3, ...counts, current: "/drop/évènement.html", current_pages: null, elapsed_ms: 65_000 },
      finished: [
        { path: "/drop/a.html", note: null, outcome: "imported", source_id: 1 },
        { path: "/drop/b.html", note: null, outcome: "duplicate", source_id: 1 },
        { path: "/drop/<img src=x onerror=alert(1)>.pdf", note: null, outcome: "failed", reason: "not a PDF: file starts with <html>" },
      ],
      over: false,
    });
    expect(await screen.findByRole("heading", { name: "Importing 3 of 10…" })).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Files done" })).toHaveProperty("value", 3);
    expect(screen.getByText("évènement.html")).toBeTruthy();
    expect(screen.getByText("1:05")).toBeTruthy();
    expect(screen.getByText("not a PDF: file starts with <html>")).toBeTruthy();
    expect(screen.getByText("<img src=x onerror=alert(1)>.pdf")).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(cancelImport).toHaveBeenCalledOnce();
    expect(screen.getByRole("button", { name: "Cancelling…" })).toHaveProperty("disabled", true);
  });

  it("shows which page of a long scan OCR is reading", async () => {
    render(ImportPanel);
    applyProgress({
      batch: 3,
      progress: { total: 2, done: 0, ...counts, current: "/scans/court-filing.pdf", current_pages: { done: 4, total: 12 }, elapsed_ms: 9_000 },
      finished: [],
      over: false,
    });
    expect((await screen.findByTestId("current-pages")).textContent).toContain("reading the scan, page 5 of 12");
    expect(screen.getByRole("progressbar", { name: "Pages read" })).toHaveProperty("value", 4);
    applyProgress({
      batch: 3,
      progress: { total: 2, done: 1, ...counts, current: "/scans/letter.png", current_pages: null, elapsed_ms: 12_000 },
      finished: [{ path: "/scans/court-filing.pdf", note: null, outcome: "imported", source_id: 9 }],
      over: false,
    });
    await screen.findByText("letter.png");
    expect(screen.queryByTestId("current-pages")).toBeNull();
  });

  it("counts what a folder walk skipped, says why for each, and notes a failed analysis", async () => {
    render(ImportPanel);
    applyProgress({
      batch: 2,
      progress: { total: 3, done: 3, ...counts, failed: 0, skipped: 2, current: null, current_pages: null, elapsed_ms: 400 },
      finished: [
        { path: "/drop/a.html", note: "analysis failed: the analysis gave up: the text took longer than 60 s to analyse", outcome: "imported", source_id: 1 },
        { path: "/drop/photo.jpg", note: null, outcome: "skipped", reason: "not a document type Dossier reads (.jpg)" },
        { path: "/drop/leak/notes", note: null, outcome: "skipped", reason: "a link leading outside the dropped folder; not followed" },
      ],
      over: true,
    });
    expect((await screen.findByTestId("count-skipped")).textContent).toBe("2 skipped");
    expect(screen.getByText("a link leading outside the dropped folder; not followed")).toBeTruthy();
    expect(screen.getByText("not a document type Dossier reads (.jpg)")).toBeTruthy();
    expect(screen.getByText(/^analysis failed: the analysis gave up/)).toBeTruthy();
  });

  it("says how a cancelled batch ended and filters to failures", async () => {
    render(ImportPanel);
    applyProgress({
      batch: 4,
      progress: { total: 10, done: 3, ...counts, current: null, current_pages: null, elapsed_ms: 900 },
      finished: [
        { path: "/a.html", note: null, outcome: "imported", source_id: 1 },
        { path: "/bad.html", note: null, outcome: "failed", reason: "empty file" },
      ],
      over: true,
    });
    expect(await screen.findByRole("heading", { name: "Import cancelled" })).toBeTruthy();
    expect(screen.getByText("7 not imported")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    await fireEvent.click(screen.getByLabelText("Show failures only"));
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      expect.stringContaining("bad.html"),
    ]);
    await fireEvent.click(screen.getByRole("button", { name: "Close the import panel" }));
    expect(screen.queryByTestId("import-panel")).toBeNull();
  });
});
