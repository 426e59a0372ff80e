import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Claim, Matrix } from "../bindings";
import { draggedClaim } from "../hypotheses.svelte";

const matrix = vi.fn();
const rateClaim = vi.fn(async () => ({ value: null, change: null, touched: [] }));
const addEvidence = vi.fn(async () => ({ value: true, change: null, touched: [] }));
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    questions: async () => [{ id: 3, title: "Who supplied the drones?", hypotheses: 2, evidence: 2, created_at: "", updated_at: "" }],
    matrix: (...args: unknown[]) => matrix(...args),
    rateClaim: (...args: unknown[]) => rateClaim(...(args as [])),
    addEvidence: (...args: unknown[]) => addEvidence(...(args as [])),
    listClaims: async () => ({ items: [], total: 0, offset: 0 }),
  } as never,
}));

const { default: Hypotheses } = await import("./Hypotheses.svelte");

const claim = (id: number, object: string): Claim => ({
  id,
  subject: { id: 1, name: "Iran" },
  relation: "supplies",
  relation_text: null,
  object: { id: 2, name: object },
  object_text: null,
  statement: "",
  date: null,
  attributed_to: null,
  certainty: "asserted",
  status: "accepted",
  origin: "user",
  citation_count: 1,
  created_at: "",
  updated_at: "",
  date_checked: true,
  made_by: null,
  grade: { reliability: "B", credibility: 2, set: false, suggested: 2 },
});

const question = { id: 3, title: "Who supplied the drones?", hypotheses: 2, evidence: 2, created_at: "", updated_at: "" };
const hypothesis = (id: number, statement: string) => ({ id, question_id: 3, statement, notes: "", created_at: "", made_by: null });

const shown: Matrix = {
  question,
  hypotheses: [hypothesis(10, "Iran directly"), hypothesis(11, "Russia")],
  scores: [
    { inconsistency: 0, inconsistent: 0, consistent: 2 },
    { inconsistency: 2.5, inconsistent: 1, consistent: 1 },
  ],
  rows: [
    { claim: claim(7, "Venezuela"), cells: [{ rating: "C", comment: "the shipment" }, { rating: "II", comment: "" }], diagnosticity: 3, weight: 1.25, no_diagnostic_value: false },
    { claim: claim(8, "Cuba"), cells: [{ rating: "C", comment: "" }, { rating: "C", comment: "" }], diagnosticity: 0, weight: 1.25, no_diagnostic_value: true },
  ],
  reading: ["H1 “Iran directly” has the least evidence against it (weighted inconsistency 0.00); then H2 2.50."],
};

describe("Hypotheses", () => {
  it("shows the matrix, greys the row that tells nothing apart, and rates with the keyboard", async () => {
    matrix.mockResolvedValue(shown);
    render(Hypotheses, { questionId: 3, reloadKey: 0 });
    const rows = await screen.findAllByTestId("matrix-row");
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain("no diagnostic value");
    expect(rows[0]!.textContent).not.toContain("no diagnostic value");
    expect(screen.getAllByTestId("score").map((s) => s.textContent)).toEqual(["0.00", "2.50"]);
    expect(screen.getByTestId("matrix-reading").textContent).toContain("has the least evidence against it");

    // The cursor starts at the first cell; → moves to H2, Shift+I rates it II, i I.
    await fireEvent.keyDown(window, { key: "ArrowRight" });
    await fireEvent.keyDown(window, { key: "i" });
    await vi.waitFor(() => expect(rateClaim).toHaveBeenCalledWith(11, 7, "I", ""));
    await fireEvent.keyDown(window, { key: "ArrowDown" });
    await fireEvent.keyDown(window, { key: "C" });
    await vi.waitFor(() => expect(rateClaim).toHaveBeenLastCalledWith(11, 8, "CC", ""));
    // Clearing keeps nothing; a rating keeps the comment already there.
    await fireEvent.keyDown(window, { key: "ArrowUp" });
    await fireEvent.keyDown(window, { key: "ArrowLeft" });
    await fireEvent.keyDown(window, { key: "I" });
    await vi.waitFor(() => expect(rateClaim).toHaveBeenLastCalledWith(10, 7, "II", "the shipment"));
    await fireEvent.keyDown(window, { key: "0" });
    await vi.waitFor(() => expect(rateClaim).toHaveBeenLastCalledWith(10, 7, null, "the shipment"));
  });

  it("reads a claim dragged as a reference, and nothing else", () => {
    expect(draggedClaim("[[claim:42|Iran supplies Venezuela]]")).toBe(42);
    expect(draggedClaim("> “words” — [[source:3|A page]]")).toBeNull();
  });
});
