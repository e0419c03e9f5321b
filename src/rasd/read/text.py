"""Plain-text article forms.

* The scraped-page form: a section line, the headline, a byline line (``| وكالات``), the body
  paragraphs, then site furniture (back-to-top buttons, the outlet's masthead).
* The two-line-header form: line 1 the section (or the paper's name), line 2 the headline, then
  the body.
* Bare text: the whole input is the body.

Furniture lines are removed wherever they stand and recorded in ``Article.boilerplate``; a
trailing masthead (``صحيفة الوطن``) names the outlet.
"""

from __future__ import annotations

import re

from rasd.model import Article
from rasd.read.boilerplate import boilerplate_kind, is_related_link, masthead

_BYLINE = re.compile(
    r"^\s*(?:\|\s*(?P<bar>.+?)|(?:بقلم|كتب|كتبت|إعداد|اعداد|تحرير|تقرير)\s*[:：]?\s*(?P<by>.+?))\s*$"
)
_HEADLINE_SEPARATORS = ("…", "...")
_HEADLINE_WEAK_SEPARATOR = re.compile(r"(?<!\.)\.\.(?!\.)")
_SENTENCE_END = ("." , "؟", "?", "!", "»", '"', "”")


def split_headline(headline: str) -> list[str]:
    """Split a headline whose parts are joined by ``…`` (or, when there is none, by ``..``)."""
    parts: list[str]
    if any(sep in headline for sep in _HEADLINE_SEPARATORS):
        parts = re.split(r"…|\.\.\.", headline)
    elif _HEADLINE_WEAK_SEPARATOR.search(headline):
        parts = _HEADLINE_WEAK_SEPARATOR.split(headline)
    else:
        return [headline.strip()]
    parts = [p.strip() for p in parts if p.strip()]
    return parts if len(parts) > 1 else [headline.strip()]


def _words(line: str) -> int:
    return len(line.split())


def _is_label(line: str) -> bool:
    """A section name or paper name: a few words and no sentence punctuation."""
    s = line.strip()
    return 0 < _words(s) <= 4 and len(s) <= 40 and not any(c in s for c in ".،:؟?!«»\"")


def _is_headline(line: str) -> bool:
    s = line.strip()
    return 0 < _words(s) <= 45 and not s.endswith(("،", ":"))


def _byline(line: str) -> str | None:
    m = _BYLINE.match(line)
    if not m or _words(line) > 8:
        return None
    return (m.group("bar") or m.group("by") or "").strip() or None


def parse_text(
    text: str, source: str | None = None, *, outlet: str | None = None, headers: bool = True
) -> Article:
    """Parse one article in any of the plain-text forms above.

    Args:
        text: the decoded input.
        source: where it came from, for messages.
        outlet: the outlet when known from elsewhere (a manifest, a record field).
        headers: look for section/headline/byline lines; False when the text is known to be a
            body only (a JSONL record's ``text`` field).
    """
    lines: list[tuple[int, int]] = []  # (start, end) of each line, without the newline
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    content = [i for i, (a, b) in enumerate(lines) if text[a:b].strip()]

    def line(i: int) -> str:
        a, b = lines[i]
        return text[a:b].strip()

    section = headline = byline = None
    header_end = 0  # index into `content` where the body starts
    # the scraped-page form has a byline within the first four lines
    bar_at = (
        next((k for k in range(min(4, len(content))) if _byline(line(content[k]))), None)
        if headers
        else None
    )
    if bar_at is not None and len(content) > bar_at + 1:
        head = [line(content[k]) for k in range(bar_at)]
        if len(head) >= 2 and _is_label(head[0]):
            section, headline = head[0], " ".join(head[1:])
        elif len(head) == 1:
            headline = head[0]
        byline = _byline(line(content[bar_at]))
        header_end = bar_at + 1
    elif not headers:
        pass
    elif len(content) >= 3 and _is_label(line(content[0])) and _is_headline(line(content[1])):
        section, headline = line(content[0]), line(content[1])
        header_end = 2
    elif len(content) >= 2 and _is_headline(line(content[0])) and not line(content[0]).endswith(
        _SENTENCE_END
    ) and _words(line(content[1])) > _words(line(content[0])):
        headline = line(content[0])
        header_end = 1

    body_idx = content[header_end:]
    removed: set[int] = set()
    boilerplate: list[str] = []
    found_outlet = outlet
    # trailing furniture, read from the end: boilerplate and the masthead
    tail: list[str] = []
    for i in reversed(body_idx):
        s = line(i)
        if boilerplate_kind(s) is not None:
            removed.add(i)
            tail.append(s)
            continue
        if masthead(s, outlet) and _words(s) <= 5:
            removed.add(i)
            tail.append(s)
            found_outlet = found_outlet or s
            continue
        break
    # furniture between paragraphs
    kept_idx = [i for i in body_idx if i not in removed]
    for pos_k, i in enumerate(kept_idx):
        s = line(i)
        if boilerplate_kind(s) is not None or (0 < pos_k < len(kept_idx) - 1 and is_related_link(s)):
            removed.add(i)
    for i in body_idx:
        if i in removed and line(i) not in tail:
            boilerplate.append(line(i))
    boilerplate.extend(reversed(tail))

    body_lines = [i for i in body_idx if i not in removed]
    if body_lines:
        # the body is the original text from its first to its last line, minus furniture lines
        pieces: list[str] = []
        first, last = body_lines[0], body_lines[-1]
        cur = lines[first][0]
        for i in range(first, last + 1):
            a, b = lines[i]
            if i in removed:
                pieces.append(text[cur:a])
                cur = b + 1 if i < last else b
        pieces.append(text[cur : lines[last][1]])
        body = "".join(pieces)
        # a removed line leaves its neighbours' newlines; collapse triple breaks it created
        body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
        body = body.rstrip()
        lead = len(body) - len(body.lstrip())
        body = body[lead:]
    else:
        body = ""
    return Article(
        body=body,
        section=section,
        headline=headline,
        headline_parts=split_headline(headline) if headline else [],
        byline=byline,
        outlet=found_outlet,
        boilerplate=boilerplate,
        source=source,
    )
