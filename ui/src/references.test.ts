import { describe, expect, it } from "vitest";
import type { Citation } from "./bindings";
import { actorReference, citationReference } from "./references";

describe("references dragged into notes", () => {
  it("link by id, with labels that cannot break the link", () => {
    expect(actorReference(12, "Hezbollah")).toBe("[[actor:12|Hezbollah]]");
    expect(actorReference(3, "A]] | B")).toBe("[[actor:3|A / B]]");
    const citation = { source_id: 4, source_title: "Tehran and Caracas", exact: "Iran signed\na pact" } as Citation;
    expect(citationReference(citation)).toBe("> “Iran signed a pact”\n> — [[source:4|Tehran and Caracas]]\n");
  });
});
