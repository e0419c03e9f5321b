"""Score rasd's output against hand-made ``gold/1`` records: entities, quotes and events.

A gold record is ``<article name>.gold.json`` beside the article or in a ``gold/`` folder beside
it (format in ``../shared/data/README.md``; the rules as applied here in ``docs/eval.md``).

Matching, in short:

- **entities**: same type (``GPE`` and ``LOC`` are one class: gold files type countries and
  cities ``LOC``), the output's name or one of its mentions contains the gold name or one of its
  mentions as whole words after Arabic normalization (a proclitic و ف ب ل ك on the first word is
  allowed), and the same country when the gold gives one;
- **quotes**: the speakers agree (the output speaker's and co-speakers' names and mentions
  against the gold speakers' names and their gold entities' mentions) and at least half of the
  gold text's words are among the output quote's words;
- **events**: the output type is among the gold types, one source code of the output is in the
  gold source list, and the output's target codes meet the gold target list, an event without a
  target counting as the code ``null``; CONSULT is reciprocal.

Output entities flagged ``nominal`` (an actor described, not named: ``مسؤول سعودي``) are left
out of the entity layer, since the gold records annotate names.

Every layer is matched one to one with a maximum bipartite matching that takes required gold
records first: recall counts required gold records matched, precision counts output records
matched to any gold record (required or optional).

Example::

    report = evaluate_gold(["../shared/seed"])
    print(report.micro["events"].f1)
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasd.arabic.normalize import normalize, normalize_with_map
from rasd.eval import EvalError
from rasd.eval.scores import PrecisionRecall
from rasd.model import Actor, Article, Document, Event, Quote

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline

GOLD_SUFFIX = ".gold.json"
GOLD_FORMAT = "gold/1"
LAYERS = ("entities", "quotes", "events")
META_FIELDS = ("section", "headline", "byline", "outlet", "date", "boilerplate")

# Gold files type countries and cities LOC; the output may call them GPE.
_TYPE_CLASS = {"GPE": "LOC"}

# Gold actor codes that are not a country or group code, with the names that denote them. An
# output entity carries such a code when its kb_id has it as a part (``img.isis``), when its
# English name is one of these names, or when its Arabic name or a mention contains one.
ACTOR_CODE_NAMES: dict[str, tuple[str, ...]] = {
    "ISIS": (
        "داعش",
        "الدولة الإسلامية",
        "تنظيم الدولة",
        "ISIS",
        "ISIL",
        "IS",
        "Islamic State",
        "Daesh",
    ),
}

_PROCLITICS = frozenset(["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"])
_WORD = re.compile(r"\w+")

# --------------------------------------------------------------------------- gold records


@dataclass(slots=True)
class GoldEntity:
    """A gold entity: canonical name, type, country and the surface mentions."""

    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    en: str | None = None
    mentions: list[str] = field(default_factory=list)
    required: bool = True

    def label(self) -> str:
        """Short description for error listings."""
        return f"{self.type} {self.name}" + (f" ({self.country})" if self.country else "")


@dataclass(slots=True)
class GoldQuote:
    """A gold quote: speaker (canonical name), joint speakers, cue, kind and the quoted text."""

    speaker: str
    text: str
    co_speakers: list[str] = field(default_factory=list)
    kind: str | None = None
    cue: str | None = None
    via: str | None = None
    required: bool = True

    def label(self) -> str:
        """Short description for error listings."""
        speakers = " + ".join([self.speaker, *self.co_speakers])
        return f"{speakers}: «{_clip(self.text)}»"


@dataclass(slots=True)
class GoldEvent:
    """A gold event: acceptable types, source and target codes (``None`` = no code)."""

    id: str
    types: list[str]
    source: list[str | None]
    target: list[str | None]
    evidence: str | None = None
    status: str | None = None
    required: bool = True
    source_actor: str | None = None
    target_actor: str | None = None
    location: str | None = None

    def label(self) -> str:
        """Short description for error listings."""
        return (
            f"{self.id} {'|'.join(self.types)} {_codes(self.source)} → {_codes(self.target)}"
        )


@dataclass(slots=True)
class Gold:
    """One ``gold/1`` record."""

    path: Path
    file: str | None
    meta: dict[str, Any]
    entities: list[GoldEntity]
    quotes: list[GoldQuote]
    events: list[GoldEvent]
    notes: str | None = None


def _need(cond: bool, path: Path, problem: str) -> None:
    if not cond:
        raise EvalError(path, f"not a gold/1 record: {problem}", "see the gold format in docs/eval.md")


def _str_or_none(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def _code_list(v: Any, path: Path, where: str) -> list[str | None]:
    if v is None:
        return [None]
    if isinstance(v, str):
        return [v]
    _need(isinstance(v, list), path, f"{where} is not a list of codes")
    out: list[str | None] = []
    for c in v:
        _need(c is None or isinstance(c, str), path, f"{where} holds {c!r}, not a code or null")
        out.append(c.upper() if isinstance(c, str) else None)
    return out or [None]


def parse_gold(data: Any, path: Path) -> Gold:
    """Check and read a decoded ``gold/1`` record.

    Raises:
        EvalError: naming the file and the first problem found.
    """
    _need(isinstance(data, dict), path, "the top level is not a JSON object")
    fmt = data.get("format")
    _need(fmt in (None, GOLD_FORMAT), path, f"format is {fmt!r}, expected {GOLD_FORMAT!r}")
    for key in LAYERS:
        _need(isinstance(data.get(key, []), list), path, f"{key!r} is not a list")
    meta = data.get("meta") or {}
    _need(isinstance(meta, dict), path, "'meta' is not an object")

    entities = []
    for i, e in enumerate(data.get("entities") or []):
        where = f"entities[{i}]"
        _need(isinstance(e, dict), path, f"{where} is not an object")
        _need(isinstance(e.get("name"), str) and bool(e["name"].strip()), path, f"{where} has no 'name'")
        _need(isinstance(e.get("type"), str), path, f"{where} has no 'type'")
        mentions = e.get("mentions") or []
        _need(
            isinstance(mentions, list) and all(isinstance(m, str) for m in mentions),
            path,
            f"{where}.mentions is not a list of strings",
        )
        entities.append(
            GoldEntity(
                name=e["name"],
                type=e["type"].upper(),
                country=_str_or_none(e.get("country")),
                sector=_str_or_none(e.get("sector")),
                en=_str_or_none(e.get("en")),
                mentions=[m for m in mentions if m.strip()],
                required=e.get("required", True) is not False,
            )
        )

    quotes = []
    for i, q in enumerate(data.get("quotes") or []):
        where = f"quotes[{i}]"
        _need(isinstance(q, dict), path, f"{where} is not an object")
        _need(isinstance(q.get("speaker"), str), path, f"{where} has no 'speaker'")
        _need(isinstance(q.get("text"), str) and bool(q["text"].strip()), path, f"{where} has no 'text'")
        co = q.get("co_speakers") or []
        _need(
            isinstance(co, list) and all(isinstance(c, str) for c in co),
            path,
            f"{where}.co_speakers is not a list of names",
        )
        quotes.append(
            GoldQuote(
                speaker=q["speaker"],
                text=q["text"],
                co_speakers=list(co),
                kind=_str_or_none(q.get("kind")),
                cue=_str_or_none(q.get("cue")),
                via=_str_or_none(q.get("via")),
                required=q.get("required", True) is not False,
            )
        )

    events = []
    for i, v in enumerate(data.get("events") or []):
        where = f"events[{i}]"
        _need(isinstance(v, dict), path, f"{where} is not an object")
        types = v.get("type")
        if isinstance(types, str):
            types = [types]
        _need(
            isinstance(types, list) and bool(types) and all(isinstance(t, str) for t in types),
            path,
            f"{where} has no 'type' list",
        )
        _need("source" in v, path, f"{where} has no 'source'")
        events.append(
            GoldEvent(
                id=str(v.get("id") or f"E{i + 1}"),
                types=[t.upper() for t in types],
                source=_code_list(v.get("source"), path, f"{where}.source"),
                target=_code_list(v.get("target"), path, f"{where}.target"),
                evidence=_str_or_none(v.get("evidence")),
                status=_str_or_none(v.get("status")),
                required=v.get("required", True) is not False,
                source_actor=_str_or_none(v.get("source_actor")),
                target_actor=_str_or_none(v.get("target_actor")),
                location=_str_or_none(v.get("location")),
            )
        )
    return Gold(
        path=path,
        file=_str_or_none(data.get("file")),
        meta=meta,
        entities=entities,
        quotes=quotes,
        events=events,
        notes=_str_or_none(data.get("notes")),
    )


def load_gold(path: str | Path) -> Gold:
    """Read and check a ``gold/1`` file.

    Raises:
        EvalError: the file is missing, not UTF-8, not JSON, or not a gold/1 record.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalError(p, "no such gold file", "check the path") from None
    except UnicodeDecodeError:
        raise EvalError(p, "gold file is not UTF-8 text") from None
    except OSError as exc:
        raise EvalError(p, f"gold file cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvalError(
            p, f"malformed gold JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return parse_gold(data, p)


# --------------------------------------------------------------------------- finding pairs


def _gold_name(article: Path) -> list[str]:
    names = [article.stem + GOLD_SUFFIX]
    if article.name + GOLD_SUFFIX not in names:
        names.append(article.name + GOLD_SUFFIX)
    return names


def gold_for(article: Path) -> Path | None:
    """The gold record of an article: ``<stem>.gold.json`` beside it or in ``gold/`` beside it."""
    for folder in (article.parent, article.parent / "gold"):
        for name in _gold_name(article):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def article_for(gold_path: Path) -> Path | None:
    """The article a gold file belongs to, beside it or, for ``gold/x.gold.json``, one level up."""
    stem = gold_path.name[: -len(GOLD_SUFFIX)]
    folders = [gold_path.parent]
    if gold_path.parent.name == "gold":
        folders.append(gold_path.parent.parent)
    for folder in folders:
        exact = folder / stem
        if exact.is_file():
            return exact
        found = sorted(
            f
            for f in folder.glob(f"{glob_escape(stem)}.*")
            if f.is_file() and not f.name.endswith(GOLD_SUFFIX) and f.stem == stem
        )
        if found:
            found.sort(key=lambda f: (f.suffix != ".txt", f.name))
            return found[0]
    return None


def glob_escape(text: str) -> str:
    """``text`` with glob wildcards escaped."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def find_pairs(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(article, gold) pairs named by ``paths``, and one problem line per path that gave none.

    A path may be an article (its gold must exist), a gold file (its article must exist), or a
    folder, walked recursively: every gold file in it is paired with its article.
    """
    pairs: list[tuple[Path, Path]] = []
    problems: list[str] = []
    seen: set[Path] = set()

    def add(article: Path, gold: Path) -> None:
        key = article.resolve()
        if key not in seen:
            seen.add(key)
            pairs.append((article, gold))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            golds = sorted(g for g in p.rglob(f"*{GOLD_SUFFIX}") if g.is_file())
            if not golds:
                problems.append(
                    f"{p}: no gold record found (expected <article>{GOLD_SUFFIX} beside the "
                    "articles or in a gold/ folder)"
                )
            for g in golds:
                art = article_for(g)
                if art is None:
                    problems.append(f"{g}: no article beside this gold record")
                else:
                    add(art, g)
        elif p.is_file() and p.name.endswith(GOLD_SUFFIX):
            art = article_for(p)
            if art is None:
                problems.append(f"{p}: no article beside this gold record")
            else:
                add(art, p)
        elif p.is_file():
            found = gold_for(p)
            if found is None:
                problems.append(
                    f"{p}: no gold record (looked for {_gold_name(p)[0]} beside it and in gold/)"
                )
            else:
                add(p, found)
        else:
            problems.append(f"{p}: no such file or folder")
    return pairs, problems


# --------------------------------------------------------------------------- text matching


def words(text: str) -> list[str]:
    """Normalized words of ``text`` (letters and digits; punctuation dropped)."""
    return _WORD.findall(normalize(text))


def _word_eq(out: str, gold: str, first: bool) -> bool:
    if out == gold:
        return True
    if not first:
        return False
    if out.endswith(gold) and out[: len(out) - len(gold)] in _PROCLITICS:
        return True
    # ل + ال → لل (للمقداد for المقداد), also after و / ف
    if gold.startswith("ال") and len(gold) > 2:
        rest = gold[2:]
        return out in ("لل" + rest, "ولل" + rest, "فلل" + rest)
    return False


def contains_words(out: str | Sequence[str], gold: str | Sequence[str]) -> bool:
    """True when the gold string appears in the output string as a run of whole words.

    Both are compared after normalization; the first word may carry a proclitic (و ف ب ل ك).
    Strings or pre-split word lists are accepted.
    """
    ow = words(out) if isinstance(out, str) else list(out)
    gw = words(gold) if isinstance(gold, str) else list(gold)
    if not gw or len(gw) > len(ow):
        return False
    k = len(gw)
    for i in range(len(ow) - k + 1):
        if all(_word_eq(ow[i + j], gw[j], j == 0) for j in range(k)):
            return True
    return False


def word_overlap(gold_text: str, out_text: str) -> float:
    """Share of the gold text's words (counted with repeats) found among the output's words."""
    gw = words(gold_text)
    if not gw:
        return 0.0
    ow = set(words(out_text))
    return sum(1 for w in gw if w in ow) / len(gw)


# --------------------------------------------------------------------------- matching rules


def type_class(t: str | None) -> str:
    """The class an entity type is compared by (``GPE`` and ``LOC`` are one)."""
    t = (t or "").upper()
    return _TYPE_CLASS.get(t, t)


def entity_strings(entity: Actor, body: str) -> list[str]:
    """The canonical name and the text of every mention of an output entity."""
    out = [entity.name] if entity.name else []
    for m in entity.mentions:
        text = body[m.start : m.end]
        if text and text not in out:
            out.append(text)
    return out


def entity_matches(gold: GoldEntity, entity: Actor, body: str) -> bool:
    """The entity rule: type class, word containment of a gold name/mention, country."""
    if type_class(gold.type) != type_class(entity.type):
        return False
    if gold.country and (entity.country or "").upper() != gold.country.upper():
        return False
    gold_names = [words(s) for s in [gold.name, *gold.mentions]]
    out_names = [words(s) for s in entity_strings(entity, body)]
    return any(contains_words(o, g) for o in out_names for g in gold_names if g)


def entity_codes(entity: Actor | None, body: str = "") -> set[str | None]:
    """Actor codes of an output entity: its country (``None`` when it has none) plus named codes.

    Named codes (``ISIS``) come from the kb_id's parts, the English name, or the names listed in
    :data:`ACTOR_CODE_NAMES` found in the entity's name or mentions (``body`` gives the mentions'
    text).
    """
    if entity is None:
        return {None}
    codes: set[str | None] = {entity.country.upper() if entity.country else None}
    parts = {p.upper() for p in re.split(r"[^A-Za-z0-9]+", entity.kb_id or "") if p}
    en = (entity.name_en or "").strip().casefold()
    names = [words(s) for s in (entity_strings(entity, body) if body else [entity.name])]
    for code, aliases in ACTOR_CODE_NAMES.items():
        if code in parts or any(en == a.casefold() for a in aliases):
            codes.add(code)
            continue
        alias_words = [words(a) for a in aliases if not a.isascii()]
        if any(contains_words(n, aw) for n in names for aw in alias_words if aw):
            codes.add(code)
    return codes


def _event_side(doc: Document, ids: Sequence[str]) -> set[str | None]:
    if not ids:
        return {None}
    codes: set[str | None] = set()
    for i in ids:
        codes |= entity_codes(doc.entity(i), doc.body)
    return codes


def codes_fit(out: set[str | None], gold: Sequence[str | None]) -> bool:
    """Whether one of an output side's codes is among the gold's acceptable codes."""
    return bool(out & set(gold))


def event_matches(gold: GoldEvent, event: Event, doc: Document) -> bool:
    """The event rule: type among gold types, source and target codes (CONSULT reciprocal)."""
    etype = (event.type or "").upper()
    if etype not in gold.types:
        return False
    src = _event_side(doc, event.actors)
    tgt = _event_side(doc, event.recipients)
    if codes_fit(src, gold.source) and codes_fit(tgt, gold.target):
        return True
    return etype == "CONSULT" and codes_fit(tgt, gold.source) and codes_fit(src, gold.target)


def gold_speaker_names(gold: GoldQuote, gold_entities: Sequence[GoldEntity]) -> list[list[str]]:
    """The word lists a gold quote's speakers go by: their names and their entities' mentions."""
    by_name = {normalize(e.name): e for e in gold_entities}
    out: list[list[str]] = []
    for name in [gold.speaker, *gold.co_speakers]:
        out.append(words(name))
        ent = by_name.get(normalize(name))
        if ent is not None:
            out.extend(words(m) for m in ent.mentions)
    return [w for w in out if w]


def output_speaker_names(quote: Quote, doc: Document) -> list[list[str]]:
    """The word lists an output quote's speakers go by: their entities' names and mentions, or the unnamed source's words."""
    out: list[list[str]] = []
    ids = [quote.speaker, *quote.co_speakers] if quote.speaker else list(quote.co_speakers)
    for i in ids:
        ent = doc.entity(i)
        if ent is not None:
            out.extend(words(s) for s in entity_strings(ent, doc.body))
    if quote.speaker is None and quote.speaker_text:
        out.append(words(quote.speaker_text))
    return [w for w in out if w]


def quote_matches(
    gold: GoldQuote, quote: Quote, doc: Document, gold_entities: Sequence[GoldEntity] = ()
) -> bool:
    """The quote rule: speakers agree and ≥ half of the gold text's words are in the output."""
    if word_overlap(gold.text, doc.text(quote.content)) < 0.5:
        return False
    gold_names = gold_speaker_names(gold, gold_entities)
    out_names = output_speaker_names(quote, doc)
    return any(contains_words(o, g) for o in out_names for g in gold_names)


def match_one_to_one(
    required: Sequence[bool], n_out: int, compatible: Callable[[int, int], bool]
) -> dict[int, int]:
    """A maximum one-to-one matching of gold records to output records.

    Gold records are taken required first, each looking for an augmenting path (Kuhn's
    algorithm), so the number of required records matched is as large as possible and, given
    that, the total number matched too. Returns ``{gold index: output index}``.
    """
    n_gold = len(required)
    adj = [[j for j in range(n_out) if compatible(i, j)] for i in range(n_gold)]
    owner = [-1] * n_out

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if seen[j]:
                continue
            seen[j] = True
            if owner[j] < 0 or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    order = [i for i in range(n_gold) if required[i]] + [i for i in range(n_gold) if not required[i]]
    for i in order:
        if adj[i]:
            augment(i, [False] * n_out)
    return {g: j for j, g in enumerate(owner) if g >= 0}


# --------------------------------------------------------------------------- scores


@dataclass(slots=True)
class Counts(PrecisionRecall):
    """Counts for one layer: required/optional gold, output, and what matched."""

    required: int = 0
    optional: int = 0
    output: int = 0
    matched_required: int = 0
    matched_optional: int = 0

    @property
    def matched_output(self) -> int:
        """Output records paired with a gold record (required or optional)."""
        return self.matched_required + self.matched_optional

    def counts(self) -> tuple[int, int, int, int]:
        """Matched and all output records; matched and all required gold records (an optional
        gold record counts for precision only)."""
        return self.matched_output, self.output, self.matched_required, self.required

    def add(self, other: Counts) -> None:
        """Add another article's counts (micro-averaging)."""
        self.required += other.required
        self.optional += other.optional
        self.output += other.output
        self.matched_required += other.matched_required
        self.matched_optional += other.matched_optional

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded scores (``null`` where a denominator is 0)."""
        return {
            "precision": round(self.precision, 4) if self.output else None,
            "recall": round(self.recall, 4) if self.required else None,
            "f1": round(self.f1, 4),
            "gold_required": self.required,
            "gold_optional": self.optional,
            "output": self.output,
            "matched_required": self.matched_required,
            "matched_optional": self.matched_optional,
        }


@dataclass(slots=True)
class ErrorItem:
    """A missed required gold record or a spurious output record, with its sentence."""

    layer: str
    kind: str  # "missed" | "spurious"
    label: str
    sentence: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"layer": self.layer, "kind": self.kind, "label": self.label, "sentence": self.sentence}


@dataclass(slots=True)
class LayerScore:
    """One layer of one article: counts, the errors, and the matched pairs."""

    counts: Counts
    errors: list[ErrorItem] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (gold index, output index)


@dataclass(slots=True)
class ArticleScore:
    """Scores of one article against its gold record."""

    name: str
    article: str
    gold: str
    layers: dict[str, LayerScore]
    meta: dict[str, bool]
    status_agree: int = 0
    status_total: int = 0
    status_pairs: list[tuple[str, str, str]] = field(default_factory=list)  # gold id, gold, out
    # for the breakdowns by event type and by group (rasd.eval.breakdown)
    gold_event_types: list[tuple[str, bool]] = field(default_factory=list)  # (best type, required)
    output_event_types: list[str] = field(default_factory=list)
    group: dict[str, str] = field(default_factory=dict)  # manifest columns: split, stratum, outlet
    # diagnostics (rasd.eval.diagnostics): quote outcomes, entity country agreement, events by confidence
    quote_outcomes: dict[str, int] = field(default_factory=dict)
    country_agree: tuple[int, int] = (0, 0)
    events_at: dict[float, Counts] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name,
            "article": self.article,
            "gold": self.gold,
            **({"group": dict(self.group)} if self.group else {}),
            **{k: v.counts.to_dict() for k, v in self.layers.items()},
            "meta": dict(self.meta),
            "status": {"agree": self.status_agree, "total": self.status_total},
            "errors": [e.to_dict() for v in self.layers.values() for e in v.errors],
        }


@dataclass(slots=True)
class GoldReport:
    """The result of :func:`evaluate_gold`: per-article scores, micro averages, problems."""

    articles: list[ArticleScore] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def micro(self) -> dict[str, Counts]:
        """Counts summed over articles, per layer."""
        out = {layer: Counts() for layer in LAYERS}
        for a in self.articles:
            for layer in LAYERS:
                out[layer].add(a.layers[layer].counts)
        return out

    @property
    def meta_agreement(self) -> dict[str, tuple[int, int]]:
        """(agree, total) per metadata field over articles."""
        out: dict[str, tuple[int, int]] = {}
        for f in META_FIELDS:
            vals = [a.meta[f] for a in self.articles if f in a.meta]
            out[f] = (sum(vals), len(vals))
        return out

    @property
    def status_agreement(self) -> tuple[int, int]:
        """(agree, total) over matched event pairs whose gold gives a status."""
        return (
            sum(a.status_agree for a in self.articles),
            sum(a.status_total for a in self.articles),
        )

    @property
    def headline(self) -> str:
        """The last line of every report: micro event F1."""
        return f"events F1 {self.micro['events'].f1:.3f}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        agree, total = self.status_agreement
        return {
            "articles": [a.to_dict() for a in self.articles],
            "micro": {k: v.to_dict() for k, v in self.micro.items()},
            "meta_agreement": {
                f: {"agree": a, "total": t} for f, (a, t) in self.meta_agreement.items()
            },
            "status_agreement": {"agree": agree, "total": total},
            "problems": list(self.problems),
            "seconds": round(self.seconds, 3),
            "headline": self.headline,
        }


# --------------------------------------------------------------------------- scoring


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _codes(codes: Sequence[str | None]) -> str:
    return "|".join(c if c else "∅" for c in codes)


class _Locator:
    """Finds the sentence of an offset, or of a gold string searched in the body."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._norm: tuple[str, list[int]] | None = None

    def sentence_at(self, offset: int) -> str | None:
        body = self.doc.body
        for s in self.doc.sentences:
            if s.start <= offset < s.end:
                return body[s.start : s.end]
        if not body:
            return None
        # no sentence layer: the line around the offset
        start = body.rfind("\n", 0, offset) + 1
        end = body.find("\n", offset)
        return body[start : end if end >= 0 else len(body)].strip() or None

    def find(self, text: str | None) -> str | None:
        """The sentence holding ``text`` (searched normalized), or the headline holding it."""
        if not text:
            return None
        if self._norm is None:
            self._norm = normalize_with_map(self.doc.body)
        norm, offsets = self._norm
        needle = normalize(text).strip()
        i = norm.find(needle)
        if i >= 0:
            return self.sentence_at(offsets[i])
        headline = self.doc.article.headline
        if headline and needle in normalize(headline):
            return f"[headline] {headline}"
        return None


def _meta_agreement(meta: dict[str, Any], article: Article) -> dict[str, bool]:
    def same(a: Any, b: Any) -> bool:
        na = " ".join(normalize(a).split()) if isinstance(a, str) and a.strip() else None
        nb = " ".join(normalize(b).split()) if isinstance(b, str) and b.strip() else None
        return na == nb

    out: dict[str, bool] = {}
    for f in META_FIELDS:
        if f not in meta:
            continue
        if f == "boilerplate":
            g = sorted(" ".join(normalize(x).split()) for x in meta.get(f) or [] if isinstance(x, str))
            o = sorted(" ".join(normalize(x).split()) for x in article.boilerplate)
            out[f] = g == o
        else:
            out[f] = same(meta.get(f), getattr(article, f, None))
    return out


def _output_entity_label(entity: Actor, body: str) -> str:
    label = f"{entity.id} {entity.type} {entity.name}" + (f" ({entity.country})" if entity.country else "")
    seen = [t for t in entity_strings(entity, body)[1:] if normalize(t) != normalize(entity.name)]
    return label + (f" [{', '.join(seen[:3])}]" if seen else "")


def _output_event_label(event: Event, doc: Document) -> str:
    def side(ids: Sequence[str]) -> str:
        parts = []
        for i in ids:
            e = doc.entity(i)
            codes = sorted(c or "∅" for c in entity_codes(e, doc.body))
            parts.append(f"{e.name if e else i}({'|'.join(codes)})")
        return ", ".join(parts) or "∅"

    return f"{event.id} {event.type} {side(event.actors)} → {side(event.recipients)}"


def _output_quote_label(quote: Quote, doc: Document) -> str:
    ent = doc.entity(quote.speaker)
    who = ent.name if ent else (quote.speaker_text or "?")
    return f"{quote.id} {who}: «{_clip(doc.text(quote.content))}»"


def score_layer(
    layer: str,
    golds: Sequence[Any],
    outputs: Sequence[Any],
    compatible: Callable[[int, int], bool],
    gold_sentence: Callable[[Any], str | None],
    out_sentence: Callable[[Any], str | None],
    out_label: Callable[[Any], str],
) -> LayerScore:
    """Match one layer one to one (required gold first) and list the missed and the spurious."""
    required = [bool(g.required) for g in golds]
    matching = match_one_to_one(required, len(outputs), compatible)
    counts = Counts(
        required=sum(required),
        optional=len(golds) - sum(required),
        output=len(outputs),
        matched_required=sum(1 for g in matching if required[g]),
        matched_optional=sum(1 for g in matching if not required[g]),
    )
    errors = [
        ErrorItem(layer, "missed", g.label(), gold_sentence(g))
        for i, g in enumerate(golds)
        if required[i] and i not in matching
    ]
    used = set(matching.values())
    errors += [
        ErrorItem(layer, "spurious", out_label(o), out_sentence(o))
        for j, o in enumerate(outputs)
        if j not in used
    ]
    return LayerScore(counts, errors, sorted(matching.items()))


def score_document(gold: Gold, doc: Document, name: str | None = None) -> ArticleScore:
    """Score one analysed article against its gold record."""
    body = doc.body
    loc = _Locator(doc)

    def first_mention(e: Actor) -> str | None:
        return loc.sentence_at(e.mentions[0].start) if e.mentions else loc.find(e.name)

    def first_evidence(v: Event) -> str | None:
        if v.evidence:
            return loc.sentence_at(v.evidence[0].start)
        return loc.sentence_at(v.cue.start) if v.cue else None

    # the gold annotates names; described actors (مسؤول سعودي) are not scored as entities
    named = [e for e in doc.entities if not e.nominal]
    ents = score_layer(
        "entities",
        gold.entities,
        named,
        lambda i, j: entity_matches(gold.entities[i], named[j], body),
        lambda g: next((s for s in (loc.find(m) for m in [*g.mentions, g.name]) if s), None),
        first_mention,
        lambda e: _output_entity_label(e, body),
    )
    quotes = score_layer(
        "quotes",
        gold.quotes,
        doc.quotes,
        lambda i, j: quote_matches(gold.quotes[i], doc.quotes[j], doc, gold.entities),
        lambda g: loc.find(g.text),
        lambda q: loc.sentence_at(q.content.start),
        lambda q: _output_quote_label(q, doc),
    )
    events = score_layer(
        "events",
        gold.events,
        doc.events,
        lambda i, j: event_matches(gold.events[i], doc.events[j], doc),
        lambda g: loc.find(g.evidence),
        first_evidence,
        lambda v: _output_event_label(v, doc),
    )
    score = ArticleScore(
        name=name or gold.file or doc.article.source or doc.article.id,
        article=doc.article.source or "",
        gold=str(gold.path),
        layers={"entities": ents, "quotes": quotes, "events": events},
        meta=_meta_agreement(gold.meta, doc.article),
        gold_event_types=[(g.types[0], g.required) for g in gold.events],
        output_event_types=[(v.type or "").upper() for v in doc.events],
    )
    from rasd.eval.diagnostics import country_agreement, events_at_thresholds, quote_outcomes

    score.quote_outcomes = dict(quote_outcomes(gold, doc))
    score.country_agree = country_agreement(gold, doc)
    score.events_at = events_at_thresholds(gold, doc)
    for gi, oj in events.pairs:
        g, o = gold.events[gi], doc.events[oj]
        if g.status:
            score.status_total += 1
            score.status_agree += int(g.status == o.status)
            score.status_pairs.append((g.id, g.status, o.status))
    return score


def read_article(path: Path) -> Article:
    """Read one article with rasd's readers (a ``manifest.tsv`` beside it supplies its metadata).

    Raises:
        EvalError: the file cannot be read as an article.
    """
    from rasd.read import ReadProblem, iter_inputs

    for item in iter_inputs([path]):
        if isinstance(item, ReadProblem):
            raise EvalError(item.source, item.problem, item.hint)
        return item
    raise EvalError(path, "holds no article")


def iter_scores(
    pairs: Iterable[tuple[Path, Path]],
    pipeline: Pipeline,
    problems: list[str],
    time_limit: float | None = None,
    groups: dict[Path, dict[str, str]] | None = None,
) -> Iterator[ArticleScore]:
    """Analyse and score each (article, gold) pair; failures go to ``problems`` and are skipped."""
    read: deque[tuple[Path, Gold]] = deque()  # pairs read, in the order their articles go in

    def articles() -> Iterator[Article]:
        for art_path, gold_path in pairs:
            try:
                gold = load_gold(gold_path)
                article = read_article(art_path)
            except EvalError as exc:
                problems.append(exc.message)
                continue
            read.append((art_path, gold))
            yield article

    for out in pipeline.pipe(articles(), time_limit=time_limit):
        art_path, gold = read.popleft()
        if isinstance(out, Document):
            score = score_document(gold, out, name=art_path.name)
            score.group = dict((groups or {}).get(art_path, {}))
            yield score
        else:
            problems.append(f"{art_path}: {out.problem}")


def evaluate_gold(
    paths: Iterable[str | Path],
    pipeline: Pipeline | None = None,
    *,
    time_limit: float | None = None,
    gold_dir: str | Path | None = None,
    split: str | None = None,
) -> GoldReport:
    """Run the pipeline on every article with a gold record under ``paths`` and score it.

    Args:
        paths: article files, gold files or folders (see :func:`find_pairs`); with ``gold_dir``
            or ``split``, corpus folders whose ``manifest.tsv`` lists the articles.
        pipeline: the pipeline to evaluate; the full :class:`rasd.Pipeline` when omitted.
        time_limit: seconds allowed per article; a longer analysis is reported as a problem.
        gold_dir: the folder holding the gold records (``<stem>.gold.json``), when they are not
            beside the articles (``corpus/gold`` for the news corpus).
        split: score only the articles of this split of the manifest (train, dev or test).

    Returns:
        The report; articles that could not be read or scored are listed in ``problems``.
    """
    import time

    from rasd.eval.corpus import corpus_pairs

    t0 = time.perf_counter()
    pairs, groups, problems = corpus_pairs(
        paths, Path(gold_dir) if gold_dir is not None else None, split
    )
    if pipeline is None and pairs:
        from rasd.pipeline import Pipeline

        pipeline = Pipeline()
    report = GoldReport(problems=problems)
    if pipeline is not None:
        report.articles = list(iter_scores(pairs, pipeline, report.problems, time_limit, groups))
    report.seconds = time.perf_counter() - t0
    return report
