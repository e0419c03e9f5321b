"""The actor and place knowledge base: countries, places, actors, bodies, titles, ambiguities.

The knowledge base is a folder of text files (``rasd/data/kb/``) built by
``scripts/build_kb.py``; this module parses them once per process and offers typed records and
look-ups. Match keys are normalized with :func:`rasd.arabic.normalize.normalize`, so a surface
form written with or without hamza on alef, with ى or ي, ة or ه, or with diacritics finds the
same entries.

Example::

    kb = load_kb()
    kb.countries["SYR"].nisba          # ('سوري',)
    kb.lookup("المقداد")               # [('actor_short', 'syr.gov.mekdad_faisal')]
    kb.actor("syr.gov.mekdad_faisal").role_on("2017-10-25")
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rasd.arabic.normalize import normalize

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "kb"

GROUP_CODES: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"})
"""Codes used instead of a country for actors that belong to no state."""

SECTORS: frozenset[str] = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "COP",
        "SPY",
        "PTY",
        "REB",
        "OPP",
        "UAF",
        "CVL",
        "JRN",
        "REL",
        "BUS",
        "EDU",
        "MED",
        "REF",
        "PRE",
        "ELI",
        "LAB",
        "AGR",
        "CRM",
        "SOC",
        "UNK",
    ]
)
"""PLOVER actor sectors."""

PLACE_KINDS: tuple[str, ...] = (
    "capital",
    "city",
    "town",
    "governorate",
    "region",
    "border_crossing",
    "base",
    "other",
)

SURFACE_KINDS: tuple[str, ...] = (
    "country",
    "nisba",
    "demonym",
    "capital",
    "place",
    "actor",
    "actor_short",
    "body",
    "title",
)
"""Kinds yielded by :meth:`KnowledgeBase.surface_forms`."""


def _bar(value: str) -> tuple[str, ...]:
    return tuple(v for v in (x.strip() for x in value.split("|")) if v)


def _opt(value: str | None) -> str | None:
    return value if value else None


@dataclass(frozen=True, slots=True)
class Country:
    """A country (ISO 3166-1 alpha-3) with its Arabic names and capital.

    Attributes:
        code: ISO3 code (``XKX`` for Kosovo).
        name_ar: canonical Arabic name as news writes it.
        name_en: English short name.
        aliases: other Arabic names (official and informal), without clitics.
        nisba: masculine singular adjectives without the article (سوري); the linker derives
            الـ / ـة / ـون / ـين / ـيين forms.
        demonyms: irregular plurals for the people (الأتراك).
        capital_ar: the seat of government as used for metonymy (empty when none).
        capital_aliases: other spellings of the capital.
        capital_en: English name of the capital.
    """

    code: str
    name_ar: str
    name_en: str
    aliases: tuple[str, ...]
    nisba: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital_ar: str
    capital_aliases: tuple[str, ...]
    capital_en: str

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by its aliases."""
        return (self.name_ar, *self.aliases)

    @property
    def capital_names(self) -> tuple[str, ...]:
        """The capital and its aliases (empty when the country has no capital)."""
        return (self.capital_ar, *self.capital_aliases) if self.capital_ar else ()


@dataclass(frozen=True, slots=True)
class Place:
    """A capital, city, town, governorate, region, crossing or base with coordinates.

    Attributes:
        id: ``geo:<geonameid>`` for GeoNames places, ``adm:...`` for governorates, ``pl:...``
            for curated ones.
        country: ISO3 code of the country the place is in.
        kind: one of :data:`PLACE_KINDS`.
        population: GeoNames population (0 when unknown).
        admin1_ar: Arabic name of the governorate/province it lies in (may be empty).
    """

    id: str
    name_ar: str
    name_en: str
    country: str
    kind: str
    lat: float
    lon: float
    population: int
    aliases: tuple[str, ...]
    admin1_ar: str

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by its aliases."""
        return (self.name_ar, *self.aliases)


@dataclass(frozen=True, slots=True)
class Role:
    """An office held by a person, with dates (``YYYY`` or ``YYYY-MM-DD``; ``None`` = open)."""

    role_ar: str
    role_en: str
    country: str | None
    sector: str
    start: str | None
    end: str | None

    def active(self, date: str) -> bool:
        """Whether the role was held on ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

        Comparison is at the precision of the less precise of the two dates, so a role ending
        in ``2020`` is active on ``2020-11-30``.
        """
        if self.start and _before(date, self.start):
            return False
        return not (self.end and _before(self.end, date))


def _before(a: str, b: str) -> bool:
    """``a`` is strictly earlier than ``b`` at their common precision."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


