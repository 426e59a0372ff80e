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

/** The runs of `text` (split at every span boundary), each with the marks over it, in
 * the order the spans were given. One sweep over the spans sorted by start: a scan's
 * tens of thousands of doubtful words must not cost runs × spans. */
export function runs(text: string, spans: Span[]): Run[] {
  const points = Array.from(text);
  const cuts = new Set<number>([0, points.length]);
  const valid = spans
    .map((span, order) => ({ span, order }))
    .filter(({ span: s }) => s.start >= 0 && s.end > s.start && s.end <= points.length);
  for (const { span } of valid) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const ordered = [...cuts].sort((a, b) => a - b);
  const byStart = [...valid].sort((a, b) => a.span.start - b.span.start);
  let next = 0;
  let active: typeof valid = [];
  const out: Run[] = [];
  for (let i = 0; i + 1 < ordered.length; i++) {
    const [start, end] = [ordered[i] ?? 0, ordered[i + 1] ?? 0];
    active = active.filter(({ span }) => span.end > start);
    while (next < byStart.length && (byStart[next]?.span.start ?? Infinity) <= start) {
      const entry = byStart[next++];
      if (entry && entry.span.end > start) active.push(entry);
    }
    // Every cut is a span's edge, so a span over a run's start covers the whole run.
    const marks = [...active].sort((a, b) => a.order - b.order).map(({ span }) => span.mark);
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
