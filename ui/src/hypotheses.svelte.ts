// The question the analyst last weighed, kept between sessions of this window: Review's
// `w` and a claim page's "Weigh" bring claims to it.
const KEY = "dossier.currentQuestion";

function saved(): { id: number; title: string } | null {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "null");
    return value && typeof value.id === "number" && typeof value.title === "string" ? value : null;
  } catch {
    return null;
  }
}

export const currentQuestion: { value: { id: number; title: string } | null } = $state({ value: saved() });

export function chooseQuestion(question: { id: number; title: string } | null): void {
  currentQuestion.value = question ? { id: question.id, title: question.title } : null;
  if (question) globalThis.localStorage?.setItem(KEY, JSON.stringify(currentQuestion.value));
  else globalThis.localStorage?.removeItem(KEY);
}

/** The id of a claim dragged as a reference (`[[claim:ID|…]]`), if the text holds one. */
export function draggedClaim(text: string): number | null {
  const match = /\[\[claim:(\d+)\|/.exec(text);
  return match ? Number(match[1]) : null;
}
