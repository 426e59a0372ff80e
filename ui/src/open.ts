// Opening a search hit where a person expects it: an actor on its page, a source in the
// reader, a note in Notes, a claim at its first citation (or its subject's page).

import { api } from "./api";
import type { SearchHit } from "./bindings";
import { go } from "./nav.svelte";

export async function openHit(hit: Pick<SearchHit, "kind" | "id">): Promise<void> {
  if (hit.kind === "actor") go({ view: "actor", actorId: hit.id });
  else if (hit.kind === "source") go({ view: "reader", sourceId: hit.id });
  else if (hit.kind === "note") go({ view: "notes", noteId: hit.id });
  else {
    const citations = await api.citationsOfClaim(hit.id);
    if (citations[0]) go({ view: "reader", sourceId: citations[0].source_id, start: citations[0].start, end: citations[0].end });
    else go({ view: "actor", actorId: (await api.getClaim(hit.id)).subject.id });
  }
}
