import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { RelatedCopy } from "../bindings";

const relatedCopies = vi.fn();
const judgeCopy = vi.fn(async () => ({ value: null, change: null, touched: [] }));
const listSources = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    relatedCopies: (...args: unknown[]) => relatedCopies(...args),
    judgeCopy: (...args: unknown[]) => judgeCopy(...(args as [])),
    listSources: (...args: unknown[]) => listSources(...args),
  } as never,
}));

const { default: CopiesPanel } = await import("./CopiesPanel.svelte");

const copy = (over: Partial<RelatedCopy>): RelatedCopy => ({
  source_id: 5,
  title: "Conviasa opens <b>route</b>",
  publisher: "Diario Sur",
  published: "2024-07-23",
  detected: { copy_id: 5, original_id: 4, evidence: "wording", likeness: 0.81 },
  verdict: null,
  same_group: true,
  ...over,
});

describe("CopiesPanel", () => {
  it("lists the copies with why they are copies, and marks one independent", async () => {
    relatedCopies.mockResolvedValue([
      copy({}),
      copy({ source_id: 6, title: "Conviasa abre ruta", detected: { copy_id: 6, original_id: 4, evidence: "anchors", likeness: 0.64 } }),
    ]);
    render(CopiesPanel, { sourceId: 4 });
    const rows = await screen.findAllByTestId("copy-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("a copy of this one: 81% of the wording shared");
    expect(rows[1]!.textContent).toContain("a copy of this one, translated: 64% of names and figures shared");
    // A title is text, never markup.
    expect(rows[0]!.querySelector("b")).toBeNull();

    relatedCopies.mockResolvedValue([copy({ verdict: "independent", same_group: false }), copy({ source_id: 6 })]);
    await fireEvent.click(screen.getAllByTestId("copy-independent")[0]!);
    expect(judgeCopy).toHaveBeenCalledWith(4, 5, "independent");
    const after = await screen.findAllByTestId("copy-same-story");
    expect(after).toHaveLength(1);
    expect(screen.getAllByTestId("copy-row")[0]!.textContent).toContain("independent, by your word (the detector saw a copy)");
    await fireEvent.click(screen.getByTestId("copy-detector"));
    expect(judgeCopy).toHaveBeenLastCalledWith(4, 5, null);
  });

  it("joins a source the detector missed, found by its title", async () => {
    relatedCopies.mockResolvedValue([]);
    listSources.mockResolvedValue({
      items: [
        { id: 4, title: "This one" },
        { id: 9, title: "Hezbollah money houses" },
      ],
      total: 2,
      offset: 0,
    });
    render(CopiesPanel, { sourceId: 4 });
    expect((await screen.findByTestId("copies-panel")).textContent).toContain("No other source runs this story");
    await fireEvent.click(screen.getByTestId("copy-add"));
    await fireEvent.input(screen.getByTestId("copy-search"), { target: { value: "money houses" } });
    const matches = await screen.findAllByTestId("copy-match");
    expect(matches.map((m) => m.textContent)).toEqual(["Hezbollah money houses"]);
    await fireEvent.click(matches[0]!);
    expect(judgeCopy).toHaveBeenLastCalledWith(4, 9, "copy");
  });

  it("shows the copies of the source it is on, whatever order the answers come in", async () => {
    let answerFirst: (value: RelatedCopy[]) => void = () => {};
    relatedCopies.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
    relatedCopies.mockResolvedValueOnce([copy({ source_id: 8, title: "Copy of the second" })]);
    const { rerender } = render(CopiesPanel, { sourceId: 4 });
    await rerender({ sourceId: 7 });
    await screen.findByText("Copy of the second");
    answerFirst([copy({ source_id: 9, title: "Copy of the first" })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText("Copy of the first")).toBeNull();
    expect(screen.getByText("Copy of the second")).toBeTruthy();
  });
});
