"""The event coder: cue words → PLOVER events with actors, recipients, place, date and status.

For every sentence with a cue, :func:`code_sentence` reads each cue word (:mod:`rasd.events.reading`)
as a verb, a verbal noun or a participle and runs the rules of its kind in order
(:data:`~rasd.events.verbs.VERB`, :data:`~rasd.events.nouns.NOUN`,
:data:`~rasd.events.participles.PARTICIPLE`), then :data:`~rasd.events.finish.FINISH`;
:func:`code_events` turns the drafts into records (:mod:`rasd.events.records`) and merges
repeated reports (:mod:`rasd.events.merge`). Every rule that fires is named on the record
(``Event.rules``); every candidate a rule drops is named in ``doc.dropped``.
"""

from __future__ import annotations

import bisect

from rasd.events.agents import ActorFactory
from rasd.events.draft import Draft, Stop
from rasd.events.finish import EXTRA, finish
from rasd.events.lexicon import Hit, Lexicon, load_lexicon
from rasd.events.mentions import noun_facts
from rasd.events.merge import Report, merge_reports
from rasd.events.nouns import NOUN
from rasd.events.participles import PARTICIPLE
from rasd.events.reading import read_cue
from rasd.events.records import DocumentContext, build_record, home_country
from rasd.events.sentence import DocumentState, SentenceState, sentence_dates
from rasd.events.verbs import VERB, Verb
from rasd.events.view import build_view
from rasd.model import Actor, Document, Event, Mention
from rasd.rules import RuleList

_CUE_LABELS = frozenset({"NISBA", "DEMONYM", "TITLE"})


def _run(rules: RuleList, s: SentenceState, d: Draft, *args: object) -> Draft | None:
    """Run a list of slot rules on a draft: the draft, or None when a rule drops it."""
    for r, out in rules.fire(s, *args, d):
        d.fired(r.id)
        if r.effect == "drop":
            s.drop(r.id, d.k, d.m, d.type, d.rules)
            return None
        if isinstance(out, Stop):
            break
    return d


def code_cue(s: SentenceState, hit: Hit, k: int, m: int, reading_rules: list[str]) -> Draft | None:
    """The draft of the cue word at ``k`` read as ``hit`` (up to token ``m``), or None."""
    v = s.view
    cue = hit.cue
    d = Draft(
        cue.type, cue.mode, cue, k, m, k, "",
        quote=v.quote_at.get(k), future_prefix="fut" in hit.analysis.roles, view=v, hit=hit,
        rules=list(reading_rules),
    )
    if hit.form.verbal:
        found = _run(VERB, s, d, Verb())
    elif cue.pos == "part":
        found = _run(PARTICIPLE, s, d)
    else:
        n = noun_facts(s, d)
        d.anchor = n.light[0] if n.light else k
        found = _run(NOUN, s, d, n)
    return finish(s, found) if found is not None else None


def code_sentence(s: SentenceState) -> list[Draft]:
    """Every event draft of the sentence, in order."""
    v = s.view
    consumed: set[int] = set()
    s.prev_subject = list(s.carried.last_subject)
    for k in range(v.lo, v.hi):
        if k in consumed or not v.ti(k).hits:
            continue
        reading = read_cue(s, k)
        if reading is None:
            continue
        hit, m, fired = reading
        if not hit.form.verbal:
            s.nominal_tokens.add(k)
        draft = code_cue(s, hit, k, m, fired)
        if draft is None:
            continue
        consumed.update(range(k, m))
        s.drafts.append(draft)
        ids = [a.entity for a in draft.actor_args if a.entity] + draft.actor_ids
        if ids and draft.quote is None:
            s.carried.last_subject = ids
    for draft in list(s.drafts):
        for r, extra in EXTRA.fire(s, draft):
            for g in extra:
                g.fired(r.id)
            s.drafts.extend(extra)
    return s.drafts


def document_drafts(doc: Document, lex: Lexicon) -> list[Draft]:
    """The event drafts of every sentence of a document."""
    pairs = sorted(((m, e) for e in doc.entities for m in e.mentions), key=lambda x: x[0].start)
    ent_starts = [m.start for m, _ in pairs]
    cues = sorted((m for m in doc.mentions if m.label in _CUE_LABELS), key=lambda m: m.start)
    cue_starts = [m.start for m in cues]
    carried = DocumentState()
    out: list[Draft] = []
    for sent in doc.sentences:
        tokens = doc.sentence_tokens(sent)
        if not any(lex.match(t.norm) for t in tokens if t.kind == "ar"):
            continue
        i, j = bisect.bisect_left(ent_starts, sent.start), bisect.bisect_left(ent_starts, sent.end)
        ci, cj = bisect.bisect_left(cue_starts, sent.start), bisect.bisect_left(cue_starts, sent.end)
        quotes = [q for q in doc.quotes if q.content.start < sent.end and sent.start < q.content.end]
        dates = sentence_dates(doc, sent.start, sent.end, doc.article.date, tokens)
        view = build_view(doc, sent, lex, pairs[i:j], cues[ci:cj], quotes, dates)
        s = SentenceState(view, lex, carried, dropped=doc.dropped)
        out.extend(code_sentence(s))
    return out


def code_events(doc: Document, lex: Lexicon | None = None) -> list[Event]:
    """The events of an analysed document (which needs tokens, entities and quotes), merged,
    with ids v1, v2, … in text order.

    Entities the events need that the actor layer did not list (a country named by an
    adjective, a group named by a common noun, an unidentified attacker) are appended to
    ``doc.entities``; candidates the rules turned down are appended to ``doc.dropped``.
    """
    lex = lex or load_lexicon()
    c = DocumentContext(doc, lex, ActorFactory(doc), doc.article.date, home_country(doc), dropped=doc.dropped)
    reports: list[Report] = []
    for d in document_drafts(doc, lex):
        ev = build_record(c, d)
        if ev is not None:
            reports.append(Report(ev, _key(c, ev), d.cue.lemma, _specific(c, ev)))
    merged = merge_reports(reports)
    c.factory.commit()
    for n, ev in enumerate(merged, start=1):
        ev.id = f"v{n}"
    return merged


def _key(c: DocumentContext, ev: Event) -> tuple[frozenset[str], frozenset[str]]:
    def codes(ids: list[str]) -> frozenset[str]:
        """Countries (or ids, for entities with none)."""
        return frozenset(c.country(i) or i for i in ids)

    return codes(ev.actors), codes(ev.recipients)


def _specific(c: DocumentContext, ev: Event) -> frozenset[str]:
    """The actors that are named persons or bodies."""
    out = set()
    for a in ev.actors:
        e: Actor | None = c.entity(a)
        if e is not None and e.type in ("PER", "ORG"):
            out.add(a)
    return frozenset(out)


__all__ = ["code_cue", "code_events", "code_sentence", "document_drafts"]

# re-exported for tests that build documents by hand
_ = Mention
