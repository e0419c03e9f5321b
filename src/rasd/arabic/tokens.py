"""Tokenization with clitic segmentation; every token and segment keeps body offsets.

Tokens follow the ANERcorp convention: whitespace separates words and punctuation marks are
tokens of their own; clitics stay inside their word but are described by
:class:`rasd.model.Segment` pieces: conjunction (و ف), preposition (ب ل ك), future marker (س),
the article (ال, or the ل of لل), the stem, and an attached pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import _DROP, normalize, normalize_char
from rasd.arabic.wordfreq import frequency
from rasd.model import Segment, Token

_AR_LETTER = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR_MARK}]*[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}\u200c]*)"
    rf"|(?P<num>[{_DIGIT}]+(?:[.,\u066b\u066c/:][{_DIGIT}]+)*)"
    r"|(?P<latin>[^\W\d_\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]+(?:['’][^\W\d_\u0600-\u06ff]+)*)"
    r"|(?P<punct>\.{2,}|…|[!?؟]{2,}|[^\s\w]|_)"
    r"|(?P<other>[^\s])",
)
# invisible marks that scraped text carries between words
_SPACE_LIKE = frozenset("\u200b\u200e\u200f\u061c\ufeff\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e")

# Proclitic strings in the alef-folded written form: the (role, letters) pieces they hold.
_PREFIXES: dict[str, tuple[tuple[str, int], ...]] = {
    "و": (("conj", 1),),
    "ف": (("conj", 1),),
    "ب": (("prep", 1),),
    "ل": (("prep", 1),),
    "ك": (("prep", 1),),
    "وب": (("conj", 1), ("prep", 1)),
    "ول": (("conj", 1), ("prep", 1)),
    "وك": (("conj", 1), ("prep", 1)),
    "فب": (("conj", 1), ("prep", 1)),
    "فل": (("conj", 1), ("prep", 1)),
    "فك": (("conj", 1), ("prep", 1)),
    "س": (("fut", 1),),
    "وس": (("conj", 1), ("fut", 1)),
    "فس": (("conj", 1), ("fut", 1)),
    "ال": (("det", 2),),
    "وال": (("conj", 1), ("det", 2)),
    "فال": (("conj", 1), ("det", 2)),
    "بال": (("prep", 1), ("det", 2)),
    "كال": (("prep", 1), ("det", 2)),
    # لل: the preposition ل before the article, whose alef is not written
    "لل": (("prep", 1), ("det", 1)),
    "ولل": (("conj", 1), ("prep", 1), ("det", 1)),
    "فلل": (("conj", 1), ("prep", 1), ("det", 1)),
    "وبال": (("conj", 1), ("prep", 1), ("det", 2)),
    "وكال": (("conj", 1), ("prep", 1), ("det", 2)),
    "فبال": (("conj", 1), ("prep", 1), ("det", 2)),
    "فكال": (("conj", 1), ("prep", 1), ("det", 2)),
}
_PREFIX_ORDER = sorted(_PREFIXES, key=len, reverse=True)
# first- and second-person singular pronouns (ي ني ك) are rare in news and mostly letters of
# names (ولايتي، لاريجاني), so only the third person and the plurals are split
_SUFFIXES = ("هما", "هم", "هن", "كم", "ها", "نا", "ه")
# the future particle س comes before an imperfect verb: يـ تـ نـ (أ would be first person,
# rare in news and the start of many names: سانا)
_IMPERFECT = frozenset("يتن")
_MIN_STEM = 2


class _FoldTable(dict[int, str]):
    """``str.translate`` table of :func:`_fold`, filled on demand."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = ch if ch == "\u0629" or ch == "\u0649" else normalize_char(ch)
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def _fold(word: str) -> str:
    """Written form used for segmentation: no diacritics/tatweel, alef forms folded, ة kept."""
    return word.translate(_FOLD_TABLE)


# characters whose folded or normalized form is not exactly one character (dropped marks,
# presentation forms); a word without them folds and normalizes character by character
_NOT_ONE_TO_ONE = re.compile(
    "[" + "".join(sorted(_DROP)) + "\ufb50-\ufdff\ufe70-\ufeff]"
)


def _known(stem_folded: str) -> int:
    return frequency(normalize(stem_folded))


@lru_cache(maxsize=1)
def name_stems() -> frozenset[str]:
    """Normalized one-word parts of the knowledge base's names (``لافروف``، ``ظريف``), which
    the segmenter accepts behind ب، ل or ك though they are rare words (see
    ``scripts/build_name_stems.py``); empty when the data file is missing."""
    ref = resources.files("rasd") / "data" / "lexicon" / "name_stems.txt"
    try:
        text = ref.read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def name_stem_candidates(words: Iterable[str]) -> set[str]:
    """The words of a name worth finding behind a preposition: normalized, of four letters or
    more (shorter ones, داو، سود، مين، would split names and words that merely begin so)."""
    out = set()
    for w in words:
        n = normalize(w)
        if len(n) >= 4:
            out.add(n)
    return out


def _known_name(stem_folded: str, word_folded: str) -> bool:
    """The stem is a name of the knowledge base and the whole word is not one."""
    names = name_stems()
    return normalize(stem_folded) in names and normalize(word_folded) not in names


# two-letter words that commonly take و or ف (وأن، فإن، ولا، فقد)
_SHORT_STEMS = frozenset(normalize(w) for w in "أن إن لا ما هو هي في من عن لم لن قد كل ثم أو إذ لو".split())


_PREFIX_ROLES = {p: [role for role, _ in pieces] for p, pieces in _PREFIXES.items()}
# the first letters of the proclitic strings: a word starting otherwise has none
_PREFIX_FIRST = frozenset(p[0] for p in _PREFIXES)


