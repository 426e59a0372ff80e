// References to records as note text, for dragging actors and citations into a note.
import type { Citation } from "./bindings";

/** A wikilink label cannot hold `]` or `|`. */
const label = (text: string) => text.replaceAll("]", "").replaceAll("|", "/");

export const actorReference = (id: number, name: string): string => `[[actor:${id}|${label(name)}]]`;

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
