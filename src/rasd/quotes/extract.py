"""The order of it all: for each sentence, the relaying source, each cue's statement, the
statements without a cue, and what the sentence tells the next."""

from __future__ import annotations

from rasd.model import Actor, Document, Quote, Sentence
from rasd.quotes.constructions import SENTENCE, VIA, note_topic
from rasd.quotes.cued import Cued, cued_statement
from rasd.quotes.cues import find_cues, opens_clause
from rasd.quotes.state import QuoteState


def extract_quotes(doc: Document) -> list[Quote]:
    """The attributed statements of ``doc`` (which must have sentences, tokens and entities);
    the candidates a rule turned down go to ``doc.dropped``."""
    st = QuoteState(doc)
    previous: Sentence | None = None
    for sentence in doc.sentences:
        cues = find_cues(doc, sentence.token_start, sentence.token_end)
        via = next((out for r, out in VIA.fire(st, sentence)), None)
        sentence_speaker: Actor | None = None
        before = len(st.quotes)
        for n, cue in enumerate(cues):
            c = Cued(
                sentence,
                cue,
                next((x for x in cues[n + 1 :] if opens_clause(doc, x)), None),
                cues[n + 1] if n + 1 < len(cues) else None,
                sentence_speaker,
                via,
            )
            if via is not None:
                c.rules.append("quotes.source.via")
            q = cued_statement(st, c)
            if q is not None:
                sentence_speaker = doc.entity(q.speaker) or sentence_speaker
        for _r, _q in SENTENCE.fire(st, sentence, previous, before):
            pass
        previous = sentence
        note_topic(st, sentence)
    return st.quotes
