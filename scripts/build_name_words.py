"""Derive the list of words that occur in person names, for the title-name fallback.

Reads the ANERcorp person gazetteer (``../shared/data/anercorp/ANERGazet.Pers.txt``) and keeps
normalized single words that are not common words of the news corpus (so that a gazetteer entry
such as والعربية, which is noise, does not make every adjective a name). Writes
``src/rasd/data/lexicon/name_words.txt``. The knowledge base's person names are added at run
time.

Usage: ``python scripts/build_name_words.py [--gazetteer PATH]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.arabic.normalize import normalize  # noqa: E402
from rasd.arabic.wordfreq import rank  # noqa: E402

COMMON_RANK = 300  # function words and the commonest nouns; first names such as محمد stay


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteer", type=Path, default=ROOT.parent / "shared/data/anercorp/ANERGazet.Pers.txt")
    args = ap.parse_args()
    if not args.gazetteer.exists():
        print(f"person gazetteer not found: {args.gazetteer}; nothing built")
        return 0
    words = set()
    for line in args.gazetteer.read_text("utf-8").splitlines():
        for w in line.split():
            n = normalize(w.strip())
            if len(n) < 3 or (n.startswith(("و", "ب")) and rank(n[1:]) is not None):
                continue
            r = rank(n)
            if r is None or r >= COMMON_RANK:
                words.add(n)
    out = ROOT / "src/rasd/data/lexicon/name_words.txt"
    out.write_text(
        "# words of person names (normalized), derived from the ANERcorp person gazetteer\n"
        + "".join(f"{w}\n" for w in sorted(words)),
        encoding="utf-8",
    )
    print(f"{len(words)} name words written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
