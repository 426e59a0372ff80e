// The command palette's state (Ctrl+K): a query searched as it is typed (the latest
// answer wins), the hits, and the one Enter opens.
import type { Page, SearchHit } from "./bindings";

export type Searcher = (query: string) => Promise<Page<SearchHit>>;

export class Palette {
  open = $state(false);
  query = $state("");
  hits: SearchHit[] = $state([]);
  total = $state(0);
  active = $state(0);
  private sequence = 0;

  constructor(private readonly searcher: Searcher) {}

  show(): void {
    this.open = true;
    this.query = "";
    this.hits = [];
    this.total = 0;
    this.active = 0;
  }

  hide(): void {
    this.open = false;
  }

  /** Searches `query`; an answer that arrives after a newer query's is dropped. */
  async search(query: string): Promise<void> {
    this.query = query;
    const mine = ++this.sequence;
    if (!query.trim()) {
      this.hits = [];
      this.total = 0;
      return;
    }
    const page = await this.searcher(query);
    if (mine !== this.sequence) return;
    this.hits = page.items;
    this.total = page.total;
    this.active = 0;
  }

  move(delta: number): void {
    if (this.hits.length === 0) return;
    this.active = (this.active + delta + this.hits.length) % this.hits.length;
  }

  get chosen(): SearchHit | undefined {
    return this.hits[this.active];
  }
}
