"""An event's status: asserted, future, hypothetical, negated or historical.

Each status rule looks at the words before the predicate (the cue, or the light verb that
governs it) within its clause, or at the sentence, and names the status it finds:

* **negated**: ``لم``، ``لن``، ``لا``، ``ما``، ``ليس``، ``غير``، ``عدم`` before it, or a denial that
  governs its clause (``نفى أن …``);
* **hypothetical**: a conditional opening the clause (``لو``، ``لولا``، ``إذا``، ``في حال``), a
  modal before it (``قد`` + imperfect، ``يمكن أن``، ``ربما``) or an expectation that governs it
  (``لم يتوقع أن``، ``استبعد أن``);
* **future**: the prefix ``سـ``، ``سوف``، ``سيتم``، ``من المقرر أن``، ``يعتزم``، or a date after
  the article's;
* **historical**: ``كان قد``، ``سبق أن``، ``في وقت سابق``، or a date well before the article's.

Every rule of :data:`STATUS` runs; when several statuses are found, negated wins, then
hypothetical, future and historical (:func:`decide`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.dates import date_relation
from rasd.events.view import SentenceView
from rasd.events.words import marker, norm
from rasd.rules import RuleList, rule

_NEG_NEAR = 3
STATUS_ORDER = ("negated", "hypothetical", "future", "historical", "asserted")


@dataclass(frozen=True, slots=True)
class Predicate:
    """What the status rules look at.

    Attributes:
        view: the sentence.
        anchor: the verb carrying tense (the cue itself or its light verb).
        cue_token: the cue word.
        future_prefix: the predicate carries the future prefix سـ (or ستكون هناك).
        date_value: the event's resolved date, when it has one.
        article_date: the article's date.
    """

    view: SentenceView
    anchor: int
    cue_token: int
    future_prefix: bool
    date_value: str | None = None
    article_date: str | None = None

    @property
    def clause_start(self) -> int:
        """The first token of the predicate's clause."""
        return self.view.clause_start(self.anchor)


