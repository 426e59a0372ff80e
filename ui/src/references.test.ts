import { describe, expect, it } from "vitest";
import type { Citation } from "./bindings";
import { parse } from "./markdown";
import { actorReference, citationReference } from "./references";

describe("references dragged into notes", () => {
  it("link by id, with labels that cannot break the link", () => {
    expect(actorReference(12, "Hezbollah")).toBe("[[actor:12|Hezbollah]]");
    expect(actorReference(3, "A]] | B")).toBe("[[actor:3|A / B]]");
    const citation = { source_id: 4, source_title: "Tehran and Caracas", exact: "Iran signed\na pact" } as Citation;
    expect(citationReference(citation)).toBe("> “Iran signed a pact”\n> — [[source:4|Tehran and Caracas]]\n");
  });

  it("quote a passage as words: nothing in it becomes a link, an embed, HTML or code", () => {
    const hostile = "See ![[../../.ssh/id_rsa]] and [click](javascript:alert(1)) <img src=x onerror=alert(1)> `$= dv.pages()` *now* #tag";
    const reference = citationReference({ source_id: 9, source_title: "A [[trap]] | title", exact: hostile } as Citation);
    const [quote, from] = reference.split("\n");
    expect(quote).not.toMatch(/(^|[^\\])(\[\[|\]\(|<img|`|\*now)/);
    expect(from).toBe("> — [[source:9|A trap / title]]");
    // The note shows exactly the words of the source, as text.
    const blocks = parse(reference);
    expect(blocks[0]).toEqual({
      type: "quote",
      inlines: [{ type: "text", text: `“${hostile}”` }, { type: "text", text: " " }, { type: "text", text: "— " }, expect.objectContaining({ type: "wikilink", target: "source", id: 9 })],
    });
  });
});