def _prefix_ok(prefix: str, stem: str, word_freq: int) -> bool:
    roles = _PREFIX_ROLES[prefix]
    if len(stem) < 2:
        return False
    if len(stem) == 2:
        return prefix in ("و", "ف") and normalize(stem) in _SHORT_STEMS
    if "fut" in roles and stem[0] not in _IMPERFECT:
        return False
    if roles[-1] == "det":
        # the article: the stem must be a word; with لل the stem may also be read with ال
        f = max(_known(stem), _known("ال" + stem))
        return f > 0 and f * 4 >= word_freq
    if word_freq == 0 and "prep" in roles and _known_name(stem, prefix + stem):
        # an unseen word that is a preposition and a known name: بلافروف، لظريف، وبلافروف
        return True
    f = _known(stem)
    if f == 0:
        return False
    if prefix == "و":
        # the conjunction heads most words in news (وقال is commoner than قال), so a stem
        # that is a common word is enough; وزير (زير) and ولايتي (لايتي) stay whole
        return f * 4 >= word_freq or f >= 800
    # ف ب ك ل alone begin many names and nouns (فيصل، كما، بشار): ask more of the stem
    # an unseen word is split only when its stem is very common: كامران is a name, not ك + امران
    return f >= 3 * word_freq and (word_freq > 0 or f >= 1000)


@lru_cache(maxsize=200_000)
def segment_word(word: str) -> tuple[tuple[int, int, str], ...]:
    """Split a written Arabic word into ``(start, end, role)`` pieces over ``word`` itself.

    Offsets are into the original word (diacritics included); roles are conj, prep, fut, det,
    stem and pron. A word with no clitic is one ``stem`` piece.
    """
    # map folded characters back to the word's own indices
    if _NOT_ONE_TO_ONE.search(word) is None:
        folded = _fold(word)  # one character for one: the indices are the word's own
        n = len(folded)
        index = list(range(n + 1))
    else:
        folded_chars: list[str] = []
        index = []
        for i, ch in enumerate(word):
            for c in _fold(ch):
                folded_chars.append(c)
                index.append(i)
        folded = "".join(folded_chars)
        n = len(folded)
        index.append(len(word))
    if n == 0:
        return ((0, len(word), "stem"),)

    def orig(a: int, b: int) -> tuple[int, int]:
        start = index[a]
        end = index[b] if b < n else len(word)
        return start, end

    # a proclitic written alone with tatweel (لـ«...», بـ«...»)
    if folded in ("ل", "ب", "ك", "و", "ف"):
        role = "conj" if folded in ("و", "ف") else "prep"
        return ((0, len(word), role),)

    word_freq = _known(folded)
    best_prefix = ""
    if folded[0] in _PREFIX_FIRST:
        for p in _PREFIX_ORDER:
            if folded.startswith(p) and _prefix_ok(p, folded[len(p) :], word_freq):
                best_prefix = p
                break
    rest = folded[len(best_prefix) :]
    best_suffix = ""
    if len(rest) >= 4:
        rest_freq = _known(rest)
        for suffix in _SUFFIXES:
            if rest.endswith(suffix) and len(rest) - len(suffix) >= 3:
                stem = rest[: -len(suffix)]
                # a noun in ة writes it as ت before a pronoun (دعوته ← دعوة)
                f = max(_known(stem), _known(stem[:-1] + "ة") if stem.endswith("ت") else 0)
                if f > 0 and f >= 2 * rest_freq:
                    best_suffix = suffix
                    break
    pieces: list[tuple[int, int, str]] = []
    pos = 0
    for role, width in _PREFIXES.get(best_prefix, ()):
        a, b = orig(pos, pos + width)
        pieces.append((a, b, role))
        pos += width
    stem_end = n - len(best_suffix)
    a, b = orig(pos, stem_end)
    pieces.append((a, b, "stem"))
    if best_suffix:
        a, b = orig(stem_end, n)
        pieces.append((a, b, "pron"))
    # diacritics before the first letter belong to the first piece; close gaps
    fixed: list[tuple[int, int, str]] = []
    for i, (a, b, r) in enumerate(pieces):
        if i == 0:
            a = 0
        b = pieces[i + 1][0] if i + 1 < len(pieces) else len(word)
        fixed.append((a, b, r))
    return tuple(fixed)


@lru_cache(maxsize=200_000)
def _word(surface: str) -> tuple[str, tuple[tuple[int, int, str, str], ...]]:
    """A word's normalized form and its pieces ``(start, end, role, norm)`` (cached per word)."""
    norm = normalize(surface)
    if len(norm) == len(surface) and _NOT_ONE_TO_ONE.search(surface) is None:
        # normalized character by character: a piece's form is a slice of the word's
        return norm, tuple((a, b, role, norm[a:b]) for a, b, role in segment_word(surface))
    return norm, tuple(
        (a, b, role, normalize(surface[a:b])) for a, b, role in segment_word(surface)
    )


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (for tokenizing a slice of a body)."""
    tokens: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or "other"
        s, e = m.start() + offset, m.end() + offset
        surface = m.group()
        if kind == "other" and surface in _SPACE_LIKE:
            continue
        if kind == "ar":
            # an invisible joiner at the end is not part of the word
            while surface and surface[-1] == "\u200c":
                surface = surface[:-1]
                e -= 1
            norm, pieces = _word(surface)
            segs = [Segment(s + a, s + b, role, pn) for a, b, role, pn in pieces]
            tokens.append(Token(s, e, norm, "ar", segs))
        else:
            tokens.append(Token(s, e, normalize(surface), kind, []))
    return tokens
