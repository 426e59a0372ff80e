// The running (or last) import batch as the page knows it, built from the
// `import-progressed` events the Rust side sends while it imports.
import type { FileReport, ImportProgress, ImportProgressed } from "./bindings";

export type ImportBatch = {
  batch: number;
  progress: ImportProgress;
  /** Every finished file, in the order it finished. */
  files: FileReport[];
  over: boolean;
};

export const imports: { current: ImportBatch | null; cancelling: boolean } = $state({
  current: null,
  cancelling: false,
});

/** Folds one event into the batch it belongs to; a new batch replaces the old one. */
export function applyProgress(event: ImportProgressed) {
  const current = imports.current;
  if (!current || current.batch !== event.batch) {
    if (current && event.batch < current.batch) return; // a late event of an older batch
    imports.current = { batch: event.batch, progress: event.progress, files: [...event.finished], over: event.over };
    imports.cancelling = false;
    return;
  }
  current.progress = event.progress;
  current.files.push(...event.finished);
  current.over = event.over;
  if (event.over) imports.cancelling = false;
}

export function closeImport() {
  if (imports.current?.over) imports.current = null;
}

/** The last part of a path, for lists where the folder is the same for every file. */
export function fileName(path: string): string {
  // A fetched link is named by its whole address, less the scheme.
  if (/^https?:\/\//i.test(path)) return path.replace(/^https?:\/\//i, "").replace(/\/$/, "");
  const parts = path.split(/[\\/]/).filter((p) => p !== "");
  return parts.at(-1) ?? path;
}

export function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** What a drag from a browser carried, once read: a link to fetch, a selection to keep
 * as a clipping (with its page's address when the browser gave one), or nothing. */
export type BrowserDrop =
  | { kind: "link"; address: string }
  | { kind: "clipping"; text: string; html: string | null; page: string | null }
  | { kind: "nothing" };

/** The first http(s) address of a `text/uri-list` (lines starting with # are comments). */
export function webAddressOf(list: string): string | null {
  for (const line of list.split(/\r?\n/)) {
    const candidate = line.trim();
    if (!candidate || candidate.startsWith("#")) continue;
    try {
      const url = new URL(candidate);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) return url.href;
    } catch {
      // not an address
    }
  }
  return null;
}

/** The address of `html` when it is one link and nothing else (what a browser gives for
 * a dragged link, or a selection of just a link). */
function oneLink(html: string): string | null {
  const body = new DOMParser().parseFromString(html, "text/html").body;
  const links = body.querySelectorAll("a[href]");
  const only = links.length === 1 && (body.textContent ?? "").trim() === (links[0]?.textContent ?? "").trim();
  return only ? webAddressOf(links[0]?.getAttribute("href") ?? "") : null;
}

/** Reads a drop from a browser by its `text/uri-list`, `text/html` and `text/plain`. */
export function droppedFromBrowser(uriList: string, html: string, text: string): BrowserDrop {
  const plain = text.trim();
  const listed = webAddressOf(uriList);
  if (html.trim()) {
    const link = oneLink(html);
    if (link) return { kind: "link", address: link };
  } else {
    // A bare address dragged as text is a link too.
    const typed = !/\s/.test(plain) ? webAddressOf(plain) : null;
    const address = listed ?? typed;
    if (address && (!plain || plain === address || typed !== null)) return { kind: "link", address };
  }
  if (!html.trim() && !plain) return { kind: "nothing" };
  const shown = plain || (new DOMParser().parseFromString(html, "text/html").body.textContent ?? "").trim();
  return { kind: "clipping", text: shown, html: html.trim() ? html : null, page: listed };
}
