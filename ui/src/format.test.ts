import { describe, expect, it } from "vitest";
import { authorsLine, count, describeDate, describeRelation, describeSources, languageNames } from "./format";

describe("count", () => {
  it("says one thing in the singular and any other number in the plural", () => {
    expect(count(1, "claim")).toBe("1 claim");
    expect(count(0, "claim")).toBe("0 claims");
    expect(count(2, "alias", "aliases")).toBe("2 aliases");
    expect(count(12000, "source")).toBe("12,000 sources");
  });
});

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

describe("authorsLine", () => {
  it("says who added a record and who changed it last, and nothing outside a team", () => {
    expect(authorsLine({ made_by: "ana", edited_by: "ben" })).toBe("added by ana · last changed by ben");
    expect(authorsLine({ made_by: "ana", edited_by: "ana" })).toBe("added by ana");
    expect(authorsLine({ made_by: null, edited_by: "ben" })).toBe("last changed by ben");
    expect(authorsLine({ made_by: null, edited_by: null })).toBeNull();
  });
});

describe("describeSources", () => {
  it("says how many of the sources are independent when copies are among them", () => {
    expect(describeSources(3, 1)).toBe("3 sources, 1 independent");
    expect(describeSources(2, 2)).toBe("2 independent sources");
    expect(describeSources(1, 1)).toBe("1 source");
    expect(describeSources(0, 0)).toBe("no source");
  });
});

describe("languageNames", () => {
  it("names Tesseract's languages and keeps codes it does not know", () => {
    expect(languageNames("eng+spa+por")).toBe("English, Spanish, Portuguese");
    expect(languageNames("ara")).toBe("Arabic");
    expect(languageNames("eng+xyz")).toBe("English, xyz");
  });
});
