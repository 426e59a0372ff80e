import { render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Citation, Claim } from "../bindings";

const getClaim = vi.fn();
const citationsOfClaim = vi.fn();
const noteBacklinks = vi.fn();
const corroboration = vi.fn(async () => ({ sources: 1, independent: 1 }));
const credibilityReason = vi.fn(async () => "the source asserts it in its own voice");
const gradeClaim = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    getClaim: (...args: unknown[]) => getClaim(...args),
    citationsOfClaim: (...args: unknown[]) => citationsOfClaim(...args),
    noteBacklinks: (...args: unknown[]) => noteBacklinks(...args),
    corroboration: () => corroboration(),
    credibilityReason: () => credibilityReason(),
    gradeClaim: (...args: unknown[]) => gradeClaim(...args),
    questionsOfClaim: async () => [],
    questions: async () => [],
  } as never,
}));

const { default: ClaimPage } = await import("./ClaimPage.svelte");

const claim: Claim = {
  id: 7,
  subject: { id: 1, name: "Iran" },
  relation: "funds",
  relation_text: null,
  object: { id: 2, name: "Hezbollah [Lebanon|South]" },
  object_text: null,
  statement: "Iran funds <b>Hezbollah</b>",
  date: "199X",
  attributed_to: { id: 3, name: "US Treasury" },
  certainty: "reported",
  status: "accepted",
  origin: "extracted",
  citation_count: 2,
  created_at: "2026-11-20T10:00:00Z",
  updated_at: "2026-11-20T10:00:00Z",
  date_checked: true,
  made_by: null,
  grade: { reliability: "B", credibility: 2, set: false, suggested: 2 },
};

const citation = (id: number, sourceId: number, exact: string): Citation => ({
  id,
  claim_id: 7,
  source_id: sourceId,
  source_title: `Dispatch ${sourceId}`,
  exact,
  prefix: "officials said ",
  suffix: " in the decade",
  start: 10,
  end: 10 + exact.length,
  speaker: null,
  note: "",
});

