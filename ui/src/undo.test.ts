import { describe, expect, it } from "vitest";
import type { ChangeEntry, Changed } from "./bindings";
import { connectHistory, perform, toast } from "./undo.svelte";

describe("perform", () => {
  it("offers the change a command answers with in the toast, unless it is a quiet one, and makes no other call", async () => {
    let calls = 0;
    const changed = (id: number, label: string): Changed<null> => {
      calls++;
      const change: ChangeEntry = { id, made_at: "now", label, undone_at: null, undoable: true };
      return { value: null, change, touched: ["notes"] };
    };
    connectHistory({ undoChange: async () => null }, () => {});
    toast.current = null;
    const quiet = await perform(async () => changed(1, "Edited the note “Theory”"), async () => {}, undefined, { quiet: true });
    expect(quiet?.change?.id).toBe(1);
    expect(toast.current).toBeNull();
    expect(await perform(async () => changed(2, "Tagged a source “Axis”"), async () => {})).not.toBeNull();
    expect(toast.current).toEqual({ id: 2, label: "Tagged a source “Axis”" });
    expect(calls, "one call per action").toBe(2);
    // A command that changed nothing leaves the toast as it was.
    expect(await perform(async () => ({ value: false, change: null, touched: [] }), async () => {})).not.toBeNull();
    expect(toast.current).toEqual({ id: 2, label: "Tagged a source “Axis”" });
    expect(await perform(async () => Promise.reject(new Error("refused")), async () => {})).toBeNull();
  });
});
