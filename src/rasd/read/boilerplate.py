"""Recognize site furniture lines: back-to-top buttons, share/follow/read-more lines, app
promotions, comment policies, separators, mastheads.

Rules come from two data files: ``lexicon/boilerplate.tsv`` (hand-written patterns by kind) and
``lexicon/boilerplate_lines.txt`` (lines that recur verbatim across many articles of one outlet
in a large news corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize

_SEPARATOR = re.compile(r"^[\s\-–—_=*•·.~#|+<>/\\]{3,}$")
_MASTHEAD = re.compile(
    r"^(صحيفه|جريده|موقع|وكاله|قناه|مجله|شبكه|راديو|اذاعه|تلفزيون)\s+\S+(\s+\S+){0,3}$"
)


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    match: str
    pattern: str
    max_words: int
    regex: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    text = (resources.files("rasd") / "data" / "lexicon" / "boilerplate.tsv").read_text("utf-8")
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, match, pattern, max_words = line.split("\t")
        pattern = normalize(pattern)
        rx = re.compile(pattern, re.IGNORECASE) if match == "regex" else None
        rules.append(_Rule(kind, match, pattern, int(max_words), rx))
    return tuple(rules)


@lru_cache(maxsize=1)
def _known_lines() -> frozenset[str]:
    ref = resources.files("rasd") / "data" / "lexicon" / "boilerplate_lines.txt"
    try:
        text = ref.read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(ln for ln in text.splitlines() if ln and not ln.startswith("#"))


def boilerplate_kind(line: str) -> str | None:
    """The kind of furniture ``line`` is (``back-to-top``, ``share``…), or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    if _SEPARATOR.match(stripped):
        return "separator"
    norm = normalize(stripped)
    words = len(norm.split())
    for rule in _rules():
        if rule.max_words and words > rule.max_words:
            continue
        if rule.match == "exact" and norm == rule.pattern:
            return rule.kind
        if rule.match == "start" and norm.startswith(rule.pattern):
            return rule.kind
        if rule.match == "contains" and rule.pattern in norm:
            return rule.kind
        if rule.regex is not None and rule.regex.search(norm):
            return rule.kind
    if norm in _known_lines():
        return "repeated"
    return None


def masthead(line: str, outlet: str | None = None) -> bool:
    """True when ``line`` names the outlet itself (``صحيفة الوطن``), as mastheads do."""
    norm = normalize(line.strip())
    if outlet and norm == normalize(outlet):
        return True
    return bool(_MASTHEAD.match(norm)) and not norm.endswith((".", "،", ":"))


def is_related_link(line: str) -> bool:
    """A headline of another article placed between paragraphs (``الموضوع: عنوان``)."""
    s = line.strip()
    if not s or s.endswith((".", "،", ":", "»")) or s.startswith(("و", "ف", "«", '"')):
        return False
    words = s.split()
    if not 3 <= len(words) <= 14:
        return False
    colon = s.find(":")
    return 0 < colon <= 25 and len(s[:colon].split()) <= 2
