"""A country for the actors the knowledge base does not know, read from the article by a trained
ranking.

Most persons and organisations of a news story are not in any knowledge base, and an actor without
a country is of little use to an event dataset. The article usually says where they belong: a
nationality beside the name (``الفنانة الأمريكية تارين سيمون``), a country or a city inside the
name (``جامعة زامبيا``، ``شرطة كولومبوس``), the country the sentence is about, the country the
article is about. For each actor the linker left without a country, every country the article
offers so is a candidate (and "none", for the international bodies that have none); a linear model
trained on the annotated corpus (``rasd train countries``) scores them from how each was offered,
and the best one is taken when the model is confident enough.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.kb import GROUP_CODES, load_kb
from rasd.learn.linear import Calibration, LinearModel, load_model_file, sigmoid
from rasd.model import Actor, Document

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "countries.model.json"
RETRAIN = "rasd train countries"
FORMAT = "rasd-countries/1"
CHOICES = ("learned", "rules")
COUNTRIES_ENV = "RASD_COUNTRIES"
DEFAULT = "learned"
NONE = "∅"
_WINDOW = 4  # words between a nationality and the name it qualifies
_KINDS = ("PER", "ORG", "LOC", "GPE")

Features = dict[str, float]


def country_ranking() -> str:
    """``learned`` or ``rules`` (leave unknown actors without a country), from ``RASD_COUNTRIES``."""
    import os

    value = os.environ.get(COUNTRIES_ENV, DEFAULT).strip().lower() or DEFAULT
    if value not in CHOICES:
        raise ValueError(f"{COUNTRIES_ENV}={value!r} is not a choice; use one of {', '.join(CHOICES)}")
    return value


@dataclass(slots=True)
class CountryModel:
    """The ranking, the calibration of its best candidate's probability and the threshold."""

    ranker: LinearModel
    calibration: Calibration = field(default_factory=Calibration)
    threshold: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "calibration": self.calibration.to_dict(),
            "ranker": self.ranker.to_dict(),
        }

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> CountryModel:
        """Inverse of :meth:`to_dict`."""
        if d.get("format") != FORMAT:
            raise ValueError(f"format is {d.get('format')!r}, expected {FORMAT!r}")
        return CountryModel(
            LinearModel.from_dict(d["ranker"]),
            Calibration.from_dict(d.get("calibration") or {}),
            float(d.get("threshold", 0.5)),
        )

    @staticmethod
    def load(path: Path | None = None) -> CountryModel:
        """Read a model file (the shipped one by default).

        Raises:
            ModelFileError: the file is missing or unreadable, with how to rebuild it.
        """
        return load_model_file(path or MODEL_FILE, "country", RETRAIN, CountryModel.from_dict)


@lru_cache(maxsize=1)
def default_model() -> CountryModel:
    """The shipped model, loaded once per process."""
    return CountryModel.load()


@dataclass(slots=True)
class Candidate:
    """A country the article offers for an actor, and how."""

    code: str
    how: Counter[str] = field(default_factory=Counter)


class ArticleCountries:
    """What the article says about countries: nationality words, its actors' countries."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.token_starts = [t.start for t in doc.tokens]
        self.nisba: list[tuple[int, int, str]] = []  # token index of start, end, code
        for m in doc.mentions:
            if m.label in ("NISBA", "DEMONYM") and m.key and ":" in m.key:
                code = m.key.split(":", 1)[1]
                if code:
                    self.nisba.append((self._token(m.start), self._token(max(m.start, m.end - 1)), code))
        weight: Counter[str] = Counter()
        for e in doc.entities:
            if e.country and not e.nominal:
                weight[e.country] += len(e.mentions) or 1
        for _, _, code in self.nisba:
            weight[code] += 1
        self.weight = weight
        self.total = sum(weight.values())
        ranked = [c for c, _ in weight.most_common()]
        self.rank = {c: i for i, c in enumerate(ranked)}
        self.sentence_of = [0] * len(doc.tokens)
        for i, s in enumerate(doc.sentences):
            for k in range(s.token_start, s.token_end):
                self.sentence_of[k] = i
        self.sentence_countries: dict[int, Counter[str]] = {}
        for e in doc.entities:
            if e.country and not e.nominal:
                for m in e.mentions:
                    si = self.sentence_of[self._token(m.start)] if doc.tokens else 0
                    self.sentence_countries.setdefault(si, Counter())[e.country] += 1
        for a, _, code in self.nisba:
            si = self.sentence_of[a] if doc.tokens else 0
            self.sentence_countries.setdefault(si, Counter())[code] += 1

    def _token(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.token_starts, offset) - 1)


def _in_name(name: str) -> list[tuple[str, str]]:
    """Countries named inside a name, by a country's own name or a place of it: (code, how)."""
    kb = load_kb()
    words = normalize(name).split()
    out: list[tuple[str, str]] = []
    spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)]
    for part in spans:
        if part == normalize(name) and len(words) > 1:
            continue
        for kind, target in kb.lookup(part):
            if kind in ("country", "capital"):
                out.append((target, "in_name_country"))
            elif kind == "place":
                place = kb.place(target)
                if place.country:
                    out.append((place.country, "in_name_place"))
    joined = "".join(words)
    for kind, target in kb.lookup(joined) if len(words) > 1 else []:
        if kind == "country":
            out.append((target, "name_is_country"))
    return out