def _bare(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 2 else word


def _near(p: Predicate) -> list[tuple[int, int, str]]:
    """``(pivot, token, bare word)`` for the words just before the predicate and before the cue
    (for a noun: عدم تزويد), punctuation left out."""
    v = p.view
    out = []
    for pivot in {p.anchor, p.cue_token}:
        for j in range(max(v.lo, pivot - _NEG_NEAR), pivot):
            if not v.ti(j).punct:
                out.append((pivot, j, _bare(v.tok(j).norm)))
    return out


def _leading(p: Predicate) -> list[tuple[int, str]]:
    """``(token, bare word)`` from the clause start (and the word before it) up to the predicate."""
    v = p.view
    return [
        (j, _bare(v.tok(j).norm)) for j in range(max(v.lo, p.clause_start - 1), p.anchor) if not v.ti(j).punct
    ]


def _governs(p: Predicate, words: frozenset[str]) -> bool:
    """A word of ``words`` before the clause whose complement (أن …) the clause is."""
    v = p.view
    toks = v.doc.tokens
    an = norm("events.status.negated", "complementizers")
    start = p.clause_start
    for j in range(v.lo, start):
        if _bare(toks[j].norm) in words and any(toks[x].norm in an for x in range(j + 1, start + 1)):
            return True
    return False


@rule("events.status.future_prefix", "status")
def future_prefix(p: Predicate) -> str | None:
    """The predicate carries the future prefix (``ستدعم``، ``سيلتقي``; ``ستكون هناك اتفاقيات``)."""
    return "future" if p.future_prefix else None


@rule("events.status.negated", "status", words=("particles", "deny", "complementizers", "lam_lan"))
def negated(p: Predicate) -> str | None:
    """A negation right before the predicate (``لم يدعم``، ``عدم تزويد``; لم and لن up to three
    words before), or a denial governing its clause (``نفى أن يكون الجيش قصف``)."""
    neg = marker("events.status.negated", "particles")
    lam_lan = norm("events.status.negated", "lam_lan")
    start = p.clause_start
    for pivot, j, n in _near(p):
        if n in neg and j >= start - 1 and (n in lam_lan or pivot - j <= 2):
            return "negated"
    return "negated" if _governs(p, marker("events.status.negated", "deny")) else None


@rule("events.status.modal", "status", words=("qad",))
def modal(p: Predicate) -> str | None:
    """``قد`` right before an imperfect predicate: "may" (``قد يهاجم``), not "has" (``قد هاجم``)."""
    qad = norm("events.status.modal", "qad")
    for pivot, j, n in _near(p):
        if n in qad and pivot - j == 1 and _imperfect(p.view, pivot):
            return "hypothetical"
    return None


@rule("events.status.hypothetical", "status", words=("words", "expect"))
def hypothetical(p: Predicate) -> str | None:
    """A conditional, modal, belief or plan opening the clause (``لو``، ``إذا``، ``يمكن أن``،
    ``يخططون لـ``), or an expectation governing it (``لم يتوقع أن تشن``، ``استبعد أن``)."""
    hyp = marker("events.status.hypothetical", "words")
    qad = norm("events.status.modal", "qad")
    if any(n in hyp and n not in qad for _, n in _leading(p)):
        return "hypothetical"
    return "hypothetical" if _governs(p, marker("events.status.hypothetical", "expect")) else None


@rule("events.status.future", "status", words=("words",))
def future(p: Predicate) -> str | None:
    """A word of the future opening the clause (``سوف``، ``سيتم``، ``من المقرر أن``، ``يعتزم``)."""
    fut = marker("events.status.future", "words")
    return "future" if any(n in fut for _, n in _leading(p)) else None


@rule("events.status.historical", "status", words=("kana", "qad", "sabaq", "complementizers", "time_noun", "earlier"))
def historical(p: Predicate) -> str | None:
    """The clause set in the past as background: ``كان قد`` before the predicate, ``سبق أن``,
    or ``في وقت سابق`` anywhere in the clause."""
    v = p.view
    toks = v.doc.tokens
    kana = norm("events.status.historical", "kana")
    qad = norm("events.status.historical", "qad")
    sabaq = norm("events.status.historical", "sabaq")
    an = norm("events.status.historical", "complementizers")
    for j, n in _leading(p):
        if n in kana and any(toks[x].norm in qad for x in range(j + 1, min(p.anchor + 1, j + 4))):
            return "historical"
        if n in sabaq and j + 1 < v.hi and toks[j + 1].norm in an:
            return "historical"
    time_noun = norm("events.status.historical", "time_noun")
    earlier = norm("events.status.historical", "earlier")
    end = v.clause_end(p.anchor)
    for j in range(p.clause_start, min(end, v.hi) - 1):
        if toks[j].norm in time_noun and toks[j + 1].norm in earlier:
            return "historical"
    return None


@rule("events.status.date", "status")
def by_date(p: Predicate) -> str | None:
    """The event's own date against the article's, at the date's own precision: one that begins
    after publication is future (``في عام 2020`` in a 2018 article); one already past, or more than
    ten years back (a founding year), is historical, whatever the verb's form."""
    relation = date_relation(p.date_value, p.article_date)
    if relation == "after":
        return "future"
    if relation in ("before", "implausible"):
        return "historical"
    return None


STATUS = RuleList(
    "events.status",
    "(predicate: Predicate) -> status name | None; every rule runs",
    {"status": str},
    (future_prefix, negated, modal, hypothetical, future, historical, by_date),
)


def decide(p: Predicate) -> tuple[str, list[str]]:
    """The event's status and the ids of the status rules that fired."""
    found: dict[str, str] = {}
    fired: list[str] = []
    for r, status in STATUS.fire(p):
        fired.append(r.id)
        found.setdefault(status, r.id)
    if found.get("historical") == by_date.id:
        found.pop("future", None)  # a date already past is not to come, whatever the verb says
    for s in STATUS_ORDER:
        if s in found:
            return s, fired
    return "asserted", fired


def _imperfect(view: SentenceView, k: int) -> bool:
    """Whether the predicate at ``k`` is an imperfect verb (قد يهاجم = may attack)."""
    ti = view.ti(k)
    if any(h.form.tense == "impf" for h in ti.hits):
        return True
    return ti.light is not None and ti.light[2].stem[:1] in ("ي", "ت", "ن")
