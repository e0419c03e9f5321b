"""HTML pages: main text through trafilatura, keeping title, date, url and author."""

from __future__ import annotations

import warnings

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
    article.date = iso_date(getattr(doc, "date", None))
    article.url = getattr(doc, "url", None)
    article.byline = getattr(doc, "author", None)
    cats = getattr(doc, "categories", None)
    if cats:
        article.section = cats[0]
    return article
