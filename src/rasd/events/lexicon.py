"""The event cue lexicon: cue words by PLOVER type and mode, light verbs, agent nouns, markers.

The lexicon is data (``rasd/data/lexicon/events*.tsv``); this module parses it once per process
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
from importlib import resources

from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import frequency

_DATA = ("data", "lexicon")

# proclitic sequences in normalized spelling: (written prefix, roles)
_PROCLITICS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    sorted(
        {
            (c + m + d if not (m == "ل" and d) else c + "لل", tuple(r for r in (rc, rm, rd) if r))
            for c, rc in (("", ""), ("و", "conj"), ("ف", "conj"))
            for m, rm in (("", ""), ("ب", "prep"), ("ل", "prep"), ("ك", "prep"), ("س", "fut"))
            for d, rd in (("", ""), ("ال", "det"))
            if not (m == "س" and d)
        },
        key=lambda x: len(x[0]),
    )
)
_ENCLITICS = ("", "ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني")
_MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way to read a normalized word: proclitic roles, stem, enclitic pronoun."""

    prefix: str
    roles: tuple[str, ...]
    stem: str
    suffix: str

    @property
    def prep(self) -> str:
        """The attached preposition (ب، ل، ك), without the article after it (بالـ → ب، للـ → ل)."""
        if "prep" not in self.roles:
            return ""
        p = self.prefix
        if "det" in self.roles:
            p = p[:-1] if p.endswith("لل") else p.removesuffix("ال")
        return p[-1:]


@lru_cache(maxsize=100_000)
def analyses(norm: str) -> tuple[Analysis, ...]:
    """Every clitic split of a normalized word, the least stripped first."""
    out: list[Analysis] = []
    for prefix, roles in _PROCLITICS:
        if not norm.startswith(prefix):
            continue
        rest = norm[len(prefix) :]
        for suffix in _ENCLITICS:
            if suffix and not rest.endswith(suffix):
                continue
            stem = rest[: len(rest) - len(suffix)]
            if len(stem) < _MIN_STEM:
                continue
            out.append(Analysis(prefix, roles, stem, suffix))
            # a noun in ة writes it ت before a pronoun; a verb in ى writes it ا (التقاه)
            if suffix and stem.endswith("ت"):
                out.append(Analysis(prefix, roles, stem[:-1] + "ه", suffix))
    out.sort(key=lambda a: len(a.prefix) + len(a.suffix))
    return tuple(out)


