"""Full-text search in Arabic: an FTS5 index over normalized words and their clitic-free stems.

Each article is one row of the ``search`` table with two columns built from the same words in
the same order: ``norms`` (each word's normalized form: no diacritics, أ/إ/آ → ا, ى → ي,
ة → ه, Arabic-Indic digits → ASCII) and ``stems`` (the stem segment of each word, without
و/ف, ب/ل/ك, س, ال and attached pronouns). A query is normalized and segmented the same way, and
each query word matches either form, so ``رئيس`` finds ``والرئيس`` and ``للرئيس``, ``سوريه``
finds ``سورية`` and ``اكد`` finds ``أكّد``.

Query syntax (FTS5's, on Arabic words): words are all required; ``"two words"`` is a phrase;
``OR``, ``NOT`` (``a NOT b``) and parentheses combine; ``-word`` excludes; ``a NEAR b`` wants
them within 10 words (``a NEAR/5 b``: 5); ``word*`` is a prefix. A malformed query raises
:class:`SearchError` with a message for the user, in English and in Arabic.

A query's cost is bounded (:class:`SearchLimits`): its length, words and prefixes are checked
before it runs, and its full-text match is stopped by SQLite's progress handler when it runs
past its time limit (:func:`time_limit`).
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from rasd.arabic.tokens import tokenize
from rasd.model import Document, Token

_SKIP_KINDS = frozenset({"punct", "other"})
_LEX = re.compile(r'(?P<phrase>-?"[^"]*"?)|(?P<open>-?\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_NEAR = re.compile(r"NEAR(?:/(\d{1,3}))?")
NEAR_DEFAULT = 10
"""Words allowed between the terms of ``a NEAR b`` (FTS5's default)."""
# the article and the particles written with it: a prefix's letters are counted after them
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")


def isolate(text: str) -> str:
    """``text`` between Unicode isolates, so that a query quoted inside an Arabic message keeps
    its own direction and does not scramble the marks around it."""
    return f"\u2068{text}\u2069"


class SearchError(ValueError):
    """A search query that cannot be run; the message says how to fix it.

    Args:
        message: what is wrong and what to do, in English (the command line's language).
        arabic: the same in Arabic, for the web app (defaults to the English message).
    """

    def __init__(self, message: str, arabic: str | None = None) -> None:
        super().__init__(message)
        self.arabic = arabic or message


class QueryTimeout(SearchError):
    """A query stopped because it ran past its time limit."""


class QueryCancelled(SearchError):
    """A query stopped because the process is shutting down."""


@dataclass(frozen=True, slots=True)
class SearchLimits:
    """What one search may cost (as datasette's ``sql_time_limit_ms``): the shape of the query,
    checked before it runs, and its running time, checked while it runs.

    Attributes:
        max_chars: characters in the query.
        max_terms: words in the query, phrases' words and excluded words included.
        max_prefixes: ``word*`` prefix terms (each one expands to every word it begins).
        min_prefix_letters: letters a prefix keeps after the article (``ال``، ``وال``، ``لل``…).
        seconds: database time for the query's full-text match, and for a whole web page
            (0: no limit).
    """

    max_chars: int = 500
    max_terms: int = 24
    max_prefixes: int = 4
    min_prefix_letters: int = 2
    seconds: float = 10.0


DEFAULT_LIMITS = SearchLimits()


def limits_of(conn: sqlite3.Connection) -> SearchLimits:
    """The search limits a connection was opened with (:func:`rasd.store.connect`)."""
    limits = getattr(conn, "limits", None)
    return limits if isinstance(limits, SearchLimits) else DEFAULT_LIMITS


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in _SKIP_KINDS and t.norm.strip()]


def index_text(doc: Document) -> tuple[str, str]:
    """The ``(norms, stems)`` columns of a document's search row: headline then body."""
    tokens = tokenize(doc.article.headline or "")
    body_tokens = doc.tokens if doc.tokens else tokenize(doc.article.body)
    words = _words(tokens) + _words(body_tokens)
    return " ".join(t.norm for t in words), " ".join(t.stem_norm for t in words)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(slots=True)
class Query:
    """A user query translated for FTS5, with the word forms to highlight in results."""

    text: str
    fts: str
    norms: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)

    def matches(self, token: Token) -> bool:
        """Whether a token of an article is one of the query's words (for highlighting)."""
        if token.kind in _SKIP_KINDS:
            return False
        if token.norm in self.norms or token.stem_norm in self.stems:
            return True
        return any(token.norm.startswith(p) or token.stem_norm.startswith(p) for p in self.prefixes)


