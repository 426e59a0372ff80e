// How values from the store are shown to a person.

const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "1 claim", "2 claims", "0 claims" (`plural` for nouns that do not take an s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : plural}`;
}

/** Sources behind a claim or an edge, and how many are independent of one another (a
 * group of republished copies of one story counts once): "3 sources, 1 independent". */
export function describeSources(sources: number, independent: number): string {
  if (sources === 0) return "no source";
  if (sources === independent) return sources === 1 ? "1 source" : `${sources} independent sources`;
  return `${count(sources, "source")}, ${independent} independent`;
}

/** An EDTF date in words at its own precision: "2023-06" → "June 2023", "199X" → "1990s". */
export function describeDate(edtf: string): string {
  if (edtf.includes("/")) {
    const [from, to] = edtf.split("/");
    const side = (part: string | undefined) => (!part || part === ".." ? "…" : describeDate(part));
    return `${side(from)} – ${side(to)}`;
  }
  const qualifier = /[?~%]$/.test(edtf) ? " (uncertain)" : "";
  const bare = edtf.replace(/[?~%]+$/, "");
  const [year = "", month, day] = bare.split("-");
  const yearText = /^\d{3}X$/.test(year)
    ? `${year.slice(0, 3)}0s`
    : /^\d{2}XX$/.test(year)
      ? `${Number(year.slice(0, 2)) + 1}th century`
      : year === "XXXX"
        ? ""
        : year;
  const monthIndex = month && /^\d\d$/.test(month) ? Number(month) - 1 : -1;
  const monthText = monthIndex >= 0 && monthIndex < 12 ? months[monthIndex] : undefined;
  if (day && /^\d\d$/.test(day) && monthText) return `${Number(day)} ${monthText} ${yearText}`.trim() + qualifier;
  if (monthText) return `${monthText} ${yearText}`.trim() + qualifier;
  return (yearText || edtf) + qualifier;
}

/** A relation id as words: "signs_agreement_with" → "signs agreement with". */
export function describeRelation(relation: string): string {
  return relation.replaceAll("_", " ");
}

/** Who made a record and who last changed it, as the team's log says; null in a store
 * that does not sync. */
export function authorsLine(authors: { made_by: string | null; edited_by: string | null }): string | null {
  const { made_by: made, edited_by: edited } = authors;
  if (made && edited && made !== edited) return `added by ${made} · last changed by ${edited}`;
  if (made) return `added by ${made}`;
  if (edited) return `last changed by ${edited}`;
  return null;
}

/** Tesseract's language codes in words, for what OCR read in and what Settings offers. */
export const ocrLanguageNames: Record<string, string> = {
  eng: "English",
  spa: "Spanish",
  por: "Portuguese",
  fra: "French",
  deu: "German",
  ita: "Italian",
  nld: "Dutch",
  rus: "Russian",
  ukr: "Ukrainian",
  ara: "Arabic",
  fas: "Persian",
  heb: "Hebrew",
  tur: "Turkish",
  chi_sim: "Chinese (simplified)",
  chi_tra: "Chinese (traditional)",
  jpn: "Japanese",
  kor: "Korean",
};

/** "eng+spa" as "English, Spanish"; a code with no name here stays as it is. */
export function languageNames(codes: string): string {
  return codes
    .split("+")
    .filter((c) => c !== "")
    .map((c) => ocrLanguageNames[c] ?? c)
    .join(", ");
}
