// Errors and messages shown to the person. Nothing that fails is swallowed: every
// caught failure lands here and stays on screen until dismissed. Information ("Picture
// saved") goes away by itself after a while.
import { DossierError } from "./api";

export type Notice = { id: number; tone: "error" | "info"; title: string; message: string };

let next = 1;
/** How long an information notice stays when nobody dismisses it. */
export const INFO_MS = 10_000;
export const notices: Notice[] = $state([]);

const titles: Record<string, string> = {
  not_a_dossier_store: "This file is not a Dossier store",
  store_too_new: "This store needs a newer Dossier",
  store_unavailable: "The store cannot be opened",
  not_found: "Not found",
  invalid_input: "That did not work",
  unsupported: "Not supported",
  conflict: "Conflict",
  internal: "Something went wrong",
};

function show(tone: Notice["tone"], title: string, message: string): void {
  // Several views failing for one reason (an unreadable store) make one notice, not many.
  if (notices.some((n) => n.tone === tone && n.title === title && n.message === message)) return;
  const id = next++;
  notices.push({ id, tone, title, message });
  if (tone === "info") setTimeout(() => dismiss(id), INFO_MS);
}

export function reportError(error: unknown): void {
  if (error instanceof DossierError) {
    show("error", titles[error.code] ?? "Error", error.message);
  } else {
    show("error", "Something went wrong", error instanceof Error ? error.message : String(error));
  }
}

export function inform(title: string, message: string): void {
  show("info", title, message);
}

/** Something the person must know that did not fail their action outright (a source
 * kept without its analysis): it stays until dismissed, like an error. */
export function warn(title: string, message: string): void {
  show("error", title, message);
}

export function dismiss(id: number): void {
  const index = notices.findIndex((n) => n.id === id);
  if (index >= 0) notices.splice(index, 1);
}
