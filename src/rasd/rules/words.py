"""Word lists as data: ``data/lexicon/<stage>_words.tsv``, one row per list, keyed by its reader.

A row names the rule that reads the list (or the shared part of the stage that does, such as
``events.view``), the list's name, its words and a note::

    # reader	list	words	note
    events.filter.disaster	words	كارثة تسونامي زلزال …	natural disasters: no one attacked

Words are separated by spaces and written as news writes them; a word ``a=b`` maps ``a`` to
``b`` (for lists that translate, such as prepositions to their canonical form). Every reader
declares the lists it reads (a rule through :func:`rasd.rules.rule`), and the loader checks the
file against the declarations in both directions: an unknown reader or list, a list read twice,
an empty list, or a declared list the file lacks is a :class:`~rasd.rules.tables.LexiconError`
naming the file and line. So a typo cannot switch a rule off, and no list lies unread.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib.abc import Traversable
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.rules.tables import LexiconError, read_rows

HEADER = ("reader", "list", "words", "note")


@dataclass(frozen=True)
class WordList:
    """One list of words, as written and in the forms readers compare."""

    reader: str
    name: str
    entries: tuple[str, ...]
    note: str = ""
    where: str = field(default="", compare=False)

    @cached_property
    def norm(self) -> frozenset[str]:
        """The normalized words (hamza on alef, ة/ه, ى/ي and diacritics do not matter)."""
        return frozenset(normalize(w) for w in self.entries if "=" not in w)

    @cached_property
    def raw(self) -> frozenset[str]:
        """The words exactly as written."""
        return frozenset(w for w in self.entries if "=" not in w)

    @cached_property
    def mapping(self) -> dict[str, str]:
        """``a=b`` entries as normalized ``a → b`` (a word alone maps to itself)."""
        out: dict[str, str] = {}
        for w in self.entries:
            a, _, b = w.partition("=")
            out[normalize(a)] = normalize(b or a)
        return out


class WordLists:
    """The word lists of one stage, checked against what its readers declare.

    Args:
        source: the ``*_words.tsv`` file.
        declared: reader id → the names of the lists it reads.
    """

    def __init__(self, source: Path | Traversable, declared: Mapping[str, tuple[str, ...]]) -> None:
        self.lists: dict[tuple[str, str], WordList] = {}
        name = str(source) if isinstance(source, Path) else f"rasd/data/lexicon/{source.name}"
        last_line = 1
        for row in read_rows(source, HEADER, min_cells=3):
            reader, list_name, words, note = row.cells
            last_line = row.line
            if reader not in declared:
                raise row.error(f"no rule or part of the stage reads lists as {reader!r}; readers are {', '.join(sorted(declared))}")
            if list_name not in declared[reader]:
                raise row.error(f"{reader} reads no list {list_name!r}; it reads {', '.join(declared[reader])}")
            if (reader, list_name) in self.lists:
                raise row.error(f"{reader} {list_name} is given twice (first at {self.lists[reader, list_name].where})")
            entries = tuple(words.split())
            if not entries:
                raise row.error(f"{reader} {list_name} has no words")
            self.lists[reader, list_name] = WordList(reader, list_name, entries, note, f"{name}:{row.line}")
        missing = [f"{r} {n}" for r, names in declared.items() for n in names if (r, n) not in self.lists]
        if missing:
            raise LexiconError(name, last_line, f"declared word lists missing from the file: {', '.join(missing)}")

    def __getitem__(self, key: tuple[str, str]) -> WordList:
        try:
            return self.lists[key]
        except KeyError:
            raise KeyError(f"no word list {key[1]!r} of {key[0]!r}: declare it and add its row") from None

    def __iter__(self) -> Iterator[WordList]:
        return iter(self.lists.values())
