// The closed vocabularies as lists the UI can offer, checked against the generated types
// so that a value added in Rust fails the type check here until it is listed.
import type { ActorKind, Certainty, ClaimGrade, GradeFilter, Relation, Reliability } from "./bindings";

export const relations = [
  "ally_of",
  "proxy_of",
  "member_of",
  "leads",
  "funds",
  "supplies",
  "cooperates_with",
  "visits",
  "meets",
  "signs_agreement_with",
  "attacks",
  "responsible_for",
  "supports",
  "opposes",
  "accuses",
  "other",
] as const satisfies readonly Relation[];

export const certainties = ["asserted", "reported", "alleged", "believed", "denied"] as const satisfies readonly Certainty[];

export const actorKinds = [
  "person",
  "organization",
  "state",
  "armed_group",
  "place",
  "other",
] as const satisfies readonly ActorKind[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const everyRelation: Exhaustive<Relation, (typeof relations)[number]> = true;
const everyCertainty: Exhaustive<Certainty, (typeof certainties)[number]> = true;
const everyKind: Exhaustive<ActorKind, (typeof actorKinds)[number]> = true;
void [everyRelation, everyCertainty, everyKind];

/** "signs_agreement_with" → "signs agreement with". */
export const words = (value: string): string => value.replaceAll("_", " ");

/** The Admiralty grades: a source's reliability A–F, an item's credibility 1–6. */
export const reliabilities = ["A", "B", "C", "D", "E", "F"] as const satisfies readonly Reliability[];

export const reliabilityWords: Record<Reliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const credibilityWords: Record<number, string> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
};

/** "B2"; "–3" when none of the claim's sources is graded. */
export function gradeLabel(grade: ClaimGrade): string {
  return `${grade.reliability ?? "–"}${grade.credibility}`;
}

/** The grade filters the lists offer, as "B2" (reliability B or better, credibility 2 or better). */
export const gradeFilters = ["A1", "B2", "C3", "D4", "E5"] as const;

export function gradeFilter(value: string): GradeFilter | null {
  const match = /^([A-F])([1-6])$/.exec(value);
  return match ? { reliability: match[1] as Reliability, credibility: Number(match[2]) } : null;
}
