"""Rules on the record as a whole, once its parties are entities: where it happened, who the
arguments are as entities, who receives a reciprocal or a place-bound act (:data:`RECORD`); and,
once its status is known, how negation or a statement changes it (:data:`FINAL`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasd.dates import DateMention, date_relation
from rasd.events.draft import Draft, Retype, bare
from rasd.events.ontology import load_ontology
from rasd.events.sentence import sentence_dates
from rasd.events.view import Arg
from rasd.events.words import marker, norm
from rasd.model import Actor, Span
from rasd.places import choose_place, place_info
from rasd.rules import RuleList, rule

if TYPE_CHECKING:
    from rasd.events.records import DocumentContext

STRIKE_MODES = frozenset({"shelling", "aerial", "drone", "explosives", "suicide"})
"""Attacks that hit a place (shelling, air strikes, bombs), unlike an operation conducted there."""
CONFLICT = frozenset({"COERCE", "MOBILIZE", "THREATEN", "SANCTION", "REJECT"})
"""Conflict acts that, reported by the other side, are its accusation."""


@dataclass(slots=True)
class Record:
    """An event being built from a draft: its parties as entity ids, place, status, date."""

    type: str
    mode: str | None
    cue: Span
    rules: list[str] = field(default_factory=list)
    place: Actor | None = None
    place_country: str | None = None
    actors: list[str] = field(default_factory=list)
    recipient_args: list[Arg] = field(default_factory=list)  # the draft's, less those rules set aside
    recipients: list[str] = field(default_factory=list)
    status: str = "asserted"
    date: DateMention | None = None
    date_value: str | None = None


@rule("events.role.place", "role")
def place(c: DocumentContext, d: Draft, r: Record) -> bool:
    """Where the event happened: a place its clause names after ``في``/``بـ`` (``قرب``، ``داخل``…)
    or after a place noun (``محافظة إدلب``), the most precise first, never a topic (``الأوضاع في
    سورية``) and never its actor."""
    view = d.view
    assert view is not None
    start = min(view.clause_start(d.anchor), view.clause_start(d.k))
    end = view.clause_end(d.m - 1)
    heads = marker("events.place", "heads")
    topics = marker("events.place", "topics")
    cands: list[tuple[int, Actor]] = []
    for a in view.args:
        if not (start <= a.t0 < end) or a.entity is None or a.kind not in ("place", "capital", "country"):
            continue
        locative = a.prep in ("في", "ب") or (a.prep is None and bare(view.tok(a.t0).norm).split(" ")[0] in heads)
        if locative and a.t0 - 2 >= view.lo and view.ti(a.t0 - 2).stems & topics:
            continue  # "الأوضاع في سورية": what is discussed, not where
        if a in d.recipient_args and d.type in ("MOBILIZE",) and a.prep == "في":
            locative = True
        if not locative or a in d.actor_args:
            continue
        e = c.doc.entity(a.entity)
        if e is not None:
            cands.append((a.t0, e))
    r.place = choose_place(cands, d.k)
    r.place_country = (r.place.country if r.place is not None else None) or c.home
    return r.place is not None


@rule("events.role.actor_entities", "role")
def actor_entities(c: DocumentContext, d: Draft, r: Record) -> bool:
    """The actors as entities: a country named only by an adjective (``غارة إسرائيلية``) is that
    country; a group named by a common noun (``مسلحون``، ``الشرطة الأفغانية``) a document-local
    actor of the country of its nisba, place or article; "his country" the subject's."""
    from rasd.events.records import entity_ids

    new = sum(1 for a in d.actor_args if a.entity is None)
    r.actors = entity_ids(c, d.actor_args, d, r.place_country)
    for i in d.actor_ids:
        if i not in r.actors:
            r.actors.append(i)
    return new > 0