@dataclass(slots=True)
class _Term:
    """A word, a prefix or a phrase: the same words as normalized forms and as stems."""

    norms: list[str]
    stems: list[str]
    prefix: bool = False

    def phrase(self, column: str) -> str:
        words = self.norms if column == "norms" else self.stems
        return _quote(" ".join(words)) + (" *" if self.prefix else "")

    def fts(self) -> str:
        return f"(norms : {self.phrase('norms')} OR stems : {self.phrase('stems')})"


def _near(terms: list[_Term], distance: int) -> str:
    groups = [
        f"{column} : NEAR({' '.join(t.phrase(column) for t in terms)}, {distance})" for column in ("norms", "stems")
    ]
    return "(" + " OR ".join(groups) + ")"


def _prefix_letters(norm: str) -> int:
    """Letters of a prefix after the article: ``الرئ`` keeps 2, ``ال`` and ``وال`` none."""
    for p in _ARTICLE_PREFIXES:
        if norm.startswith(p):
            return len(norm) - len(p)
    return len(norm)


def parse_query(text: str, limits: SearchLimits | None = None) -> Query:
    """Translate a user query into an FTS5 expression over the ``norms`` and ``stems`` columns.

    Syntax: words (all required), ``"a phrase"``, ``OR``, ``NOT`` between two terms, ``-word``
    (or ``-"a phrase"``: articles without it), ``a NEAR b`` (within 10 words; ``a NEAR/5 b``
    within 5), parentheses, and ``word*`` for a prefix.

    Raises:
        SearchError: the query has no word, an unterminated phrase, a misused ``-`` or
            ``NEAR``, or goes past ``limits`` (default :data:`DEFAULT_LIMITS`).
    """
    limits = limits or DEFAULT_LIMITS
    if len(text) > limits.max_chars:
        raise SearchError(
            f"the query is {len(text):,} characters long; at most {limits.max_chars:,} are allowed: shorten it",
            f"طول الاستعلام {len(text):,} حرفاً، والحد الأقصى {limits.max_chars:,}: اختصره",
        )
    q = Query(text=text, fts="")
    items: list[_Term | str | tuple[str, int]] = []  # terms, operators, parentheses, ("NEAR", n)
    excluded: list[_Term] = []
    words = prefixes = 0

    def term_of(tokens: list[Token], prefix: bool) -> _Term:
        return _Term([t.norm for t in tokens], [t.stem_norm for t in tokens], prefix)

    for m in _LEX.finditer(text.strip()):
        kind, piece = m.lastgroup, m.group()
        negated = piece.startswith("-") and len(piece) > 1
        if negated:
            piece = piece[1:]
        if kind == "open":
            if negated:
                raise SearchError(
                    "-( … ) cannot exclude a group: write the words to find, then NOT (a OR b)",
                    "لا يمكن استبعاد مجموعة بـ -( … ): اكتب الكلمات المطلوبة ثم NOT (أ OR ب)",
                )
            items.append("(")
            continue
        if kind == "close":
            items.append(")")
            continue
        if kind == "word" and not negated and piece in _OPERATORS:
            items.append(piece)
            continue
        near = _NEAR.fullmatch(piece) if kind == "word" and not negated else None
        if near:
            items.append(("NEAR", int(near.group(1)) if near.group(1) else NEAR_DEFAULT))
            continue
        prefix = False
        if kind == "phrase":
            if len(piece) < 2 or not piece.endswith('"'):
                raise SearchError(
                    'a phrase is missing its closing quote: write "two words"',
                    "عبارة بلا علامة تنصيص ختامية: اكتب \"كلمتان\" بين علامتي تنصيص",
                )
            tokens = _words(tokenize(piece[1:-1]))
        else:
            prefix = piece.endswith("*")
            tokens = _words(tokenize(piece.rstrip("*")))
        if not tokens:
            continue
        words += len(tokens)
        prefix = prefix and len(tokens) == 1  # a word with punctuation inside is a phrase
        if prefix:
            prefixes += 1
            t = tokens[0]
            if _prefix_letters(t.norm) < limits.min_prefix_letters:
                raise SearchError(
                    f"{piece} is too short a prefix (it would match almost every word): "
                    f"give at least {limits.min_prefix_letters} letters before the *, not counting ال",
                    f"البادئة {isolate(piece)} قصيرة جداً (تطابق كل كلمة تقريباً): اكتب {limits.min_prefix_letters} "
                    "أحرف على الأقل قبل * دون احتساب «ال»",
                )
        term = term_of(tokens, prefix)
        if negated:
            excluded.append(term)
            continue
        if prefix:
            q.prefixes.extend({tokens[0].norm, tokens[0].stem_norm})
        else:
            q.norms.update(term.norms)
            q.stems.update(term.stems)
        items.append(term)
    if words > limits.max_terms:
        raise SearchError(
            f"the query has {words} words; at most {limits.max_terms} are allowed: keep the words that matter",
            f"في الاستعلام {words} كلمة، والحد الأقصى {limits.max_terms}: أبقِ الكلمات المهمة",
        )
    if prefixes > limits.max_prefixes:
        raise SearchError(
            f"the query has {prefixes} word* prefixes; at most {limits.max_prefixes} are allowed: "
            "write some words in full",
            f"في الاستعلام {prefixes} بادئة (كلمة*)، والحد الأقصى {limits.max_prefixes}: اكتب بعض الكلمات كاملة",
        )
    if not any(isinstance(x, _Term) for x in items):
        if excluded:
            raise SearchError(
                "-word only excludes: add at least one word to find (لافروف -ظريف)",
                "علامة - تستبعد فقط: أضف كلمة واحدة على الأقل للبحث عنها (لافروف -ظريف)",
            )
        raise SearchError(
            "the query has no word to search for: type one or more Arabic words",
            "لا كلمة في الاستعلام: اكتب كلمة عربية أو أكثر",
        )
    parts = _render(items)
    fts = " ".join(parts)
    if excluded:
        fts = f"({fts}) NOT ({' OR '.join(t.fts() for t in excluded)})"
    q.fts = fts
    return q


