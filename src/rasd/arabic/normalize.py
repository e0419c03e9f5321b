"""Offset-preserving Arabic normalization for matching and search.

The normalized form folds the spelling variation of Arabic news: diacritics and tatweel are
dropped, alef forms (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, teh marbuta ة becomes ه,
Persian yeh/keheh become their Arabic letters, Arabic-Indic and Persian digits become ASCII,
presentation forms are decomposed (NFKC), invisible direction marks are dropped and Latin is
lower-cased. :func:`normalize_with_map` also returns, for every normalized character, the
offset of the original character it came from, so a match in normalized text maps back to
exact offsets in the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel.
_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + ["\u0610", "\u0611", "\u0612", "\u0613", "\u0614", "\u0615", "\u0616", "\u0617", "\u0618", "\u0619", "\u061A"]
    # zero-width and bidi controls that scraped text carries invisibly
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\ufeff"]
)

_FOLD: dict[str, str] = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian yeh
    "\u06d2": "\u064a",  # yeh barree
    "\u0629": "\u0647",  # ة -> ه
    "\u06c0": "\u0647",
    "\u06c1": "\u0647",
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u06af": "\u0643",  # gaf -> kaf (common in transliterated names)
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits


_ALEF_TABLE = {ord(c): "\u0627" for c in "\u0623\u0625\u0622\u0671"}
_DIGIT_TABLE = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}


def _is_presentation_form(ch: str) -> bool:
    o = ord(ch)
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


@lru_cache(maxsize=4096)
def normalize_char(ch: str) -> str:
    """Normalized form of one character (possibly empty, possibly several characters)."""
    if ch in _DROP:
        return ""
    if _is_presentation_form(ch):
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            return "".join(normalize_char(c) for c in decomposed)
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    if "A" <= ch <= "Z":
        return ch.lower()
    return ch


class _CharTable(dict[int, str]):
    """``str.translate`` table filled on demand with :func:`normalize_char` results."""

    def __missing__(self, code: int) -> str:
        value = normalize_char(chr(code))
        self[code] = value
        return value


_TABLE = _CharTable()


def normalize(text: str) -> str:
    """Return the normalized form of ``text`` (see module docstring)."""
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` and map each normalized character back to the original.

    Returns ``(norm, offsets)`` where ``len(offsets) == len(norm) + 1``: ``offsets[i]`` is the
    index in ``text`` of the character that produced ``norm[i]``, and the last entry is
    ``len(text)``. A normalized span ``norm[a:b]`` therefore covers ``text[offsets[a]:end]`` where
    ``end`` is the original end of the character that produced ``norm[b-1]``; use
    :func:`original_span` for that.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        n = normalize_char(ch)
        if not n:
            continue
        out.append(n)
        offsets.extend([i] * len(n))
    offsets.append(len(text))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span ``[start, end)`` of a normalized string back to original offsets."""
    if end <= start:
        o = offsets[start]
        return o, o
    return offsets[start], offsets[end - 1] + 1


def dediacritize(text: str) -> str:
    """Remove Arabic diacritics and tatweel only (letters are kept as written)."""
    return "".join([c for c in text if c not in _DROP])


def normalize_alef(text: str) -> str:
    """Fold hamzated and madda alef forms to bare alef."""
    return text.translate(_ALEF_TABLE)


def normalize_digits(text: str) -> str:
    """Turn Arabic-Indic and Persian digits into ASCII digits."""
    return text.translate(_DIGIT_TABLE)
