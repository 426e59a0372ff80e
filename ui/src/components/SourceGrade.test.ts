import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { SourceGrade } from "../bindings";

const sourceGrade = vi.fn();
const gradeSource = vi.fn(async () => ({ value: null, change: null, touched: [] }));
const gradeSite = vi.fn(async () => ({ value: null, change: null, touched: [] }));
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    sourceGrade: (...args: unknown[]) => sourceGrade(...args),
    gradeSource: (...args: unknown[]) => gradeSource(...(args as [])),
    gradeSite: (...args: unknown[]) => gradeSite(...(args as [])),
  } as never,
}));

const { default: SourceGradePanel } = await import("./SourceGrade.svelte");

const grade = (over: Partial<SourceGrade>): SourceGrade => ({
  source_id: 4,
  site: "wire-example.com",
  own: null,
  site_default: null,
  reliability: null,
  ...over,
});

describe("SourceGrade", () => {
  it("says a source takes its site's default, grades it, and sets the site's default", async () => {
    sourceGrade.mockResolvedValue(grade({ site_default: "B", reliability: "B" }));
    render(SourceGradePanel, { sourceId: 4 });
    const panel = await screen.findByTestId("source-grade");
    expect(panel.textContent).toContain("Usually reliable");
    expect(panel.textContent).toContain("the default of wire-example.com");
    expect(screen.queryByTestId("grade-source-clear")).toBeNull();

    sourceGrade.mockResolvedValue(grade({ own: "A", site_default: "B", reliability: "A" }));
    await fireEvent.click(screen.getByTestId("grade-source-A"));
    expect(gradeSource).toHaveBeenCalledWith(4, "A");
    await screen.findByText(/graded for this source/);
    expect(screen.getByTestId("grade-source-A").getAttribute("aria-pressed")).toBe("true");

    // Its own grade pressed again goes back to the site's.
    await fireEvent.click(screen.getByTestId("grade-source-A"));
    expect(gradeSource).toHaveBeenLastCalledWith(4, null);

    await fireEvent.change(screen.getByTestId("grade-site"), { target: { value: "C" } });
    expect(gradeSite).toHaveBeenCalledWith("wire-example.com", "C");
  });

  it("offers no site default for a source with neither address nor publisher", async () => {
    sourceGrade.mockResolvedValue(grade({ site: null }));
    render(SourceGradePanel, { sourceId: 9 });
    const panel = await screen.findByTestId("source-grade");
    expect(panel.textContent).toContain("Not graded");
    expect(screen.queryByTestId("grade-site")).toBeNull();
  });
});
