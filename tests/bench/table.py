#!/usr/bin/env python3
"""`make bench`'s closing table: reads what each benchmark printed into DIR (one .txt
per benchmark) and prints one Markdown table, figure by figure, with the target and
whether it was met. A figure a benchmark did not print shows as "not measured".

    python3 tests/bench/table.py test-output/bench
"""
import os
import platform
import re
import sys


def read(folder, name):
    try:
        with open(os.path.join(folder, name + ".txt"), encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def number(pattern, text, group=1):
    found = re.search(pattern, text, re.M)
    return float(found.group(group).replace(",", "")) if found else None


def machine():
    cores = os.cpu_count()
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {cores} cores ({model}){memory}"


def main(folder):
    imported = read(folder, "import")
    extract = read(folder, "extract")
    scale = read(folder, "scale")
    export = read(folder, "export")
    graph = read(folder, "graph")
    library = read(folder, "library")
    sync = read(folder, "sync")

    rows = []

    def row(figure, value, unit, target, met):
        shown = "not measured" if value is None else f"{value:,.1f} {unit}".strip()
        verdict = "" if value is None or met is None else ("met" if met(value) else "missed")
        rows.append((figure, shown, target, verdict))

    html_rate = number(r"^end to end\s+html\s+\d+ files.*?([\d.]+) files/s", imported)
    text_rate = number(r"^end to end\s+text\s+\d+ files.*?([\d.]+) files/s", imported)
    row("import end to end, 5,000 generated web pages", html_rate, "files/s", "≥ 100 articles/s", lambda v: v >= 100)
    row("import end to end, 5,000 generated text articles", text_rate, "files/s", "≥ 100 articles/s", lambda v: v >= 100)
    row("  … MB/s (web pages)", number(r"^end to end\s+html.*?([\d.]+) MB/s", imported), "MB/s", "", None)
    wal = [float(w) for w in re.findall(r"WAL at most ([\d.]+) MB", imported)]
    row("  … largest WAL during the import", max(wal) if wal else None, "MB", "≤ 64 MB", lambda v: v <= 64)
    row("  … search index tidied after the import (as when idle)", number(r"tidied after: .*? in ([\d.]+) s", imported), "s", "bounded WAL", None)
    row("  … store size per imported article", number(r"store [\d.]+ MB, ([\d.]+) kB per file", imported), "kB", "", None)
    row("extraction alone, one core, 100,000 aliases loaded", number(r"([\d.]+) words/s", extract), "words/s", "≥ 500,000 words/s", lambda v: v >= 500_000)
    row("full-text search, 100,000 sources, 50 queries: p50", number(r"^search .*?p50 ([\d.]+) ms", scale), "ms", "", None)
    row("full-text search: p95", number(r"^search .*?p95 ([\d.]+) ms", scale), "ms", "≤ 30 ms", lambda v: v <= 30)
    row("actor page (about 2,000 claims): p95", number(r"^actor page .*?p95 ([\d.]+) ms", scale), "ms", "≤ 50 ms", lambda v: v <= 50)
    row("graph, 2 hops around an actor (5,000 / 50,000): p95", number(r"^graph .*?p95 ([\d.]+) ms", scale), "ms", "≤ 20 ms", lambda v: v <= 20)
    row("store size per synthetic source (100,000)", number(r"([\d.]+) kB per source", scale), "kB", "", None)
    peaks = [float(p) for p in re.findall(r"peak RSS ([\d.]+) MB", scale)]
    row("peak RSS of the query steps (largest)", max(peaks) if peaks else None, "MB", "", None)
    row("vault export, 10,000 actors / 100,000 claims", number(r"^vault .*? in ([\d.]+) s", export), "s", "≤ 10 s", lambda v: v <= 10)
    row("team sync, first push of a 10,000-source library", number(r"^first sync: push .*? in ([\d.]+) s;", sync), "s", "", None)
    row("  … onto a second desktop", number(r"^first sync: .*?operations in ([\d.]+) s; log", sync), "s", "", None)
    row("team sync, 1,000 changes end to end", number(r"^incremental: .*?: ([\d.]+) s end to end", sync), "s", "≤ 2 s", lambda v: v <= 2)
    row("team sync, 1,000 operations pulled and applied", number(r"^1000 operations: .*?pulled and applied \(\d+ operations\) in ([\d.]+) s", sync), "s", "≤ 2 s", lambda v: v <= 2)
    row("team sync, 5 writers × 10,000 operations: slowest push", number(r"^many writers: .*?at most ([\d.]+) ms", sync), "ms", "a few seconds at most", lambda v: v <= 3000)
    row("launch to an interactive Library, 100,000 sources", number(r"^launch\s+([\d.]+) ms", library), "ms", "≤ 2,000 ms", lambda v: v <= 2000)
    row("Library scrolling, 100,000 sources", number(r"^scrolling\s+([\d.]+) frames/s", library), "frames/s", "smooth (≥ 30)", lambda v: v >= 30)
    row("  … a plain list of the same rows, not virtualised (comparison)", number(r"^plain list\s+([\d.]+) frames/s", library), "frames/s", "", None)
    row("graph view load, 5,000 nodes / 20,000 edges (first frame)", number(r"^load .*?; (\d+) ms to sigma", graph), "ms", "", None)
    row("graph view panning", number(r"^panning\s+([\d.]+) frames/s", graph), "frames/s", "≥ 30 frames/s", lambda v: v >= 30)
    row("graph view, pointer moving over it (hover picking)", number(r"^hovering\s+([\d.]+) frames/s", graph), "frames/s", "", None)
    row("graph view, dragging a node (pinning it)", number(r"^node drag\s+([\d.]+) frames/s", graph), "frames/s", "", None)
    row("  … the same drag with no graph (this machine's ceiling)", number(r"^baseline\s+([\d.]+) frames/s", graph), "frames/s", "", None)

    print(f"\nDossier benchmarks on {machine()}\n")
    print("| figure | measured | target | |")
    print("|---|---|---|---|")
    for figure, shown, target, verdict in rows:
        print(f"| {figure} | {shown} | {target} | {verdict} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test-output/bench")
