import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { SearchHit, SearchPage } from "../bindings";

const search = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: { search: (...args: unknown[]) => search(...args) } as never,
}));

const { default: Search } = await import("./Search.svelte");

const hit = (id: number): SearchHit => ({
  kind: "source",
  id,
  title: `Dispatch ${id}`,
  snippet: [
    { text: "a ", hit: false },
    { text: "tanker", hit: true },
  ],
  passage: null,
});

describe("Search", () => {
  it("says when only the newest matches were ranked, and pages on", async () => {
    search.mockImplementation(async (_query: string, _kind: null, page: { offset: number; limit: number }) => {
      const ids = Array.from({ length: Math.min(page.limit, 70 - page.offset) }, (_, i) => page.offset + i + 1);
      return { items: ids.map(hit), total: 70, offset: page.offset, capped: true, window: 10000 } satisfies SearchPage;
    });
    render(Search, { initialQuery: "tanker" });
    const count = await screen.findByTestId("search-count");
    expect(count.textContent).toContain("More than 70 results");
    expect(count.textContent).toContain("newest 10,000 of each kind");
    expect(screen.getAllByTestId("search-hit")).toHaveLength(50);
    expect(screen.getAllByText("tanker")[0]?.tagName).toBe("MARK");
    await fireEvent.click(screen.getByRole("button", { name: "Show 20 more" }));
    await vi.waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(70));
    expect(search).toHaveBeenLastCalledWith("tanker", null, { offset: 50, limit: 50 });
    expect(screen.queryByRole("button", { name: /more/ })).toBeNull();
  });
});
