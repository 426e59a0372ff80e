import { describe, expect, it } from "vitest";
import type { TimelineItem } from "../bindings";
import { dayNumber, place, yearTicks } from "./time";

const item = (id: number, date: string, lower: string | null, upper: string | null): TimelineItem => ({
  kind: "claim",
  id,
  label: `claim ${id}`,
  date,
  lower,
  upper,
  uncertain: false,
  relation: "attacks",
  source_id: 1,
  unchecked: false,
});

describe("the timeline's geometry", () => {
  it("writes a label leftwards when it would run past the timeline's end", () => {
    const { placed } = place([item(1, "2020-01-01", "2020-01-01", "2020-01-01"), item(2, "2024-12-30", "2024-12-30", "2024-12-30")], () => 200, dayNumber("2025-01-01"));
    expect(placed.map((p) => p.flip)).toEqual([false, true]);
    expect(placed.every((p) => p.lane === 0)).toBe(true);
  });

  it("counts days and spans a year, a decade and a month at their own length", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    const { placed, undated, lanes } = place(
      [
        item(1, "1994", "1994-01-01", "1994-12-31"),
        item(2, "199X", "1990-01-01", "1999-12-31"),
        item(3, "2023-06", "2023-06-01", "2023-06-30"),
        item(4, "XXXX-12", null, null),
        item(5, "2020/..", "2020-01-01", null),
      ],
      () => 1,
    );
    const span = (id: number) => placed.find((p) => p.item.id === id)!;
    expect(span(1).end - span(1).start).toBe(365);
    expect(span(2).end - span(2).start).toBe(3652);
    expect(span(3).end - span(3).start).toBe(30);
    expect(span(5).end - span(5).start).toBe(1);
    expect(undated.map((u) => u.id)).toEqual([4]);
    // The 1990s and 1994 overlap, so they take two lanes; the rest fits in the first.
    expect(span(2).lane).toBe(0);
    expect(span(1).lane).toBe(1);
    expect(span(3).lane).toBe(0);
    expect(lanes).toBe(2);
  });

  it("keeps a lane free for as long as a label needs", () => {
    const { placed, lanes } = place([item(1, "2020-01-01", "2020-01-01", "2020-01-01"), item(2, "2020-02-01", "2020-02-01", "2020-02-01")], () => 60);
    expect(placed.map((p) => p.lane)).toEqual([0, 1]);
    expect(lanes).toBe(2);
  });

  it("ticks years, or every ten years across a long span", () => {
    expect(yearTicks(dayNumber("2019-06-01"), dayNumber("2023-06-01")).map((t) => t.label)).toEqual(["2020", "2021", "2022", "2023"]);
    expect(yearTicks(dayNumber("1901-01-01"), dayNumber("2023-01-01")).map((t) => t.label)[0]).toBe("1910");
  });
});
