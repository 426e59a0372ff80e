// Undo, over the history the core keeps: every change a person makes is recorded in the
// store with what takes it back, so Ctrl+Z (or the toast's Undo) works across restarts
// for the latest 100 changes. This module only shows the latest change and asks the
// core to take changes back; it never decides how.
import type { ChangeEntry } from "./bindings";
import { inform, reportError } from "./notices.svelte";

/** What undo needs from Rust (the real `api` in the app, a fake in tests). */
export type HistoryApi = {
  listChanges: (limit: number) => Promise<ChangeEntry[]>;
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

async function latestChange(): Promise<ChangeEntry | undefined> {
  const [latest] = await historyApi().listChanges(1);
  return latest;
}

/**
 * Runs an action the person asked for, then `refresh`es; if the core recorded a change,
 * it is offered in the toast, and `afterUndo` (by default `refresh`) runs when it is
 * undone (`quiet`: no toast, the view shows its own status). A failure is shown to the
 * person, not thrown. Returns whether it worked.
 */
export async function perform(
  action: () => Promise<unknown>,
  refresh: () => Promise<void>,
  afterUndo: () => Promise<void> = refresh,
  { quiet = false }: { quiet?: boolean } = {},
): Promise<boolean> {
  try {
    const before = (await latestChange())?.id ?? 0;
    await action();
    const after = await latestChange();
    if (after && after.id > before && after.undoable) {
      refreshers.set(after.id, afterUndo);
      if (refreshers.size > 100) refreshers.delete(refreshers.keys().next().value as number);
      // A quiet change (a note saving itself as it is typed) shows its own status instead.
      if (!quiet) toast.current = { id: after.id, label: after.label };
    }
    await refresh();
    return true;
  } catch (error) {
    reportError(error);
    return false;
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
