import { describe, expect, it } from "vitest";
import type { TeamStatus } from "./bindings";
import { shownValue, syncLine } from "./team.svelte";

const synced: TeamStatus = {
  state: "synced",
  server: "ana@db.example.org:5432/dossier",
  investigation: "0190f1c2-0000-7000-8000-000000000001",
  last_synced_at: "2026-12-07T09:05:00Z",
  pending: 0,
  conflicts: 0,
  message: null,
};

describe("the status bar's sync line", () => {
  it("says nothing for a store that does not sync", () => {
    expect(syncLine(null)).toBeNull();
    expect(syncLine({ ...synced, state: "off" })).toBeNull();
  });

  it("says when the last sync went through, what waits to be sent and the conflicts", () => {
    expect(syncLine(synced)).toMatch(/^Synced at \d\d:05$/);
    expect(syncLine({ ...synced, pending: 3, conflicts: 1 })).toMatch(/^Synced at \d\d:05 · 3 changes to send · 1 conflict$/);
  });

  it("says the server is unreachable while changes wait", () => {
    expect(syncLine({ ...synced, state: "offline", pending: 1, message: "connection refused" })).toBe(
      "Team server unreachable · 1 change to send",
    );
    expect(syncLine({ ...synced, state: "syncing" })).toBe("Syncing with the team…");
  });
});

describe("a conflict's values", () => {
  it("are shown as words, not JSON", () => {
    expect(shownValue('"rejected"')).toBe("rejected");
    expect(shownValue("null")).toBe("(none)");
    expect(shownValue(null)).toBe("(none)");
    expect(shownValue("1999")).toBe("1999");
    expect(shownValue("{broken")).toBe("{broken");
  });
});
