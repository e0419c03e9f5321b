"""Derive word frequencies and repeated boilerplate lines from the unlabeled news corpus.

Writes two compact derived files (no article text is shipped):

* ``src/rasd/data/lexicon/wordfreq.tsv.gz``: normalized word form and its count, for forms
  seen at least ``--min-count`` times; the tokenizer uses it to decide clitic splits.
* ``src/rasd/data/lexicon/boilerplate_lines.txt``: normalized lines that recur verbatim in many
  articles of the same outlet (share buttons, app promotions, mastheads).

Usage: ``python scripts/build_wordfreq.py [--corpus ../shared/data/unlabeled/arabic-news.jsonl.gz]``
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.arabic.normalize import normalize  # noqa: E402

WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06FA-\u06FF]+")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/unlabeled/arabic-news.jsonl.gz")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-line-articles", type=int, default=25)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (the shared data folder is absent); nothing built")
        return 0
    words: collections.Counter[str] = collections.Counter()
    lines: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    n = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for raw in fh:
            rec = json.loads(raw)
            text = rec.get("text") or ""
            n += 1
            norm = normalize(text)
            words.update(WORD.findall(norm))
            seen = set()
            for line in norm.split("\n"):
                line = line.strip()
                if 0 < len(line) <= 200 and line not in seen:
                    seen.add(line)
                    lines[line][rec.get("outlet") or ""] += 1
    out_dir = ROOT / "src/rasd/data/lexicon"
    out_dir.mkdir(parents=True, exist_ok=True)
    kept = [(w, c) for w, c in words.items() if c >= args.min_count]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    with gzip.GzipFile(out_dir / "wordfreq.tsv.gz", "wb", mtime=0) as gz:
        gz.write("".join(f"{w}\t{c}\n" for w, c in kept).encode("utf-8"))
    repeated = sorted(
        line for line, by_outlet in lines.items() if max(by_outlet.values()) >= args.min_line_articles
    )
    (out_dir / "boilerplate_lines.txt").write_text(
        "# normalized lines repeated verbatim in many articles of one outlet (derived statistics)\n"
        + "".join(f"{line}\n" for line in repeated),
        encoding="utf-8",
    )
    print(f"{n} articles, {len(kept)} word forms, {len(repeated)} repeated lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
