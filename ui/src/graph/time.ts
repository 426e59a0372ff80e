// The timeline's geometry: ISO days to positions, items packed into lanes, year ticks.
import type { TimelineItem } from "../bindings";

const DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO day ("2023-06-14"). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY);
}

/** `flip`: the label is written leftwards from the bar's end, as it would run past the timeline's end. */
export type Placed = { item: TimelineItem; start: number; end: number; lane: number; flip: boolean };

/**
 * The dated items with their day span (an open end takes the other end's day) packed
 * into lanes so that none overlaps another in its lane; the undated ones apart. A label
 * that would run past `lastDay` is written leftwards instead, so that it stays in view.
 */
export function place(
  items: TimelineItem[],
  minDays: (item: TimelineItem) => number,
  lastDay = Infinity,
): { placed: Placed[]; undated: TimelineItem[]; lanes: number } {
  const placed: Placed[] = [];
  const undated: TimelineItem[] = [];
  for (const item of items) {
    const lower = item.lower ?? item.upper;
    const upper = item.upper ?? item.lower;
    if (!lower || !upper) {
      undated.push(item);
      continue;
    }
    placed.push({ item, start: dayNumber(lower), end: dayNumber(upper) + 1, lane: 0, flip: false });
  }
  placed.sort((a, b) => a.start - b.start || b.end - a.end);
  const laneEnds: number[] = [];
  for (const p of placed) {
    // An item takes its lane for as long as its bar or its label, whichever is longer.
    const label = minDays(p.item);
    let [from, until] = [p.start, p.start + Math.max(p.end - p.start, label)];
    if (until > lastDay && label > p.end - p.start) {
      p.flip = true;
      [from, until] = [p.end - label, p.end];
    }
    let lane = laneEnds.findIndex((end) => end <= from);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = until;
    p.lane = lane;
  }
  return { placed, undated, lanes: laneEnds.length };
}

/** Year ticks across [from, to) days: every year, or every 5 or 10 when the span is long. */
export function yearTicks(from: number, to: number): { day: number; label: string }[] {
  const first = new Date(from * DAY).getUTCFullYear();
  const last = new Date(to * DAY).getUTCFullYear();
  const span = last - first;
  const step = span > 80 ? 10 : span > 30 ? 5 : 1;
  const ticks = [];
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
    const day = Math.floor(Date.UTC(year, 0, 1) / DAY);
    if (day >= from && day < to) ticks.push({ day, label: String(year) });
  }
  return ticks;
}

/** The day span of the dated items, or null when none is dated. */
export function span(items: TimelineItem[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const item of items) {
    const lower = item.lower ?? item.upper;
    const upper = item.upper ?? item.lower;
    if (!lower || !upper) continue;
    start = Math.min(start, dayNumber(lower));
    end = Math.max(end, dayNumber(upper) + 1);
  }
  return start === Infinity ? null : { start, end };
}
