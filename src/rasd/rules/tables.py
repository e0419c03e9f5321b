"""Reading the tab-separated data files of ``rasd/data/lexicon`` strictly.

A typo in a data file must not switch a rule off in silence: every reader here refuses a row
with the wrong number of cells, an unknown value in a closed column, or a header that is not
the one expected, with a :class:`LexiconError` that names the file and the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


class LexiconError(ValueError):
    """A data file that does not follow its format: ``file:line: problem``."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its cells (stripped, padded to the header's width) and where it stands."""

    path: str
    line: int
    cells: tuple[str, ...]

    def error(self, problem: str) -> LexiconError:
        """A :class:`LexiconError` for this row."""
        return LexiconError(self.path, self.line, problem)

    def closed(self, column: int, name: str, allowed: Iterable[str]) -> str:
        """The cell ``column``, which must be one of ``allowed`` (or empty)."""
        value = self.cells[column]
        options = tuple(allowed)
        if value and value not in options:
            raise self.error(f"unknown {name} {value!r}; expected one of {', '.join(options)}")
        return value


def lexicon_file(name: str) -> Traversable:
    """A file of the packaged ``rasd/data/lexicon``."""
    return resources.files("rasd").joinpath("data", "lexicon", name)


def read_rows(
    source: Path | Traversable,
    header: tuple[str, ...],
    *,
    min_cells: int = 1,
    commented_header: bool = False,
) -> Iterator[Row]:
    """The rows of a tab-separated file, checked against its header.

    Blank lines and ``#`` comments are skipped. The first other line must be ``header`` (with
    ``commented_header`` the header is the last comment line that holds a tab, and every other
    line is data).

    Args:
        source: a path or a packaged file (see :func:`lexicon_file`).
        header: the column names, in order.
        min_cells: fewer cells than this is an error; missing trailing cells read as "".

    Raises:
        LexiconError: a wrong header, too few or too many cells.
    """
    name = str(source) if isinstance(source, Path) else f"rasd/data/lexicon/{source.name}"
    text = source.read_text("utf-8")
    seen_header = commented_header
    found_comment_header = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            if commented_header and "\t" in line:
                cells = tuple(c.strip() for c in line.lstrip("#").split("\t"))
                if cells != header:
                    raise LexiconError(name, n, f"the header reads {'|'.join(cells)}, not {'|'.join(header)}")
                found_comment_header = True
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if not seen_header:
            if cells != header:
                raise LexiconError(name, n, f"the header reads {'|'.join(cells)}, not {'|'.join(header)}")
            seen_header = True
            continue
        if len(cells) > len(header):
            raise LexiconError(name, n, f"{len(cells)} cells, more than the {len(header)} columns {', '.join(header)}")
        if len(cells) < min_cells:
            raise LexiconError(name, n, f"{len(cells)} cells; a row needs at least {', '.join(header[:min_cells])}")
        yield Row(name, n, cells + ("",) * (len(header) - len(cells)))
    if commented_header and not found_comment_header:
        raise LexiconError(name, 1, f"no '# {chr(9).join(header)}' header comment")
