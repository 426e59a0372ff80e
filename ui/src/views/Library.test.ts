import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Page, SourceSummary } from "../bindings";

const listSources = vi.fn();
const sourceFacets = vi.fn(async () => ({ sites: [{ value: "Example Wire", count: 2 }], languages: [], tags: [] }));
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    listSources: (...args: unknown[]) => listSources(...args),
    sourceFacets: () => sourceFacets(),
  } as never,
}));

const { default: Library } = await import("./Library.svelte");

function source(id: number, title: string): SourceSummary {
  return {
    id,
    title,
    byline: "Christian K. Caruzo",
    publisher: "Example Wire",
    published: "2024-10",
    url: null,
    language: "en",
    media_type: "text/plain",
    status: "ok",
    imported_at: "2026-11-24T10:00:00Z",
    actor_count: 3,
    claim_count: 2,
    reliability: null,
    ocr_confidence: null,
    story_copies: 0,
  };
}

afterEach(() => listSources.mockReset());

describe("Library", () => {
  it("invites the person to drop articles when the store is empty", async () => {
    listSources.mockResolvedValue({ items: [], total: 0, offset: 0 } satisfies Page<SourceSummary>);
    render(Library, { reloadKey: 0, onImport: () => {} });
    expect(await screen.findByTestId("library-empty")).toHaveProperty("textContent", expect.stringContaining("Drop articles"));
    expect(listSources).toHaveBeenCalledWith("imported_desc", {}, { offset: 0, limit: 100 });
  });

  it("filters by words and site, and says so when nothing matches", async () => {
    listSources.mockResolvedValue({ items: [], total: 0, offset: 0 } satisfies Page<SourceSummary>);
    render(Library, { reloadKey: 0, onImport: () => {} });
    await screen.findByTestId("library-empty");
    const box = screen.getByRole("searchbox", { name: "Search the library" }) as HTMLInputElement;
    box.value = "drones";
    box.dispatchEvent(new Event("input", { bubbles: true }));
    const site = screen.getByRole("combobox", { name: "Site" }) as HTMLSelectElement;
    await screen.findByRole("option", { name: "Example Wire (2)" });
    site.value = "Example Wire";
    site.dispatchEvent(new Event("change", { bubbles: true }));
    expect(await screen.findByTestId("library-none-match")).toBeTruthy();
    expect(listSources).toHaveBeenLastCalledWith(
      "imported_desc",
      { query: "drones", site: "Example Wire", language: null, published_from: null, published_to: null, tag: null, reliability: null },
      { offset: 0, limit: 100 },
    );
  });

  it("lists sources with their metadata and shows titles as text, never markup", async () => {
    listSources.mockResolvedValue({
      items: [source(1, "Iran’s alliance in the region"), source(2, '<img src=x onerror="window.pwned=1">')],
      total: 2,
      offset: 0,
    } satisfies Page<SourceSummary>);
    const { container } = render(Library, { reloadKey: 0, onImport: () => {} });
    expect(await screen.findByText("Iran’s alliance in the region")).toBeTruthy();
    expect(screen.getByText('<img src=x onerror="window.pwned=1">')).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getAllByText("October 2024")).toHaveLength(2);
    expect(screen.getAllByText("3 actors · 2 claims")).toHaveLength(2);
  });

  it("offers to import files, folders and a page from its address", async () => {
    listSources.mockResolvedValue({ items: [], total: 0, offset: 0 } satisfies Page<SourceSummary>);
    const onImport = vi.fn();
    const onImportAddress = vi.fn();
    render(Library, { reloadKey: 0, onImport, onImportAddress });
    (await screen.findByRole("button", { name: "Import folder…" })).click();
    screen.getByRole("button", { name: "Import files…" }).click();
    expect(onImport.mock.calls).toEqual([[true], [false]]);
    screen.getByRole("button", { name: "From address…" }).click();
    expect(onImportAddress).toHaveBeenCalledOnce();
  });
});
