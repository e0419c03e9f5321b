"""Derive the names the tokenizer may find behind an attached preposition.

The tokenizer splits ب، ل or ك from an unseen word only when the rest is a common word; names
are often rare words (لافروف، ظريف), so ``بلافروف`` stayed whole and neither the entity stages
nor search found Lavrov in it. This script writes every one-word part of a knowledge-base name
(countries, capitals, places, actors and their short names), normalized, to
``src/rasd/data/lexicon/name_stems.txt``, which :mod:`rasd.arabic.tokens` reads. Rebuild it
after changing the knowledge base (a test checks that it is up to date).

Usage: ``python scripts/build_name_stems.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.arabic.tokens import TOKEN_RE, name_stem_candidates  # noqa: E402
from rasd.kb import load_kb  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "lexicon" / "name_stems.txt"
HEADER = "# one-word parts of knowledge-base names (normalized); built by scripts/build_name_stems.py"


def name_stems() -> list[str]:
    """The sorted normalized words of every country, capital, place and actor name."""
    kb = load_kb()
    words: set[str] = set()
    for surface, kind, _ in kb.surface_forms():
        if kind in ("country", "capital", "place", "actor", "actor_short"):
            words.update(name_stem_candidates(m.group() for m in TOKEN_RE.finditer(surface) if m.lastgroup == "ar"))
    return sorted(words)


def main() -> int:
    stems = name_stems()
    OUT.write_text(HEADER + "\n" + "\n".join(stems) + "\n", "utf-8")
    print(f"{len(stems)} name words written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
