#!/usr/bin/env python3
"""Speaker turns under other layouts of the same transcripts.

    benches/layouts.py [--check] [--bin PATH] [LAYOUT...]

Transcripts reach users re-laid out by whatever tool handled them last: every
line indented, blank lines dropped, text wrapped to a width, labels in bold.
This script lays out the plain-text corpora of ../shared/corpus again in each
such way (under $TMPDIR; nothing is copied into the repository), maps the gold
turns to the new line numbers, and scores each layout with
../shared/eval/score_turns.py. It prints, per layout, the mean boundary F1 and
line accuracy over the corpora and the worst corpus.

With --check it exits 1 when a layout's mean falls below the floor recorded in
FLOORS (a ratchet: raise a floor when a layout gets better). Layouts with no
floor are reported only.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))

# a colon label at the start of a line: `HOLT: `, `Lynne Neagle AM: `
LABEL = re.compile(r"^(\s*)((?:[A-Z][A-Za-z.'’-]*)(?: [A-Za-z.'’()-]+){0,6}):(\s+)(\S.*)$")
CAPS = re.compile(r"^(\s*)([A-Z][A-Z.'’ -]{0,40}[A-Z.]):")
QUESTION = re.compile(r"^(\s*)Q[\s\u00a0]+(\S)")


def each(f):
    """A layout that rewrites each line into one."""
    return lambda lines: ([(f(l), [i]) for i, l in enumerate(lines)], "\n")


def drop_blank(lines):
    return [(l, [i]) for i, l in enumerate(lines) if l.strip()], "\n"


def double_space(lines):
    out = []
    for i, l in enumerate(lines):
        out.append((l, [i]))
        if l.strip():
            out.append(("", []))
    return out, "\n"


def wrap72(lines):
    out = []
    for i, l in enumerate(lines):
        parts = textwrap.wrap(l, 72, break_long_words=False, break_on_hyphens=False)
        out.extend((p, [i]) for p in (parts if len(l) > 72 else [l]))
    return out, "\n"


def label_own_line(lines):
    out = []
    for i, l in enumerate(lines):
        m = LABEL.match(l)
        if m and len(m.group(2)) <= 40:
            out += [(m.group(1) + m.group(2) + ":", [i]), (m.group(4), [i])]
        else:
            out.append((l, [i]))
    return out, "\n"


def title_case(l):
    words = lambda s: " ".join(w[:1] + w[1:].lower() for w in s.split(" "))
    return CAPS.sub(lambda m: m.group(1) + words(m.group(2)) + ":", l)


# an earnings header: `Jane Roe -- Chief Financial Officer`,
# `Bob Chan -- Big Bank -- Analyst`
HEADER = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}) -- (.{2,100})$")


def header_two_lines(lines):
    """S&P Capital IQ's layout: the name on its line, `Firm - Title` below."""
    out = []
    for i, l in enumerate(lines):
        m = HEADER.match(l)
        alone = (i == 0 or not lines[i - 1].strip()) and (
            i + 1 == len(lines) or not lines[i + 1].strip()
        )
        if m and alone and not m.group(2).endswith((".", "?", "!")):
            out += [(m.group(1), [i]), (m.group(2).replace(" -- ", " - "), [i])]
        else:
            out.append((l, [i]))
    return out, "\n"


def time_for_colon(lines):
    """`Jane Roe (00:01:05) speech`: a time in brackets in place of the
    colon, counting up a few seconds a line."""
    def clock(i):
        t = 5 * i
        return f"({t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d})"
    return [
        (LABEL.sub(lambda m: f"{m[1]}{m[2]} {clock(i)}{m[3]}{m[4]}", l), [i])
        for i, l in enumerate(lines)
    ], "\n"


LAYOUTS = {
    "crlf": lambda lines: ([(l, [i]) for i, l in enumerate(lines)], "\r\n"),
    "trailing-spaces": each(lambda l: l + "  " if l.strip() else l),
    "indented": each(lambda l: "    " + l if l.strip() else l),
    "no-blank-lines": drop_blank,
    "double-spaced": double_space,
    "wrapped-72": wrap72,
    "tab-after-colon": each(lambda l: l.replace(": ", ":\t", 1)),
    "markdown-bold": each(lambda l: LABEL.sub(lambda m: f"{m[1]}**{m[2]}:**{m[3]}{m[4]}", l)),
    "label-own-line": label_own_line,
    "no-space-after-colon": each(lambda l: LABEL.sub(lambda m: f"{m[1]}{m[2]}:{m[4]}", l)),
    "q-colon": each(lambda l: QUESTION.sub(lambda m: f"{m[1]}Q: {m[2]}", l)),
    "q-period": each(lambda l: QUESTION.sub(lambda m: f"{m[1]}Q. {m[2]}", l)),
    "title-case-labels": each(title_case),
    "header-em-dash": each(lambda l: l.replace(" -- ", " \u2014 ")),
    "header-hyphen": each(lambda l: l.replace(" -- ", " - ")),
    "header-two-lines": header_two_lines,
    "header-two-lines-no-blank": lambda lines: (
        [(l, src) for l, src in header_two_lines(lines)[0] if l.strip()],
        "\n",
    ),
    "dash": each(lambda l: LABEL.sub(lambda m: f"{m[1]}{m[2]} \u2014 {m[4]}", l)),
    "lower-case-labels": each(lambda l: LABEL.sub(lambda m: f"{m[1]}{m[2].lower()}:{m[3]}{m[4]}", l)),
    "time-for-colon": time_for_colon,
}

