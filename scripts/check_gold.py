"""Check gold/1 records against their articles before they are stored.

    python scripts/check_gold.py corpus/gold/X.gold.json [more files or folders]
    python scripts/check_gold.py corpus/gold --articles ../shared/data/news-corpus

Each record's article is looked up by its ``file`` field in the ``--articles`` folders (default:
``../shared/data/news-corpus``, ``../shared/data/news-dev``, ``../shared/seed`` and the record's
own folder and its parent). Prints one line per problem and ``ok N records`` at the end; the
exit status is 1 when any record has a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.eval.gold import GOLD_SUFFIX
from rasd.eval.gold_check import article_of, check_gold_file

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path, help="gold files or folders of them")
    ap.add_argument("--articles", type=Path, action="append", default=[], help="folder of the articles")
    args = ap.parse_args(argv)
    shared = ROOT.parent / "shared"
    search = list(args.articles) or [shared / "data" / "news-corpus", shared / "data" / "news-dev", shared / "seed"]
    files: list[Path] = []
    for p in args.paths:
        files.extend(sorted(p.rglob("*" + GOLD_SUFFIX)) if p.is_dir() else [p])
    bad = 0
    for f in files:
        article = article_of(f, [*search, f.parent, f.parent.parent])
        if article is None:
            print(f"{f}: its article was not found (searched {', '.join(map(str, search))}); give --articles DIR")
            bad += 1
            continue
        problems = check_gold_file(f, article)
        for problem in problems:
            print(f"{f}: {problem}")
        bad += bool(problems)
    print(f"ok {len(files) - bad} records, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
