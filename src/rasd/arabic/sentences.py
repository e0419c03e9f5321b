"""Sentence splitting for Arabic news that respects quotations and abbreviations.

Paragraphs (lines) always end a sentence. Inside a paragraph a sentence ends after ``.``,
``!``, ``?``, ``؟`` or ``…`` when no quotation opened by «, “ or ‹ is still open, and when the
full stop does not close an abbreviation (a single letter such as the د. of a doctor's title,
Latin initials, a number's decimal point). When a paragraph's quotation marks do not balance,
the paragraph is split as if there were none, so one stray « cannot swallow a paragraph.
"""

from __future__ import annotations

import re

from rasd.model import Sentence

_ENDERS = frozenset(".!?؟…")
_OPEN = {"«": "»", "“": "”", "‹": "›"}
_CLOSE = frozenset(_OPEN.values())
# characters that may trail a sentence end and still belong to the sentence
_TRAILERS = frozenset("»”’\"')]›}")
_ABBREV_WORDS = frozenset(
    {
        "د", "م", "ج", "ه", "ق", "ص", "ب", "ت", "س", "ع", "ش", "ك", "ن", "أ", "ا", "ف", "ط", "ل",
        "Mr", "Mrs", "Dr", "St", "Jr", "Co", "Inc", "Ltd", "No", "vs", "etc",
    }
)
_WORD_BEFORE = re.compile(r"([\w\u0600-\u06ff]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or sits inside a number."""
    if text[dot] != ".":
        return False
    nxt = text[dot + 1] if dot + 1 < len(text) else ""
    prev = text[dot - 1] if dot > 0 else ""
    if prev.isdigit() and nxt.isdigit():
        return True
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if m is None:
        return False
    word = m.group(1)
    # initials: أ.ف.ب, U.S.
    return word in _ABBREV_WORDS or (len(word) == 1 and word.isalpha())


def _split_paragraph(text: str, start: int, end: int, use_quotes: bool) -> list[tuple[int, int]] | None:
    """Sentence spans of ``text[start:end]``; None when quotes do not balance."""
    spans: list[tuple[int, int]] = []
    depth = 0
    ascii_open = False
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if use_quotes:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif ch == '"':
                ascii_open = not ascii_open
        if ch in _ENDERS and depth == 0 and not ascii_open:
            j = i + 1
            while j < end and (text[j] in _ENDERS or text[j] in _TRAILERS):
                j += 1
            if not _is_abbreviation(text, i) and (j >= end or text[j].isspace()):
                spans.append((sent_start, j))
                sent_start = j
                i = j
                continue
        i += 1
    if use_quotes and (depth != 0 or ascii_open):
        return None
    spans.append((sent_start, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; spans are trimmed of surrounding whitespace."""
    sentences: list[Sentence] = []
    paragraph = 0
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        if text[pos:line_end].strip():
            spans = _split_paragraph(text, pos, line_end, use_quotes=True)
            if spans is None:
                spans = _split_paragraph(text, pos, line_end, use_quotes=False) or []
            for a, b in spans:
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if b > a:
                    sentences.append(Sentence(a, b, paragraph=paragraph))
            paragraph += 1
        if nl < 0:
            break
        pos = nl + 1
    return sentences
