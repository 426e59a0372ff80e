// Cutting a source's text into runs that each carry the highlights covering them, so
// that the reader can render overlapping mentions, quotations and citations as plain
// text spans (never as markup). Offsets are Unicode code points, as Rust gives them.

export type Mark =
  | { type: "mention"; actorId: number }
  | { type: "citation"; citationId: number; claimId: number | null }
  | { type: "quote"; suggestionId: number }
  | { type: "suggested"; suggestionId: number }
  | { type: "doubtful" }
  | { type: "focus" };

export type Span = { start: number; end: number; mark: Mark };
export type Run = { start: number; end: number; text: string; marks: Mark[] };

/** The runs of `text` (split at every span boundary), each with the marks over it. */
export function runs(text: string, spans: Span[]): Run[] {
  const points = Array.from(text);
  const cuts = new Set<number>([0, points.length]);
  const valid = spans.filter((s) => s.start >= 0 && s.end > s.start && s.end <= points.length);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const ordered = [...cuts].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let i = 0; i + 1 < ordered.length; i++) {
    const [start, end] = [ordered[i] ?? 0, ordered[i + 1] ?? 0];
    const marks = valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.mark);
    out.push({ start, end, text: points.slice(start, end).join(""), marks });
  }
  return out;
}

/** The code-point offset of a DOM position inside a run element carrying data-start. */
export function codePointAt(node: Node, offset: number): number | null {
  const element = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>(
    "[data-start]",
  );
  if (!element) return null;
  const start = Number(element.dataset.start);
  if (node.nodeType !== Node.TEXT_NODE) return start;
  return start + Array.from((node.textContent ?? "").slice(0, offset)).length;
}