def core(word: str) -> str:
    """A word without a leading conjunction, preposition or article (for multi-word slots)."""
    w = normalize(word)
    for p in ("وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


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


def _read_rows(name: str) -> list[list[str]]:
    text = resources.files("rasd").joinpath(*_DATA, name).read_text("utf-8")
    rows: list[list[str]] = []
    header = True
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _alts(cell: str) -> list[str]:
    return [normalize(x.strip()) for x in cell.split("|") if x.strip()]


def verb_forms(perfect: str, imperfect: str) -> dict[str, tuple[str, str, str]]:
    """Normalized inflected forms of a verb: ``form -> (person, tense, gender)``.

    Args:
        perfect: third person masculine singular perfect (دعم، التقى).
        imperfect: third person masculine singular imperfect (يدعم، يلتقي).
    """
    p = normalize(perfect)
    out: dict[str, tuple[str, str, str]] = {}

    def add(form: str, person: str, tense: str, gender: str = "") -> None:
        if len(form) >= _MIN_STEM:
            out.setdefault(form, (person, tense, gender))

    add(p, "3", "perf", "m")
    for suf, person, gender in (("ت", "3", "f"), ("ا", "3", ""), ("وا", "3", ""), ("تا", "3", ""), ("ن", "3", ""), ("نا", "1p", ""), ("تم", "2", "")):
        add(p + suf, person, "perf", gender)
    if p[-1] in "يا":  # defective: دعا دعت دعوا، التقى التقت التقوا
        r = p[:-1]
        for suf, person, gender in (("ت", "3", "f"), ("وا", "3", ""), ("يا", "3", ""), ("تا", "3", ""), ("ا", "3", "m"), ("ينا", "1p", ""), ("ونا", "1p", "")):
            add(r + suf, person, "perf", gender)
    i = normalize(imperfect)
    if i[:1] in ("ي", "ت"):
        b = i[1:]
        for pre, person, gender in (("ي", "3", "m"), ("ت", "3", "f"), ("ن", "1p", ""), ("ا", "1s", "")):
            add(pre + b, person, "impf", gender)
            for suf in ("ون", "ان", "وا", "ين", "ن"):
                add(pre + b + suf, person if person[0] == "1" else "3", "impf")
            if b[-1] in "ويا":
                for suf in ("ون", "وا", "ان", "ين"):
                    add(pre + b[:-1] + suf, person if person[0] == "1" else "3", "impf")
    return out


def noun_forms(base: str) -> list[str]:
    """Normalized forms of a noun: itself, accusative, dual, construct and sound plural."""
    n = normalize(base)
    out = [n]
    if n.endswith("ه"):
        s = n[:-1]
        out += [s + "ت", s + "تان", s + "تين", s + "ات", s + "تي"]
    else:
        out += [n + "ا", n + "ان", n + "ين"]
    if n.endswith("ء"):  # the hamza takes a seat before a pronoun: لقائه، لقاؤه
        out += [n[:-1] + "ئ", n[:-1] + "ؤ"]
    return out


def participle_forms(base: str) -> list[str]:
    """Normalized forms of a participle or adjective (gender, number, accusative)."""
    n = normalize(base)
    return [n, n + "ه", n + "ون", n + "ين", n + "ات", n + "ا", n + "و", n + "ي", n + "تان", n + "ان"]


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


class Lexicon:
    """The parsed lexicon: cue forms, light verbs, agent nouns and markers."""

    def __init__(self) -> None:
        """Read the lexicon files of the installed package."""
        self.heads: dict[str, list[Form]] = {}
        self.cues: list[Cue] = []
        self.lights: dict[str, tuple[Light, str, str]] = {}
        self.agents: dict[str, AgentNoun] = {}
        self.markers: dict[str, frozenset[str]] = {}
        self._light_cache: dict[str, tuple[Light, str, Analysis] | None] = {}
        self._agent_cache: dict[str, AgentNoun | None] = {}
        self._load_cues()
        self._load_lights()
        self._load_agents()
        self._load_markers()

    # ------------------------------------------------------------------ loading

    def _load_cues(self) -> None:
        for key, row in enumerate(_read_rows("events.tsv")):
            row += [""] * (6 - len(row))
            etype, mode, pos, forms, then, frame = row[:6]
            flags_cell = row[6] if len(row) > 6 else ""
            flags: set[str] = set()
            neg_type = None
            not_next: frozenset[str] = frozenset()
            for f in (x.strip() for x in flags_cell.split("|") if x.strip()):
                if f.startswith("neg="):
                    neg_type = f[4:]
                elif f.startswith("not="):
                    not_next = frozenset(normalize(w) for w in f[4:].split("/"))
                else:
                    flags.add(f)
            frame_set = frozenset(
                "obj" if x == "obj" else normalize(x) for x in frame.split("|") if x.strip()
            )
            cue = Cue(
                key,
                etype,
                mode or None,
                pos,
                forms,
                _slots(then),
                frame_set,
                frozenset(flags),
                neg_type,
                not_next,
            )
            self.cues.append(cue)
            for variant in forms.split("|"):
                variant = variant.strip()
                if not variant:
                    continue
                if pos == "verb":
                    perf, _, impf = variant.partition("/")
                    for form, (person, tense, gender) in verb_forms(perf, impf or "ي" + perf).items():
                        if cue.has("noperf") and form == normalize(perf):
                            continue
                        self._add(form, Form(cue, True, person, tense, gender))
                elif pos == "noun":
                    plural = variant != forms.split("|")[0].strip()
                    for i, form in enumerate(noun_forms(variant)):
                        self._add(form, Form(cue, False, "", "", plural=plural or (i > 0 and form.endswith("ات"))))
                elif pos == "circ":
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
        for row in _read_rows("events_light.tsv"):
            row += [""] * (4 - len(row))
            forms, role, particle, flags = row[:4]
            for variant in forms.split("|"):
                perf, _, impf = variant.partition("/")
                light = Light(normalize(perf), role, normalize(particle), "declare" in flags, "noharm" not in flags)
                if "circ" in flags:  # معرباً عن: a circumstantial participle
                    self.lights.setdefault(normalize(perf) + "ا", (light, "3", "circ"))
                    continue
                for form, (person, tense, _gender) in verb_forms(perf, impf or "ي" + perf).items():
                    self.lights.setdefault(form, (light, person, tense))

    def _load_agents(self) -> None:
        for row in _read_rows("events_agents.tsv"):
            row += [""] * (4 - len(row))
            forms, sector, name, flags = row[:4]
            agent = AgentNoun(name, sector, frozenset(x for x in flags.split("|") if x))
            for w in _alts(forms):
                self.agents.setdefault(w, agent)
                if w.startswith("ال") and len(w) > 4:
                    self.agents.setdefault(w[2:], agent)

    def _load_markers(self) -> None:
        for row in _read_rows("events_markers.tsv"):
            kind, words = row[0], row[1] if len(row) > 1 else ""
            self.markers[kind] = frozenset(normalize(w) for w in words.split()) | frozenset(
                core(w) for w in words.split()
            )

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

    def marker(self, kind: str) -> frozenset[str]:
        """The normalized words of one marker kind."""
        return self.markers.get(kind, frozenset())


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
