#!/usr/bin/env python3
"""Show where turnstream's turns disagree with a corpus's gold turns.

Usage: scripts/turn_diff.py CORPUS_DIR [--bin target/release/turnstream] [--max N]

For each document: gold turn starts that were missed (FN), predicted starts
that are not gold starts (FP, unless they only split a same-speaker run), and
lines whose speaker differs, each with the line's text. A development aid for
the segmentation rules; the official numbers come from ../shared/eval.
"""
import argparse, json, os, subprocess, sys, re
from collections import defaultdict

def norm(s):
    return re.sub(r"[^0-9A-Za-z]+", " ", str(s or "")).strip().upper() or None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="target/release/turnstream")
    ap.add_argument("--max", type=int, default=15)
    ap.add_argument("--args", default="--enrich none")
    a = ap.parse_args()
    docs = os.path.join(a.corpus, "docs")
    out = subprocess.run([a.bin, *a.args.split(), docs], capture_output=True, text=True).stdout
    pred = defaultdict(list)
    for l in out.splitlines():
        r = json.loads(l)
        base = os.path.basename(r["source"]).rsplit(".", 1)[0]
        pred[base].append(r)
    gold = defaultdict(list)
    for l in open(os.path.join(a.corpus, "gold.jsonl")):
        t = json.loads(l)
        gold[t["doc"]].append(t)
    shown = 0
    for f in sorted(os.listdir(docs)):
        d = f.rsplit(".", 1)[0]
        lines = open(os.path.join(docs, f), encoding="utf-8", errors="replace").read().split("\n")
        g = gold.get(d, [])
        p = pred.get(d, [])
        gs = {t["first_line"]: t for t in g if not t.get("cont")}
        ps = {r["line_start"]: r for r in p}
        msgs = []
        for s, t in sorted(gs.items()):
            if s not in ps:
                msgs.append(f"  FN {s}: gold {t['speaker']!r}: {lines[s-1][:100]!r}")
        prev = None
        for r in sorted(p, key=lambda r: r["line_start"]):
            s = r["line_start"]
            lab = (r.get("speaker") or {}).get("label")
            if s not in {t["first_line"] for t in g}:
                if not (prev and lab and norm(lab) == norm((prev.get("speaker") or {}).get("label"))):
                    msgs.append(f"  FP {s}-{r['line_end']}: pred {lab!r}: {lines[s-1][:100]!r}")
            prev = r
        # line-level disagreement on turn ends
        gat = {}
        for t in g:
            for i in range(t["first_line"], t["last_line"] + 1):
                gat[i] = t
        pat = {}
        for r in p:
            for i in range(r["line_start"], r["line_end"] + 1):
                pat[i] = r
        bad = []
        for i in range(1, len(lines) + 1):
            if not lines[i-1].strip():
                continue
            gt, pr = gat.get(i), pat.get(i)
            if (gt is None) != (pr is None):
                bad.append(i)
        if bad:
            runs = []
            for i in bad:
                if runs and i - runs[-1][1] <= 2:
                    runs[-1][1] = i
                else:
                    runs.append([i, i])
            for s, e in runs[:5]:
                side = "gold-only" if gat.get(s) else "pred-only"
                msgs.append(f"  LINES {s}-{e} {side}: {lines[s-1][:100]!r}")
        if msgs:
            print(f"== {d} ({len(g)} gold, {len(p)} pred)")
            for m in msgs[: a.max]:
                print(m)
            shown += 1
    if not shown:
        print("no differences")

if __name__ == "__main__":
    main()
