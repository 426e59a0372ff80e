"""Reads Dossier's CSL-JSON and BibTeX with pandoc, and renders a note citing two sources.

usage: check_citations.py FOLDER COUNT
  FOLDER holds csl/sources.json and bibtex/sources.bib; COUNT is the number of sources.
"""
import json
import subprocess
import sys
from pathlib import Path

folder, count = Path(sys.argv[1]), int(sys.argv[2])


def check(what, seen, expected):
    print(f"{what}: {seen!r} (expected {expected!r})")
    if seen != expected:
        sys.exit(1)


def pandoc(*args, stdin=None):
    done = subprocess.run(["pandoc", *args], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr)
        sys.exit(1)
    return done.stdout


ours = json.loads((folder / "csl" / "sources.json").read_text(encoding="utf-8"))
check("CSL items written", len(ours), count)
csl = json.loads(pandoc("-f", "csljson", "-t", "csljson", str(folder / "csl" / "sources.json")))
check("CSL items pandoc reads", sorted(i["id"] for i in csl), sorted(i["id"] for i in ours))
bib = json.loads(pandoc("-f", "bibtex", "-t", "csljson", str(folder / "bibtex" / "sources.bib")))
check("BibTeX entries pandoc reads", sorted(i["id"] for i in bib), sorted(i["id"] for i in ours))
# pandoc's BibTeX reader typesets straight apostrophes as typographic ones.
plain = lambda t: t.replace("\u2019", "'")
check("BibTeX titles as written", sorted(plain(i["title"]) for i in bib), sorted(i["title"] for i in ours))
with_authors = [i for i in ours if i.get("author")]
check("BibTeX authors as written", sorted(json.dumps(i["author"]) for i in bib if i.get("author")), sorted(json.dumps(i["author"]) for i in with_authors))

first, second = ours[0], ours[1]
note = f"Both say so [@{first['id']}; @{second['id']}].\n"
rendered = pandoc("--citeproc", "--bibliography", str(folder / "csl" / "sources.json"), "-f", "markdown", "-t", "plain", stdin=note)
print(rendered)
# The style may change the titles' case and wrap lines; compare words, ignoring case.
words = lambda t: " ".join(plain(t).lower().split())
check("citeproc lists the first source", words(first["title"]) in words(rendered), True)
check("citeproc lists the second source", words(second["title"]) in words(rendered), True)
check("citeproc cites in the text", "(" in rendered.split("\n")[0], True)
