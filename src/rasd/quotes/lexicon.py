"""The reporting cues of ``data/lexicon/quote_cues.tsv``, parsed once per process.

Each row is a form as written (one word, or two for a phrase cue such as ``جدد التأكيد``), its
kind (``verb``, ``circ``, ``reiterate``, ``source``), its stance and the gender of its subject.
The file is read strictly: an unknown kind, stance or gender, or a row of the wrong width, is a
:class:`~rasd.rules.LexiconError` naming the file and line. The event stage reads the finite
verbs of saying from here too (:func:`saying_verbs`): each opens a clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.rules import lexicon_file, read_rows

KINDS = ("verb", "circ", "reiterate", "source")
STANCES = ("affirm", "deny", "warn", "demand", "assess", "note", "add", "say", "explain", "praise", "criticise", "promise")
GENDERS = ("m", "f", "pl")
HEADER = ("form", "kind", "stance", "gender")


@dataclass(frozen=True, slots=True)
class CueEntry:
    """What the lexicon says of a cue form."""

    kind: str
    stance: str
    gender: str


def read_cue_lexicon(source: Path | Traversable) -> dict[tuple[str, ...], CueEntry]:
    """Normalized form (one word or two) → entry, from a ``quote_cues.tsv`` file."""
    lex: dict[tuple[str, ...], CueEntry] = {}
    for row in read_rows(source, HEADER, min_cells=3, commented_header=True):
        form = row.cells[0]
        words = tuple(normalize(w) for w in form.split())
        if not 1 <= len(words) <= 2:
            raise row.error(f"a cue is one word or two, not {form!r}")
        entry = CueEntry(
            row.closed(1, "kind", KINDS) or "verb",
            row.closed(2, "stance", STANCES),
            row.closed(3, "gender", GENDERS) or "m",
        )
        if not entry.stance:
            raise row.error("a cue needs a stance")
        lex[words] = entry
    return lex


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, ...], CueEntry]:
    """The packaged reporting cues."""
    return read_cue_lexicon(lexicon_file("quote_cues.tsv"))


@lru_cache(maxsize=1)
def phrase_heads() -> dict[str, frozenset[str]]:
    """First word of a phrase cue → the second words it takes (``جدد`` → ``التأكيد``)."""
    heads: dict[str, set[str]] = {}
    for key in cue_lexicon():
        if len(key) == 2:
            heads.setdefault(key[0], set()).add(key[1])
    return {k: frozenset(v) for k, v in heads.items()}


@lru_cache(maxsize=1)
def saying_verbs() -> frozenset[str]:
    """The one-word finite verbs of saying (قال، صرح، أوضح), normalized."""
    return frozenset(key[0] for key, e in cue_lexicon().items() if e.kind == "verb" and len(key) == 1)
