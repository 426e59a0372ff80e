import { render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { describe, expect, it, vi } from "vitest";
import PagedList from "./PagedList.svelte";

const row = createRawSnippet((item: () => { n: number }) => ({ render: () => `<span class="item">row ${item().n}</span>` }));
const empty = createRawSnippet(() => ({ render: () => `<p>nothing here</p>` }));

describe("PagedList", () => {
  it("fetches only the first page and renders only rows near the viewport of a long list", async () => {
    const fetchPage = vi.fn(async (offset: number, limit: number) => ({
      items: Array.from({ length: limit }, (_, i) => ({ n: offset + i })),
      total: 100_000,
      offset,
    }));
    const { container } = render(PagedList<{ n: number }>, { fetchPage, row, empty, label: "Rows", rowHeight: 50 });
    expect(await screen.findByText("row 0")).toBeTruthy();
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(fetchPage).toHaveBeenCalledWith(0, 100);
    const rendered = container.querySelectorAll(".item").length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(40);
    const spacer = container.querySelector<HTMLElement>(".spacer");
    expect(spacer?.style.height).toBe(`${100_000 * 50}px`);
  });

  it("shows the empty state when there is nothing to list", async () => {
    const fetchPage = vi.fn(async () => ({ items: [], total: 0, offset: 0 }));
    render(PagedList<{ n: number }>, { fetchPage, row, empty, label: "Rows" });
    expect(await screen.findByText("nothing here")).toBeTruthy();
  });
});
