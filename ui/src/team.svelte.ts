// Where the store stands with its team, shared by the status bar and Settings → Team:
// read once, then kept up to date by the shell's `teamSynced` events.
import { api } from "./api";
import { events, type TeamStatus } from "./bindings";
import { count } from "./format";

export const team: { status: TeamStatus | null } = $state({ status: null });

/** Reads the status and follows it; returns what stops following. */
export function followTeam(onError: (error: unknown) => void): () => void {
  let stop: (() => void) | undefined;
  let gone = false;
  void events.teamSynced
    .listen((event) => (team.status = event.payload.status))
    .then((unlisten) => (gone ? unlisten() : (stop = unlisten)))
    .catch(onError);
  api.teamStatus().then((status) => (team.status ??= status), onError);
  return () => {
    gone = true;
    stop?.();
  };
}

/** The hour and minute of an RFC 3339 time, in the machine's time zone. */
function clock(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

/** The status bar's line, or null when the store does not sync. */
export function syncLine(status: TeamStatus | null): string | null {
  if (!status || status.state === "off") return null;
  const parts: string[] = [];
  if (status.state === "syncing") parts.push("Syncing with the team…");
  else if (status.state === "offline") parts.push("Team server unreachable");
  else parts.push(status.last_synced_at ? `Synced at ${clock(status.last_synced_at)}` : "Synced");
  if (status.pending > 0) parts.push(`${count(status.pending, "change")} to send`);
  if (status.conflicts > 0) parts.push(count(status.conflicts, "conflict"));
  return parts.join(" · ");
}

/** A conflict's value (JSON) in words: strings without quotes, nothing as "(none)". */
export function shownValue(json: string | null): string {
  if (json === null || json === "null") return "(none)";
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return json;
  }
}
