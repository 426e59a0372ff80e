// Spring-loaded targets: while something is dragged, resting on a target for a moment
// opens it (as a file manager opens a folder), so a reference dragged from any view can be
// carried to the Notes view, and to one note in its list, and dropped in the editor.

/** How long the pointer rests on a target, mid-drag, before it opens. */
export const SPRING_MS = 600;

/** Event handlers for an element that opens (`open()`) when a drag rests on it. */
export function springLoaded(open: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    ondragenter: (event: DragEvent) => {
      // Only text (a reference) is carried; files dropped from outside are imported.
      if (!event.dataTransfer?.types.includes("text/plain")) return;
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        open();
      }, SPRING_MS);
    },
    ondragleave: cancel,
    ondrop: cancel,
    ondragend: cancel,
  };
}
