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
  const parts = path.split(/[\\/]/).filter((p) => p !== "");
  return parts.at(-1) ?? path;
}

export function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
