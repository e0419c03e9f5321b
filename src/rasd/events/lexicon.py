"""The event cue lexicon: cue words by PLOVER type and mode, light verbs, agent nouns.

The lexicon is data (``rasd/data/lexicon/events.tsv``, ``events_light.tsv``,
``events_agents.tsv``; the word lists the rules read are ``events_words.tsv``, see
:mod:`rasd.events.words`); this module parses it once per process
into dictionaries keyed by normalized word forms. A verb is written once (perfect and imperfect,
third person masculine singular) and every person, number and tense form is generated; a noun
gets its accusative, dual, construct and plural forms; clitics (و ف ب ل ك س ال and attached
pronouns) are split off at match time by :func:`analyses`, so ``ستدعم``، ``يدعم``، ``دعمها`` and
``ودعم`` all find ``دعم``. Matching a token is a few dictionary look-ups, cached per word form.

Example::

    lex = load_lexicon()
    [m.cue.type for m in lex.match("ستدعم")]     # ['SUPPORT']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import frequency
from rasd.events.morphology import (
    Analysis,
    analyses,
    core,
    noun_forms,
    participle_forms,
    verb_forms,
)
from rasd.rules import Row, lexicon_file, read_rows


@dataclass(frozen=True, slots=True)
class Slot:
    """A word that must follow a multi-word cue's head: alternatives and whether a gap may precede."""

    words: frozenset[str]
    gap: bool


@dataclass(frozen=True, slots=True)
class Cue:
    """A lexicon entry.

    Attributes:
        key: row number (stable within one lexicon version).
        type: PLOVER event type.
        mode: PLOVER mode or ``None``.
        pos: ``verb``, ``noun`` or ``part``.
        lemma: the head as written in the lexicon.
        then: words that must follow the head.
        frame: ``obj`` and the prepositions that introduce the recipient.
        flags: see the lexicon header.
        neg_type: the type the cue takes when negated (``neg=REJECT``).
        not_next: next words that cancel the cue.
    """

    key: int
    type: str
    mode: str | None
    pos: str
    lemma: str
    then: tuple[Slot, ...]
    frame: frozenset[str]
    flags: frozenset[str]
    neg_type: str | None = None
    not_next: frozenset[str] = frozenset()

    def has(self, flag: str) -> bool:
        """Whether the entry carries ``flag``."""
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class Form:
    """A generated word form of a cue: the entry, whether it is a finite verb, its person."""

    cue: Cue
    verbal: bool
    person: str  # "1p", "1s", "3" or "" (nouns)
    tense: str  # "perf", "impf" or ""
    gender: str = ""  # "m" or "f" for third-person singular verb forms, else ""
    plural: bool = False  # a plural noun (هجمات، اعتداءات)


@dataclass(frozen=True, slots=True)
class Light:
    """A light verb (أجرى، شن، تعرض لـ)."""

    lemma: str
    role: str  # agent | patient | passive
    particle: str
    declare: bool
    harm: bool = True  # may govern a noun of harm (شن هجوماً; not أرسل، فتح تحقيقاً، حضر)


@dataclass(frozen=True, slots=True)
class AgentNoun:
    """A common noun naming who acts (مسلحون، المتظاهرون)."""

    name: str
    sector: str
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match on one token: the form found and the clitic analysis that found it."""

    form: Form
    analysis: Analysis

    @property
    def cue(self) -> Cue:
        """The lexicon entry."""
        return self.form.cue


def _alts(cell: str) -> list[str]:
    return [normalize(x.strip()) for x in cell.split("|") if x.strip()]


def _slots(cell: str) -> tuple[Slot, ...]:
    slots = []
    for part in cell.split(" + "):
        part = part.strip()
        if not part:
            continue
        gap = part.startswith("…")
        words: set[str] = set()
        for w in part.lstrip("…").split("|"):
            if not w.strip():
                continue
            c = core(w)
            words.add(c)
            if c.endswith("ا") and len(c) > 3:
                words.add(c[:-1])  # the accusative of an indefinite noun (هجوماً)
            elif len(c) > 2:
                words.add(c + "ا")
        slots.append(Slot(frozenset(words), gap))
    return tuple(slots)


CUE_FLAGS = frozenset(
    {"recip", "patient", "needrec", "light", "weak", "implicit", "quote", "futonly", "negonly", "noperf", "passive", "thing", "protester"}
)
"""The flags of ``events.tsv`` (besides ``neg=TYPE`` and ``not=W1/W2``); see the file's header."""
POS = ("verb", "noun", "part", "circ")
LIGHT_ROLES = ("agent", "patient", "passive")
LIGHT_FLAGS = frozenset({"declare", "noharm", "circ"})
AGENT_FLAGS = frozenset({"unknown", "protest", "attack", "victim", "weapon"})
_CLITIC_PREPS = frozenset({"ب", "ل", "ك"})


