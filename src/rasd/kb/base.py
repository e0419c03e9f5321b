"""Loading the knowledge base: the files of ``rasd/data/kb`` parsed once, with normalized look-ups.

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

import contextlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.kb.records import (
    GROUP_CODES,
    PLACE_KINDS,
    Ambiguity,
    Body,
    Country,
    KBActor,
    Place,
    Role,
    Title,
)

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "kb"


def _bar(value: str) -> tuple[str, ...]:
    return tuple(v for v in (x.strip() for x in value.split("|")) if v)


def _opt(value: str | None) -> str | None:
    return value if value else None


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


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Normalized words known to occur in person names: a derived list plus the KB's persons."""
    words: set[str] = set()
    ref = resources.files("rasd") / "data" / "lexicon" / "name_words.txt"
    with contextlib.suppress(FileNotFoundError, OSError):
        words.update(w for w in ref.read_text("utf-8").splitlines() if w and not w.startswith("#"))
    for actor in load_kb().actors.values():
        if actor.type == "PER":
            for name in actor.names:
                words.update(normalize(w) for w in name.split())
    return frozenset(words)
