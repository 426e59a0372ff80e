// Undo for every destructive or linking action: each action registers how to take it
// back; Ctrl+Z (or the toast's Undo button) takes back the latest one.
import { reportError } from "./notices.svelte";

export type Undoable = { id: number; label: string; undo: () => Promise<void> };

let next = 1;
export const undoStack: Undoable[] = $state([]);
/** The latest action, shown in a toast until another comes or it is undone. */
export const toast: { current: Undoable | null } = $state({ current: null });

export function done(label: string, undo: () => Promise<void>): void {
  const action = { id: next++, label, undo };
  undoStack.push(action);
  if (undoStack.length > 50) undoStack.shift();
  toast.current = action;
}

/** Takes back the latest action (or the one given); false when there is none. */
export async function undoLatest(action?: Undoable): Promise<boolean> {
  const target = action ?? undoStack[undoStack.length - 1];
  if (!target) return false;
  const index = undoStack.findIndex((a) => a.id === target.id);
  if (index >= 0) undoStack.splice(index, 1);
  if (toast.current?.id === target.id) toast.current = null;
  try {
    await target.undo();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export function dismissToast(): void {
  toast.current = null;
}

/**
 * Runs an action the person asked for, registers how to undo it (given what the action
 * returned), then `refresh`es; `refresh` runs again after an undo. A failure is shown to
 * the person, not thrown. Returns whether the action worked.
 */
export async function perform<T>(
  label: string | ((result: T) => string),
  action: () => Promise<T>,
  undo: ((result: T) => Promise<unknown>) | null,
  refresh: () => Promise<void>,
): Promise<boolean> {
  try {
    const result = await action();
    if (undo)
      done(typeof label === "string" ? label : label(result), async () => {
        await undo(result);
        await refresh();
      });
    await refresh();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}
