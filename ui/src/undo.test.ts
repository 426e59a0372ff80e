import { describe, expect, it } from "vitest";
import type { ChangeEntry } from "./bindings";
import { connectHistory, perform, toast } from "./undo.svelte";

describe("perform", () => {
  it("offers a recorded change in the toast, unless the change is a quiet one", async () => {
    const changes: ChangeEntry[] = [];
    const change = (label: string) =>
      changes.push({ id: changes.length + 1, made_at: "now", label, undone_at: null, undoable: true });
    connectHistory({ listChanges: async () => changes.slice(-1), undoChange: async () => null }, () => {});
    toast.current = null;
    expect(await perform(async () => change("Edited the note “Theory”"), async () => {}, undefined, { quiet: true })).toBe(true);
    expect(toast.current).toBeNull();
    expect(await perform(async () => change("Tagged a source “Axis”"), async () => {})).toBe(true);
    expect(toast.current).toEqual({ id: 2, label: "Tagged a source “Axis”" });
  });
});
