"""The rules that run on a draft once its slots are filled (:data:`FINISH`), in order, and the
rule that adds drafts for parties sharing a pledge (:data:`EXTRA`)."""

from __future__ import annotations

from rasd.events import filters, retypes, targets
from rasd.events.draft import Draft, Retype
from rasd.events.sentence import SentenceState
from rasd.events.words import norm
from rasd.rules import RuleList, rule

FINISH = RuleList(
    "events.finish",
    "(sentence: SentenceState, draft: Draft) -> bool (drop, role) | Retype",
    {"drop": bool, "role": bool, "retype": Retype},
    (
        filters.relative_clause,
        filters.question,
        filters.usurped,
        filters.work_title,
        filters.alleged,
        filters.tally,
        filters.disaster,
        targets.generic_patient,
        targets.toll_victims,
        retypes.attack_in_words_unnamed,
        retypes.in_words,
        retypes.verbal_attack,
        filters.attack_in_passing,
        filters.protest_in_passing,
        filters.protester,
        filters.armed_protest,
        filters.declared_protest_unnamed,
        retypes.official_protest,
        filters.habit,
        targets.own_country,
        filters.pejorative_support_unsaid,
        retypes.pejorative_support,
        targets.stance_target,
        targets.reply_target,
        targets.measure,
        filters.needrec,
        filters.weak,
        filters.no_actor,
    ),
)


def finish(s: SentenceState, d: Draft) -> Draft | None:
    """Run :data:`FINISH` on a draft: the draft as the rules leave it, or None when one drops it."""
    for r, out in FINISH.fire(s, d):
        d.fired(r.id)
        if r.effect == "drop":
            s.drop(r.id, d.k, d.m, d.type, d.rules)
            return None
        if isinstance(out, Retype):
            d.type, d.mode = out.type, out.mode
    return d


def _money_at(s: SentenceState, j: int) -> bool:
    tok = s.view.tok(j)
    stems = [seg.norm for seg in tok.segments if seg.role == "stem"] or [tok.norm]
    return stems[-1] in norm("events.role.gapped_pledge", "money")


@rule("events.role.gapped_pledge", "role", words=("money",))
def gapped_pledge(s: SentenceState, d: Draft) -> list[Draft] | None:
    """Parties coordinated after a pledge with their own sums and no verb of their own each
    give their sum (``سيساهم الاتحاد بـ150 مليون، وهولندا بـ300 مليون``)."""
    v = s.view
    if d.type != "AID" or not any(_money_at(s, x) for x in range(d.k, d.m)):
        return None
    out: list[Draft] = []
    j = d.m
    for a in v.args:
        if a.t0 < d.m:
            continue
        if any(v.ti(x).verb_like or v.is_hard(x) or v.ti(x).opener for x in range(j, a.t0)):
            break
        j = a.t1
        own_prep = a.prep is not None and (a.prep_at is None or a.prep_at >= a.t0 - 1)
        if not a.conj or own_prep or a.kind not in ("country", "org", "capital"):
            continue
        end = next(
            (x + 1 for x in range(a.t1, min(v.hi, a.t1 + 4)) if not v.is_hard(x) and _money_at(s, x)),
            None,
        )
        if end is None or any(v.ti(x).verb_like or v.is_hard(x) for x in range(a.t1, end)):
            continue
        out.append(
            Draft(
                d.type, d.mode, d.cue, a.t1, end, a.t1, "gap",
                actor_args=[a], recipient_ids=list(d.recipient_ids), quote=d.quote,
                future_prefix=d.future_prefix, view=v, hit=d.hit,
            )
        )
        j = end
    givers = [g.actor_args[0] for g in out]
    d.recipient_args = [a for a in d.recipient_args if a not in givers]  # not "for Lebanon and the Netherlands"
    for g in out:
        g.recipient_args = list(d.recipient_args)
    return out or None


EXTRA = RuleList(
    "events.extra",
    "(sentence: SentenceState, draft: Draft) -> list[Draft] (new drafts)",
    {"role": list},
    (gapped_pledge,),
)
