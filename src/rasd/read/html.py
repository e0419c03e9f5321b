"""HTML pages: main text through trafilatura, keeping title, date, url and author; and the
markup that record inputs (JSON Lines, CSV) carry inside their text fields."""

from __future__ import annotations

import re
import warnings
from datetime import date
from html.parser import HTMLParser

import trafilatura

from rasd.model import Article
from rasd.read.errors import ReadError
from rasd.read.meta import iso_date
from rasd.read.text import parse_text, split_headline


def parse_html(html: str, source: str) -> Article:
    """Extract the article from an HTML page.

    Raises:
        ReadError: the page holds no extractable article text.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ReadError(source, "HTML page has no article text that could be extracted", "is it a list or index page?")
    article = parse_text(text, source, outlet=getattr(doc, "sitename", None), headers=False)
    title = getattr(doc, "title", None)
    article.headline = title
    article.headline_parts = split_headline(title) if title else []
    article.url = getattr(doc, "url", None)
    # the page's metadata, then the date in its URL, and only then trafilatura's guess, which
    # may come from a copyright line (© 2013 → 2013-01-01)
    article.date = _metadata_date(html, article.url) or url_date(article.url) or iso_date(getattr(doc, "date", None))
    article.byline = getattr(doc, "author", None)
    cats = getattr(doc, "categories", None)
    if cats:
        article.section = cats[0]
    return article


# elements whose content is not article text
_SKIP_CONTENT = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "head"})
# elements that end a paragraph
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "header", "footer", "figure", "figcaption", "table", "tr", "td", "th", "pre", "hr", "dd", "dt",
})
_MARKUP = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|img|figure|figcaption|blockquote|table|tr|td|th|"
    r"section|article|iframe|script|style|font|small|sup|sub|hr)\b[^<>]*>",
    re.I,
)


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def has_markup(text: str) -> bool:
    """Whether a record's text field holds HTML elements (``<p>``, ``<br/>``, ``<a href>``...)."""
    return _MARKUP.search(text) is not None


def markup_text(text: str) -> str:
    """The text of an HTML fragment: one line per paragraph or line break, entities decoded,
    scripts and styles dropped, runs of spaces collapsed."""
    parser = _TextOf()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
# /2013/middle_east/8/3/: year, a section, then month and day
_URL_Y_SECTION_MD = re.compile(r"/((?:19|20)\d\d)/[A-Za-z_-]+/(\d{1,2})/(\d{1,2})/")
_URL_COMPACT = re.compile(r"(?<![\d])((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")


def url_date(url: str | None) -> str | None:
    """The publication date written in a page's URL (``/2018/10/03/``, ``2018-10-03``,
    ``/2013/middle_east/8/3/``, ``20181003``), or None."""
    if not url:
        return None
    for pattern in (_URL_YMD, _URL_Y_SECTION_MD, _URL_COMPACT):
        for m in pattern.finditer(url):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def _metadata_date(page: str, url: str | None) -> str | None:
    """The date the page's metadata states (meta tags, JSON-LD, time elements), without
    htmldate's free-text search, which takes a year from a ``©`` footer."""
    try:
        from htmldate import find_date

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = find_date(page, extensive_search=False, url=url, original_date=True)
    except Exception:  # htmldate is optional (a trafilatura dependency); its failures are not ours
        return None
    return iso_date(found)
