import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { TeamConflict } from "../bindings";

const resolveTeamConflict = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: { resolveTeamConflict: (...args: unknown[]) => resolveTeamConflict(...args) } as never,
}));

const { default: DisputedDecisions } = await import("./DisputedDecisions.svelte");

const disputed: TeamConflict = { id: 9, table: "suggestions", record: "Sergei Lavrov visits Venezuela", column: "status", kept: '"rejected"', other: '"accepted"' };

describe("Review's disputed decisions", () => {
  it("lists each with the decision that stands and the other, and marks one looked at", async () => {
    resolveTeamConflict.mockResolvedValue({});
    const onChange = vi.fn();
    render(DisputedDecisions, { disputed: [disputed], onChange });
    const row = screen.getByTestId("disputed-decision");
    expect([...row.querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual([
      "Sergei Lavrov visits Venezuela",
      "rejected",
      "accepted",
      "Looked at",
    ]);
    await fireEvent.click(screen.getByRole("button", { name: "Looked at" }));
    expect(resolveTeamConflict).toHaveBeenCalledWith(9);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
  });
});
