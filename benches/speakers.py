#!/usr/bin/env python3
"""Score speaker identity (issue 5) on ../shared/corpus.

Usage: benches/speakers.py [--bin target/release/turnstream] [--min-earnings X]
                           [--min-chair Y] [--min-firm Z]

- earnings-motleyfool: share of gold turns whose predicted `speaker.name`
  (or the label, when the gold has no speaker_name) equals the gold
  speaker_name (or label); and share of analyst turns whose `affiliation` is
  the firm in their header.
- qmsum-committee: share of gold `The Chair` turns whose predicted name is
  the chair's name, as the document's full chair label gives it.
- state-dept-seed: questioner turns whose name and affiliation equal the gold.

Exit status 1 when a share falls under its --min threshold.
"""
import argparse, json, os, re, subprocess, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "corpus")

def norm(s):
    return re.sub(r"[^0-9a-z]+", " ", (s or "").lower()).strip()

def run(bin_, corpus):
    out = subprocess.run([bin_, "--enrich", "none", os.path.join(SHARED, corpus, "docs")],
                         capture_output=True, text=True, check=True).stdout
    pred = defaultdict(dict)
    for line in out.splitlines():
        r = json.loads(line)
        doc = os.path.basename(r["source"]).rsplit(".", 1)[0]
        pred[doc][r["line_start"]] = r
    gold = [json.loads(l) for l in open(os.path.join(SHARED, corpus, "gold.jsonl"))]
    return pred, gold

def earnings(bin_):
    pred, gold = run(bin_, "earnings-motleyfool")
    ok = total = firm_ok = firm_total = 0
    misses = []
    for g in gold:
        p = pred[g["doc"]].get(g["first_line"])
        want = g.get("speaker_name") or g["speaker"]
        total += 1
        sp = (p or {}).get("speaker") or {}
        got = sp.get("name") or sp.get("label")
        if norm(got) == norm(want):
            ok += 1
        elif len(misses) < 8:
            misses.append((g["doc"], g["first_line"], want, got))
        if g.get("role") == "analyst":
            firm_total += 1
            parts = g["speaker"].split(" -- ")
            firm = parts[1] if len(parts) == 3 else None
            if firm and norm(sp.get("affiliation")) == norm(firm):
                firm_ok += 1
    return ok / max(total, 1), firm_ok / max(firm_total, 1), total, firm_total, misses

def committee(bin_):
    pred, gold = run(bin_, "qmsum-committee")
    chair = {}
    for g in gold:
        m = re.match(r"The Chair \((?:Hon\.\s+|Mr\.\s+|Mrs\.\s+|Ms\.\s+)?([^()]+?)\s*(?:\(|\))", g["speaker"])
        if m and g["doc"] not in chair:
            chair[g["doc"]] = m.group(1)
    ok = total = 0
    for g in gold:
        if g["speaker"] != "The Chair" or g["doc"] not in chair:
            continue
        total += 1
        p = pred[g["doc"]].get(g["first_line"]) or {}
        if norm((p.get("speaker") or {}).get("name")) == norm(chair[g["doc"]]):
            ok += 1
    return ok / max(total, 1), total

def seed(bin_):
    pred, gold = run(bin_, "state-dept-seed")
    ok = total = 0
    for g in gold:
        if "speaker_name" not in g:
            continue
        total += 1
        sp = (pred[g["doc"]].get(g["first_line"]) or {}).get("speaker") or {}
        ok += sp.get("name") == g["speaker_name"] and sp.get("affiliation") == g.get("affiliation")
    return ok / max(total, 1), total

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "turnstream"))
    ap.add_argument("--min-earnings", type=float, default=0.0)
    ap.add_argument("--min-firm", type=float, default=0.0)
    ap.add_argument("--min-chair", type=float, default=0.0)
    ap.add_argument("--min-seed", type=float, default=0.0)
    a = ap.parse_args()
    e, f, n, nf, misses = earnings(a.bin)
    c, nc = committee(a.bin)
    s, ns = seed(a.bin)
    print(f"earnings-motleyfool  speaker.name = gold       {e:.4f}  ({n} turns)")
    print(f"earnings-motleyfool  analysts carry their firm  {f:.4f}  ({nf} turns)")
    print(f"qmsum-committee      The Chair turns named      {c:.4f}  ({nc} turns)")
    print(f"state-dept-seed      questioners named + outlet {s:.4f}  ({ns} turns)")
    for m in misses:
        print("  miss:", m)
    fail = e < a.min_earnings or f < a.min_firm or c < a.min_chair or s < a.min_seed
    sys.exit(1 if fail else 0)

if __name__ == "__main__":
    main()