@rule("events.role.own_nisba", "role")
def own_nisba(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A nationality adjective of the actor's own country is not a recipient (``الجيش السوري
    يقصف مواقع المعارضة السورية``: Syria acts, the adjective says whose opposition)."""
    countries = {c.country(x) for x in r.actors}
    kept = [a for a in r.recipient_args if not (a.kind == "nisba" and a.country in countries)]
    removed = len(kept) < len(r.recipient_args)
    r.recipient_args = kept  # the draft keeps them: they are still words of the evidence
    return removed


@rule("events.role.recipient_entities", "role")
def recipient_entities(c: DocumentContext, d: Draft, r: Record) -> bool:
    """The recipients as entities, like the actors; a group on the receiving end with no country
    belongs where the event happened (for an appeal or repression, to the actor's country)."""
    from rasd.events.records import entity_ids

    local = r.place_country
    if local is None and d.type in ("REQUEST", "COERCE"):
        local = next((x for x in (c.country(a) for a in r.actors) if x), None)
    new = sum(1 for a in r.recipient_args if a.entity is None)
    found = [x for x in entity_ids(c, r.recipient_args, d, local) + d.recipient_ids if x not in r.actors]
    r.recipients = list(dict.fromkeys(found))
    return new > 0


def reported(c: DocumentContext, d: Draft) -> bool:
    """A report of a harm: its sentence tells a toll and a day (قتل 15 في اشتباكات أمس), or a
    result clause with a harm follows it (… ما أدى إلى مقتل شخص)."""
    view = d.view
    assert view is not None
    words = marker("events.context", "harm")
    toll = any(view.ti(j).stems & words for j in range(view.lo, view.hi) if not d.k <= j < d.m)
    if toll:
        results = norm("events.role.toll_victims", "result_verbs")
        j = d.m
        while j < view.hi and not view.is_hard(j) and j - d.m < 8:
            if view.ti(j).stems & results:
                if any(view.ti(x).stems & words for x in range(j + 1, min(view.hi, j + 4))):
                    return True
                break
            j += 1
    s = view.sentence
    return toll and bool(sentence_dates(c.doc, s.start, s.end, c.date, c.doc.sentence_tokens(s)))


@rule("events.filter.unreported_attack", "drop")
def unreported_attack(c: DocumentContext, d: Draft, r: Record) -> bool:
    """"An attack happened", with no one named, nowhere, and no toll or day told: not codable."""
    return (
        not r.actors
        and d.implicit is not None
        and d.implicit != "protest"
        and not r.recipients
        and r.place is None
        and not reported(c, d)
    )


@rule("events.role.implicit_actor", "role")
def implicit_actor(c: DocumentContext, d: Draft, r: Record) -> bool:
    """An unidentified perpetrator implied by the event (``هجوم انتحاري``، ``انفجار سيارة
    مفخخة``) becomes one "مهاجمون مجهولون" actor (UAF); implied protesters are the place's."""
    if r.actors or not d.implicit:
        return False
    protest = d.implicit == "protest"
    r.actors = [c.factory.implicit(protest, r.place_country if protest else None, r.cue.start, r.cue.end)]
    return True


@rule("events.filter.no_actor_entity", "drop")
def no_actor_entity(c: DocumentContext, d: Draft, r: Record) -> bool:
    """An event none of whose actors is an entity (``بلاده`` with no country known) is no record."""
    return not r.actors


@rule("events.role.reciprocal", "role")
def reciprocal(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A reciprocal event named by its parties alone (``بحث المقداد وجابري أنصاري``): the first
    acts, the others of another country receive."""
    etype = load_ontology().types[r.type]
    if not ((etype.reciprocal or d.cue.has("recip")) and not r.recipients and len(r.actors) > 1):
        return False
    first = c.entity(r.actors[0])
    rest = [a for a in r.actors[1:] if c.entity(a) and c.country(a) != (first.country if first else None)]
    if not rest:
        return False
    r.recipients = rest
    r.actors = [a for a in r.actors if a not in rest]
    return True


def _home_entity(c: DocumentContext, d: Draft) -> list[str]:
    assert c.home is not None and d.view is not None
    home = c.factory.country(c.home, d.view.tok(d.k).start, d.view.tok(d.k).end)
    return [home] if home else []


@rule("events.role.measure_home", "role")
def measure_home(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A law or decree rejected or called to be repealed at home is the state's (the article's
    country receives)."""
    if not (d.measure and not r.recipients and c.home and r.actors):
        return False
    if not all(c.country(a) == c.home for a in r.actors):
        return False
    r.recipients = _home_entity(c, d)
    return True


@rule("events.role.aid_home", "role")
def aid_home(c: DocumentContext, d: Draft, r: Record) -> bool:
    """Money pledged by a foreign party in an article about one country goes to that country."""
    if not (r.type == "AID" and r.mode == "economic" and not r.recipients and c.home):
        return False
    acting = {c.country(a) for a in r.actors}
    if None in acting or c.home in acting:
        return False
    r.recipients = _home_entity(c, d)
    return True


@rule("events.role.strike_place", "role")
def strike_place(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A strike on a named place with no other target has the place as its recipient (``قصف …
    في تعز``)."""
    if r.type == "ASSAULT" and r.mode in STRIKE_MODES and not r.recipients and r.place is not None and r.place.id not in r.actors:
        r.recipients = [r.place.id]
        return True
    return False


@rule("events.role.consult_host", "role", words=("dual",))
def consult_host(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A visit or talks in a foreign capital or country: the host is the recipient (but not
    for ``بحثهما``, the two parties already named)."""
    if not (r.type == "CONSULT" and not r.recipients and r.place is not None):
        return False
    info = place_info(r.place)
    a0 = c.country(r.actors[0])
    dual = c.doc.tokens[d.k].norm.endswith(tuple(norm("events.role.consult_host", "dual")))
    if info is not None and (info.capital or info.kind == "country") and r.place.country and a0 and r.place.country != a0 and not dual:
        r.recipients = [r.place.id]
        return True
    return False


@rule("events.filter.trip_home", "drop")
def trip_home(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A visit to one's own country is a trip home, not a meeting of two parties."""
    if not (r.type == "CONSULT" and r.mode == "visit" and r.recipients and r.actors):
        return False
    own = {c.country(a) for a in r.actors}
    hosts = [c.entity(x) for x in r.recipients]
    return all(h is not None and (h.kb_id or "") == f"country:{h.country}" and h.country in own for h in hosts)


RECORD = RuleList(
    "events.record",
    "(document: DocumentContext, draft: Draft, record: Record) -> bool",
    {"drop": bool, "role": bool},
    (
        place,
        actor_entities,
        own_nisba,
        recipient_entities,
        unreported_attack,
        implicit_actor,
        no_actor_entity,
        reciprocal,
        measure_home,
        aid_home,
        strike_place,
        consult_host,
        trip_home,
    ),
)


@rule("events.retype.negated_cue", "retype")
def negated_cue(c: DocumentContext, d: Draft, r: Record) -> Retype | None:
    """A negated cue that the lexicon says means another type (``لن يقبل`` → REJECT) takes it,
    asserted."""
    if r.status == "negated" and d.cue.neg_type:
        r.status = "asserted"
        return Retype(d.cue.neg_type, None)
    return None


@rule("events.filter.future_only", "drop")
def future_only(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A cue that is an event only in the future (``سنرد``) is no record in another tense."""
    return d.cue.has("futonly") and r.status != "future"


@rule("events.filter.negated_only", "drop")
def negated_only(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A cue that is an event only when negated (``لن نسمح``, a threat) is no record otherwise."""
    return d.cue.has("negonly") and r.status != "negated"


@rule("events.status.negated_threat", "status")
def negated_threat(c: DocumentContext, d: Draft, r: Record) -> bool:
    """The negation of a negated-only cue is the event itself (``لن نسمح`` is asserted)."""
    if d.cue.has("negonly"):
        r.status = "asserted"
        return True
    return False


@rule("events.status.evaluative_negation", "status")
def evaluative_negation(c: DocumentContext, d: Draft, r: Record) -> bool:
    """``لا أساس له من الصحة``: the negation in an evaluative word is the stance itself."""
    if d.cue.has("quote") and r.status == "negated":
        r.status = "asserted"
        return True
    return False


@rule("events.retype.conflict_accusation", "retype")
def conflict_accusation(c: DocumentContext, d: Draft, r: Record) -> Retype | None:
    """Inside a statement, a conflict act of the other side aimed at the speaker's country or at
    no one (``إن إيران لم تلتزم ببنود الاتفاق`` said by a US official) is the speaker's
    accusation (allege) of that side."""
    q = d.quote
    speaker = c.doc.entity(q.speaker) if q is not None else None
    if q is None or d.how == "speaker" or speaker is None or speaker.type not in ("PER", "ORG") or r.type not in CONFLICT:
        return None
    own = speaker.country
    acting = {c.country(a) for a in r.actors}
    receiving = {c.country(x) for x in r.recipients}
    against_speaker = not r.recipients or own in receiving
    if not (own and acting and None not in acting and own not in acting and against_speaker):
        return None
    r.recipients = r.actors
    r.actors = [speaker.id, *[x for x in q.co_speakers if x != speaker.id]]
    r.status = "asserted"
    return Retype("ACCUSE", "allege")


@rule("events.filter.needs_recipient", "drop")
def needs_recipient(c: DocumentContext, d: Draft, r: Record) -> bool:
    """A type that needs a recipient (ACCUSE, AID, SANCTION…) with none named is no record."""
    return load_ontology().types[r.type].needs_recipient and not r.recipients


@rule("events.role.article_date", "role")
def article_date(c: DocumentContext, d: Draft, r: Record) -> bool:
    """An asserted event whose clause names no date takes the article's date (the convention of
    news event data); a date the clause names is resolved against it."""
    r.date_value = r.date.value if r.date else None
    if date_relation(r.date_value, c.date) == "implausible":
        r.date_value = None  # years before the story: kept as words (date_raw) only
    if r.date_value is None and r.date is None and r.status == "asserted" and c.date:
        r.date_value = c.date
        return True
    return False


FINAL = RuleList(
    "events.final",
    "(document: DocumentContext, draft: Draft, record: Record) -> bool | Retype; after the status",
    {"drop": bool, "retype": Retype, "status": bool, "role": bool},
    (
        negated_cue,
        future_only,
        negated_only,
        negated_threat,
        evaluative_negation,
        conflict_accusation,
        needs_recipient,
        article_date,
    ),
)