# mean boundary F1, mean line accuracy over the corpora (reached 2026-11-28)
FLOORS = {
    "crlf": (0.9988, 0.9993),
    "trailing-spaces": (0.9988, 0.9993),
    "indented": (0.9988, 0.9993),
    "no-blank-lines": (0.9987, 0.9992),
    "double-spaced": (0.9984, 0.9991),
    "wrapped-72": (0.9980, 0.9970),
    "tab-after-colon": (0.9988, 0.9993),
    "markdown-bold": (0.9988, 0.9993),
    "label-own-line": (0.9988, 0.9986),
    "no-space-after-colon": (0.9988, 0.9993),
    "q-colon": (0.9988, 0.9993),
    "q-period": (0.9988, 0.9993),
    "title-case-labels": (0.9986, 0.9983),
    "header-em-dash": (0.9988, 0.9993),
    "header-hyphen": (0.9986, 0.9990),
    "header-two-lines": (0.9988, 0.9994),
    "header-two-lines-no-blank": (0.9986, 0.9992),
    "dash": (0.9974, 0.9955),
    "lower-case-labels": (0.9913, 0.9828),
    "time-for-colon": (0.9987, 0.9989),
}


def relayout(corpus, name, layout, out_dir):
    d = os.path.join(out_dir, name, corpus)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "docs"))
    maps = {}
    for p in sorted(glob.glob(os.path.join(SHARED, "corpus", corpus, "docs", "*"))):
        base = os.path.basename(p)
        with open(p, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        new, nl = layout(lines)
        first, last = {}, {}
        for j, (_, src) in enumerate(new):
            for i in src:
                first.setdefault(i + 1, j + 1)
                last[i + 1] = j + 1
        maps[os.path.splitext(base)[0]] = (first, last)
        with open(os.path.join(d, "docs", base), "w", encoding="utf-8", newline="") as f:
            f.write(nl.join(l for l, _ in new) + nl)
    with open(os.path.join(SHARED, "corpus", corpus, "gold.jsonl")) as g, open(
        os.path.join(d, "gold.jsonl"), "w"
    ) as out:
        for line in g:
            t = json.loads(line)
            first, last = maps[t["doc"]]
            t["first_line"], t["last_line"] = first[t["first_line"]], last[t["last_line"]]
            out.write(json.dumps(t) + "\n")
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 below a floor")
    ap.add_argument("--bin", help="the turnstream binary (default: target/release)")
    ap.add_argument("layouts", nargs="*", help="layouts to run (default: all)")
    args = ap.parse_args()
    binary = args.bin or os.path.join(ROOT, "target", "release", "turnstream")
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run cargo build --release")
    corpora = sorted(
        c for c in os.listdir(os.path.join(SHARED, "corpus"))
        if glob.glob(os.path.join(SHARED, "corpus", c, "docs", "*.txt"))
    )
    out_dir = os.path.join(os.environ.get("TMPDIR", tempfile.gettempdir()), "turnstream-layouts")
    failed = False
    print(f"{'layout':22} {'F1':>7} {'lines':>7}  worst corpus")
    for name in args.layouts or LAYOUTS:
        dirs = [relayout(c, name, LAYOUTS[name], out_dir) for c in corpora]
        res = subprocess.run(
            [sys.executable, os.path.join(SHARED, "eval", "score_turns.py"), "--json",
             "--cmd", f"{binary} --enrich none {{}}", *dirs],
            capture_output=True, text=True,
        )
        rows = json.loads(res.stdout)
        f1 = sum(r["f1"] for r in rows) / len(rows)
        acc = sum(r["line_acc"] for r in rows) / len(rows)
        worst = min(rows, key=lambda r: min(r["f1"], r["line_acc"]))
        floor = FLOORS.get(name)
        low = floor is not None and (round(f1, 4) < floor[0] or round(acc, 4) < floor[1])
        failed |= low
        mark = "  BELOW FLOOR" if low else ("" if floor else "  (no floor)")
        print(f"{name:22} {f1:7.4f} {acc:7.4f}  {worst['corpus']} "
              f"{worst['f1']:.4f}/{worst['line_acc']:.4f}{mark}")
    if args.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
