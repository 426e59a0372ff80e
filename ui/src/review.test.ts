import { beforeEach, describe, expect, it } from "vitest";
import type { Accepted, ChangeEntry, Changed, PageRequest, SuggestedClaim, Suggestion, SuggestionKind } from "./bindings";
import { claimDate, ReviewQueue, type ReviewApi } from "./review.svelte";
import { connectHistory, toast, undoChange } from "./undo.svelte";

const suppliedClaim: SuggestedClaim = {
  subject: "Iran",
  relation: "supplies",
  object: "Venezuela",
  date: null,
  attributed_to: null,
  certainty: "asserted",
  citation: { exact: "", prefix: "", suffix: "", start: 0, end: 0 },
};

/** An in-memory store of suggestions behind the queue's API. */
function fakeStore(count: Record<SuggestionKind, number>) {
  const all: (Suggestion & { decided?: "accepted" | "rejected" })[] = [];
  let id = 1;
  for (const kind of Object.keys(count) as SuggestionKind[]) {
    for (let i = 0; i < count[kind]; i++) {
      all.push({
        id: id++,
        source_id: i % 2 === 0 ? 1 : 2,
        kind,
        label: `${kind} ${i}`,
        span_start: i,
        span_end: i + 1,
        status: "suggested",
        payload: { kind: "claim", value: suppliedClaim },
        source_title: "A source",
        prefix: "before ",
        exact: `passage ${i}`,
        suffix: " after",
      });
    }
  }
  const calls: string[] = [];
  // The core's history, as the fake keeps it: each change with what takes it back.
  const changes: (ChangeEntry & { takeBack: () => void })[] = [];
  const record = <T,>(label: string, takeBack: () => void, value: T): Changed<T> => {
    const change = { id: changes.length + 1, made_at: "", label, undone_at: null, undoable: true };
    changes.push({ ...change, takeBack });
    return { value, change, touched: ["suggestions"] };
  };
  const reopen = (n: number) => {
    calls.push(`reopen ${n}`);
    delete all.find((s) => s.id === n)!.decided;
  };
  connectHistory(
    {
      undoChange: async (id) => {
        const change = [...changes].reverse().find((c) => c.undoable && (id === null || c.id === id));
        if (!change) return null;
        change.takeBack();
        Object.assign(change, { undoable: false, undone_at: "now" });
        return change;
      },
    },
    () => {},
  );
  const pending = (source: number | null, kind: SuggestionKind | null) =>
    all.filter((s) => !s.decided && (source === null || s.source_id === source) && (kind === null || s.kind === kind));
  const api: ReviewApi = {
    listSuggestions: async (source, kind, _status, page: PageRequest) => {
      const items = pending(source, kind);
      return { items: items.slice(page.offset, page.offset + page.limit), total: items.length, offset: page.offset };
    },
    acceptSuggestion: async (n) => {
      calls.push(`accept ${n}`);
      const s = all.find((s) => s.id === n)!;
      s.decided = "accepted";
      const accepted = { actors_created: 0, mentions: 0, claim_id: n, citation_id: n, actor_ids: [], mention_ids: [], aliases: [] };
      return record(`Accepted ${s.label}`, () => reopen(n), accepted as Accepted);
    },
    acceptClaim: async (n, credibility) => {
      calls.push(`accept ${n} graded ${credibility}`);
      const s = all.find((s) => s.id === n)!;
      s.decided = "accepted";
      const accepted = { actors_created: 0, mentions: 0, claim_id: n, citation_id: n, actor_ids: [], mention_ids: [], aliases: [] };
      return record(`Accepted ${s.label}, graded ${credibility}`, () => reopen(n), accepted as Accepted);
    },
    rejectSuggestion: async (n) => {
      calls.push(`reject ${n}`);
      const s = all.find((s) => s.id === n)!;
      s.decided = "rejected";
      return record(`Rejected ${s.label}`, () => reopen(n), null);
    },
    editSuggestion: async (n, edit) => {
      const s = all.find((x) => x.id === n)!;
      const before = s.label;
      s.label = `edited ${edit.relation}`;
      return record(`Edited ${before}`, () => (s.label = before), { ...s });
    },
  };
  return { api, calls, pending };
}

