import { describe, expect, it } from "vitest";
import type { Page, SearchHit } from "./bindings";
import { Palette } from "./palette.svelte";

const hit = (id: number, title: string, kind: SearchHit["kind"] = "actor"): SearchHit => ({
  kind,
  id,
  title,
  snippet: [{ text: title, hit: true }],
  passage: null,
});
const page = (items: SearchHit[]): Page<SearchHit> => ({ items, total: items.length, offset: 0 });

describe("the command palette", () => {
  it("shows the latest query's hits even when an older answer arrives last", async () => {
    const answers: Record<string, (p: Page<SearchHit>) => void> = {};
    const palette = new Palette((q) => new Promise((resolve) => (answers[q] = resolve)));
    palette.show();
    const slow = palette.search("Hez");
    const fast = palette.search("Hezbollah");
    answers["Hezbollah"]!(page([hit(1, "Hezbollah"), hit(2, "Hezbollah financing", "source")]));
    await fast;
    answers["Hez"]!(page([hit(9, "Hezb stale")]));
    await slow;
    expect(palette.hits.map((h) => h.title)).toEqual(["Hezbollah", "Hezbollah financing"]);
    expect(palette.chosen?.id).toBe(1);
  });

  it("moves around the hits and empties on a blank query", async () => {
    const palette = new Palette(async () => page([hit(1, "Iran"), hit(2, "Iraq"), hit(3, "Irish")]));
    palette.show();
    await palette.search("Ir");
    palette.move(-1);
    expect(palette.chosen?.title).toBe("Irish");
    palette.move(1);
    palette.move(1);
    expect(palette.chosen?.title).toBe("Iraq");
    await palette.search("  ");
    expect(palette.hits).toEqual([]);
    expect(palette.chosen).toBeUndefined();
    palette.hide();
    expect(palette.open).toBe(false);
  });
});
