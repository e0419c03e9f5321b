"""Quotation marks: which opening mark each closing one closes, across lines and paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

_OPEN_CLOSE = {"«": "»", "“": "”", "‹": "›", "„": "”"}
OPENING = ("«", "“", '"', "‹")


def quote_pairs(body: str) -> list[tuple[int, int]]:
    """Offsets ``(open, close)`` of matched quotation marks; quotations may cross lines."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int, int]] = []  # (closing mark, offset, paragraphs crossed)
    ascii_open: int | None = None
    for i, ch in enumerate(body):
        if ch == "\n":
            ascii_open = None  # a straight quote does not cross a paragraph
            stack = [(c, o, n + 1) for c, o, n in stack if n < 3]
            continue
        if ch in _OPEN_CLOSE and ch != "„":
            stack.append((_OPEN_CLOSE[ch], i, 0))
        elif stack and ch == stack[-1][0]:
            _, o, _ = stack.pop()
            pairs.append((o, i))
        elif ch in "»”›":
            # a closing mark without its opening one: close the nearest open of that kind
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == ch:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
        elif ch == '"':
            if ascii_open is None:
                ascii_open = i
            else:
                pairs.append((ascii_open, i))
                ascii_open = None
    pairs.sort()
    return pairs


class QuotationMarks:
    """The matched quotation marks of a body, with the look-ups the quote rules ask."""

    def __init__(self, body: str) -> None:
        self.pairs = quote_pairs(body)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.pairs)

    def at(self, offset: int) -> tuple[int, int] | None:
        """The pair whose opening mark is at ``offset``."""
        for o, c in self.pairs:
            if o == offset:
                return o, c
        return None

    def containing(self, offset: int) -> tuple[int, int] | None:
        """The innermost pair whose words hold ``offset``."""
        best = None
        for o, c in self.pairs:
            if o < offset < c and (best is None or o > best[0]):
                best = (o, c)
        return best

    def opens_within(self, start: int, end: int) -> bool:
        """Whether a quotation opens in ``[start, end)``."""
        return any(start <= o < end for o, _c in self.pairs)