@dataclass(frozen=True, slots=True)
class KBActor:
    """A person or organization of the knowledge base.

    Attributes:
        id: stable slug (``syr.gov.mekdad_faisal``).
        name: canonical Arabic name.
        type: ``PER`` or ``ORG``.
        country: ISO3 code, a group code (:data:`GROUP_CODES`) or ``None``.
        sector: PLOVER sector of the actor's best-known position.
        aliases: full surface variants, safe to match alone.
        short_aliases: single surnames or acronyms that the linker should accept only with
            context (a full mention earlier in the document, a title, a matching country).
        roles: dated offices (persons only).
        source: ``curated`` or ``petrarch``.
    """

    id: str
    name: str
    name_en: str
    type: str
    country: str | None
    sector: str
    aliases: tuple[str, ...]
    short_aliases: tuple[str, ...]
    roles: tuple[Role, ...] = field(default=())
    source: str = "curated"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the full aliases (not the short ones)."""
        return (self.name, *self.aliases)

    def role_on(self, date: str) -> Role | None:
        """The role held on ``date`` (the latest-starting one when several overlap)."""
        held = [r for r in self.roles if r.active(date)]
        if not held:
            return None
        return max(held, key=lambda r: r.start or "")

    def code_on(self, date: str | None) -> tuple[str | None, str]:
        """(country, sector) on ``date`` from the roles, else the actor's default codes."""
        if date:
            role = self.role_on(date)
            if role is not None:
                return role.country or self.country, role.sector
        return self.country, self.sector


@dataclass(frozen=True, slots=True)
class Body:
    """A generic institution head (الجيش، الخارجية) that a country turns into a national actor."""

    head_ar: str
    aliases: tuple[str, ...]
    type: str
    sector: str
    name_en: str

    @property
    def names(self) -> tuple[str, ...]:
        """The head followed by its aliases."""
        return (self.head_ar, *self.aliases)


