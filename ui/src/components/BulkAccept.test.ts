import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { BulkCandidate, ChangeEntry, Changed, Suggestion } from "../bindings";
import { connectHistory, toast } from "../undo.svelte";

const acceptSuggestions = vi.fn();
const bulkCandidates = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    acceptSuggestions: (...args: unknown[]) => acceptSuggestions(...args),
    bulkCandidates: (...args: unknown[]) => bulkCandidates(...args),
  } as never,
}));

const { default: BulkAccept } = await import("./BulkAccept.svelte");

const suggestion = (id: number, kind: Suggestion["kind"], label: string): Suggestion => ({
  id,
  source_id: 7,
  kind,
  label,
  span_start: 0,
  span_end: 10,
  status: "suggested",
  payload:
    kind === "actor"
      ? { kind, value: { name: label, kind: "other", surfaces: [label], mentions: [{ start: 0, end: 10 }] } }
      : kind === "quote"
        ? { kind, value: { text: label, speaker: null, start: 0, end: 10 } }
        : {
            kind: "claim",
            value: {
              subject: "Iran",
              relation: "supplies",
              object: "Venezuela",
              date: null,
              attributed_to: null,
              certainty: "asserted",
              citation: { exact: `passage ${id}`, prefix: "", suffix: "", start: 0, end: 10 },
            },
          },
  source_title: "Article",
  prefix: "",
  exact: `passage ${id}`,
  suffix: "",
});
const candidate = (s: Suggestion, secondLook: string | null = null): BulkCandidate => ({
  suggestion: s,
  ticked: secondLook === null,
  second_look: secondLook,
});

describe("BulkAccept", () => {
  it("lists every candidate, leaves the doubtful ones unticked with the reason, and accepts the ticked as one change", async () => {
    bulkCandidates.mockResolvedValue([
      candidate(suggestion(1, "actor", "Iran (state)")),
      candidate(suggestion(2, "claim", "Iran supplies Venezuela")),
      candidate(suggestion(3, "claim", "Venezuela supplies Iran"), "the passage names Iran before Venezuela: check who does what"),
      candidate(suggestion(4, "quote", "Maduro: “…”")),
    ]);
    connectHistory({ undoChange: async () => null }, () => {});
    acceptSuggestions.mockImplementation(async (ids: number[]): Promise<Changed<number>> => {
      const change: ChangeEntry = { id: 1, made_at: "now", label: `Accepted ${ids.length} suggestions`, undone_at: null, undoable: true };
      return { value: ids.length, change, touched: ["suggestions", "claims"] };
    });
    const onClose = vi.fn();
    const onDone = vi.fn(async () => {});
    render(BulkAccept, { sourceId: 7, onClose, onDone });

    await screen.findByText("the passage names Iran before Venezuela: check who does what");
    expect(bulkCandidates).toHaveBeenCalledWith(7);
    const boxes = screen.getAllByTestId("bulk-item") as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, false, true]);
    expect(screen.getByText(/1 is left unticked for a second look/)).toBeTruthy();

    // The person unticks the quotation too, then accepts.
    await fireEvent.click(boxes[3]!);
    const confirm = screen.getByTestId("bulk-confirm");
    expect(confirm.textContent).toBe("Accept 2 suggestions");
    await fireEvent.click(confirm);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(acceptSuggestions).toHaveBeenCalledWith([1, 2]);
    expect(onDone).toHaveBeenCalled();
    expect(toast.current?.label).toBe("Accepted 2 suggestions");
  });
});
