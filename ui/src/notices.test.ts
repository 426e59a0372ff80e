import { describe, expect, it } from "vitest";
import { DossierError } from "./api";
import { dismiss, notices, reportError } from "./notices.svelte";

describe("notices", () => {
  it("shows a Dossier error with a title for its code and keeps it until dismissed", () => {
    reportError(new DossierError({ code: "not_a_dossier_store", message: "/tmp/x is not a Dossier store" }));
    reportError(new Error("network down"));
    reportError(new DossierError({ code: "not_a_dossier_store", message: "/tmp/x is not a Dossier store" }));
    expect(notices.map((n) => n.title)).toEqual(["This file is not a Dossier store", "Something went wrong"]);
    expect(notices[0]?.message).toBe("/tmp/x is not a Dossier store");
    dismiss(notices[0]!.id);
    expect(notices.map((n) => n.message)).toEqual(["network down"]);
  });
});
