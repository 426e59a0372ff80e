import { describe, expect, it } from "vitest";
import { dayBound } from "./filters";

describe("typed dates become day bounds", () => {
  it("starts and ends years, months and days", () => {
    expect(dayBound("1994", false)).toBe("1994-01-01");
    expect(dayBound("1994", true)).toBe("1994-12-31");
    expect(dayBound("2024-02", true)).toBe("2024-02-29");
    expect(dayBound("2023-06-14", true)).toBe("2023-06-14");
  });
  it("refuses what is not a date", () => {
    expect(dayBound("", false)).toBeNull();
    expect(dayBound("June", false)).toBeNull();
    expect(dayBound("2023-13", false)).toBeNull();
    expect(dayBound("2023-02-30", true)).toBeNull();
  });
});