def _flags(row: Row, column: int, allowed: frozenset[str]) -> frozenset[str]:
    out = frozenset(x.strip() for x in row.cells[column].split("|") if x.strip())
    unknown = sorted(out - allowed)
    if unknown:
        raise row.error(f"unknown flag {unknown[0]!r}; flags are {', '.join(sorted(allowed))}")
    return out


class Lexicon:
    """The parsed lexicon: cue forms, light verbs and agent nouns.

    Every file is read strictly (:mod:`rasd.rules.tables`): an unknown part of speech, type,
    mode, flag, frame preposition, role or sector stops loading with the file and line.
    """

    def __init__(self, folder: Path | None = None) -> None:
        """Read the lexicon files of the installed package (or of ``folder``)."""
        self.folder = folder
        self.heads: dict[str, list[Form]] = {}
        self.cues: list[Cue] = []
        self.lights: dict[str, tuple[Light, str, str]] = {}
        self.agents: dict[str, AgentNoun] = {}
        self._light_cache: dict[str, tuple[Light, str, Analysis] | None] = {}
        self._agent_cache: dict[str, AgentNoun | None] = {}
        self._load_cues()
        self._load_lights()
        self._load_agents()

    # ------------------------------------------------------------------ loading

    def _file(self, name: str) -> Path | Traversable:
        return self.folder / name if self.folder is not None else lexicon_file(name)

    def _load_cues(self) -> None:
        from rasd.events.governor import prepositions
        from rasd.events.ontology import load_ontology

        onto = load_ontology()
        preps = prepositions()
        canonical = frozenset(preps.values()) | _CLITIC_PREPS
        header = ("type", "mode", "pos", "forms", "then", "frame", "flags")
        for key, row in enumerate(read_rows(self._file("events.tsv"), header, min_cells=4)):
            etype = row.closed(0, "type", onto.types)
            mode = row.cells[1]
            if mode and not onto.valid_mode(etype, mode):
                raise row.error(f"{etype} has no mode {mode!r}")
            pos = row.closed(2, "part of speech", POS)
            forms, then, frame = row.cells[3], row.cells[4], row.cells[5]
            if not etype or not pos or not forms:
                raise row.error("a cue needs a type, a part of speech and its forms")
            flags: set[str] = set()
            neg_type = None
            not_next: frozenset[str] = frozenset()
            for f in (x.strip() for x in row.cells[6].split("|") if x.strip()):
                if f.startswith("neg="):
                    neg_type = f[4:]
                    if neg_type not in onto.types:
                        raise row.error(f"neg={neg_type}: no such type")
                elif f.startswith("not="):
                    not_next = frozenset(normalize(w) for w in f[4:].split("/"))
                elif f in CUE_FLAGS:
                    flags.add(f)
                else:
                    raise row.error(f"unknown flag {f!r}; flags are {', '.join(sorted(CUE_FLAGS))}, neg=TYPE, not=W1/W2")
            frame_set: set[str] = set()
            for x in (x.strip() for x in frame.split("|") if x.strip()):
                if x == "obj":
                    frame_set.add(x)
                    continue
                # a preposition as news writes it (باتجاه) stands for its canonical form (نحو)
                p = preps.get(normalize(x), normalize(x))
                if p not in canonical:
                    raise row.error(f"frame {x!r} is neither obj nor a preposition of events.view prepositions")
                frame_set.add(p)
            cue = Cue(key, etype, mode or None, pos, forms, _slots(then), frozenset(frame_set), frozenset(flags), neg_type, not_next)
            self.cues.append(cue)
            self._add_forms(cue)

    def _add_forms(self, cue: Cue) -> None:
        forms = cue.lemma
        for variant in forms.split("|"):
            variant = variant.strip()
            if not variant:
                continue
            if cue.pos == "verb":
                perf, _, impf = variant.partition("/")
                for form, (person, tense, gender) in verb_forms(perf, impf or "ي" + perf).items():
                    if cue.has("noperf") and form == normalize(perf):
                        continue
                    self._add(form, Form(cue, True, person, tense, gender))
            elif cue.pos == "noun":
                plural = variant != forms.split("|")[0].strip()
                for i, form in enumerate(noun_forms(variant)):
                    self._add(form, Form(cue, False, "", "", plural=plural or (i > 0 and form.endswith("ات"))))
            elif cue.pos == "circ":
                # a circumstantial participle (داعياً، محذراً): a verb whose subject is the clause's
                # only the accusative (and the plural): the bare form is often a noun (مطالب، متهم)
                n = normalize(variant)
                for form in (n + "ا", (n[:-1] if n.endswith("ي") else n) + "ين"):
                    self._add(form, Form(cue, True, "3", "circ"))
            else:
                for form in participle_forms(variant):
                    self._add(form, Form(cue, False, "", ""))

    def _add(self, form: str, f: Form) -> None:
        lst = self.heads.setdefault(form, [])
        if all(x.cue.key != f.cue.key for x in lst):
            lst.append(f)

    def _load_lights(self) -> None:
        for row in read_rows(self._file("events_light.tsv"), ("forms", "role", "particle", "flags"), min_cells=2):
            forms, particle = row.cells[0], row.cells[2]
            role = row.closed(1, "role", LIGHT_ROLES)
            flags = _flags(row, 3, LIGHT_FLAGS)
            for variant in forms.split("|"):
                perf, _, impf = variant.partition("/")
                light = Light(normalize(perf), role, normalize(particle), "declare" in flags, "noharm" not in flags)
                if "circ" in flags:  # معرباً عن: a circumstantial participle
                    self.lights.setdefault(normalize(perf) + "ا", (light, "3", "circ"))
                    continue
                for form, (person, tense, _gender) in verb_forms(perf, impf or "ي" + perf).items():
                    self.lights.setdefault(form, (light, person, tense))

    def _load_agents(self) -> None:
        from rasd.kb import SECTORS

        for row in read_rows(self._file("events_agents.tsv"), ("forms", "sector", "name", "flags"), min_cells=3):
            forms, name = row.cells[0], row.cells[2]
            sector = row.closed(1, "sector", sorted(SECTORS))
            agent = AgentNoun(name, sector, _flags(row, 3, AGENT_FLAGS))
            for w in _alts(forms):
                self.agents.setdefault(w, agent)
                if w.startswith("ال") and len(w) > 4:
                    self.agents.setdefault(w[2:], agent)

    # ------------------------------------------------------------------ look-ups

    def match(self, norm: str) -> tuple[Hit, ...]:
        """Cue forms a normalized word can be, for the least-stripped analysis that has any."""
        return _match(self, norm)

    def light(self, norm: str) -> tuple[Light, str, Analysis] | None:
        """The light verb a normalized word is, with its person and clitic analysis."""
        if norm in self._light_cache:
            return self._light_cache[norm]
        found = self._light(norm)
        if len(self._light_cache) < 200_000:
            self._light_cache[norm] = found
        return found

    def _light(self, norm: str) -> tuple[Light, str, Analysis] | None:
        for a in analyses(norm):
            if "det" in a.roles or ("prep" in a.roles and a.prefix[-1:] != "ل"):
                continue
            hit = self.lights.get(a.stem)
            if hit is not None:
                return hit[0], hit[1], a
        return None

    def agent(self, norm: str) -> AgentNoun | None:
        """The agent noun a normalized word is (clitics allowed)."""
        if norm in self._agent_cache:
            return self._agent_cache[norm]
        found = self._agent(norm)
        if len(self._agent_cache) < 200_000:
            self._agent_cache[norm] = found
        return found

    def _agent(self, norm: str) -> AgentNoun | None:
        for a in analyses(norm):
            if "fut" in a.roles or a.suffix:
                continue
            found = self.agents.get(a.stem)
            if found is not None:
                return found
        return None

    def stems(self, norm: str) -> frozenset[str]:
        """Every stem reading of a normalized word (for multi-word slots)."""
        return _stems(norm)


