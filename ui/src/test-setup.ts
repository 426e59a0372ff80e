// jsdom has no layout engine: give components the ResizeObserver they bind sizes with.
// It never fires, so sizes keep their initial values in component tests.
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= InertResizeObserver as unknown as typeof ResizeObserver;
