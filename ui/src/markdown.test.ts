import { describe, expect, it } from "vitest";
import { inlines, openWikilink, parse, wikilink } from "./markdown";

describe("notes' Markdown", () => {
  it("reads blocks: headings, paragraphs, lists, quotes and code", () => {
    const blocks = parse("# Theory\n\nIran arms\nVenezuela.\n\n- one\n- two\n1. first\n> quoted\n> on\n```\n<b>raw</b>\n```");
    expect(blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "list", "list", "quote", "code"]);
    expect(blocks[1]).toEqual({ type: "paragraph", inlines: [{ type: "text", text: "Iran arms Venezuela." }] });
    expect(blocks[2]).toMatchObject({ ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] });
    expect(blocks[5]).toEqual({ type: "code", text: "<b>raw</b>" });
  });

  it("reads wikilinks by id and by name, emphasis and code, and leaves markup as text", () => {
    expect(inlines("See [[actor:12|Hezbollah]] and [[Iran]], **firmly**, *maybe*, `x`.")).toEqual([
      { type: "text", text: "See " },
      { type: "wikilink", label: "Hezbollah", target: "actor", id: 12, name: "actor:12" },
      { type: "text", text: " and " },
      { type: "wikilink", label: "Iran", target: null, id: null, name: "Iran" },
      { type: "text", text: ", " },
      { type: "strong", text: "firmly" },
      { type: "text", text: ", " },
      { type: "em", text: "maybe" },
      { type: "text", text: ", " },
      { type: "code", text: "x" },
      { type: "text", text: "." },
    ]);
    expect(inlines("<img src=x onerror=alert(1)>")).toEqual([{ type: "text", text: "<img src=x onerror=alert(1)>" }]);
    expect(wikilink("javascript:1|x")).toMatchObject({ target: null, id: null });
  });

  it("finds the [[ being typed before the caret", () => {
    expect(openWikilink("Iran and [[Hez", 14)).toEqual({ start: 9, query: "Hez" });
    expect(openWikilink("[[Iran]] and", 12)).toBeNull();
    expect(openWikilink("no link", 7)).toBeNull();
  });
});
