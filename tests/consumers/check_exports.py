"""Opens Dossier's exports with the tools people use next, and checks what they see.

usage: check_exports.py FOLDER NODES EDGES [RELIABILITY]
  FOLDER holds gexf/dossier.gexf, graphml/dossier.graphml and csv/*.csv; NODES and EDGES
  are the actor and claim counts the store reports; RELIABILITY, the grade every source
  was given. Prints one line per check; exits 1 on the first that fails.
"""
import csv
import re
import sys
from pathlib import Path

import networkx as nx

folder, nodes, edges = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
reliability = sys.argv[4] if len(sys.argv) > 4 else None


def check(what, seen, expected):
    print(f"{what}: {seen} (expected {expected})")
    if seen != expected:
        sys.exit(1)


gexf = nx.read_gexf(folder / "gexf" / "dossier.gexf")
check("gexf nodes", gexf.number_of_nodes(), nodes)
check("gexf edges", gexf.number_of_edges(), edges)
check("gexf directed multigraph", type(gexf).__name__, "MultiDiGraph")
check("gexf every node has a kind", all("kind" in d for _, d in gexf.nodes(data=True)), True)

graphml = nx.read_graphml(folder / "graphml" / "dossier.graphml")
check("graphml nodes", graphml.number_of_nodes(), nodes)
check("graphml edges", graphml.number_of_edges(), edges)
check("graphml sources are integers", all(isinstance(d["sources"], int) for _, _, d in graphml.edges(data=True)), True)
check(
    "graphml independent sources are integers, never more than the sources",
    all(0 <= d["independent_sources"] <= d["sources"] for _, _, d in graphml.edges(data=True)),
    True,
)
check("gexf edges count independent sources", all("independent_sources" in d for _, _, d in gexf.edges(data=True)), True)
check(
    "graphml credibility grades are integers from 1 to 6",
    all(isinstance(d["credibility"], int) and 1 <= d["credibility"] <= 6 for _, _, d in graphml.edges(data=True)),
    True,
)
check(
    "graphml grades read reliability then credibility",
    all(d["grade"] == (d.get("reliability") or "\u2013") + str(d["credibility"]) for _, _, d in graphml.edges(data=True)),
    True,
)
check("gexf edges carry their grade", all(re.fullmatch("[A-F\u2013][1-6]", d["grade"]) for _, _, d in gexf.edges(data=True)), True)

rows = {}
for name in ["actors", "claims", "citations", "sources"]:
    with open(folder / "csv" / f"{name}.csv", newline="", encoding="utf-8") as f:
        rows[name] = list(csv.DictReader(f))
check("csv actors", len(rows["actors"]), nodes)
check("csv claims", len(rows["claims"]), edges)
cited = {c for r in rows["claims"] for c in r["citation_ids"].split()}
check("csv citations of claims exist", cited <= {r["id"] for r in rows["citations"]}, True)
check("csv citations quote their source", all(r["exact"] for r in rows["citations"]), True)
check(
    "csv claims carry their grade",
    all(r["grade"] == (r["reliability"] or "\u2013") + r["credibility"] for r in rows["claims"]),
    True,
)
if reliability:
    check("csv sources carry their reliability", {r["reliability"] for r in rows["sources"]}, {reliability})
    check("csv claims take their source's reliability", {r["reliability"] for r in rows["claims"] if r["citation_ids"]}, {reliability})