@lru_cache(maxsize=100_000)
def _stems(norm: str) -> frozenset[str]:
    return frozenset({norm, *(a.stem for a in analyses(norm))})


def _compatible(form: Form, a: Analysis) -> bool:
    roles = a.roles
    if form.verbal:
        if "det" in roles:
            return False
        if "prep" in roles:
            # only the ل of purpose before an imperfect (ليدعم)
            return form.tense == "impf" and a.prefix.endswith("ل") and "fut" not in roles
        if "fut" in roles:
            return form.tense == "impf"
        return True
    if "fut" in roles:
        return False
    # a noun with the article takes no attached pronoun
    return not ("det" in roles and a.suffix)


_MATCH_CACHE: dict[str, tuple[Hit, ...]] = {}


_RELATION_TYPES = frozenset({"COOPERATE", "AGREE", "CONSULT", "SANCTION", "AID", "SUPPORT", "CONCEDE"})


def _match(lex: Lexicon, norm: str) -> tuple[Hit, ...]:
    cached = _MATCH_CACHE.get(norm)
    if cached is not None:
        return cached
    found: tuple[Hit, ...] = ()
    whole = frequency(norm)
    for a in analyses(norm):
        forms = lex.heads.get(a.stem)
        if not forms:
            continue
        if (a.prefix or a.suffix) and whole > 100:
            # a frequent word is not read as clitics around a rarer cue (وزارة ≠ و+زار+ه) ...
            base = max(frequency(a.stem), *(frequency(normalize(f.cue.lemma.split("/")[0].split("|")[0])) for f in forms))
            if whole > 2 * base:
                # ... but the article before a relation noun is safe (التعاون، العقوبات)
                if not ("det" in a.roles and not a.suffix):
                    continue
                forms = [f for f in forms if f.cue.pos == "noun" and f.cue.type in _RELATION_TYPES]
        hits = tuple(Hit(f, a) for f in forms if _compatible(f, a))
        if hits:
            found = hits
            break
    if len(_MATCH_CACHE) < 200_000:
        _MATCH_CACHE[norm] = found
    return found


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (parsed once per process)."""
    _MATCH_CACHE.clear()
    return Lexicon()
