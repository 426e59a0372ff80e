"""Reads Dossier's exports of a hostile library the way the tools they are made for read
them, and fails if anything in them would run, load, link out or forge structure:

- the vault and the briefing's Markdown, as Obsidian with the Dataview plugin reads it
  (markdown-it-py, CommonMark): no inline or block HTML, no code (a `dataviewjs` block or
  a `$= ...` inline query runs JavaScript), no images or embeds (`![[...]]`), no links
  but web addresses, no wikilink leaving the vault, front matter that is plain YAML
  scalars;
- the briefing's HTML, as a browser parses it (Python's HTML parser): no element or
  attribute that runs or fetches, links only to web addresses or within the page, the
  page's own policy forbidding every load;
- the CSV files, as a spreadsheet reads them: no cell a spreadsheet runs as a formula;
- the BibTeX, as pandoc reads it: one entry per source with only the fields Dossier
  writes, each title read back exactly as the CSL-JSON export gives it.

usage: check_inert.py FOLDER   (FOLDER holds vault/, briefing/, csv/, bibtex/, csl/)
"""
import csv
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

folder = Path(sys.argv[1])
failures = []
checked = {}


def fail(where, message):
    failures.append(f"{where}: {message}")


# ---------------------------------------------------------------- Markdown (Obsidian)
parser = MarkdownIt("commonmark").disable("text_join")
WEB = re.compile(r"^https?://", re.I)
# A wikilink as Obsidian reads it, before any other Markdown: not after a backslash.
WIKILINK = re.compile(r"(?<!\\)(!?)\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")


def visible_text(children):
    """Inline text as Obsidian would scan it for embeds: an escaped character is a
    blank, so that it cannot complete one."""
    return "".join(c.content if c.type == "text" else " " if c.type == "text_special" else "\n" for c in children)


def mask_wikilinks(path, body, vault_root):
    """Checks each wikilink (an embed is refused; a link must name a file of the vault)
    and puts a plain word in its place, as Obsidian resolves links before the rest."""

    def one(match):
        embed, target = match.group(1), match.group(2)
        if embed:
            fail(path, f"an embed: {match.group(0)[:80]!r}")
        elif vault_root is None:
            fail(path, f"a wikilink outside a vault: {target!r}")
        elif ".." in target.split("/") or target.startswith("/") or not (vault_root / f"{target}.md").is_file():
            fail(path, f"a wikilink leaving the vault's files: {target!r}")
        return "LINK"

    return WIKILINK.sub(one, body)


def check_markdown(path, vault_root=None):
    markdown = path.read_bytes().decode("utf-8")  # as written: no newline translation
    # Dossier ends lines with \n alone: a carriage return (or another control
    # character) in a page is a line break or worse that text from a source smuggled in.
    for number, line in enumerate(markdown.split("\n"), 1):
        stray = [c for c in line if (ord(c) < 32 and c != "\t") or c in "\x7f\u2028\u2029\x85"]
        if stray:
            fail(path, f"line {number} holds control characters {stray!r}: {line[:80]!r}")
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end < 0:
            return fail(path, "front matter never closes")
        front, body = markdown[4:end], markdown[end + 5 :]
        try:
            data = yaml.safe_load(front)
        except yaml.YAMLError as error:
            return fail(path, f"front matter is not YAML: {error}")
        if not isinstance(data, dict):
            return fail(path, "front matter is not a mapping")
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            if not all(v is None or isinstance(v, (str, int)) for v in values):
                fail(path, f"front matter {key!r} holds a structure: {value!r}")
    body = mask_wikilinks(path, body, vault_root)
    for token in parser.parse(body):
        if token.type in ("html_block", "code_block", "fence"):
            fail(path, f"{token.type}: {token.content[:80]!r}")
        for child in token.children or []:
            if child.type in ("html_inline", "code_inline", "image"):
                fail(path, f"{child.type}: {child.content[:80]!r}")
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                # A web address, or a section of the same document.
                if not (WEB.match(href) or re.fullmatch(r"#[a-z0-9-]+", href)):
                    fail(path, f"a link to {href[:80]!r}")
        if token.children:
            text = visible_text(token.children)
            if "[[" in text:
                fail(path, f"a link's brackets left over: {text[text.find('[['):][:80]!r}")


vault = folder / "vault"
if vault.is_dir():
    pages = sorted(vault.rglob("*.md"))
    for page in pages:
        check_markdown(page, vault)
    checked["vault pages"] = len(pages)

briefing = folder / "briefing"
if (briefing / "briefing.md").is_file():
    check_markdown(briefing / "briefing.md")
    checked["briefing.md"] = 1


# ---------------------------------------------------------------- HTML (a browser)
ACTIVE_TAGS = {
    "script", "iframe", "frame", "object", "embed", "form", "input", "button", "img", "video", "audio",
    "source", "link", "base", "svg", "math", "template", "picture", "canvas", "applet", "portal",
}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "xlink:href", "ping"}


