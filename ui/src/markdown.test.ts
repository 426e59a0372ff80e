import { describe, expect, it } from "vitest";
import { editable, inlines, openWikilink, parse, stored, wikilink } from "./markdown";

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

describe("a note's links as the person edits them", () => {
  it("shows links by id as names and stores them by id again", () => {
    const body = "Iran arms [[actor:4|Hezbollah]]; see [[source:2|The pact]] and [[Cuba]].\nAgain: [[actor:4|Hezbollah]].";
    const { text, targets } = editable(body);
    expect(text).toBe("Iran arms [[Hezbollah]]; see [[The pact]] and [[Cuba]].\nAgain: [[Hezbollah]].");
    expect(stored(text, targets)).toBe(body);
    // A link typed by name stays by name, for the store to resolve.
    expect(stored(`${text} And [[Venezuela]].`, targets)).toBe(`${body} And [[Venezuela]].`);
  });

  it("keeps the id form of a name that stands for two targets in one note", () => {
    const body = "[[actor:4|Maduro]] and [[actor:9|Maduro]]";
    const { text, targets } = editable(body);
    expect(text).toBe(body);
    expect(stored(text, targets)).toBe(body);
  });
});
