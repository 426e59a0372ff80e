// Opening a search hit where a person expects it: an actor on its page, a source in the
// reader, a note in Notes, a claim on its page (with the passages it stands on), a
// quotation in the reader at its words.

import type { SearchHit } from "./bindings";
import { go } from "./nav.svelte";

export async function openHit(hit: Pick<SearchHit, "kind" | "id" | "passage">): Promise<void> {
  if (hit.kind === "quotation" && hit.passage)
    go({ view: "reader", sourceId: hit.passage.source_id, start: hit.passage.start, end: hit.passage.end });
  else if (hit.kind === "actor") go({ view: "actor", actorId: hit.id });
  else if (hit.kind === "source") go({ view: "reader", sourceId: hit.id });
  else if (hit.kind === "note") go({ view: "notes", noteId: hit.id });
  else go({ view: "claim", claimId: hit.id });
}
