import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { TeamConflict, TeamForm, TeamStatus } from "../bindings";

const teamSettings = vi.fn();
const saveTeamSettings = vi.fn();
const listTeamConflicts = vi.fn();
const resolveTeamConflict = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    teamSettings: (...args: unknown[]) => teamSettings(...args),
    saveTeamSettings: (...args: unknown[]) => saveTeamSettings(...args),
    listTeamConflicts: (...args: unknown[]) => listTeamConflicts(...args),
    resolveTeamConflict: (...args: unknown[]) => resolveTeamConflict(...args),
  } as never,
}));

const { default: TeamSettings } = await import("./TeamSettings.svelte");

const saved: TeamForm = {
  host: "db.example.org",
  port: 5432,
  database: "dossier",
  user: "ana",
  password: null,
  has_password: true,
  investigation: "0190f1c2-0000-7000-8000-000000000001",
  tls: "verified",
  ca_file: "/etc/ssl/team-ca.pem",
  client_cert: "",
  client_key: "",
};
const status: TeamStatus = {
  state: "synced",
  server: "ana@db.example.org:5432/dossier",
  investigation: saved.investigation,
  last_synced_at: "2026-12-07T09:05:00Z",
  pending: 0,
  conflicts: 1,
  message: null,
};
const disputed: TeamConflict = { id: 4, table: "suggestions", record: "Iran funds Hezbollah", column: "status", kept: '"rejected"', other: '"accepted"' };

describe("Settings → Team", () => {
  it("connects with what was typed and never shows the saved password", async () => {
    teamSettings.mockResolvedValue(null);
    listTeamConflicts.mockResolvedValue([]);
    saveTeamSettings.mockResolvedValue(status);
    render(TeamSettings);
    const host = (await screen.findByLabelText("Server")) as HTMLInputElement;
    await fireEvent.input(host, { target: { value: "db.example.org" } });
    await fireEvent.input(screen.getByLabelText("Your login"), { target: { value: "ana" } });
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "s3cret" } });
    await fireEvent.input(screen.getByLabelText("Investigation id"), { target: { value: saved.investigation } });
    await fireEvent.click(screen.getByRole("button", { name: "Connect and sync" }));
    expect(saveTeamSettings).toHaveBeenCalledWith(
      expect.objectContaining({
        host: "db.example.org",
        port: 5432,
        database: "dossier",
        user: "ana",
        password: "s3cret",
        investigation: saved.investigation,
        tls: "verified",
      }),
    );
  });

  it("shows saved settings with the password only said to be saved", async () => {
    teamSettings.mockResolvedValue(saved);
    listTeamConflicts.mockResolvedValue([]);
    render(TeamSettings);
    await screen.findByRole("button", { name: "Save and sync" });
    const password = screen.getByLabelText("Password") as HTMLInputElement;
    expect(password.value).toBe("");
    expect(password.placeholder).toBe("saved (type to change)");
    expect((screen.getByLabelText("Server") as HTMLInputElement).value).toBe("db.example.org");
  });

  it("lists a decision made both ways as disputed, and marks it looked at", async () => {
    teamSettings.mockResolvedValue(saved);
    listTeamConflicts.mockResolvedValueOnce([disputed]).mockResolvedValue([]);
    resolveTeamConflict.mockResolvedValue({ ...status, conflicts: 0 });
    render(TeamSettings);
    const row = await screen.findByTestId("team-conflict");
    expect([...row.querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["Suggestion: Iran funds Hezbollah", "decision disputed", "rejected", "accepted", "Looked at"]);
    await fireEvent.click(screen.getByRole("button", { name: "Looked at" }));
    expect(resolveTeamConflict).toHaveBeenCalledWith(4);
    await vi.waitFor(() => expect(screen.queryByTestId("team-conflict")).toBeNull());
  });
});
