"""Build the word-cluster table used by the NER tagger from unlabeled Arabic news.

Steps (each cached in ``--work-dir`` so a rerun only redoes what changed):

1. tokenize and normalize every article of ``arabic-news.jsonl.gz`` into one sentence a line;
2. train skip-gram word2vec vectors on it (gensim, fixed seed, one worker so the result is
   reproducible bit for bit);
3. cluster the vectors of the most frequent words with seeded spherical k-means at several
   granularities;
4. write ``src/rasd/data/models/ner_clusters.tsv.gz``: ``word<TAB>count<TAB>c64<TAB>c256...``.

Only these derived statistics are shipped, never the text. gensim is needed at build time only::

    .venv/bin/python scripts/build_clusters.py            # data from ../shared/data
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.arabic.normalize import normalize  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "unlabeled" / "arabic-news.jsonl.gz"
DEFAULT_OUT = ROOT / "src" / "rasd" / "data" / "models" / "ner_clusters.tsv.gz"

# Words (letters/digits, with decimals and a trailing percent kept together as ANERcorp does)
# or any single other character: the punctuation-separated convention of the tagger's input.
_TOKEN = re.compile(r"[^\W_]+(?:[.,]\d+)*%?|\S")
_SENT_END = frozenset({".", "!", "؟", "?", "؛"})
# Presentation-form code points that NFKC leaves unchanged (unassigned or symbols): dropped
# before normalizing, as they carry no letters and normalize() recurses on them.
_UNFOLDABLE = {
    o: None
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
    for o in range(lo, hi + 1)
    if unicodedata.normalize("NFKC", chr(o)) == chr(o)
}


def tokenize(text: str) -> list[list[str]]:
    """Normalize ``text`` and split it into sentences of tokens."""
    sents: list[list[str]] = []
    for line in normalize(text.translate(_UNFOLDABLE)).split("\n"):
        cur: list[str] = []
        for tok in _TOKEN.findall(line):
            cur.append(tok)
            if tok in _SENT_END and len(cur) > 1:
                sents.append(cur)
                cur = []
        if cur:
            sents.append(cur)
    return sents


def build_sentences(corpus: Path, out: Path) -> None:
    """Write the tokenized, normalized corpus to ``out``, one sentence a line."""
    n_art = n_tok = 0
    tmp = out.with_suffix(".tmp")
    with gzip.open(corpus, "rt", encoding="utf-8") as f, tmp.open("w", encoding="utf-8") as w:
        for line in f:
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("text") or "")
            for sent in tokenize(text):
                w.write(" ".join(sent))
                w.write("\n")
                n_tok += len(sent)
            n_art += 1
    tmp.rename(out)
    print(f"tokenized {n_art} articles, {n_tok} tokens", flush=True)


def spherical_kmeans(x: np.ndarray, k: int, seed: int, iters: int = 25) -> np.ndarray:
    """Cluster unit vectors ``x`` into ``k`` groups by cosine; return the label of each row.

    Centres start at k distinct rows drawn with a fixed seed (k-means++ is too slow at
    k=1024 on 200k rows and buys little for this use).
    """
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for it in range(iters):
        # Chunked to keep the similarity matrix small in memory.
        new = np.empty(len(x), dtype=np.int64)
        for s in range(0, len(x), 20000):
            new[s : s + 20000] = np.argmax(x[s : s + 20000] @ centres.T, axis=1)
        changed = int((new != labels).sum()) if it else len(x)
        labels = new
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        # An empty cluster is reseeded on a random row so k stays meaningful.
        if empty.any():
            sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
            norms[empty] = 1.0
        centres = sums / norms
        if changed < len(x) * 0.001:
            break
    return labels


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--work-dir", type=Path, default=ROOT / "build" / "ner-clusters")
    ap.add_argument("--vocab", type=int, default=200_000, help="most frequent words kept")
    ap.add_argument("--sizes", default="64,256,1024,4096", help="k-means granularities")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--negative", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--workers", type=int, default=1, help=">1 is faster but not reproducible")
    args = ap.parse_args()
    logging.basicConfig(format="%(asctime)s %(message)s", level=logging.INFO)

    if not args.corpus.exists():
        print(f"skip: unlabeled corpus not found at {args.corpus}; the shipped "
              f"{args.out.name} is kept as it is.")
        return 0
    try:
        from gensim.models import Word2Vec
    except ImportError:
        print("skip: gensim is needed to build clusters (.venv/bin/pip install gensim)")
        return 0

    args.work_dir.mkdir(parents=True, exist_ok=True)
    sent_file = args.work_dir / "sentences.txt"
    if not sent_file.exists():
        build_sentences(args.corpus, sent_file)

    tag = f"w2v-d{args.dim}-w{args.window}-e{args.epochs}-m{args.min_count}-s{args.seed}"
    if args.negative != 10:
        tag += f"-n{args.negative}"
    model_file = args.work_dir / f"{tag}.kv"
    t0 = time.time()
    if model_file.exists():
        from gensim.models import KeyedVectors

        kv = KeyedVectors.load(str(model_file))
    else:
        model = Word2Vec(
            corpus_file=str(sent_file),
            vector_size=args.dim,
            window=args.window,
            min_count=args.min_count,
            sg=1,
            negative=args.negative,
            sample=1e-4,
            epochs=args.epochs,
            seed=args.seed,
            workers=args.workers,
        )
        kv = model.wv
        kv.save(str(model_file))
        print(f"word2vec trained in {time.time() - t0:.0f}s", flush=True)

    counts: Counter[str] = Counter()
    with sent_file.open(encoding="utf-8") as f:
        for line in f:
            counts.update(line.split())
    words = [w for w, _ in counts.most_common() if w in kv.key_to_index][: args.vocab]
    x = np.stack([kv[w] for w in words]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9

    sizes = [int(s) for s in args.sizes.split(",")]
    columns = []
    for k in sizes:
        t0 = time.time()
        columns.append(spherical_kmeans(x, k, seed=args.seed + k))
        print(f"k-means k={k} in {time.time() - t0:.0f}s", flush=True)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        body = ["#word\tcount\t" + "\t".join(f"c{k}" for k in sizes)]
        for i, w in enumerate(words):
            body.append(f"{w}\t{counts[w]}\t" + "\t".join(str(int(c[i])) for c in columns))
        raw.write(("\n".join(body) + "\n").encode("utf-8"))
    print(f"wrote {len(words)} words to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
