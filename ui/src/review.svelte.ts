// The review queue: pending suggestions of one kind (optionally of one source), a cursor
// moved with j/k, and the decisions a/r/e/m (1–6: accept a claim graded so). Every decision is recorded by the core and
// can be undone; the queue tells the undo toast how to show it again.
import type { Accepted, Changed, Page, PageRequest, Suggestion, SuggestionEdit, SuggestionKind } from "./bindings";
import { perform } from "./undo.svelte";

/** What the queue needs from Rust (the real `api` in the app, a fake in tests). */
export type ReviewApi = {
  listSuggestions: (
    sourceId: number | null,
    kind: SuggestionKind | null,
    status: "suggested",
    page: PageRequest,
  ) => Promise<Page<Suggestion>>;
  acceptSuggestion: (id: number) => Promise<Changed<Accepted>>;
  acceptClaim: (id: number, credibility: number | null, questionId: number | null) => Promise<Changed<Accepted>>;
  rejectSuggestion: (id: number) => Promise<Changed<null>>;
  editSuggestion: (id: number, changes: SuggestionEdit) => Promise<Changed<Suggestion>>;
};

/** The kinds the queue reviews, in the order its tabs show them. */
export const reviewKinds: { kind: SuggestionKind; label: string }[] = [
  { kind: "claim", label: "Claims" },
  { kind: "actor", label: "Actors" },
  { kind: "quote", label: "Quotations" },
];

const PAGE = 100;

/** A suggested claim's date and the words it was read from, when the passage holds them. */
export function claimDate(s: Suggestion): { date: string; phrase: string | null; start: number; end: number } | null {
  if (s.payload.kind !== "claim") return null;
  const { date, date_written: written } = s.payload.value;
  if (!date) return null;
  if (!written) return { date, phrase: null, start: s.span_start, end: s.span_end };
  const chars = Array.from(s.exact);
  const [a, b] = [written.start - s.span_start, written.end - s.span_start];
  const phrase = a >= 0 && b <= chars.length && a < b ? chars.slice(a, b).join("") : null;
  return { date, phrase, start: written.start, end: written.end };
}

export class ReviewQueue {
  items: Suggestion[] = $state([]);
  total = $state(0);
  cursor = $state(0);
  loaded = $state(false);
  /** Pending counts per kind, for the tabs. */
  counts: Partial<Record<SuggestionKind, number>> = $state({});
  private generation = 0;
  /** Whether a reload is waiting for its answer. */
  private reloading = false;

  constructor(
    private readonly api: ReviewApi,
    public kind: SuggestionKind,
    public sourceId: number | null = null,
    private readonly onChange: () => void = () => {},
  ) {}

  get current(): Suggestion | undefined {
    return this.items[this.cursor];
  }

  /** Loads the first page again (after a change elsewhere) and the counts. */
  async reload(): Promise<void> {
    const mine = ++this.generation;
    this.reloading = true;
    let page: Awaited<ReturnType<ReviewApi["listSuggestions"]>>;
    const counts: Partial<Record<SuggestionKind, number>> = {};
    try {
      page = await this.api.listSuggestions(this.sourceId, this.kind, "suggested", { offset: 0, limit: PAGE });
      for (const { kind } of reviewKinds) {
        counts[kind] =
          kind === this.kind
            ? page.total
            : (await this.api.listSuggestions(this.sourceId, kind, "suggested", { offset: 0, limit: 1 })).total;
      }
    } finally {
      if (mine === this.generation) this.reloading = false;
    }
    if (mine !== this.generation) return;
    this.items = page.items;
    this.total = page.total;
    this.counts = counts;
    this.cursor = Math.min(this.cursor, Math.max(0, this.items.length - 1));
    this.loaded = true;
  }

  /** Fetches the next page when the cursor nears the end of what is loaded. */
  private async more(): Promise<void> {
    if (this.items.length >= this.total || this.cursor < this.items.length - 10) return;
    const page = await this.api.listSuggestions(this.sourceId, this.kind, "suggested", {
      offset: this.items.length,
      limit: PAGE,
    });
    const known = new Set(this.items.map((s) => s.id));
    this.items = [...this.items, ...page.items.filter((s) => !known.has(s.id))];
    this.total = page.total;
  }

  move(delta: number): void {
    if (this.items.length === 0) return;
    this.cursor = Math.max(0, Math.min(this.items.length - 1, this.cursor + delta));
    void this.more();
  }

  select(id: number): void {
    const index = this.items.findIndex((s) => s.id === id);
    if (index >= 0) this.cursor = index;
  }

  private removeCurrent(): Suggestion | undefined {
    const target = this.current;
    if (!target) return undefined;
    this.items = this.items.filter((s) => s.id !== target.id);
    this.total = Math.max(0, this.total - 1);
    this.counts = { ...this.counts, [this.kind]: Math.max(0, (this.counts[this.kind] ?? 1) - 1) };
    this.cursor = Math.min(this.cursor, Math.max(0, this.items.length - 1));
    return target;
  }

  /** After an undo: the queue as the store has it, the cursor on what came back. */
  private restored(id: number): () => Promise<void> {
    return async () => {
      await this.reload();
      this.select(id);
      this.onChange();
    };
  }

  /** Takes the decided suggestion out of the queue. A reload asked before the decision
   * (a colleague's changes arriving) would answer with it still pending: its answer is
   * set aside and the queue read again, the selection kept. */
  private readonly decided = async () => {
    this.removeCurrent();
    this.onChange();
    if (this.reloading) {
      const at = this.current?.id;
      await this.reload();
      if (at !== undefined) this.select(at);
    } else void this.more();
  };

  async accept(): Promise<Accepted | undefined> {
    const target = this.current;
    if (!target) return undefined;
    const accepted = await perform(() => this.api.acceptSuggestion(target.id), this.decided, this.restored(target.id));
    return accepted?.value;
  }

  /** Accepts the current claim graded for credibility (1–6), or brought to a question
   * of competing hypotheses, as one change. */
  async acceptGraded(credibility: number | null, questionId: number | null = null): Promise<Accepted | undefined> {
    const target = this.current;
    if (!target || target.kind !== "claim") return undefined;
    const accepted = await perform(
      () => this.api.acceptClaim(target.id, credibility, questionId),
      this.decided,
      this.restored(target.id),
    );
    return accepted?.value;
  }

  async reject(): Promise<void> {
    const target = this.current;
    if (!target) return;
    await perform(() => this.api.rejectSuggestion(target.id), this.decided, this.restored(target.id));
  }

  /** Edits the current suggestion; false when the core refused the change. */
  async edit(changes: SuggestionEdit): Promise<boolean> {
    const target = this.current;
    if (!target) return false;
    const edited = await perform(
      async () => {
        const done = await this.api.editSuggestion(target.id, changes);
        this.items = this.items.map((s) => (s.id === done.value.id ? done.value : s));
        return done;
      },
      async () => {},
      this.restored(target.id),
    );
    return edited !== null;
  }

  /** Accepts every pending suggestion of the source being reviewed (actors first, so
   * that claims and quotations find them), as one change the core records. */
}
