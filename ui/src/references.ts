// References to records as note text, for dragging actors and citations into a note.
import type { Citation, Claim } from "./bindings";
import { words } from "./vocab";

/** A wikilink label cannot hold `]` or `|`. */
const label = (text: string) => text.replaceAll("]", "").replaceAll("|", "/");

export const actorReference = (id: number, name: string): string => `[[actor:${id}|${label(name)}]]`;

/** A claim as a link labelled with what it says ("Iran funds Hezbollah"). */
export function claimReference(c: Pick<Claim, "id" | "subject" | "relation" | "relation_text" | "object" | "object_text">): string {
  const relation = c.relation === "other" ? (c.relation_text ?? "other") : words(c.relation);
  const said = [c.subject.name, relation, c.object?.name ?? c.object_text ?? ""].join(" ").trim();
  return `[[claim:${c.id}|${label(said)}]]`;
}

/** A citation as a quoted passage with a link to its source. */
export function citationReference(c: Citation): string {
  const quoted = c.exact.replace(/\s+/g, " ").trim();
  return `> “${quoted}”\n> — [[source:${c.source_id}|${label(c.source_title)}]]\n`;
}

/** Starts dragging `text` as a reference (plain text, which any editor accepts too). */
export function dragReference(event: DragEvent, text: string): void {
  event.dataTransfer?.setData("text/plain", text);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = "copy";
}