@dataclass(frozen=True, slots=True)
class Title:
    """An office title that precedes a person's name.

    Attributes:
        sector: PLOVER sector the title implies, or ``None`` when it comes from the organization
            that follows (المتحدث باسم، الأمين العام).
        rank: ``head``, ``senior``, ``office``, ``military``, ``royal``, ``religious``,
            ``honorific``, ``modifier`` (نائب، مساعد) or ``profession``.
        needs_country: the title names a national office and needs a country from context.
    """

    title_ar: str
    aliases: tuple[str, ...]
    sector: str | None
    role_en: str
    rank: str
    needs_country: bool

    @property
    def names(self) -> tuple[str, ...]:
        """The title followed by its aliases."""
        return (self.title_ar, *self.aliases)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A surface form with several readings.

    Attributes:
        readings: ``(kind, target)`` pairs; kind is ``country``, ``capital``, ``place``,
            ``actor``, ``word``, ``person_name``, ``river``, ``region`` or ``us_state``.
        default: the reading to take without context; ``None`` means "do not link".
    """

    surface_ar: str
    readings: tuple[tuple[str, str], ...]
    default: tuple[str, str] | None
    note: str

    @property
    def never_alone(self) -> bool:
        """True when the default reading is a common word: never link the form on its own."""
        return self.default is None or self.default[0] == "word"


def _reading(text: str) -> tuple[str, str]:
    kind, _, target = text.strip().partition(":")
    return kind.strip(), target.strip()


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    header: list[str] | None = None
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells, strict=False))


class KnowledgeBase:
    """All knowledge-base records, parsed once, with normalized look-ups.

    Attributes:
        countries: ISO3 code -> :class:`Country`.
        places: place id -> :class:`Place`.
        actors: actor id -> :class:`KBActor`.
        bodies: generic institution heads.
        titles: office titles.
        ambiguous: normalized surface -> :class:`Ambiguity`.
    """

    def __init__(self, path: Path) -> None:
        """Parse the knowledge-base files in ``path``."""
        self.path = path
        self.countries: dict[str, Country] = {}
        self.places: dict[str, Place] = {}
        self.actors: dict[str, KBActor] = {}
        self.bodies: list[Body] = []
        self.titles: list[Title] = []
        self.ambiguous: dict[str, Ambiguity] = {}
        self._load()
        self._index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for surface, kind, target in self.surface_forms():
            key = normalize(surface)
            if (kind, target) not in self._index[key]:
                self._index[key].append((kind, target))

    def _load(self) -> None:
        p = self.path
        for r in _read_tsv(p / "countries.tsv"):
            self.countries[r["code"]] = Country(
                code=r["code"],
                name_ar=r["name_ar"],
                name_en=r["name_en"],
                aliases=_bar(r["aliases_ar"]),
                nisba=_bar(r["nisba_ar"]),
                demonyms=_bar(r["demonym_plural_ar"]),
                capital_ar=r["capital_ar"],
                capital_aliases=_bar(r["capital_aliases_ar"]),
                capital_en=r["capital_en"],
            )
        for r in _read_tsv(p / "places.tsv"):
            self.places[r["id"]] = Place(
                id=r["id"],
                name_ar=r["name_ar"],
                name_en=r["name_en"],
                country=r["country"],
                kind=r["kind"],
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                population=int(r["population"] or 0),
                aliases=_bar(r["aliases_ar"]),
                admin1_ar=r["admin1_ar"],
            )
        with (p / "actors.jsonl").open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                roles = tuple(
                    Role(
                        role_ar=x.get("role_ar") or "",
                        role_en=x.get("role_en") or "",
                        country=x.get("country"),
                        sector=x["sector"],
                        start=_opt(x.get("start")),
                        end=_opt(x.get("end")),
                    )
                    for x in d.get("roles", [])
                )
                self.actors[d["id"]] = KBActor(
                    id=d["id"],
                    name=d["name"],
                    name_en=d["name_en"],
                    type=d["type"],
                    country=d.get("country"),
                    sector=d["sector"],
                    aliases=tuple(d.get("aliases", [])),
                    short_aliases=tuple(d.get("short_aliases", [])),
                    roles=roles,
                    source=d.get("source", "curated"),
                )
        for r in _read_tsv(p / "bodies.tsv"):
            self.bodies.append(
                Body(r["head_ar"], _bar(r["aliases_ar"]), r["type"], r["sector"], r["name_en"])
            )
        for r in _read_tsv(p / "titles.tsv"):
            self.titles.append(
                Title(
                    title_ar=r["title_ar"],
                    aliases=_bar(r["aliases_ar"]),
                    sector=_opt(r["sector"]),
                    role_en=r["role_en"],
                    rank=r["rank"],
                    needs_country=r["needs_country"] == "1",
                )
            )
        for r in _read_tsv(p / "ambiguous.tsv"):
            readings = tuple(_reading(x) for x in r["readings"].split(";") if x.strip())
            default = _reading(r["default"]) if r["default"].strip() else None
            amb = Ambiguity(r["surface_ar"], readings, default, r["note"])
            self.ambiguous[normalize(r["surface_ar"])] = amb

    # ------------------------------------------------------------------ look-ups

    def actor(self, actor_id: str) -> KBActor:
        """The actor with this id; raises ``KeyError`` naming the id when absent."""
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"no actor {actor_id!r} in the knowledge base at {self.path}") from None

    def place(self, place_id: str) -> Place:
        """The place with this id; raises ``KeyError`` naming the id when absent."""
        try:
            return self.places[place_id]
        except KeyError:
            raise KeyError(f"no place {place_id!r} in the knowledge base at {self.path}") from None

    def country(self, code: str) -> Country:
        """The country with this ISO3 code; raises ``KeyError`` when absent."""
        try:
            return self.countries[code]
        except KeyError:
            raise KeyError(f"no country {code!r} in the knowledge base at {self.path}") from None

    @cached_property
    def kingdoms(self) -> frozenset[str]:
        """Codes of the countries with an official name ``المملكة …`` or ``مملكة …``."""
        heads = (normalize("المملكة") + " ", normalize("مملكة") + " ")
        return frozenset(
            c.code for c in self.countries.values() if any(normalize(a).startswith(heads) for a in c.names)
        )

    def lookup(self, surface: str) -> list[tuple[str, str]]:
        """All ``(kind, target_id)`` entries whose surface form normalizes like ``surface``."""
        return list(self._index.get(normalize(surface), ()))

    def ambiguity(self, surface: str) -> Ambiguity | None:
        """The ambiguity record for ``surface`` (normalized), if any."""
        return self.ambiguous.get(normalize(surface))

    def is_valid_code(self, code: str | None) -> bool:
        """Whether ``code`` is a known ISO3 country code or a group code."""
        return code is not None and (code in self.countries or code in GROUP_CODES)

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(surface_form, kind, target_id)`` for every name in the knowledge base.

        Kinds (see :data:`SURFACE_KINDS`): ``country`` (names and aliases; target = ISO3),
        ``nisba`` (base adjective, target = ISO3), ``demonym`` (irregular people plural),
        ``capital`` (the capital as a metonym of its country, target = ISO3), ``place``
        (target = place id), ``actor`` and ``actor_short`` (target = actor id), ``body`` and
        ``title`` (target = the canonical head or title). Surface forms are as written, not
        normalized; use :meth:`lookup` for normalized matching.
        """
        for c in self.countries.values():
            for n in c.names:
                yield n, "country", c.code
            for n in c.nisba:
                yield n, "nisba", c.code
            for n in c.demonyms:
                yield n, "demonym", c.code
            for n in c.capital_names:
                yield n, "capital", c.code
        for p in self.places.values():
            for n in p.names:
                yield n, "place", p.id
        for a in self.actors.values():
            for n in a.names:
                yield n, "actor", a.id
            for n in a.short_aliases:
                yield n, "actor_short", a.id
        for b in self.bodies:
            for n in b.names:
                yield n, "body", b.head_ar
        for t in self.titles:
            for n in t.names:
                yield n, "title", t.title_ar

    def stats(self) -> dict[str, int]:
        """Counts by kind, for documentation and sanity checks."""
        kinds = Counter(p.kind for p in self.places.values())
        types = Counter(a.type for a in self.actors.values())
        out: dict[str, int] = {
            "countries": len(self.countries),
            "capitals": sum(1 for c in self.countries.values() if c.capital_ar),
            "places": len(self.places),
        }
        out.update({f"places.{k}": kinds[k] for k in PLACE_KINDS})
        out.update(
            {
                "actors": len(self.actors),
                "persons": types["PER"],
                "organizations": types["ORG"],
                "bodies": len(self.bodies),
                "titles": len(self.titles),
                "ambiguous": len(self.ambiguous),
                "surface_forms": sum(1 for _ in self.surface_forms()),
            }
        )
        return out


@lru_cache(maxsize=4)
def load_kb(path: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base (cached per process and path).

    Args:
        path: folder holding the knowledge-base files; defaults to the packaged ``rasd/data/kb``.
    """
    return KnowledgeBase(Path(path) if path is not None else DEFAULT_PATH)
