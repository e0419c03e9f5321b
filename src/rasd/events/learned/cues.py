"""The event-cue lexicon's hits on a document's words, added to its sentence view."""

from __future__ import annotations

from rasd.events.lexicon import load_lexicon
from rasd.learn.view import DocView, LexHit
from rasd.model import Document, Event


def add_cue_hits(view: DocView) -> DocView:
    """Fill each sentence's ``hits``: every lexicon cue each Arabic word can be."""
    lex = load_lexicon()
    for s in view.sentences:
        for k in range(s.token_start, s.token_end):
            tok = view.tokens[k]
            if tok.kind != "ar":
                continue
            for hit in lex.match(tok.norm):
                cue = hit.cue
                s.hits.append(LexHit(k, cue.type, cue.pos, cue.frame))
    return view


def event_view(doc: Document, rule_events: list[Event]) -> DocView:
    """The sentence view the event coder reads: entities, quotes, rule events and cue hits."""
    return add_cue_hits(DocView(doc, rule_events))
