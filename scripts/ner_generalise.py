#!/usr/bin/env python3
"""Proxies for the held-out CoNLL test set (testb): how well the tagger
generalises, measured without looking at testb and without fitting testa.

testb is later news than train/testa and full of names that training never
saw; every trained tagger loses 6-8 F1 points there. Plain testa F1 hides
that, because most testa names also occur in train (same week of news).
Two proxies measure the part that matters:

1. **unseen-entity F1 on testa**: precision and recall restricted to entities
   whose surface string (the words, whatever the type) never occurs as an
   entity in eng.train. Recall counts gold entities with an unseen surface;
   precision counts predicted spans with an unseen surface. About a third of
   testa's entities are unseen; on testb it is more.
2. **document-level cross-validation on eng.train**: K contiguous blocks of
   documents (contiguous, not shuffled: neighbouring documents share stories,
   so a shuffled split would leak names across folds), train on K-1, tag the
   held-out block; overall and unseen F1 summed over folds. Never touches
   testa, so it cannot be fitted by tuning on testa.

Scoring follows conlleval: IOB1/IOB2 chunks, exact span and type.

Usage:
  scripts/ner_generalise.py [--bin target/release/turnstream] [--folds 5]
      [--model config/models/ner.bin] [--only testa|cv] [-- TRAIN-NER-FLAGS...]

Flags after `--` go to `train-ner` in the cross-validation (e.g. `--two-pass`).
The testa part scores the model given by --model (default: the built-in one).
Writes only under a temporary directory.
"""
import argparse, os, subprocess, sys, tempfile


def read_docs(path):
    """Documents as lists of sentences as lists of (line) strings."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            sent.append(line)
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def write_docs(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write("-DOCSTART- -X- O O\n\n")
            for s in d:
                f.write("\n".join(s) + "\n\n")


def chunks(tags):
    """conlleval chunking of IOB1/IOB2 tags: set of (start, end, type)."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O":
            p, ty = "O", None
        else:
            p, ty = t.split("-", 1)
        end_prev = start is not None and (p in ("O", "B") or ty != typ)
        if end_prev:
            out.append((start, i, typ))
            start, typ = None, None
        if p != "O" and (start is None):
            start, typ = i, ty
    return out


def sentences_with_tags(path, gold_col=-2, pred_col=-1):
    """Yield (words, gold, pred) per sentence of a tagged file."""
    words, gold, pred = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if words:
                    yield words, gold, pred
                words, gold, pred = [], [], []
                continue
            words.append(cols[0])
            gold.append(cols[gold_col])
            pred.append(cols[pred_col])
    if words:
        yield words, gold, pred


def entity_surfaces(docs):
    seen = set()
    for d in docs:
        for s in d:
            words = [l.split()[0] for l in s]
            tags = [l.split()[-1] for l in s]
            for a, b, _ in chunks(tags):
                seen.add(" ".join(words[a:b]))
    return seen


class Counts:
    def __init__(self):
        self.g = self.p = self.c = 0
        self.ug = self.up = self.uc = 0
        self.types = {}

    def add(self, words, gold, pred, seen):
        gs, ps = set(chunks(gold)), set(chunks(pred))
        self.g += len(gs)
        self.p += len(ps)
        self.c += len(gs & ps)
        unseen = lambda s: " ".join(words[s[0] : s[1]]) not in seen
        ug = {s for s in gs if unseen(s)}
        up = {s for s in ps if unseen(s)}
        self.ug += len(ug)
        self.up += len(up)
        self.uc += len(ug & up)
        for s in gs | ps:
            t = self.types.setdefault(s[2], [0, 0, 0])
            t[0] += s in gs
            t[1] += s in ps
            t[2] += s in gs and s in ps

    @staticmethod
    def f1(g, p, c):
        pr = c / p if p else 0.0
        rc = c / g if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    def line(self, label):
        _, _, f = self.f1(self.g, self.p, self.c)
        up, ur, uf = self.f1(self.ug, self.up, self.uc)
        ty = " ".join(
            f"{k} {self.f1(*v)[2]:.4f}" for k, v in sorted(self.types.items())
        )
        return (
            f"{label:<14} F1 {f:.4f} | unseen F1 {uf:.4f} (P {up:.4f} R {ur:.4f}, "
            f"{self.ug} of {self.g} gold unseen) | {ty}"
        )


def run(cmd, out=None):
    r = subprocess.run(cmd, stdout=out or subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/turnstream")
    ap.add_argument("--shared", default=os.environ.get("SHARED", "../shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--model", help="model for the testa part (default: built-in)")
    ap.add_argument("--only", choices=["testa", "cv"])
    ap.add_argument("train_flags", nargs="*")
    a = ap.parse_args()
    conll = os.path.join(a.shared, "ner", "conll2003")
    train_docs = read_docs(os.path.join(conll, "eng.train"))
    with tempfile.TemporaryDirectory(prefix="ner-gen-") as tmp:
        if a.only in (None, "testa"):
            seen = entity_surfaces(train_docs)
            pred = os.path.join(tmp, "testa.pred")
            cmd = [a.bin, "tag-conll", os.path.join(conll, "eng.testa")]
            if a.model:
                cmd += ["--model", a.model]
            with open(pred, "w") as f:
                run(cmd, f)
            c = Counts()
            for w, g, p in sentences_with_tags(pred):
                c.add(w, g, p, seen)
            print(c.line("testa"), flush=True)
        if a.only in (None, "cv"):
            k = a.folds
            n = len(train_docs)
            total = Counts()
            for i in range(k):
                lo, hi = n * i // k, n * (i + 1) // k
                held, rest = train_docs[lo:hi], train_docs[:lo] + train_docs[hi:]
                tr, te = os.path.join(tmp, "tr"), os.path.join(tmp, "te")
                write_docs(tr, rest)
                write_docs(te, held)
                model = os.path.join(tmp, "m.bin")
                run([a.bin, "train-ner", "-q", "--train", tr, "-o", model] + a.train_flags)
                pred = os.path.join(tmp, "te.pred")
                with open(pred, "w") as f:
                    run([a.bin, "tag-conll", te, "--model", model], f)
                seen = entity_surfaces(rest)
                c = Counts()
                for w, g, p in sentences_with_tags(pred):
                    c.add(w, g, p, seen)
                    total.add(w, g, p, seen)
                print(c.line(f"  fold {i + 1}/{k}"), file=sys.stderr, flush=True)
            print(total.line(f"train {k}-fold"), flush=True)


if __name__ == "__main__":
    main()
