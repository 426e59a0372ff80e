// Undo, over the history the core keeps: every change a person makes is recorded in the
// store with what takes it back, so Ctrl+Z (or the toast's Undo) works across restarts
// for the latest 100 changes. This module only shows the latest change and asks the
// core to take changes back; it never decides how.
import type { ChangeEntry, Changed } from "./bindings";
import { inform, reportError } from "./notices.svelte";

/** What undo needs from Rust (the real `api` in the app, a fake in tests). */
export type HistoryApi = {
  undoChange: (id: number | null) => Promise<ChangeEntry | null>;
};

let history: HistoryApi | null = null;
/** Reloads the view on screen, for an undo whose view is gone (e.g. after a restart). */
let reloadView: () => void = () => {};

export function connectHistory(api: HistoryApi, reload: () => void): void {
  history = api;
  reloadView = reload;
}

function historyApi(): HistoryApi {
  if (!history) throw new Error("undo is not connected to the store");
  return history;
}

/** The latest change, shown in a toast until another comes or it is undone. */
export const toast: { current: { id: number; label: string } | null } = $state({ current: null });

/** How to refresh the view that made a change, by change id (this session only). */
const refreshers = new Map<number, () => Promise<void>>();

/**
 * Runs a changing command the person asked for (one call: it answers with its result and
 * the change the core recorded), then `refresh`es; a recorded change is offered in the
 * toast, and `afterUndo` (by default `refresh`) runs when it is undone (`quiet`: no
 * toast, the view shows its own status). A failure is shown to the person, not thrown.
 * Returns what the command answered, or null when it failed.
 */
export async function perform<T>(
  action: () => Promise<Changed<T>>,
  refresh: () => Promise<void>,
  afterUndo: () => Promise<void> = refresh,
  { quiet = false }: { quiet?: boolean } = {},
): Promise<Changed<T> | null> {
  try {
    const done = await action();
    const change = done.change;
    if (change?.undoable) {
      refreshers.set(change.id, afterUndo);
      if (refreshers.size > 100) refreshers.delete(refreshers.keys().next().value as number);
      // A quiet change (a note saving itself as it is typed) shows its own status instead.
      if (!quiet) toast.current = { id: change.id, label: change.label };
    }
    await refresh();
    return done;
  } catch (error) {
    reportError(error);
    return null;
  }
}

/** Takes back change `id`, or the latest one that can be; false when nothing was undone. */
export async function undoChange(id: number | null = null): Promise<boolean> {
  try {
    const undone = await historyApi().undoChange(id);
    if (!undone) {
      inform("Nothing to undo", "None of the latest 100 changes is left to undo.");
      return false;
    }
    if (toast.current?.id === undone.id) toast.current = null;
    const refresh = refreshers.get(undone.id);
    refreshers.delete(undone.id);
    if (refresh) await refresh();
    else reloadView();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export function dismissToast(): void {
  toast.current = null;
}
