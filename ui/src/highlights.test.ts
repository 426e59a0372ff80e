import { describe, expect, it } from "vitest";
import { codePointAt, runs, type Span } from "./highlights";

describe("highlight runs", () => {
  it("split at every boundary and carry every covering mark, counting code points", () => {
    // "𝕏" is one code point but two UTF-16 units: offsets after it must not drift.
    const text = "𝕏 Iran signed with Venezuela.";
    const out = runs(text, [
      { start: 2, end: 6, mark: { type: "mention", actorId: 1 } },
      { start: 2, end: 29, mark: { type: "citation", citationId: 7, claimId: 3 } },
      { start: 19, end: 28, mark: { type: "mention", actorId: 2 } },
      { start: 40, end: 50, mark: { type: "focus" } },
    ]);
    expect(out.map((r) => r.text)).toEqual(["𝕏 ", "Iran", " signed with ", "Venezuela", "."]);
    expect(out[1]!.marks.map((m) => m.type)).toEqual(["mention", "citation"]);
    expect(out[2]!.marks.map((m) => m.type)).toEqual(["citation"]);
    expect(out[0]!.marks).toEqual([]);
    expect(out.map((r) => r.text).join("")).toBe(text);
  });

  it("map a DOM position back to a code point of the source", () => {
    document.body.innerHTML = `<div><span data-start="10">𝕏ab</span></div>`;
    const textNode = document.querySelector("span")!.firstChild!;
    expect(codePointAt(textNode, 2)).toBe(11); // after the surrogate pair
    expect(codePointAt(textNode, 3)).toBe(12);
    expect(codePointAt(document.body, 0)).toBeNull();
  });
});

describe("runs over many marks", () => {
  it("cuts a long scan's text with thousands of doubtful words exactly (one sweep, not runs × marks)", () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    const text = words.join(" ");
    const spans: Span[] = [];
    let at = 0;
    for (const [i, w] of words.entries()) {
      if (i % 2 === 0) spans.push({ start: at, end: at + w.length, mark: { type: "doubtful" } });
      at += w.length + 1;
    }
    spans.push({ start: 0, end: text.length, mark: { type: "citation", citationId: 1, claimId: null } });
    const cut = runs(text, spans);
    expect(cut.map((r) => r.text).join("")).toBe(text);
    expect(cut.filter((r) => r.marks.some((m) => m.type === "doubtful")).map((r) => r.text)).toEqual(words.filter((_, i) => i % 2 === 0));
    expect(cut.every((r) => r.marks.some((m) => m.type === "citation"))).toBe(true);
    // The marks keep the order the spans were given in: the doubtful word before the citation.
    expect(cut[0]?.marks.map((m) => m.type)).toEqual(["doubtful", "citation"]);
  });
});
