"""Arabic morphology for the cue lexicon: clitic splits of a word, and the inflected forms of a
verb, a noun and a participle generated from the head the lexicon gives.

A verb is written once (perfect and imperfect, third person masculine singular) and every
person, number and tense form is generated; a noun gets its accusative, dual, construct and
plural forms; clitics (و ف ب ل ك س ال and attached pronouns) are split off at match time by
:func:`analyses`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic.normalize import normalize

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


def verb_forms(perfect: str, imperfect: str) -> dict[str, tuple[str, str, str]]:
    """Normalized inflected forms of a verb: ``form -> (person, tense, gender)``.

    Args:
        perfect: third person masculine singular perfect (دعم، التقى).
        imperfect: third person masculine singular imperfect (يدعم، يلتقي).
    """
    p = normalize(perfect)
    out: dict[str, tuple[str, str, str]] = {}

    def add(form: str, person: str, tense: str, gender: str = "") -> None:

        """Keep the first analysis of a form."""
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
