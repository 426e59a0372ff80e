import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";

// jsdom has no layout engine: give components the ResizeObserver they bind sizes with.
// It never fires, so sizes keep their initial values in component tests.
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= InertResizeObserver as unknown as typeof ResizeObserver;

// Each test starts from an empty document (vitest runs without globals, so Testing
// Library cannot register this itself).
afterEach(() => cleanup());
