"""An event's status: asserted, future, hypothetical, negated or historical.

Read from the words before the predicate (the cue, or the light verb that governs it) within
its clause, and from the sentence:

* **negated**: ``لم``، ``لن``، ``لا``، ``ما``، ``ليس``، ``غير``، ``عدم`` before it, or a denial that
  governs its clause (``نفى أن …``);
* **hypothetical**: a conditional opening the clause (``لو``، ``لولا``، ``إذا``، ``في حال``), a
  modal before it (``قد`` + imperfect، ``يمكن أن``، ``ربما``) or an expectation that governs it
  (``لم يتوقع أن``، ``استبعد أن``);
* **future**: the prefix ``سـ``، ``سوف``، ``سيتم``، ``من المقرر أن``، ``يعتزم``، or a date after
  the article's at its own precision (``في عام 2020`` in a 2018 article, ``أفريل`` in March);
* **historical**: ``كان قد``، ``سبق أن``، ``في وقت سابق``، or a date well before the article's
  (which also overrides a future form: a past date is not to come).

When several apply, negated wins, then hypothetical, future and historical.
"""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.dates import date_relation
from rasd.events.lexicon import Lexicon
from rasd.events.syntax import SentenceView

_KANA = frozenset(normalize(w) for w in "كان كانت كانوا وكان وكانت وكانوا فكان".split())
_QAD = frozenset(normalize(w) for w in "قد وقد فقد لقد".split())
_SABAQ = frozenset(normalize(w) for w in "سبق وسبق يسبق".split())
_AN = frozenset(normalize(w) for w in "أن وأن بأن".split())
_WAQT = normalize("وقت")
_SABIQ = frozenset(normalize(w) for w in "سابق سابقا".split())
_NEG_NEAR = 3
_LAM_LAN = frozenset(normalize(w) for w in ("لم", "لن"))
_STATUS_ORDER = ("negated", "hypothetical", "future", "historical", "asserted")


def _bare(norm: str) -> str:
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 2 else norm


def event_status(
    view: SentenceView,
    lex: Lexicon,
    anchor: int,
    cue_token: int,
    future_prefix: bool,
    date_value: str | None = None,
    article_date: str | None = None,
) -> str:
    """The status of an event whose predicate is at ``anchor`` and whose cue is at ``cue_token``.

    Args:
        view: the sentence.
        lex: the lexicon (for its markers).
        anchor: the verb carrying tense (the cue itself or its light verb).
        cue_token: the cue word.
        future_prefix: the predicate carries the future prefix سـ.
        date_value: the event's resolved date, when it has one.
        article_date: the article's date.
    """
    found: set[str] = set()
    neg = lex.marker("negation")
    hyp = lex.marker("hypothetical")
    fut = lex.marker("future")
    deny = lex.marker("deny")
    start = view.clause_start(anchor)
    toks = view.doc.tokens
    if future_prefix:
        found.add("future")
    # words just before the predicate (and before the cue, for a noun: عدم تزويد)
    for pivot in {anchor, cue_token}:
        for j in range(max(view.lo, pivot - _NEG_NEAR), pivot):
            n = _bare(toks[j].norm)
            if view.ti(j).punct:
                continue
            if n in neg and j >= start - 1 and (n in _LAM_LAN or pivot - j <= 2):
                found.add("negated")
            if n in _QAD and pivot - j == 1 and _imperfect(view, pivot):
                found.add("hypothetical")
    # words from the clause start (and the sentence before it) up to the predicate
    for j in range(max(view.lo, start - 1), anchor):
        if view.ti(j).punct:
            continue
        n = _bare(toks[j].norm)
        if n in hyp and n not in _QAD:
            found.add("hypothetical")
        if n in fut or n == normalize("سوف"):
            found.add("future")
        if n in _KANA and any(toks[x].norm in _QAD for x in range(j + 1, min(anchor + 1, j + 4))):
            found.add("historical")
        if n in _SABAQ and j + 1 < view.hi and toks[j + 1].norm in _AN:
            found.add("historical")
    # a denial governing the clause: نفى أن …; an expectation: لم يتوقع أن تشن …، استبعد أن
    expect = lex.marker("expect")
    for j in range(view.lo, start):
        governs = any(toks[x].norm in _AN for x in range(j + 1, start + 1))
        if _bare(toks[j].norm) in deny and governs:
            found.add("negated")
        if _bare(toks[j].norm) in expect and governs:
            found.add("hypothetical")
    # في وقت سابق anywhere in the clause
    end = view.clause_end(anchor)
    for j in range(start, min(end, view.hi) - 1):
        if toks[j].norm == _WAQT and toks[j + 1].norm in _SABIQ:
            found.add("historical")
    relation = date_relation(date_value, article_date)
    if relation == "after":
        found.add("future")
    elif relation in ("before", "implausible"):
        # a date already past at publication: whatever the verb's form, not a future event
        found.discard("future")
        found.add("historical")
    for s in _STATUS_ORDER:
        if s in found:
            return s
    return "asserted"


def _imperfect(view: SentenceView, k: int) -> bool:
    """Whether the predicate at ``k`` is an imperfect verb (قد يهاجم = may attack)."""
    ti = view.ti(k)
    if any(h.form.tense == "impf" for h in ti.hits):
        return True
    return ti.light is not None and ti.light[2].stem[:1] in ("ي", "ت", "ن")

