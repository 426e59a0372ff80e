import { describe, expect, it } from "vitest";
import { components, pack } from "./layout.worker";

describe("the graph's layout", () => {
  it("finds the connected components, largest first", () => {
    const parts = components(6, Int32Array.from([0, 1, 3]), Int32Array.from([1, 2, 4]));
    expect(parts).toEqual([[0, 1, 2], [3, 4], [5]]);
  });

  it("sets components side by side without overlapping, each keeping its shape", () => {
    // Three pairs laid out on top of one another, as strong gravity leaves them.
    const x = Float32Array.from([0, 10, 0, 10, 0, 10]);
    const y = Float32Array.from([0, 0, 1, 1, 2, 2]);
    const parts = [
      [0, 1],
      [2, 3],
      [4, 5],
    ];
    pack(parts, x, y, new Uint8Array(6));
    const boxes = parts.map(([a = 0, b = 0]) => ({ x0: Math.min(x[a]!, x[b]!), x1: Math.max(x[a]!, x[b]!), y: y[a]!, width: Math.abs(x[b]! - x[a]!) }));
    expect(boxes.every((b) => b.width === 10)).toBe(true);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.x1 < b.x0 || b.x1 < a.x0 || a.y !== b.y;
        expect(apart).toBe(true);
      }
  });

  it("leaves a component with a pinned node where the person put it", () => {
    const x = Float32Array.from([50, 60, 0, 10]);
    const y = Float32Array.from([50, 50, 0, 0]);
    pack([[0, 1], [2, 3]], x, y, Uint8Array.from([1, 0, 0, 0]));
    expect([x[0], x[1], y[0]]).toEqual([50, 60, 50]);
  });
});