class Walker(HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.policy = None
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ACTIVE_TAGS:
            fail(self.where, f"<{tag}>")
        if tag == "style":
            self.styles += 1
        if tag == "meta":
            if (attrs.get("http-equiv") or "").lower() == "content-security-policy":
                self.policy = attrs.get("content") or ""
            elif (attrs.get("http-equiv") or "").lower() == "refresh":
                fail(self.where, "a meta refresh")
        for name, value in attrs.items():
            if name.startswith("on"):
                fail(self.where, f"<{tag} {name}=...>")
            if name == "style" and value and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
                fail(self.where, f"<{tag} style> loads: {value[:60]!r}")
            if name in URL_ATTRS and value is not None:
                target = value.strip()
                if not (WEB.match(target) or target.startswith("#")):
                    fail(self.where, f"<{tag} {name}={target[:60]!r}>")


if (briefing / "briefing.html").is_file():
    walker = Walker(briefing / "briefing.html")
    walker.feed((briefing / "briefing.html").read_text(encoding="utf-8"))
    walker.close()
    if walker.policy is None or "default-src 'none'" not in walker.policy:
        fail(briefing / "briefing.html", f"no policy forbidding loads ({walker.policy!r})")
    if walker.styles != 1:
        fail(briefing / "briefing.html", f"{walker.styles} style elements (the page's own is the only one)")
    checked["briefing.html"] = 1


# ---------------------------------------------------------------- CSV (a spreadsheet)
cells = 0
for path in sorted((folder / "csv").glob("*.csv")):
    with open(path, newline="", encoding="utf-8") as f:
        for number, row in enumerate(csv.reader(f), 1):
            for cell in row:
                cells += 1
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    fail(path, f"row {number}: a formula cell {cell[:60]!r}")
if cells:
    checked["csv cells"] = cells


# ---------------------------------------------------------------- BibTeX (pandoc)
def same_words(title):
    return " ".join(re.sub(r"[{}`'\"‘’“”]", "", title or "").split())


def bibtex_fields(text):
    """Each entry's field names as BibTeX itself reads them: a braced value ends at
    the brace that balances its opening one, every brace counted (BibTeX does not
    treat a backslash as an escape), so a title holding "\}" would end early and
    what follows would read as fields of its own."""
    entries, at = [], 0
    while (start := text.find("@", at)) >= 0:
        open_brace = text.find("{", start)
        comma = text.find(",", open_brace)
        fields, at = [], comma + 1
        while True:
            match = re.compile(r"\s*([A-Za-z_-]+)\s*=\s*\{").match(text, at)
            if not match:
                break
            depth, at = 1, match.end()
            while depth and at < len(text):
                depth += {"{": 1, "}": -1}.get(text[at], 0)
                at += 1
            fields.append(match.group(1))
            at = re.compile(r"\s*,?").match(text, at).end()
        end = re.compile(r"\s*\}").match(text, at)
        if not end:
            entries.append(fields + ["<unparsable>"])
            at = text.find("\n@", at) + 1 or len(text)
            continue
        entries.append(fields)
        at = end.end()
    return entries


bib = folder / "bibtex" / "sources.bib"
if bib.is_file():
    written = {"title", "author", "journal", "year", "month", "url", "urldate", "language", "note"}
    for number, fields in enumerate(bibtex_fields(bib.read_text(encoding="utf-8")), 1):
        if set(fields) - written or len(fields) != len(set(fields)):
            fail(bib, f"entry {number} as BibTeX reads it: fields {fields}")
    read = subprocess.run(["pandoc", "-f", "bibtex", "-t", "csljson", str(bib)], capture_output=True, text=True)
    if read.returncode != 0:
        fail(bib, f"pandoc cannot read it: {read.stderr[:300]}")
    else:
        entries = json.loads(read.stdout)
        ours = json.loads((folder / "csl" / "sources.json").read_text(encoding="utf-8"))
        if len(entries) != len(ours):
            fail(bib, f"{len(entries)} entries for {len(ours)} sources")
        allowed = {"id", "type", "title", "author", "container-title", "issued", "URL", "accessed", "language", "note"}
        for entry, source in zip(sorted(entries, key=lambda e: e["id"]), sorted(ours, key=lambda e: e["id"])):
            extra = set(entry) - allowed
            if extra:
                fail(bib, f"{entry['id']}: fields Dossier never writes: {sorted(extra)}")
            # TeX makes quotes typographic, and pandoc drops \textbraceleft{} (BibTeX
            # itself counts "\{" as a brace, so braces are written that way): the
            # words must come back, in order, with nothing added.
            if same_words(entry.get("title")) != same_words(source.get("title")):
                fail(bib, f"{entry['id']}: title read back as {entry.get('title')!r}, not {source.get('title')!r}")
        checked["bibtex entries"] = len(entries)

for failure in failures:
    print(f"FAIL {failure}")
print("checked: " + ", ".join(f"{n} {what}" for what, n in checked.items()))
sys.exit(1 if failures else 0)