describe("the review queue", () => {
  beforeEach(() => {
    toast.current = null;
  });

  it("lists one kind with counts for every tab and moves within bounds", async () => {
    const { api } = fakeStore({ claim: 3, actor: 2, quote: 1, date: 4 });
    const queue = new ReviewQueue(api, "claim");
    await queue.reload();
    expect(queue.items.map((s) => s.label)).toEqual(["claim 0", "claim 1", "claim 2"]);
    expect(queue.counts).toEqual({ claim: 3, actor: 2, quote: 1 });
    queue.move(-1);
    expect(queue.cursor).toBe(0);
    queue.move(5);
    expect(queue.current?.label).toBe("claim 2");
  });

  it("accepting and rejecting take the item out, and undo puts it back where it was", async () => {
    const { api, calls } = fakeStore({ claim: 3, actor: 0, quote: 0, date: 0 });
    let changes = 0;
    const queue = new ReviewQueue(api, "claim", null, () => changes++);
    await queue.reload();
    queue.move(1);
    await queue.accept();
    expect(queue.items.map((s) => s.label)).toEqual(["claim 0", "claim 2"]);
    expect(queue.current?.label).toBe("claim 2");
    expect(queue.counts.claim).toBe(2);
    expect(toast.current?.label).toBe("Accepted claim 1");
    await queue.reject();
    expect(queue.items.map((s) => s.label)).toEqual(["claim 0"]);

    expect(await undoChange()).toBe(true);
    expect(queue.items.map((s) => s.label)).toEqual(["claim 0", "claim 2"]);
    expect(queue.current?.label).toBe("claim 2");
    expect(await undoChange()).toBe(true);
    expect(queue.items).toHaveLength(3);
    expect(calls).toEqual(["accept 2", "reject 3", "reopen 3", "reopen 2"]);
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(await undoChange()).toBe(false);
  });


  it("a claim accepted graded goes as one change, and only claims are graded", async () => {
    const { api, calls } = fakeStore({ claim: 2, actor: 1, quote: 0, date: 0 });
    const queue = new ReviewQueue(api, "claim");
    await queue.reload();
    await queue.acceptGraded(2);
    expect(queue.items.map((s) => s.label)).toEqual(["claim 1"]);
    expect(toast.current?.label).toBe("Accepted claim 0, graded 2");
    expect(await undoChange()).toBe(true);
    expect(queue.items).toHaveLength(2);
    const actors = new ReviewQueue(api, "actor");
    await actors.reload();
    expect(await actors.acceptGraded(3)).toBeUndefined();
    expect(calls).toEqual(["accept 1 graded 2", "reopen 1"]);
  });

  it("a reload asked before an acceptance and answered after it does not bring the accepted suggestion back", async () => {
    const { api } = fakeStore({ claim: 3, actor: 0, quote: 0, date: 0 });
    const queue = new ReviewQueue(api, "claim");
    await queue.reload();
    // The answer to the reload (a colleague's changes arrived) is held until after the acceptance.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const list = api.listSuggestions;
    let first = true;
    api.listSuggestions = async (...args) => {
      const answer = await list(...args);
      if (first) {
        first = false;
        await held;
      }
      return answer;
    };
    const stale = queue.reload();
    await queue.accept();
    release();
    await stale;
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.items.map((s) => s.label)).toEqual(["claim 1", "claim 2"]);
    expect(queue.current?.label).toBe("claim 1");
    expect(queue.counts.claim).toBe(2);
  });

  it("edits keep the item in place with its new label, and its record as it was", async () => {
    const { api } = fakeStore({ claim: 2, actor: 0, quote: 0, date: 0 });
    const queue = new ReviewQueue(api, "claim");
    await queue.reload();
    await queue.edit({ relation: "funds" });
    expect(queue.current?.label).toBe("edited funds");
    await undoChange();
    expect(queue.current?.label, "undo puts the old label back").toBe("claim 0");
    expect(queue.current?.payload).toEqual({ kind: "claim", value: suppliedClaim });
  });
});

describe("claimDate", () => {
  const claim = (payload: Partial<SuggestedClaim>, exact = "En junio de 2023, Irán firmó un acuerdo con Venezuela."): Suggestion => ({
    id: 1,
    source_id: 2,
    kind: "claim",
    label: "Iran signs_agreement_with Venezuela",
    span_start: 100,
    span_end: 100 + Array.from(exact).length,
    status: "suggested",
    payload: { kind: "claim", value: { ...suppliedClaim, ...payload } },
    source_title: "Article",
    prefix: "",
    exact,
    suffix: "",
  });

  it("gives the date with the words of the passage it was read from", () => {
    expect(claimDate(claim({ date: "2023-06", date_written: { start: 103, end: 116 } }))).toEqual({
      date: "2023-06",
      phrase: "junio de 2023",
      start: 103,
      end: 116,
    });
  });

  it("gives the date alone when the passage does not hold where it was read, and nothing when undated", () => {
    expect(claimDate(claim({ date: "2023-06" }))?.phrase).toBeNull();
    expect(claimDate(claim({ date: "2023-06", date_written: { start: 20, end: 30 } }))?.phrase).toBeNull();
    expect(claimDate(claim({ subject: "Iran" }))).toBeNull();
  });
});
