"""Scores broken down: events by PLOVER type, and every layer by a manifest group (stratum, split).

By type, a gold event counts under its best type (the first of its list) and an output event
under its own type: recall of ASSAULT is the share of required gold events whose best type is
ASSAULT that were matched; precision of ASSAULT is the share of output ASSAULT events matched
to any gold event. By group, the counts of the articles of each group are summed (micro), so
"precision on the quiet stratum" is the share of what rasd reports on economy, sport and
culture news that the gold accepts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasd.eval.gold import LAYERS, ArticleScore, Counts
from rasd.eval.scores import PrecisionRecall


@dataclass(slots=True)
class TypeCounts(PrecisionRecall):
    """Counts of one event type: required gold of that best type and output of that type."""

    gold_required: int = 0
    gold_matched: int = 0
    output: int = 0
    output_matched: int = 0

    def counts(self) -> tuple[int, int, int, int]:
        """Output events of the type that matched, output events of the type; required gold
        events of the (best) type that matched, such gold events."""
        return self.output_matched, self.output, self.gold_matched, self.gold_required

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded scores (``null`` where a denominator is 0)."""
        return {
            "precision": round(self.precision, 4) if self.output else None,
            "recall": round(self.recall, 4) if self.gold_required else None,
            "f1": round(self.f1, 4),
            "gold_required": self.gold_required,
            "gold_matched": self.gold_matched,
            "output": self.output,
            "output_matched": self.output_matched,
        }


def by_event_type(articles: Iterable[ArticleScore]) -> dict[str, TypeCounts]:
    """Event counts per PLOVER type over the articles, sorted by type name."""
    out: dict[str, TypeCounts] = defaultdict(TypeCounts)
    for a in articles:
        pairs = a.layers["events"].pairs
        matched_gold = {g for g, _ in pairs}
        matched_out = {o for _, o in pairs}
        for i, (etype, required) in enumerate(a.gold_event_types):
            if required:
                out[etype].gold_required += 1
                out[etype].gold_matched += int(i in matched_gold)
        for j, etype in enumerate(a.output_event_types):
            out[etype].output += 1
            out[etype].output_matched += int(j in matched_out)
    return dict(sorted(out.items()))


def by_group(articles: Iterable[ArticleScore], key: str) -> dict[str, dict[str, Counts]]:
    """Micro counts per layer for each value of a manifest column (``stratum``, ``split``)."""
    out: dict[str, dict[str, Counts]] = {}
    for a in articles:
        value = a.group.get(key)
        if not value:
            continue
        counts = out.setdefault(value, {layer: Counts() for layer in LAYERS})
        for layer in LAYERS:
            counts[layer].add(a.layers[layer].counts)
    return dict(sorted(out.items()))
