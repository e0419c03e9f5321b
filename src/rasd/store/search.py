"""Full-text search in Arabic: an FTS5 index over normalized words and their clitic-free stems.

Each article is one row of the ``search`` table with two columns built from the same words in
the same order: ``norms`` (each word's normalized form: no diacritics, أ/إ/آ → ا, ى → ي,
ة → ه, Arabic-Indic digits → ASCII) and ``stems`` (the stem segment of each word, without
و/ف, ب/ل/ك, س, ال and attached pronouns). A query is normalized and segmented the same way, and
each query word matches either form, so ``رئيس`` finds ``والرئيس`` and ``للرئيس``, ``سوريه``
finds ``سورية`` and ``اكد`` finds ``أكّد``.

Query syntax (FTS5's, on Arabic words): words are all required; ``"two words"`` is a phrase;
``OR``, ``NOT`` (``a NOT b``) and parentheses combine; ``word*`` is a prefix. A malformed query
raises :class:`SearchError` with a message for the user.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from rasd.arabic.tokens import tokenize
from rasd.model import Document, Token

_SKIP_KINDS = frozenset({"punct", "other"})
_QUERY_PART = re.compile(r'"[^"]*"?|\(|\)|\S+?(?=[()"]|\s|$)|\S')
_OPERATORS = frozenset({"AND", "OR", "NOT"})


class SearchError(ValueError):
    """A search query that cannot be run; the message says how to fix it."""


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


def parse_query(text: str) -> Query:
    """Translate a user query into an FTS5 expression over the ``norms`` and ``stems`` columns.

    Raises:
        SearchError: the query has no word, or an unterminated phrase.
    """
    q = Query(text=text, fts="")
    parts: list[str] = []
    words = 0

    def operand(expr: str) -> None:
        # FTS5 has no implicit AND between parenthesized groups: write it out
        if parts and (parts[-1] == ")" or parts[-1] not in _OPERATORS | {"("}):
            parts.append("AND")
        parts.append(expr)

    def phrase(tokens: list[Token]) -> str:
        q.norms.update(t.norm for t in tokens)
        q.stems.update(t.stem_norm for t in tokens)
        return (
            f"(norms : {_quote(' '.join(t.norm for t in tokens))} OR "
            f"stems : {_quote(' '.join(t.stem_norm for t in tokens))})"
        )

    for m in _QUERY_PART.finditer(text.strip()):
        piece = m.group()
        if piece.startswith('"'):
            if len(piece) < 2 or not piece.endswith('"'):
                raise SearchError('a phrase is missing its closing quote: write "two words"')
            tokens = _words(tokenize(piece[1:-1]))
            if tokens:
                words += len(tokens)
                operand(phrase(tokens))
        elif piece == "(":
            operand("(")
        elif piece == ")" or piece in _OPERATORS:
            parts.append(piece)
        else:
            prefix = piece.endswith("*")
            tokens = _words(tokenize(piece.rstrip("*")))
            if not tokens:
                continue
            words += len(tokens)
            if prefix and len(tokens) == 1:
                t = tokens[0]
                q.prefixes.extend({t.norm, t.stem_norm})
                operand(f"(norms : {_quote(t.norm)} * OR stems : {_quote(t.stem_norm)} *)")
            else:  # one word, or a word with punctuation inside (الولايات-المتحدة): a phrase
                operand(phrase(tokens))
    if words == 0:
        raise SearchError("the query has no word to search for: type one or more Arabic words")
    q.fts = " ".join(parts)
    return q


def run_search_sql(conn: sqlite3.Connection, sql: str, params: list[Any], text: str) -> list[sqlite3.Row]:
    """Run a statement holding ``search MATCH ?``, turning FTS5 syntax errors into
    :class:`SearchError` (``text`` is the user's query, for the message)."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if "fts5" in msg or "syntax error" in msg or "malformed MATCH" in msg or "unterminated" in msg:
            raise SearchError(
                f"could not understand the query {text!r}: use words, \"a phrase\", OR, "
                "NOT between two words (a NOT b), balanced parentheses and word* for a prefix"
            ) from None
        raise


def match_rowids(conn: sqlite3.Connection, query: Query) -> list[tuple[int, float]]:
    """``(articles.num, bm25 rank)`` of every article matching, best first.

    Raises:
        SearchError: FTS5 rejected the expression (misplaced operator or parenthesis).
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
