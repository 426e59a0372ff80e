// The notes' Markdown, parsed into plain data that components render as text: no HTML
// string is ever built from a note, so nothing a note holds can become markup. The
// subset people write in notes: headings, paragraphs, lists, quotes, code, emphasis,
// inline code and [[wikilinks]] (`[[actor:12|Hezbollah]]` by id, `[[Hezbollah]]` by name).
import type { LinkTarget } from "./bindings";

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "em"; text: string }
  | { type: "code"; text: string }
  | { type: "wikilink"; label: string; target: LinkTarget | null; id: number | null; name: string };

export type Block =
  | { type: "heading"; level: number; inlines: Inline[] }
  | { type: "paragraph"; inlines: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; inlines: Inline[] }
  | { type: "code"; text: string };

const targets: LinkTarget[] = ["actor", "source", "claim", "note"];

/** `[[…]]`'s inside: by id (`actor:12|label`) or by name (`Hezbollah|label`). */
export function wikilink(inside: string): Extract<Inline, { type: "wikilink" }> {
  const bar = inside.indexOf("|");
  const spec = (bar >= 0 ? inside.slice(0, bar) : inside).trim();
  const label = (bar >= 0 ? inside.slice(bar + 1) : inside).trim() || spec;
  const byId = /^([a-z]+):(\d+)$/.exec(spec);
  if (byId && targets.includes(byId[1] as LinkTarget)) {
    return { type: "wikilink", label, target: byId[1] as LinkTarget, id: Number(byId[2]), name: spec };
  }
  return { type: "wikilink", label, target: null, id: null, name: spec };
}

// A backslash before ASCII punctuation makes it a plain character (CommonMark): how
// passages quoted from sources are kept from becoming markup.
const INLINE = /\\([!-/:-@[-`{-~])|\[\[([^\]\n[]+)\]\]|`([^`\n]+)`|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|\b_([^_\n]+)_\b/g;

export function inlines(text: string): Inline[] {
  const out: Inline[] = [];
  const plain = (words: string) => {
    const previous = out[out.length - 1];
    if (previous?.type === "text") previous.text += words;
    else out.push({ type: "text", text: words });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) plain(text.slice(last, at));
    const [, escaped, link, code, strong, em, underscored] = match;
    if (escaped !== undefined) plain(escaped);
    else if (link !== undefined) out.push(wikilink(link));
    else if (code !== undefined) out.push({ type: "code", text: code });
    else if (strong !== undefined) out.push({ type: "strong", text: strong });
    else out.push({ type: "em", text: em ?? underscored ?? "" });
    last = at + match[0].length;
  }
  if (last < text.length) plain(text.slice(last));
  return out;
}

export function parse(body: string): Block[] {
  const blocks: Block[] = [];
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", inlines: inlines(paragraph.join(" ")) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i] ?? ""); i++) code.push(lines[i] ?? "");
      blocks.push({ type: "code", text: code.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: "heading", level: heading[1]!.length, inlines: inlines(heading[2] ?? "") });
    } else if (item) {
      flush();
      const ordered = item[2] !== undefined;
      const previous = blocks[blocks.length - 1];
      const text = inlines(item[3] ?? "");
      if (previous?.type === "list" && previous.ordered === ordered) previous.items.push(text);
      else blocks.push({ type: "list", ordered, items: [text] });
    } else if (quote) {
      flush();
      const previous = blocks[blocks.length - 1];
      if (previous?.type === "quote") previous.inlines.push({ type: "text", text: " " }, ...inlines(quote[1] ?? ""));
      else blocks.push({ type: "quote", inlines: inlines(quote[1] ?? "") });
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The `[[query` being typed just before `caret`, if any: what to complete. */
export function openWikilink(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf("[[");
  if (open < 0) return null;
  const query = before.slice(open + 2);
  if (query.includes("]]") || query.includes("\n") || query.length > 60) return null;
  return { start: open, query };
}

/**
 * A note as the person edits it: links by id (`[[actor:12|Hezbollah]]`, how the store
 * keeps them, surviving renames) shown by name (`[[Hezbollah]]`, as Obsidian writes
 * them), with what each name stands for. A name that stands for two targets in one note
 * keeps its id form.
 */
export function editable(body: string): { text: string; targets: Map<string, string> } {
  const targets = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const match of body.matchAll(/\[\[([a-z]+:\d+)\|([^\]\n[|]+)\]\]/g)) {
    const [, spec, label] = match;
    const known = seen.get(label!);
    seen.set(label!, known === undefined || known === spec ? spec! : "");
  }
  for (const [label, spec] of seen) if (spec && !label.includes(":")) targets.set(label, spec);
  const text = body.replace(/\[\[([a-z]+:\d+)\|([^\]\n[|]+)\]\]/g, (whole, spec: string, label: string) =>
    targets.get(label) === spec ? `[[${label}]]` : whole,
  );
  return { text, targets };
}

/** The note to store from its edited form: each `[[Name]]` that stood for a target by id does again. */
export function stored(text: string, targets: Map<string, string>): string {
  return text.replace(/\[\[([^\]\n[|:]+)\]\]/g, (whole, label: string) => {
    const spec = targets.get(label);
    return spec ? `[[${spec}|${label}]]` : whole;
  });
}
