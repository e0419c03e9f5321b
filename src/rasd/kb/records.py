"""The records of the knowledge base: countries, places, actors with dated offices, institution
heads, office titles and ambiguous surface forms, and the code sets they use.

These are facts about the world (names, posts with dates, places), never entries made for one
article; :mod:`rasd.kb.base` reads them from ``rasd/data/kb``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
