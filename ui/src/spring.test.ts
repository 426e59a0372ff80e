import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SPRING_MS, springLoaded } from "./spring";

const drag = (types: string[]) => ({ dataTransfer: { types } }) as unknown as DragEvent;

describe("springLoaded", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("opens its target once a dragged reference has rested on it", () => {
    const open = vi.fn();
    const target = springLoaded(open);
    target.ondragenter(drag(["text/plain"]));
    vi.advanceTimersByTime(SPRING_MS - 1);
    expect(open).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("does not open when the drag moves on, or carries no text", () => {
    const open = vi.fn();
    const target = springLoaded(open);
    target.ondragenter(drag(["text/plain"]));
    vi.advanceTimersByTime(SPRING_MS / 2);
    target.ondragleave();
    target.ondragenter(drag(["Files"]));
    vi.advanceTimersByTime(SPRING_MS * 2);
    expect(open).not.toHaveBeenCalled();
  });
});
