// Where the window is: one route at a time, with a history for Back (Alt+Left).
// Views navigate by calling go(); nothing else changes the route.

export type Route =
  | { view: "library" }
  | { view: "review"; sourceId?: number }
  | { view: "reader"; sourceId: number; start?: number; end?: number }
  | { view: "actors" }
  | { view: "actor"; actorId: number }
  | { view: "claims" }
  | { view: "claim"; claimId: number }
  | { view: "graph"; focus?: { id: number; name: string }; source?: { id: number; title: string } }
  | { view: "timeline" }
  | { view: "notes"; noteId?: number }
  | { view: "search"; query?: string }
  | { view: "hypotheses"; questionId?: number }
  | { view: "settings" };

export const nav: { route: Route; history: Route[] } = $state({ route: { view: "library" }, history: [] });

/** The note last open in Notes, which a reference dragged onto "Notes" opens. */
export const recentNote: { id: number | null } = $state({ id: null });

export function go(route: Route): void {
  if (JSON.stringify(route) === JSON.stringify(nav.route)) return;
  nav.history.push(nav.route);
  if (nav.history.length > 100) nav.history.shift();
  nav.route = route;
}

export function back(): boolean {
  const previous = nav.history.pop();
  if (!previous) return false;
  nav.route = previous;
  return true;
}
