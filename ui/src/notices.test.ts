import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DossierError } from "./api";
import { INFO_MS, dismiss, inform, notices, reportError } from "./notices.svelte";

describe("notices", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    for (const n of [...notices]) dismiss(n.id);
    vi.useRealTimers();
  });

  it("lets information go after a while but keeps an error until it is dismissed", () => {
    inform("Picture saved", "/tmp/Dossier graph.png");
    reportError(new DossierError({ code: "conflict", message: "an import is running" }));
    expect(notices.map((n) => n.title)).toEqual(["Picture saved", "Conflict"]);
    vi.advanceTimersByTime(INFO_MS);
    expect(notices.map((n) => n.title)).toEqual(["Conflict"]);
  });
});
