import { describe, expect, it } from "vitest";
import { describeDate, describeRelation } from "./format";

describe("describeDate", () => {
  it("speaks each EDTF precision in words", () => {
    expect(describeDate("1994")).toBe("1994");
    expect(describeDate("2023-06")).toBe("June 2023");
    expect(describeDate("2001-09-11")).toBe("11 September 2001");
    expect(describeDate("199X")).toBe("1990s");
    expect(describeDate("XXXX-12")).toBe("December");
    expect(describeDate("2017/2021")).toBe("2017 – 2021");
    expect(describeDate("2022?")).toBe("2022 (uncertain)");
  });
});

describe("describeRelation", () => {
  it("turns relation ids into words", () => {
    expect(describeRelation("signs_agreement_with")).toBe("signs agreement with");
  });
});
