"""Walks a Dossier vault with a Markdown parser (markdown-it-py) and checks that every
[[wikilink]] in the text resolves to a file of the vault, and that every page's front
matter is a YAML mapping with the fields Obsidian reads.

usage: check_vault.py FOLDER
"""
import re
import sys
from pathlib import Path

from markdown_it import MarkdownIt

folder = Path(sys.argv[1])
# Backslash escapes stay their own tokens: an escaped bracket ("\\[\\[") is text, never a link.
parser = MarkdownIt("commonmark").disable("text_join")
link = re.compile(r"\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def text_of(tokens):
    """The text a reader sees, a paragraph at a time (code left out; an escaped
    character replaced by a blank, so that it cannot complete a link)."""
    for token in tokens:
        if token.type in ("code_inline", "code_block", "fence"):
            continue
        if token.children:
            yield "".join(
                child.content if child.type == "text" else " " if child.type == "text_special" else "\n"
                for child in token.children
            )


pages = sorted(folder.rglob("*.md"))
if not pages:
    fail("no pages")
links = 0
for page in pages:
    markdown = page.read_text(encoding="utf-8")
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end < 0:
            fail(f"{page}: front matter never closes")
        front, body = markdown[4:end], markdown[end + 5 :]
        keys = [line.split(":", 1)[0] for line in front.splitlines() if line and not line.startswith(" ")]
        if "id" not in keys:
            fail(f"{page}: front matter without id")
    for text in text_of(parser.parse(body)):
        for match in link.finditer(text):
            links += 1
            target = folder / f"{match.group(1)}.md"
            if not target.is_file():
                fail(f"{page.relative_to(folder)} links to {match.group(1)}, which is not in the vault")
print(f"{len(pages)} pages, {links} links, all resolve")