def _render(items: list[_Term | str | tuple[str, int]]) -> list[str]:
    """FTS5 text of the items: NEAR chains grouped, the implicit AND written out."""
    parts: list[str] = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, tuple):  # NEAR with nothing usable before it
            raise _near_error()
        if isinstance(item, _Term) and i + 1 < len(items) and isinstance(items[i + 1], tuple):
            chain, distance = [item], 0
            while i + 1 < len(items) and isinstance(items[i + 1], tuple):
                op = items[i + 1]
                assert isinstance(op, tuple)
                nxt = items[i + 2] if i + 2 < len(items) else None
                if not isinstance(nxt, _Term):
                    raise _near_error()
                chain.append(nxt)
                distance = max(distance, op[1])
                i += 2
            expr = _near(chain, distance)
        elif isinstance(item, _Term):
            expr = item.fts()
        else:
            expr = item
        if expr in _OPERATORS or expr == ")":
            parts.append(expr)
        else:
            # FTS5 has no implicit AND between parenthesized groups: write it out
            if parts and (parts[-1] == ")" or parts[-1] not in _OPERATORS | {"("}):
                parts.append("AND")
            parts.append(expr)
        i += 1
    return parts


def _near_error() -> SearchError:
    return SearchError(
        "NEAR joins two words or phrases: a NEAR b (within 10 words) or a NEAR/5 b",
        "NEAR تربط كلمتين أو عبارتين: أ NEAR ب (في حدود 10 كلمات) أو أ NEAR/5 ب",
    )


