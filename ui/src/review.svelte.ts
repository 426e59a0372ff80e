// The review queue: pending suggestions of one kind (optionally of one source), a cursor
// moved with j/k, and the decisions a/r/e/m. Every decision can be undone: the queue
// registers with the undo stack how to reopen what it decided.
import type { Accepted, Page, PageRequest, Suggestion, SuggestionEdit, SuggestionKind } from "./bindings";
import { done } from "./undo.svelte";

/** What the queue needs from Rust (the real `api` in the app, a fake in tests). */
export type ReviewApi = {
  listSuggestions: (
    sourceId: number | null,
    kind: SuggestionKind | null,
    status: "suggested",
    page: PageRequest,
  ) => Promise<Page<Suggestion>>;
  acceptSuggestion: (id: number) => Promise<Accepted>;
  rejectSuggestion: (id: number) => Promise<null>;
  reopenSuggestion: (id: number) => Promise<null>;
  editSuggestion: (id: number, changes: SuggestionEdit) => Promise<Suggestion>;
};

/** The kinds the queue reviews, in the order its tabs show them. */
export const reviewKinds: { kind: SuggestionKind; label: string }[] = [
  { kind: "claim", label: "Claims" },
  { kind: "actor", label: "Actors" },
  { kind: "quote", label: "Quotations" },
];

const PAGE = 100;

/** A suggestion's payload, read as the record extraction wrote. */
export function payloadOf(s: Suggestion): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(s.payload);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class ReviewQueue {
  items: Suggestion[] = $state([]);
  total = $state(0);
  cursor = $state(0);
  loaded = $state(false);
  /** Pending counts per kind, for the tabs. */
  counts: Partial<Record<SuggestionKind, number>> = $state({});
  private generation = 0;

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
    const page = await this.api.listSuggestions(this.sourceId, this.kind, "suggested", { offset: 0, limit: PAGE });
    const counts: Partial<Record<SuggestionKind, number>> = {};
    for (const { kind } of reviewKinds) {
      counts[kind] =
        kind === this.kind
          ? page.total
          : (await this.api.listSuggestions(this.sourceId, kind, "suggested", { offset: 0, limit: 1 })).total;
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

  private registerUndo(label: string, ids: number[]): void {
    done(label, async () => {
      for (const id of ids) await this.api.reopenSuggestion(id);
      await this.reload();
      const [only] = ids;
      if (ids.length === 1 && only !== undefined) this.select(only);
      this.onChange();
    });
  }

  async accept(): Promise<Accepted | undefined> {
    const target = this.current;
    if (!target) return undefined;
    const accepted = await this.api.acceptSuggestion(target.id);
    this.removeCurrent();
    this.registerUndo(`Accepted ${target.label}`, [target.id]);
    this.onChange();
    void this.more();
    return accepted;
  }

  async reject(): Promise<void> {
    const target = this.current;
    if (!target) return;
    await this.api.rejectSuggestion(target.id);
    this.removeCurrent();
    this.registerUndo(`Rejected ${target.label}`, [target.id]);
    this.onChange();
    void this.more();
  }

  async edit(changes: SuggestionEdit): Promise<void> {
    const target = this.current;
    if (!target) return;
    // What the changed fields were, to put them back on undo ("" clears a field).
    const before = payloadOf(target);
    const previous: Record<string, unknown> = {};
    for (const key of Object.keys(changes)) previous[key] = typeof before[key] === "string" ? before[key] : "";
    const edited = await this.api.editSuggestion(target.id, changes);
    this.items = this.items.map((s) => (s.id === edited.id ? edited : s));
    done(`Edited ${target.label}`, async () => {
      const restored = await this.api.editSuggestion(target.id, previous as SuggestionEdit);
      this.items = this.items.map((s) => (s.id === restored.id ? restored : s));
    });
  }

  /** Accepts every pending suggestion of the source being reviewed (actors first, so
   * that claims and quotations find them), as one undoable action. */
  async acceptAll(): Promise<number> {
    if (this.sourceId === null) return 0;
    const accepted: number[] = [];
    for (const kind of ["actor", "claim", "quote"] as SuggestionKind[]) {
      for (;;) {
        const page = await this.api.listSuggestions(this.sourceId, kind, "suggested", { offset: 0, limit: PAGE });
        const fresh = page.items.filter((s) => !accepted.includes(s.id));
        if (fresh.length === 0) break;
        for (const s of fresh) {
          await this.api.acceptSuggestion(s.id);
          accepted.push(s.id);
        }
      }
    }
    if (accepted.length > 0) {
      this.registerUndo(`Accepted ${accepted.length} suggestions`, accepted.reverse());
    }
    await this.reload();
    this.onChange();
    return accepted.length;
  }
}
