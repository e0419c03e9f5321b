"""Check a ``gold/1`` record against its article: format, codes and verbatim strings.

The scorer (:mod:`rasd.eval.gold`) is lenient so that a batch can be scored; this check is strict
so that an annotation is right before it is stored. It finds, per record:

- what :func:`rasd.eval.gold.load_gold` rejects (not JSON, not a gold/1 record);
- a quote ``text`` or an event ``evidence`` that is not a substring of the article file;
- an entity type other than PER/ORG/LOC/EVENT, a sector that is not PLOVER's, a country that is
  neither ISO 3166-1 alpha-3 nor null;
- an event type or status outside the codebook, a source/target code that is neither a country,
  a group code (IGO, UNO, EUR, NGO, IMG, MNC), a named-actor code (ISIS) nor null;
- a quote kind other than direct/indirect/mixed, a quote without a speaker;
- a ``file`` field that does not name the article.

Example::

    problems = check_gold_file(Path("corpus/gold/X.gold.json"), Path("../shared/data/news-corpus/X.txt"))
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.eval import EvalError
from rasd.eval.gold import ACTOR_CODE_NAMES, GOLD_SUFFIX, load_gold

ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "EVENT"})
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
GROUP_SECTORS = frozenset({"IGO", "NGO"})


@lru_cache(maxsize=1)
def _codebook() -> tuple[frozenset[str], frozenset[str]]:
    from rasd.events.ontology import load_ontology

    onto = load_ontology()
    return frozenset(onto.types), frozenset(onto.statuses)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from rasd.kb import load_kb

    return frozenset(load_kb().countries)


def _group_codes() -> frozenset[str]:
    from rasd.kb import GROUP_CODES

    return GROUP_CODES


def _sectors() -> frozenset[str]:
    from rasd.kb import SECTORS

    return SECTORS | GROUP_SECTORS


def valid_country(code: str | None) -> bool:
    """An entity country: ISO 3166-1 alpha-3 (as the knowledge base lists them) or null."""
    return code is None or code in _countries()


def valid_event_code(code: str | None) -> bool:
    """An event source/target code: a country, a group code, a named-actor code or null."""
    return (
        code is None
        or code in _countries()
        or code in _group_codes()
        or code in ACTOR_CODE_NAMES
    )


def _raw(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    return data if isinstance(data, dict) else {}


def check_record(data: dict[str, Any], article_text: str, article_name: str | None = None) -> list[str]:
    """The problems of one decoded record against the text of its article file."""
    problems: list[str] = []
    types, statuses = _codebook()
    if article_name is not None and data.get("file") not in (article_name, None):
        problems.append(f"file is {data.get('file')!r}, expected {article_name!r}")
    if data.get("format") != "gold/1":
        problems.append("format is not 'gold/1'")
    meta = data.get("meta")
    if not isinstance(meta, dict):
        problems.append("meta is missing")
    for i, e in enumerate(data.get("entities") or []):
        where = f"entities[{i}] {e.get('name')!r}"
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{where}: type {e.get('type')!r} is not one of {sorted(ENTITY_TYPES)}")
        if not valid_country(e.get("country")):
            problems.append(f"{where}: country {e.get('country')!r} is not ISO 3166-1 alpha-3 or null")
        sector = e.get("sector")
        if sector is not None and sector not in _sectors():
            problems.append(f"{where}: sector {sector!r} is not a PLOVER sector")
        if not e.get("mentions"):
            problems.append(f"{where}: no mentions")
    for i, q in enumerate(data.get("quotes") or []):
        where = f"quotes[{i}]"
        if q.get("kind") not in QUOTE_KINDS:
            problems.append(f"{where}: kind {q.get('kind')!r} is not one of {sorted(QUOTE_KINDS)}")
        if not (isinstance(q.get("speaker"), str) and q["speaker"].strip()):
            problems.append(f"{where}: no speaker")
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: no text")
        elif text not in article_text:
            problems.append(f"{where}: text is not a verbatim substring of the article: {text[:60]!r}")
    seen_ids: set[str] = set()
    for i, v in enumerate(data.get("events") or []):
        where = f"events[{i}] {v.get('id')!r}"
        if v.get("id") in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(str(v.get("id")))
        vt = v.get("type")
        vt = [vt] if isinstance(vt, str) else vt
        if not isinstance(vt, list) or not vt:
            problems.append(f"{where}: no type list")
        else:
            for t in vt:
                if t not in types:
                    problems.append(f"{where}: type {t!r} is not a PLOVER type")
        for side in ("source", "target"):
            codes = v.get(side)
            codes = [codes] if codes is None or isinstance(codes, str) else codes
            if not isinstance(codes, list):
                problems.append(f"{where}: {side} is not a list")
                continue
            for c in codes:
                if not valid_event_code(c):
                    problems.append(f"{where}: {side} code {c!r} is not a country, group code or null")
        if v.get("status") not in statuses:
            problems.append(f"{where}: status {v.get('status')!r} is not one of {sorted(statuses)}")
        ev = v.get("evidence")
        if not isinstance(ev, str) or not ev.strip():
            problems.append(f"{where}: no evidence")
        elif ev not in article_text:
            problems.append(f"{where}: evidence is not a verbatim substring of the article: {ev[:60]!r}")
        if not isinstance(v.get("required", True), bool):
            problems.append(f"{where}: required is not true/false")
    return problems


def check_gold_file(gold_path: Path, article_path: Path) -> list[str]:
    """The problems of a gold file against its article file (empty when it is right)."""
    try:
        load_gold(gold_path)
    except EvalError as exc:
        return [str(exc)]
    try:
        article_text = article_path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return [f"article {article_path} cannot be read ({exc.strerror})"]
    return check_record(_raw(gold_path), article_text, article_path.name)


def article_of(gold_path: Path, search: Iterable[Path]) -> Path | None:
    """The article a gold file annotates: its ``file`` field (or its name) in one of ``search``."""
    try:
        name = _raw(gold_path).get("file")
    except (OSError, ValueError):
        name = None
    if not isinstance(name, str) or not name:
        name = gold_path.name.removesuffix(GOLD_SUFFIX) + ".txt"
    for folder in search:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None
