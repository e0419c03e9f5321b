"""The PLOVER 2.0 ontology as rasd codes it: types, quad classes, modes, scores, CAMEO crosswalk.

Everything comes from one data file, ``rasd/data/ontology/plover.json``, whose ``codebook``
string is written into every analysed document (``Document.meta["codebook"]``) so that a dataset
always says which version of the coding rules produced it.

Example::

    onto = load_ontology()
    onto.codebook                      # 'plover-2.0/rasd-1'
    onto.types["ASSAULT"].score        # -9.5
    onto.cameo_root("CONSULT")         # '04'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type.

    Attributes:
        name: the type (``SUPPORT``).
        quad_class: ``verbal_cooperation``, ``material_cooperation``, ``verbal_conflict`` or
            ``material_conflict``.
        quad: 1–4, in that order.
        score: cooperation–conflict score, −10 … +10.
        reciprocal: all parties are actors and direction does not matter (CONSULT).
        definition: one sentence.
        modes: mode name → definition.
        cameo_roots: CAMEO root codes (two digits) the type absorbs.
        mode_cameo: mode name → CAMEO codes.
        needs_recipient: rasd codes the type only when a recipient is named.
    """

    name: str
    quad_class: str
    quad: int
    score: float
    reciprocal: bool
    definition: str
    modes: dict[str, str]
    cameo_roots: tuple[str, ...]
    mode_cameo: dict[str, tuple[str, ...]]
    needs_recipient: bool = False


@dataclass(frozen=True, slots=True)
class Ontology:
    """The parsed ontology file."""

    codebook: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    statuses: dict[str, str]

    def cameo_root(self, event_type: str) -> str | None:
        """The main CAMEO root code of a PLOVER type (the first listed), or ``None``."""
        t = self.types.get(event_type)
        return t.cameo_roots[0] if t and t.cameo_roots else None

    def cameo_codes(self, event_type: str, mode: str | None = None) -> tuple[str, ...]:
        """CAMEO codes for a type and mode (the mode's own codes when it has them)."""
        t = self.types.get(event_type)
        if t is None:
            return ()
        if mode and mode in t.mode_cameo:
            return t.mode_cameo[mode]
        return t.cameo_roots

    def valid_mode(self, event_type: str, mode: str | None) -> bool:
        """Whether ``mode`` is empty or one of the type's modes."""
        t = self.types.get(event_type)
        return t is not None and (mode is None or mode in t.modes)


def parse_ontology(data: dict[str, Any]) -> Ontology:
    """Build an :class:`Ontology` from the JSON structure of ``plover.json``."""
    quads = {k: int(v["quad"]) for k, v in data["quad_classes"].items()}
    types: dict[str, EventType] = {}
    for name, t in data["types"].items():
        modes = {m: str(v.get("definition", "")) for m, v in t.get("modes", {}).items()}
        mode_cameo = {m: tuple(v.get("cameo", ())) for m, v in t.get("modes", {}).items()}
        types[name] = EventType(
            name=name,
            quad_class=t["quad_class"],
            quad=quads[t["quad_class"]],
            score=float(t["score"]),
            reciprocal=bool(t.get("reciprocal", False)),
            definition=t.get("definition", ""),
            modes=modes,
            cameo_roots=tuple(t.get("cameo", {}).get("roots", ())),
            mode_cameo=mode_cameo,
            needs_recipient=bool(t.get("needs_recipient", False)),
        )
    return Ontology(
        codebook=str(data["codebook"]),
        types=types,
        contexts=tuple(data.get("contexts", ())),
        statuses=dict(data.get("statuses", {})),
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology (parsed once per process)."""
    text = resources.files("rasd").joinpath("data", "ontology", "plover.json").read_text("utf-8")
    return parse_ontology(json.loads(text))


def codebook_version() -> str:
    """The codebook version string written into every output."""
    return load_ontology().codebook
