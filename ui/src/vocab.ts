// The closed vocabularies as lists the UI can offer, checked against the generated types
// so that a value added in Rust fails the type check here until it is listed.
import type { ActorKind, Certainty, Relation } from "./bindings";

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
