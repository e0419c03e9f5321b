"""``rasd train countries``: the country ranking for actors the knowledge base does not know.

Each actor the linker leaves without a country in a corpus **train** article (and any other gold
given) is paired with the gold entity it names (same type, a name or mention contained, the
country set aside); the candidates the article offers are labelled by whether they are that
entity's country (or "none" for a gold entity without one). Actors the gold does not have, or
whose country no candidate gives, teach nothing and are counted. Corpus **dev** fits the
calibration of the best candidate's margin and the threshold over which it is taken: the one that
gives the most right countries minus wrong ones on dev. Deterministic; writes
``countries.model.json`` and its sidecar ``countries.json``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.actors.country_ranking import (
    MODEL_FILE,
    NONE,
    ArticleCountries,
    CountryModel,
    candidate_features,
    candidates_for,
    unknown,
)
from rasd.eval.gold import GoldEntity, contains_words, entity_strings, type_class, words
from rasd.learn.linear import Features, sigmoid
from rasd.model import Actor
from rasd.train.corpus import Pair
from rasd.train.fit import fit_calibration, fit_one_vs_rest, write_model


def gold_entity_of(e: Actor, body: str, golds: Sequence[GoldEntity]) -> GoldEntity | None:
    """The gold entity an output actor names (type class and name, the country set aside)."""
    mine = [words(s) for s in entity_strings(e, body)]
    for g in golds:
        if type_class(g.type) != type_class(e.type):
            continue
        if any(contains_words(o, words(n)) for o in mine for n in [g.name, *g.mentions] if n.strip()):
            return g
    return None


@dataclass(slots=True)
class CountryData:
    """Ranking rows and what could not be used."""

    rows: list[Features]
    labels: list[set[str]]
    actors: int = 0
    unmatched: int = 0
    unreachable: int = 0


def build_data(pairs: Sequence[Pair]) -> CountryData:
    """Ranking rows of every actor without a country in ``pairs``."""
    data = CountryData([], [])
    for pair in pairs:
        view = ArticleCountries(pair.doc)
        for e in pair.doc.entities:
            if not unknown(e):
                continue
            data.actors += 1
            g = gold_entity_of(e, pair.doc.body, pair.gold.entities)
            if g is None:
                data.unmatched += 1
                continue
            want = g.country.upper() if g.country else NONE
            cands = candidates_for(view, e)
            ok = [c.code == want for c in cands]
            if not any(ok):
                data.unreachable += 1
                continue
            for c, good in zip(cands, ok, strict=True):
                data.rows.append(candidate_features(view, e, c))
                data.labels.append({"yes"} if good else set())
    return data


def _decisions(model: CountryModel, pairs: Sequence[Pair]) -> list[tuple[float, bool | None]]:
    """For each unknown actor matched to gold: the calibrated-to-be score of the best non-none
    candidate, and whether it is right (None when the gold has no country: any choice is fine)."""
    out: list[tuple[float, bool | None]] = []
    for pair in pairs:
        view = ArticleCountries(pair.doc)
        for e in pair.doc.entities:
            if not unknown(e):
                continue
            g = gold_entity_of(e, pair.doc.body, pair.gold.entities)
            if g is None:
                continue
            scored = sorted(
                ((c, model.ranker.score(candidate_features(view, e, c))) for c in candidates_for(view, e)),
                key=lambda x: -x[1],
            )
            best, margin = scored[0]
            if best.code == NONE:
                continue
            gap = margin - scored[1][1] if len(scored) > 1 else 10.0
            right = None if not g.country else best.code == g.country.upper()
            out.append((sigmoid(gap), right))
    return out


def train_countries(
    train: Sequence[Pair],
    dev: Sequence[Pair],
    out: Path = MODEL_FILE,
    *,
    c: float = 0.5,
    sources: dict[str, Any] | None = None,
    write: bool = True,
) -> tuple[CountryModel, dict[str, Any]]:
    """Train the ranking on ``train``, calibrate it and choose its threshold on ``dev``."""
    t0 = time.perf_counter()
    data = build_data(train)
    model = CountryModel(fit_one_vs_rest(data.rows, data.labels, ["yes"], c=c))
    points = _decisions(model, dev)
    scored = [(p, r) for p, r in points if r is not None]
    model.calibration = fit_calibration([p for p, _ in scored], [int(bool(r)) for _, r in scored])
    best_t, best_net = 1.01, 0
    for t in [i / 20 for i in range(0, 20)]:
        net = sum(1 if r else -1 for p, r in scored if model.calibration(p) >= t)
        if net > best_net:
            best_t, best_net = t, net
    model.threshold = best_t
    kept = [(p, r) for p, r in scored if model.calibration(p) >= best_t]
    meta: dict[str, Any] = {
        "model": out.name,
        "task": "a country for actors the knowledge base does not know, ranked among those the article offers",
        "trained": dt.date.today().isoformat(),
        "data": {
            **(sources or {}),
            "train_articles": len(train),
            "dev_articles": len(dev),
            "actors_without_country": data.actors,
            "not_in_gold": data.unmatched,
            "no_right_candidate": data.unreachable,
            "rows": len(data.rows),
        },
        "settings": {"c": c},
        "features": len(model.ranker.weights),
        "chosen_on_dev": {"threshold": best_t},
        "dev": {
            "actors_with_a_gold_country": len(scored),
            "given_a_country": len(kept),
            "right": sum(1 for _, r in kept if r),
            "precision": round(sum(1 for _, r in kept if r) / len(kept), 4) if kept else None,
        },
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if write:
        write_model(model.to_dict(), out, meta, out.with_name("countries.json"))
    return model, meta