_budgets: dict[int, list[tuple[float, threading.Event | None]]] = {}
_budgets_lock = threading.Lock()
_PROGRESS_STEPS = 10_000


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float | None, cancel: threading.Event | None = None) -> Iterator[None]:
    """Stop every statement run on ``conn`` inside the block once ``seconds`` have passed, or
    once ``cancel`` is set, through SQLite's progress handler. Blocks nest: the inner one
    gets what is left of the outer one's time.

    Raises:
        QueryTimeout: a statement ran past the limit.
        QueryCancelled: ``cancel`` was set (the server is shutting down).
    """
    key = id(conn)
    with _budgets_lock:
        stack = _budgets.setdefault(key, [])
        outer = stack[-1] if stack else (math.inf, None)
        deadline = time.monotonic() + seconds if seconds and seconds > 0 else math.inf
        deadline = min(deadline, outer[0])
        cancel = cancel or outer[1]
        stack.append((deadline, cancel))
    limit = seconds if seconds and seconds > 0 else None
    if deadline < math.inf or cancel is not None:
        flag = cancel

        def stop() -> int:
            return int(time.monotonic() > deadline or (flag is not None and flag.is_set()))

        conn.set_progress_handler(stop, _PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        if cancel is not None and cancel.is_set():
            raise QueryCancelled(
                "the query was stopped because the server is shutting down",
                "أُوقف الاستعلام لأن الخادم يتوقف عن العمل",
            ) from None
        allowed = f"{limit:g} s" if limit else "its time"
        raise QueryTimeout(
            f"the query took longer than {allowed} and was stopped: use fewer words or prefixes "
            "(word*), longer prefixes, a phrase, or narrow the dates",
            f"استغرق الاستعلام أكثر من {limit:g} ثانية فأُوقف: استخدم كلمات أو بادئات أقل، أو بادئات أطول، "
            "أو عبارة محددة، أو ضيّق نطاق التواريخ" if limit else
            "تجاوز الاستعلام الوقت المسموح فأُوقف: ضيّق البحث",
        ) from None
    finally:
        with _budgets_lock:
            stack.pop()
            if stack:
                o_deadline, o_cancel = stack[-1]

                def outer_stop() -> int:
                    return int(time.monotonic() > o_deadline or (o_cancel is not None and o_cancel.is_set()))

                conn.set_progress_handler(outer_stop, _PROGRESS_STEPS)
            else:
                del _budgets[key]
                conn.set_progress_handler(None, _PROGRESS_STEPS)


def run_search_sql(conn: sqlite3.Connection, sql: str, params: list[Any], text: str) -> list[sqlite3.Row]:
    """Run a statement holding ``search MATCH ?`` within the connection's time limit
    (:class:`SearchLimits`), turning FTS5 syntax errors into :class:`SearchError` (``text``
    is the user's query, for the message).

    Raises:
        SearchError: FTS5 rejected the expression; QueryTimeout: it ran too long.
    """
    try:
        with time_limit(conn, limits_of(conn).seconds):
            return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if "fts5" in msg or "syntax error" in msg or "malformed MATCH" in msg or "unterminated" in msg:
            raise SearchError(
                f"could not understand the query {text!r}: use words, \"a phrase\", OR, "
                "NOT between two words (a NOT b), -word, a NEAR b, balanced parentheses and word* for a prefix",
                f"تعذر فهم الاستعلام «{isolate(text)}»: استخدم كلمات، \"عبارة\"، OR، NOT بين كلمتين (أ NOT ب)، "
                "-كلمة، أ NEAR ب، أقواساً متوازنة، وكلمة* للبادئة",
            ) from None
        raise


def match_rowids(conn: sqlite3.Connection, query: Query) -> list[tuple[int, float]]:
    """``(articles.num, bm25 rank)`` of every article matching, best first.

    Raises:
        SearchError: FTS5 rejected the expression (misplaced operator or parenthesis), or the
            match ran past the connection's time limit.
    """
    rows = run_search_sql(
        conn,
        "SELECT rowid, bm25(search) AS rank FROM search WHERE search MATCH ? ORDER BY rank",
        [query.fts],
        query.text,
    )
    return [(int(r[0]), float(r[1])) for r in rows]


Fragment = list[tuple[str, bool]]
"""A passage of text as ``(piece, is_match)`` pieces."""


def highlight_parts(text: str, query: Query, *, offset: int = 0, tokens: list[Token] | None = None) -> Fragment:
    """``text`` cut into pieces, the words matching ``query`` as pieces of their own."""
    toks = tokens if tokens is not None else tokenize(text, offset)
    out: Fragment = []
    pos = 0
    for t in toks:
        if not query.matches(t):
            continue
        a, b = t.start - offset, t.end - offset
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def to_markup(fragment: Fragment) -> Markup:
    """Escaped HTML of a fragment, matches in ``<mark>``."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(t) if hit else Markup("{}").format(t) for t, hit in fragment
    )


def highlight(text: str, query: Query) -> Markup:
    """``text`` escaped, with the words matching ``query`` wrapped in ``<mark>``."""
    return to_markup(highlight_parts(text, query))


def snippet_parts(body: str, query: Query, *, width: int = 20, fragments: int = 2) -> list[Fragment]:
    """Up to ``fragments`` passages of about ``2 * width`` words around the first matches
    (``…`` marks cut text), or the opening words when nothing matches."""
    toks = tokenize(body)
    if not toks:
        return []
    hits = [i for i, t in enumerate(toks) if query.matches(t)]
    if not hits:
        end = toks[min(len(toks), 2 * width) - 1].end
        return [[(body[:end] + ("…" if end < len(body) else ""), False)]]
    windows: list[tuple[int, int]] = []
    for h in hits:
        a, b = max(0, h - width), min(len(toks), h + width)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        elif len(windows) < fragments:
            windows.append((a, b))
        else:
            break
    out: list[Fragment] = []
    for a, b in windows:
        start, end = toks[a].start, toks[b - 1].end
        frag = highlight_parts(body[start:end], query, offset=start, tokens=toks[a:b])
        if start > 0:
            frag.insert(0, ("… ", False))
        out.append(frag)
    if toks[windows[-1][1] - 1].end < len(body):
        out[-1].append((" …", False))
    return out


def snippet(body: str, query: Query, *, width: int = 20, fragments: int = 2) -> Markup:
    """:func:`snippet_parts` as escaped HTML."""
    return Markup(" ").join(to_markup(f) for f in snippet_parts(body, query, width=width, fragments=fragments))
