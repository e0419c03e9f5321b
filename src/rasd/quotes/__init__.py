"""Attributed statements: who said what, with the reporting cue and the exact words.

Three constructions are recognised, all from a reporting cue (``src/rasd/data/lexicon/
quote_cues.tsv``):

* **direct**: the cue introduces words in quotation marks (« », “ ”, " ", ‹ ›), with or without
  a colon or an إن/أن before them; quotations may run across sentences and paragraphs;
* **indirect**: the cue takes an أن/إن clause (``أكد أن``، ``أشار إلى أن``، ``مشيراً إلى أن``),
  or, after ``جدد التأكيد على``, a noun phrase; the clause runs to the next cue or the end of
  the sentence;
* **mixed**: an indirect clause that carries a quoted fragment (``وهو «مرفوض تماماً»``).

The speaker is the name right after the cue (VSO: ``أكد لاريجاني والمقداد``, joint speakers
become co-speakers), else the subject named before it in the sentence (SVO), else — for
continuations such as ``وقال:``، ``وأضاف``، ``واعتبر أن`` and circumstantial participles — the
speaker of the previous statement, following the article's order. ``بحسب وكالة «سانا»`` sets the
source the statement is relayed through (``via``). An unnamed source (``مصدر أمني``) keeps its
words as ``speaker_text`` with no speaker id.

Every decision is a registered rule (:mod:`rasd.quotes.registry`); each quote names the rules
that made it (``Quote.rules``), and the cues a rule turned down go to ``doc.dropped``.

* :mod:`rasd.quotes.lexicon`: the cue lexicon; :mod:`rasd.quotes.words`: the word lists;
* :mod:`rasd.quotes.marks`: quotation marks; :mod:`rasd.quotes.cues`: cues in a sentence;
* :mod:`rasd.quotes.state`: the document state and the one builder of a quote;
* :mod:`rasd.quotes.content`: where a statement starts and ends;
* :mod:`rasd.quotes.speakers`, :mod:`rasd.quotes.speaker_rules`: who speaks;
* :mod:`rasd.quotes.cued`: a cue's statement; :mod:`rasd.quotes.constructions`: statements
  with no cue before them; :mod:`rasd.quotes.extract`: the order of it all.
"""

from __future__ import annotations

from rasd.model import Document
from rasd.quotes.extract import extract_quotes
from rasd.quotes.marks import quote_pairs


def quotes_stage(doc: Document) -> Document:
    """Add ``doc.quotes``: the quote rules find them, the trained ranking
    (:mod:`rasd.quotes.ranking`) chooses each one's speaker unless ``RASD_SPEAKERS=rules``."""
    doc.quotes = extract_quotes(doc)
    from rasd.quotes.ranking import apply, default_model, speaker_ranking

    if speaker_ranking() == "learned":
        apply(default_model(), doc)
    return doc


__all__ = ["extract_quotes", "quote_pairs", "quotes_stage"]
