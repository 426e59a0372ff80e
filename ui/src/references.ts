// References to records as note text, for dragging actors and citations into a note.
import type { Citation, Claim } from "./bindings";
import { words } from "./vocab";

/** A wikilink label cannot hold brackets or `|`, nor break its line. */
const label = (text: string) => text.replace(/\s+/g, " ").replace(/[[\]]/g, "").replaceAll("|", "/");

export const actorReference = (id: number, name: string): string => `[[actor:${id}|${label(name)}]]`;

/** A claim as a link labelled with what it says ("Iran funds Hezbollah"). */
export function claimReference(c: Pick<Claim, "id" | "subject" | "relation" | "relation_text" | "object" | "object_text">): string {
  const relation = c.relation === "other" ? (c.relation_text ?? "other") : words(c.relation);
  const said = [c.subject.name, relation, c.object?.name ?? c.object_text ?? ""].join(" ").trim();
  return `[[claim:${c.id}|${label(said)}]]`;
}

/**
 * Words from a source as inert Markdown on one line: every character that could start
 * markup is escaped with a backslash (CommonMark), so a quoted passage cannot become a
 * link, an embed, HTML, code, a Dataview query (`` `$= …` ``), a tag or an Obsidian
 * comment (`%%`), here or in an exported vault opened in Obsidian. The same characters
 * as the vault export escapes.
 */
export function inert(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[\\[\]*_`<>#|~^=$%]/g, (c) => `\\${c}`);
}

/** A citation as a quoted passage with a link to its source. */
export function citationReference(c: Citation): string {
  return `> “${inert(c.exact)}”\n> — [[source:${c.source_id}|${label(c.source_title)}]]\n`;
}

/** The type that marks a drag as one of ours, never a browser's to import. */
export const REFERENCE_TYPE = "application/x-dossier-reference";

/** Starts dragging `text` as a reference (plain text, which any editor accepts too). */
export function dragReference(event: DragEvent, text: string): void {
  event.dataTransfer?.setData("text/plain", text);
  event.dataTransfer?.setData(REFERENCE_TYPE, "1");
  if (event.dataTransfer) event.dataTransfer.effectAllowed = "copy";
}