def candidates_for(view: ArticleCountries, e: Actor) -> list[Candidate]:
    """Every country the article offers for an actor, with how it is offered, and "none"."""
    found: dict[str, Candidate] = {}

    def add(code: str, how: str) -> None:
        if code and (code in load_kb().countries or code in GROUP_CODES):
            found.setdefault(code, Candidate(code)).how[how] += 1

    for code, how in _in_name(e.name):
        add(code, how)
    sentences: set[int] = set()
    for m in e.mentions:
        a = view._token(m.start)
        b = view._token(max(m.start, m.end - 1))
        sentences.add(view.sentence_of[a] if view.doc.tokens else 0)
        for s0, s1, code in view.nisba:
            if view.sentence_of[s0] != view.sentence_of[a]:
                continue
            if 0 < a - s1 <= _WINDOW:
                add(code, "nisba_before" if a - s1 > 1 else "nisba_just_before")
            elif 0 < s0 - b <= _WINDOW:
                add(code, "nisba_after" if s0 - b > 1 else "nisba_just_after")
    for si in sentences:
        for code, n in view.sentence_countries.get(si, Counter()).items():
            add(code, "in_sentence")
            if n > 1:
                add(code, "in_sentence_often")
    for code, rank in view.rank.items():
        if rank < 3:
            add(code, f"article_rank{rank}")
    out = list(found.values())
    out.append(Candidate(NONE))
    return out


def candidate_features(view: ArticleCountries, e: Actor, c: Candidate) -> Features:
    """What makes a country the actor's: how the article offers it, for what kind of actor."""
    head = normalize(e.name).split()[0] if e.name.strip() else ""
    f: Features = {"bias": 1.0}
    if c.code == NONE:
        f["none"] = 1.0
        f[f"none|type={e.type}"] = 1.0
        f[f"none|head={head}"] = 1.0
        return f
    f[f"type={e.type}"] = 1.0
    if c.code in GROUP_CODES:
        f["group"] = 1.0
    share = view.weight.get(c.code, 0) / view.total if view.total else 0.0
    f["share"] = share
    for edge in (0.2, 0.4, 0.6):
        if share >= edge:
            f[f"share>={edge}"] = 1.0
    for how, n in c.how.items():
        f[how] = 1.0
        f[f"{how}|type={e.type}"] = 1.0
        if how.startswith(("in_name", "nisba")):
            f[f"{how}|head={head}"] = 1.0
        if n > 1:
            f[f"{how}|many"] = 1.0
    return f


def unknown(e: Actor) -> bool:
    """An actor the ranking should place: named, of a kind with a country, and without one."""
    return not e.country and not e.nominal and e.type in _KINDS and bool(e.mentions)


def assign(model: CountryModel, doc: Document) -> None:
    """Give the actors without a country the article's likeliest one, when the model is sure enough."""
    todo = [e for e in doc.entities if unknown(e)]
    if not todo:
        return
    view = ArticleCountries(doc)
    for e in todo:
        scored = sorted(
            ((c, model.ranker.score(candidate_features(view, e, c))) for c in candidates_for(view, e)),
            key=lambda x: -x[1],
        )
        best, margin = scored[0]
        if best.code == NONE:
            continue
        gap = margin - scored[1][1] if len(scored) > 1 else 10.0
        if model.calibration(sigmoid(gap)) >= model.threshold:
            e.country = best.code