describe("ClaimPage", () => {
  it("shows the claim, its passages as text and how many sources they come from", async () => {
    getClaim.mockResolvedValue(claim);
    citationsOfClaim.mockResolvedValue([
      citation(1, 4, "Tehran paid <script>alert(1)</script> the group"),
      citation(2, 4, "the money went on"),
    ]);
    noteBacklinks.mockResolvedValue([]);
    render(ClaimPage, { claimId: 7, reloadKey: 0 });

    await screen.findByRole("button", { name: "Iran" });
    const title = screen.getByRole("heading", { level: 1 });
    expect(title.textContent?.replace(/\s+/g, " ").trim()).toBe("Iran funds Hezbollah [Lebanon|South]");
    expect(screen.getByText("reported")).toBeTruthy();
    expect(screen.getByText("US Treasury").tagName).toBe("BUTTON");
    expect(screen.getByText("199X").tagName).toBe("CODE");
    // The statement and the passages are text: nothing in them becomes an element.
    expect(screen.getByText("Iran funds <b>Hezbollah</b>")).toBeTruthy();
    const passages = await screen.findAllByTestId("claim-passage");
    expect(passages).toHaveLength(2);
    expect(passages[0]?.querySelector("script")).toBeNull();
    expect(passages[0]?.querySelector("mark")?.textContent).toBe("Tehran paid <script>alert(1)</script> the group");
    expect(screen.getByText(/2 from 1 source$/)).toBeTruthy();
    expect(screen.queryByTestId("date-unchecked")).toBeNull();
  });

  it("warns when every passage comes from one story, however many sites ran it", async () => {
    getClaim.mockResolvedValue(claim);
    citationsOfClaim.mockResolvedValue([citation(1, 4, "paid the group"), citation(2, 5, "paid the group")]);
    noteBacklinks.mockResolvedValue([]);
    corroboration.mockResolvedValueOnce({ sources: 2, independent: 1 });
    const { unmount } = render(ClaimPage, { claimId: 7, reloadKey: 0 });
    expect((await screen.findByTestId("claim-sources")).textContent).toBe("2 from 2 sources, 1 independent");
    const warning = await screen.findByTestId("claim-single-story");
    expect(warning.textContent).toContain("its 2 sources are copies of one story");
    unmount();

    // Corroborated by reporting of its own: no warning.
    corroboration.mockResolvedValueOnce({ sources: 3, independent: 2 });
    render(ClaimPage, { claimId: 7, reloadKey: 0 });
    expect((await screen.findByTestId("claim-sources")).textContent).toBe("2 from 3 sources, 2 independent");
    expect(screen.queryByTestId("claim-single-story")).toBeNull();
  });

  it("shows its grade with why the credibility is suggested, and grades it", async () => {
    getClaim.mockResolvedValue(claim);
    citationsOfClaim.mockResolvedValue([citation(1, 4, "paid the group")]);
    noteBacklinks.mockResolvedValue([]);
    gradeClaim.mockResolvedValue({ value: null, change: null, touched: [] });
    render(ClaimPage, { claimId: 7, reloadKey: 0 });
    const grade = await screen.findByTestId("claim-grade");
    expect(grade.dataset.grade).toBe("B2");
    await screen.findByText(/suggested: the source asserts it in its own voice/);
    expect(grade.textContent).toContain("Usually reliable");
    expect(grade.textContent).toContain("Probably true");
    (await screen.findByTestId("grade-claim-4")).click();
    await vi.waitFor(() => expect(gradeClaim).toHaveBeenCalledWith(7, 4));
  });

  it("says which analyst made it when the team's log says so, and nobody when it does not", async () => {
    getClaim.mockResolvedValue({ ...claim, made_by: "ana" });
    citationsOfClaim.mockResolvedValue([]);
    noteBacklinks.mockResolvedValue([]);
    const { unmount } = render(ClaimPage, { claimId: 7, reloadKey: 0 });
    const recorded = await screen.findByTestId("claim-recorded");
    expect(recorded.textContent).toBe("suggested by extraction, accepted by ana · 2026-11-20");
    unmount();
    getClaim.mockResolvedValue(claim);
    render(ClaimPage, { claimId: 7, reloadKey: 0 });
    expect((await screen.findByTestId("claim-recorded")).textContent).toBe("suggested by extraction, accepted · 2026-11-20");
  });

  it("says when its date was read by Dossier and nobody has confirmed it", async () => {
    getClaim.mockResolvedValue({ ...claim, date_checked: false });
    citationsOfClaim.mockResolvedValue([]);
    noteBacklinks.mockResolvedValue([]);
    render(ClaimPage, { claimId: 7, reloadKey: 0 });
    const note = await screen.findByTestId("date-unchecked");
    expect(note.textContent).toContain("not yet confirmed");
    expect(screen.getByRole("button", { name: "Confirm" })).toBeTruthy();
  });

  it("drags as a link labelled with what it claims, without the characters a link cannot hold", async () => {
    getClaim.mockResolvedValue(claim);
    citationsOfClaim.mockResolvedValue([]);
    noteBacklinks.mockResolvedValue([]);
    render(ClaimPage, { claimId: 7, reloadKey: 0 });
    await screen.findByRole("button", { name: "Iran" });
    const title = screen.getByRole("heading", { level: 1 });
    const data = new Map<string, string>();
    const event = new Event("dragstart", { bubbles: true }) as DragEvent;
    Object.defineProperty(event, "dataTransfer", {
      value: { setData: (type: string, value: string) => data.set(type, value), effectAllowed: "" },
    });
    title.dispatchEvent(event);
    expect(data.get("text/plain")).toBe("[[claim:7|Iran funds Hezbollah Lebanon/South]]");
    expect(screen.getByText(/No passage backs this claim/)).toBeTruthy();
  });
});
