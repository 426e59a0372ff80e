// Turning what a person types in the graph's and timeline's filters into the core's
// filter values.

/**
 * A typed date ("1994", "2023-06", "2023-06-14") as the inclusive ISO day that starts
 * (or, with `end`, ends) it; null when empty or not a date.
 */
export function dayBound(typed: string, end: boolean): string | null {
  const text = typed.trim();
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  const m = month ? Number(month) : end ? 12 : 1;
  if (m < 1 || m > 12) return null;
  const last = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  const d = day ? Number(day) : end ? last : 1;
  if (d < 1 || d > last) return null;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Colours of actor kinds and certainties, shared by the graph and its legend. */
export const kindColours: Record<string, string> = {
  person: "#c2410c",
  organization: "#1d4ed8",
  state: "#15803d",
  armed_group: "#b91c1c",
  place: "#7c3aed",
  other: "#6b7280",
};

export const certaintyColours: Record<string, string> = {
  asserted: "#374151",
  reported: "#6b7280",
  believed: "#a16207",
  alleged: "#d97706",
  denied: "#dc2626",
};
