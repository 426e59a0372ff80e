// Opening a search hit where a person expects it: an actor on its page, a source in the
// reader, a note in Notes, a claim on its page (with the passages it stands on).

import type { SearchHit } from "./bindings";
import { go } from "./nav.svelte";

export async function openHit(hit: Pick<SearchHit, "kind" | "id">): Promise<void> {
  if (hit.kind === "actor") go({ view: "actor", actorId: hit.id });
  else if (hit.kind === "source") go({ view: "reader", sourceId: hit.id });
  else if (hit.kind === "note") go({ view: "notes", noteId: hit.id });
  else go({ view: "claim", claimId: hit.id });
}
