"""Link mentions to actors and resolve in-document coreference.

From the typed mentions and cues of :mod:`rasd.entities`, build one :class:`~rasd.model.Actor`
per real-world actor:

* knowledge-base persons, organizations, countries, capitals and places by id;
* office titles parsed into role, country and sector, also for persons absent from the
  knowledge base (:mod:`rasd.actors.titles`);
* institution heads qualified by a nisba adjective or a country (``الجيش التركي`` → TUR MIL,
  ``الخارجية الإيرانية`` → IRN GOV), and a bare head (``الجيش``) resolved to the national body
  named before it;
* short and partial names (``المقداد``, ``جابري أنصاري``) resolved to the full name introduced
  in the document, and knowledge-base surnames accepted alone only when they are unambiguous;
* unrecognised names kept as document-local actors with their tagger type.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from rasd.actors.titles import TitleChain, name_after, parse_chain
from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import frequency, rank
from rasd.entities.gazetteer import candidate_forms, canonical
from rasd.kb import KnowledgeBase, load_kb
from rasd.model import Actor, Document, Mention, Token

NAME_LABELS = ("PER", "ORG", "LOC", "EVENT")
_MIN_SURNAME_RANK = 1500  # a one-word partial name must not be a common word
_FUNCTION_WORD_RANK = 300  # a knowledge-base short name this common needs its full name first
_ARTICLE_RATIO = 0.2
_APPOSITION_WINDOW = 8
# Adjectives that make an institution word name a domain or system, not an actor.
_DOMAIN_ADJECTIVES = frozenset(
    normalize(w)
    for w in (
        "المصرفي المالي النقدي الصحي التعليمي القضائي الانتخابي الضريبي الاقتصادي السياسي "
        "الاجتماعي الدستوري الإداري الغذائي الصحية التعليمية القضائية الانتخابية الدولي العالمي "
        "الإقليمي الداخلي الأساسي"
    ).split()
)
_APPOSITION_OPENERS = frozenset(normalize(w) for w in "وهو وهي وهم أحد إحدى".split())


@dataclass(slots=True)
class _Draft:
    key: str
    name: str
    type: str
    name_en: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    nominal: bool = False


@lru_cache(maxsize=1)
def nominal_heads() -> frozenset[str]:
    """Normalized institution heads that describe people or equipment (see the data file)."""
    text = (resources.files("rasd") / "data" / "lexicon" / "nominal_heads.txt").read_text("utf-8")
    return frozenset(normalize(x.strip()) for x in text.splitlines() if x.strip() and not x.startswith("#"))


def entries(m: Mention) -> list[tuple[str, str]]:
    """The ``(kind, target)`` readings recorded on a mention."""
    if not m.key:
        return []
    out = []
    for part in m.key.split("|"):
        kind, _, target = part.partition(":")
        out.append((kind, target))
    return out


def _first(m: Mention, *kinds: str) -> str | None:
    for kind, target in entries(m):
        if kind.rstrip("~") in kinds:
            return target
    return None


class Linker:
    """Builds the actors of one document.

    Args:
        doc: a document with tokens and mentions.
        kb: the knowledge base.
    """

    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        # the linker notes titles and readings on mentions and adds the ones it finds (a person
        # after a title, a national body, a later partial name): on its own copies, since the
        # mention layer is the entity stage's
        self.mentions: list[Mention] = [replace(m) for m in doc.mentions]
        self.date = doc.article.date
        self.drafts: dict[str, _Draft] = {}
        self.anaphors: list[tuple[Mention, TitleChain]] = []
        self._evidence: dict[str, int] | None = None
        self._token_ends = [t.end for t in doc.tokens]
        self._token_starts = [t.start for t in doc.tokens]

    def token_of(self, offset: int) -> int:
        """Index of the token that contains ``offset``, or of the first token after it."""
        return bisect_right(self._token_ends, offset)

    # ------------------------------------------------------------------ drafts

    def _draft(self, key: str, make: _Draft) -> _Draft:
        d = self.drafts.get(key)
        if d is None:
            self.drafts[key] = d = make
        return d

    def _add(self, key: str, make: _Draft, m: Mention) -> _Draft:
        d = self._draft(key, make)
        if all(x.start != m.start or x.end != m.end for x in d.mentions):
            d.mentions.append(m)
        return d

    def _kb_actor(self, actor_id: str, m: Mention, role: str | None = None) -> _Draft | None:
        a = self.kb.actors.get(actor_id)
        if a is None:
            return None
        country, sector = a.code_on(self.date)
        d = self._add(
            f"actor:{a.id}",
            _Draft(f"actor:{a.id}", a.name, a.type, a.name_en, country, sector, None, a.id),
            m,
        )
        if role and not d.role:
            d.role = role
        return d

    def _country(self, code: str, m: Mention) -> _Draft | None:
        c = self.kb.countries.get(code)
        if c is None:
            return None
        return self._add(f"country:{code}", _Draft(f"country:{code}", c.name_ar, "LOC", c.name_en, code, None, None, f"country:{code}"), m)

    def _place(self, place_id: str, m: Mention) -> _Draft | None:
        p = self.kb.places.get(place_id)
        if p is None:
            return None
        return self._add(f"place:{place_id}", _Draft(f"place:{place_id}", p.name_ar, "LOC", p.name_en, p.country, None, None, place_id), m)

    def _capital(self, m: Mention) -> _Draft | None:
        code = _first(m, "capital")
        place_id = _first(m, "place")
        if place_id and code and self.kb.places.get(place_id) and self.kb.places[place_id].country == code:
            return self._place(place_id, m)
        c = self.kb.countries.get(code or "")
        if c is None:
            return None
        key = f"capital:{c.code}"
        return self._add(key, _Draft(key, c.capital_ar, "LOC", c.capital_en, c.code, None, None, None), m)

    def _local(self, m: Mention, label: str, text: str) -> _Draft:
        norm = normalize(text)
        key = f"local:{label}:{norm}"
        return self._add(key, _Draft(key, text, label), m)

    # ------------------------------------------------------------------ passes

    def run(self) -> list[Actor]:
        """All passes, in order; returns the actors sorted by first mention."""
        mentions = sorted(self.mentions, key=lambda m: (m.start, -m.end))
        by_token: dict[int, Mention] = {}
        for m in mentions:
            by_token.setdefault(self.token_of(m.start), m)
        consumed: set[int] = set()
        self._titles(mentions, by_token, consumed)
        self._bodies(mentions, consumed)
        shorts: list[Mention] = []
        for i, m in enumerate(mentions):
            if i in consumed or m.label not in NAME_LABELS:
                continue
            if _first(m, "actor_short") and not _first(m, "actor"):
                shorts.append(m)
                continue
            self._name(m)
        for m in shorts:
            self._short(m)
        self._partial_names()
        self._bare_bodies(mentions)
        self._bare_kingdom(mentions)
        self._title_anaphora()
        return self._actors()

    def _bare_kingdom(self, mentions: list[Mention]) -> None:
        """``المملكة`` alone is the kingdom the article named last (السفير السعودي … المملكة)."""
        kingdoms = self.kb.kingdoms
        last: str | None = None
        ordered = sorted(mentions, key=lambda m: m.start)
        i = 0
        for tok in self.doc.tokens:
            while i < len(ordered) and ordered[i].start < tok.start:
                code = _first(ordered[i], "country", "nisba", "capital")
                if code in kingdoms:
                    last = code
                i += 1
            if tok.kind != "ar" or canonical(tok) != _KINGDOM or last is None:
                continue
            if any(m.start < tok.end and tok.start < m.end for m in mentions):
                continue
            start = next((seg.start for seg in tok.segments if seg.role == "det"), tok.start)
            self._country(last, Mention(start, tok.end, "LOC", "coref", 0.7))

    def _reading_country(self, kind: str, target: str) -> str | None:
        if kind in ("country", "capital", "nisba"):
            return target
        if kind == "place":
            place = self.kb.places.get(target)
            return place.country if place else None
        return None

    def _mention_countries(self, m: Mention) -> set[str]:
        return {c for kind, target in entries(m) if (c := self._reading_country(kind.rstrip("~"), target))}

    def _document_countries(self) -> dict[str, int]:
        """How often each country is named unambiguously (name, adjective, capital, place)."""
        if self._evidence is None:
            counts: dict[str, int] = {}
            for x in self.mentions:
                codes = self._mention_countries(x)
                if len(codes) == 1:
                    code = next(iter(codes))
                    counts[code] = counts.get(code, 0) + 1
            self._evidence = counts
        return self._evidence

    def _in_context(self, m: Mention) -> None:
        """A place name shared by places of several countries (طرابلس: Libya's capital or
        Lebanon's northern city) takes the reading of the country the article names most;
        the knowledge base's default when none is named more."""
        readings = [(kind.rstrip("~"), target) for kind, target in entries(m)]
        by_country = {}
        for kind, target in readings:
            code = self._reading_country(kind, target)
            if code and code not in by_country:
                by_country[code] = (kind, target)
        if len(by_country) < 2:
            return
        counts = self._document_countries()
        first = next(iter(by_country))
        best = max(by_country, key=lambda c: counts.get(c, 0))
        if counts.get(best, 0) > counts.get(first, 0):
            kind, target = by_country[best]
            m.key = f"{kind}:{target}"  # the other readings would win by kind (capital first)

    def _name(self, m: Mention) -> None:
        text = self.doc.body[m.start : m.end]
        if m.label == "LOC" and m.key:
            self._in_context(m)
        actor_id = _first(m, "actor")
        if actor_id:
            self._kb_actor(actor_id, m, m.role)
            return
        if m.label == "EVENT":
            key = f"event:{normalize(text)}"
            self._add(key, _Draft(key, text, "EVENT"), m)
            return
        code = _first(m, "country")
        if code:
            self._country(code, m)
            return
        if _first(m, "capital"):
            self._capital(m)
            return
        place_id = _first(m, "place")
        if place_id:
            self._place(place_id, m)
            return
        if m.key and m.key.startswith("natbody:"):
            _, head, code = m.key.split(":", 2)
            body = next((b for b in self.kb.bodies if b.head_ar == head), None)
            c = self.kb.countries.get(code)
            key = f"natbody:{normalize(head)}:{code}"
            name_en = f"{c.name_en} {body.name_en}" if c and body else None
            d = self._add(key, _Draft(key, text, "ORG", name_en, code, body.sector if body else None), m)
            d.nominal = normalize(head) in nominal_heads()
            return
        # a tagger name: the knowledge base may still know it under this exact form
        for kind, target in self.kb.lookup(text):
            if kind == "actor":
                self._kb_actor(target, m, m.role)
                return
        if m.label == "PER":
            earlier = self._person_ending_with(normalize(text))
            if earlier is not None:
                earlier.mentions.append(m)  # نوروزي after كامران نوروزي
                return
        d = self._local(m, m.label, text)
        if m.role and not d.role:
            d.role = m.role
        self._qualify_org(d, m)

    def _person_ending_with(self, words: str) -> _Draft | None:
        """The person introduced earlier whose full name ends with these words."""
        for d in self.drafts.values():
            if d.type != "PER":
                continue
            for name in {d.name, *(self.doc.body[x.start : x.end] for x in d.mentions)}:
                full = normalize(name)
                if full != words and full.endswith(" " + words):
                    return d
        return None

    def _qualify_org(self, d: _Draft, m: Mention) -> None:
        """Country and sector for an unknown organization from the cues inside its name."""
        if d.type != "ORG" or d.country:
            return
        for cue in self.mentions:
            if m.start <= cue.start and cue.end <= m.end:
                if cue.label == "NISBA" or (cue.label == "LOC" and _first(cue, "country")):
                    d.country = _first(cue, "nisba", "country")
                elif cue.label == "BODY" and d.sector is None:
                    head = _first(cue, "body")
                    body = next((b for b in self.kb.bodies if b.head_ar == head), None)
                    d.sector = body.sector if body else None

    def _titles(self, mentions: list[Mention], by_token: dict[int, Mention], consumed: set[int]) -> None:
        index = {id(m): i for i, m in enumerate(mentions)}
        for m in mentions:
            if m.label != "TITLE" or index[id(m)] in consumed:
                continue
            chain = parse_chain(self.doc, m, by_token, self.token_of, self.kb)
            for x in mentions:
                if chain.start <= x.start and x.end <= chain.end and x.label in ("TITLE", "NISBA", "BODY"):
                    consumed.add(index[id(x)])
            role = self.doc.body[chain.start : chain.end]
            person = by_token.get(chain.name_token)
            if person is not None and person.label == "PER":
                person.role = person.role or role
                self._apply_title(person, chain)
                continue
            if person is not None and person.label in ("ORG", "LOC", "EVENT"):
                continue
            rng = name_after(self.doc, chain.name_token)
            definite = self.doc.body[m.start : m.start + 2] == "ال" or self._names_inside(m.start, chain.end)
            if rng is None and chain.titles and definite:
                # الوزير، السفير السعودي: a definite title alone refers back to a person
                self.anaphors.append((m, chain))
                continue
            if rng is None or not chain.titles:
                continue
            toks = self.doc.tokens
            a, b = rng
            start, end = toks[a].start, toks[b - 1].end
            new = Mention(start, end, "PER", "title", 0.6, None, role)
            self.mentions.append(new)
            d = self._local(new, "PER", self.doc.body[start:end])
            d.role = d.role or role
            d.country = d.country or chain.country
            d.sector = d.sector or chain.sector

    def _apply_title(self, person: Mention, chain: TitleChain) -> None:
        person.role = person.role or self.doc.body[chain.start : chain.end]
        if not _first(person, "actor", "actor_short"):
            # remember what the title says; _name() uses it for a document-local person
            person.key = (person.key + "|" if person.key else "") + f"titled:{chain.country or ''}:{chain.sector or ''}"

    def _bodies(self, mentions: list[Mention], consumed: set[int]) -> None:
        """Institution heads qualified by a nisba or a country become national bodies."""
        toks = self.doc.tokens
        for i, m in enumerate(mentions):
            if m.label != "BODY" or i in consumed:
                continue
            head = _first(m, "body")
            if head is None:
                continue
            k = self._token_after(m.end)
            # allow one plain adjective between head and nisba (الجيش العربي السوري)
            for step in range(2):
                q = self._mention_at_token(mentions, k)
                if q is not None:
                    code = None
                    if q.label == "NISBA":
                        code = _first(q, "nisba")
                    elif q.label == "LOC" and (_first(q, "country") or _first(q, "capital")) and "~" in (m.key or ""):
                        code = _first(q, "country", "capital")
                    if code:
                        new = Mention(m.start, q.end, "ORG", "body", 0.9, f"natbody:{head}:{code}")
                        self.mentions.append(new)
                        consumed.add(i)
                        if q.label == "NISBA":
                            consumed.add(mentions.index(q))
                        self._name(new)
                    break
                if step == 0 and k < len(toks) and toks[k].kind == "ar" and toks[k].norm.startswith("ال"):
                    if toks[k].norm in _DOMAIN_ADJECTIVES:
                        break  # النظام المصرفي الإيراني: a system of the country, not its regime
                    k += 1
                    continue
                break

    def _mention_at_token(self, mentions: list[Mention], k: int) -> Mention | None:
        if k >= len(self.doc.tokens):
            return None
        t = self.doc.tokens[k]
        for m in mentions:
            if t.start <= m.start < t.end:
                return m
        return None

    def _token_after(self, offset: int) -> int:
        return bisect_left(self._token_starts, offset)

    def _short(self, m: Mention) -> None:
        """A surname alone: the full-name actor of this document, else an unambiguous one."""
        ids = [t for kind, t in entries(m) if kind == "actor_short"]
        alias = normalize(self.doc.body[m.start : m.end])
        for d in self.drafts.values():
            if d.type == "PER" and d.kb_id is None and normalize(d.name).endswith(" " + alias):
                d.mentions.append(Mention(m.start, m.end, "PER", "coref", 0.8))
                return  # تركي المالكي named earlier: المالكي is him, not another Maliki
        present = [i for i in ids if f"actor:{i}" in self.drafts]
        if present:
            self._kb_actor(present[0], m)
            return
        surface = self.doc.body[m.start : m.end]
        amb = self.kb.ambiguity(surface)
        if (amb is not None and amb.never_alone) or _common_word(normalize(surface)):
            return  # حتى، سلامة، عون: a common word, unless the full name was given
        default = amb.default if amb is not None else None
        if default is not None and default[0] == "actor" and default[1] in self.kb.actors:
            self._kb_actor(default[1], m)  # الحوثي alone: the movement, by default
            return
        if self.date:
            active = [i for i in ids if self.kb.actors[i].role_on(self.date) is not None]
            if len(active) == 1:
                self._kb_actor(active[0], m)
                return
        if len(ids) == 1:
            self._kb_actor(ids[0], m)

    def _partial_names(self) -> None:
        """Later mentions of a person by the end of their name (جابري أنصاري، لاريجاني)."""
        doc = self.doc
        suffixes: dict[tuple[str, ...], str] = {}
        for key, d in self.drafts.items():
            if d.type != "PER":
                continue
            names = {doc.body[m.start : m.end] for m in d.mentions} | {d.name}
            for name in names:
                words = tuple(normalize(w) for w in name.split())
                for k in range(1, len(words)):
                    suf = words[k:]
                    if len(suf) == 1 and not _distinctive(suf[0]):
                        continue
                    suffixes.setdefault(suf, key)
        if not suffixes:
            return
        taken = [(m.start, m.end) for m in self.mentions if m.label in NAME_LABELS]
        toks = doc.tokens
        longest = max(len(s) for s in suffixes)
        heads = {s[0] for s in suffixes}
        i = 0
        while i < len(toks):
            hit = None
            firsts = [f for f, _skip in candidate_forms(toks[i]) if f in heads]
            for n in range(min(longest, len(toks) - i), 0, -1) if firsts else ():
                rest = tuple(canonical(t) for t in toks[i + 1 : i + n])
                for first in firsts:
                    seq = (first, *rest)
                    if seq in suffixes:
                        hit = (n, suffixes[seq])
                        break
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            n, key = hit
            start = _after_particles(toks[i])
            end = toks[i + n - 1].end
            if not any(a < end and start < b for a, b in taken):
                m = Mention(start, end, "PER", "coref", 0.8)
                self.mentions.append(m)
                self.drafts[key].mentions.append(m)
                taken.append((start, end))
            i += n

    def _names_inside(self, start: int, end: int) -> bool:
        """A title made definite by the organization or country it names (رئيس جهاز الأمن)."""
        return any(
            start <= x.start and x.end <= end and x.label in ("ORG", "LOC", "NISBA", "BODY")
            for x in self.mentions
        )

    def _roles_of(self, d: _Draft) -> str:
        """The person's titles (from the text and the knowledge base), as bare normalized words."""
        roles = [d.role or ""]
        if d.kb_id and d.kb_id in self.kb.actors:
            roles.extend(r.role_ar for r in self.kb.actors[d.kb_id].roles)
        return " ".join(w.removeprefix("ال") for w in normalize(" ".join(roles)).split())

    def _title_anaphora(self) -> None:
        """Resolve ``الوزير``-style mentions to the last person with that title (and country)."""
        for m, chain in self.anaphors:
            heads = [normalize(h).removeprefix("ال") for h in chain.titles]
            best: _Draft | None = None
            best_at = -1
            for d in self.drafts.values():
                if d.type != "PER":
                    continue
                known = d.country or _titled_country(d)
                if chain.country and known and known != chain.country:
                    continue  # الرئيس الأمريكي is not the Romanian president named before
                before = [x.start for x in d.mentions if x.end <= m.start]
                if not before or max(before) <= best_at:
                    continue
                roles = set(self._roles_of(d).split())
                if all(w.removeprefix("ال") in roles or w in roles for h in heads for w in h.split()):
                    best, best_at = d, max(before)
            if best is None:
                continue
            # an organization named in the title keeps its own mention; another person's may not
            taken = any(
                x.start < chain.end and m.start < x.end
                for dd in self.drafts.values()
                if dd.type == "PER"
                for x in dd.mentions
            )
            if not taken:
                best.mentions.append(Mention(m.start, chain.end, "PER", "coref", 0.6))

    def _apposed_country(self, d: _Draft) -> str | None:
        """A nationality given beside a name the knowledge base does not know.

        ``علاء السيد، وهو محام سوري`` or ``ساريت ميكايلي المتحدثة باسم منظمة بتسيلم الإسرائيلية``:
        the first nisba adjective in the words that follow the first mention, before the clause
        ends.
        """
        body = self.doc.body
        m = d.mentions[0]
        k = self.token_of(m.end)
        toks = self.doc.tokens
        cues = {x.start: x for x in self.mentions if x.label == "NISBA"}
        titled = False
        seen = 0
        while k < len(toks) and seen < _APPOSITION_WINDOW:
            t = toks[k]
            if t.kind == "punct" and t.norm in (".", "؟", "!", ":", "«", "»", '"'):
                break
            if t.kind == "punct" and t.norm in ("،", ","):
                # only an apposition may follow a comma: وهو / وهي / أحد, or a title
                # (ليفيو دراغنيا، رئيس الحزب الحاكم في رومانيا)
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is None or not (
                    nxt.norm in _APPOSITION_OPENERS
                    or any(x.start == nxt.start and x.label == "TITLE" for x in self.mentions)
                ):
                    break
            cue = cues.get(t.start) or next((c for c in cues.values() if t.start <= c.start < t.end), None)
            if cue is not None:
                return _first(cue, "nisba")
            if titled and k > 0 and toks[k - 1].norm == "في":
                # the title's own country: رئيس الحزب الحاكم في رومانيا
                where = next(
                    (x for x in self.mentions if x.start == t.start and x.label == "LOC" and _first(x, "country")),
                    None,
                )
                if where is not None:
                    return _first(where, "country")
            if any(x.start <= t.start < x.end and x.label == "TITLE" for x in self.mentions):
                titled = True
            elif t.kind == "ar" and body[t.start : t.end] != "" and self._is_name(t.start, titled):
                break  # another name: its nationality, not this one's
            seen += 1
            k += 1
        return None

    def _merge_same_places(self, drafts: list[_Draft]) -> list[_Draft]:
        """``محافظة إدلب`` and ``إدلب`` in one article are one place for its reader: the
        governorate and the city of one name and country are merged into the first named."""
        by_name: dict[tuple[str, str | None], _Draft] = {}
        out: list[_Draft] = []
        for d in sorted(drafts, key=lambda x: x.mentions[0].start):
            if d.type == "LOC" and d.kb_id and d.kb_id in self.kb.places:
                place = self.kb.places[d.kb_id]
                key = (_bare_place_name(place.name_ar), place.country)
                first = by_name.get(key)
                if first is not None and place.kind in ("city", "governorate", "capital", "town"):
                    first.mentions.extend(d.mentions)
                    continue
                by_name[key] = d
            out.append(d)
        return out

    def _sentence_country(self, d: _Draft, drafts: list[_Draft]) -> str | None:
        """The one country a sentence is set in, for an actor named nowhere else with one.

        When every place and nationality of the sentence that introduces an unknown person or
        organization belongs to one country (رئيس شرطة تورنتو مارك سوندرز؛ ليفيو دراغنيا …
        في رومانيا), that is the actor's country; a sentence that names two countries says
        nothing.
        """
        m = d.mentions[0]
        sent = next((s for s in self.doc.sentences if s.start <= m.start < s.end), None)
        if sent is None:
            return None
        codes: set[str] = set()
        for other in drafts:
            if other is d or other.type != "LOC" or not other.country:
                continue
            if any(sent.start <= x.start < sent.end and not self._destination(x) for x in other.mentions):
                codes.add(other.country)
        for cue in self.mentions:
            if cue.label == "NISBA" and sent.start <= cue.start < sent.end:
                code = _first(cue, "nisba")
                if code:
                    codes.add(code)
        return codes.pop() if len(codes) == 1 else None

    def _destination(self, m: Mention) -> bool:
        """A place someone goes to (زيارة لإسرائيل، وصل إلى دمشق): not where they are from."""
        k = self.token_of(m.start)
        tok = self.doc.tokens[k]
        if any(seg.role == "prep" and seg.norm == "ل" for seg in tok.segments if seg.end <= m.start):
            return True
        return k > 0 and self.doc.tokens[k - 1].norm in _DESTINATION_WORDS

    def _is_name(self, offset: int, titled: bool) -> bool:
        """A name at ``offset``; after a title, the organization it names is passed over
        (المتحدثة باسم منظمة بتسيلم الإسرائيلية)."""
        labels = ("PER", "LOC", "EVENT") if titled else NAME_LABELS
        return any(x.start <= offset < x.end and x.label in labels for x in self.mentions)

    def _bare_bodies(self, mentions: list[Mention]) -> None:
        """``الجيش`` alone refers to the national body of that kind named before it."""
        for m in mentions:
            if m.label != "BODY" or "~" in (m.key or ""):
                continue
            head = _first(m, "body")
            if head is None or any(x.start <= m.start and m.end <= x.end and x.label == "ORG" for x in self.mentions):
                continue
            nh = normalize(head)
            best: _Draft | None = None
            best_at = -1
            for d in self.drafts.values():
                if d.type != "ORG":
                    continue
                if not normalize(d.name).startswith(nh):
                    continue
                before = [x.start for x in d.mentions if x.start < m.start]
                if before and max(before) > best_at:
                    best, best_at = d, max(before)
            if best is not None:
                best.mentions.append(Mention(m.start, m.end, "ORG", "coref", 0.7))

    def _actors(self) -> list[Actor]:
        drafts = [d for d in self.drafts.values() if d.mentions]
        for d in drafts:
            d.mentions.sort(key=lambda x: x.start)
            if d.type == "PER" and not d.country:
                for m in d.mentions:
                    for kind, target in entries(m):
                        if kind == "titled":
                            code, _, sector = target.partition(":")
                            d.country = d.country or code or None
                            d.sector = d.sector or sector or None
        drafts = _merge_spelling_variants(drafts)
        for d in drafts:
            if d.type in ("PER", "ORG") and not d.country and d.kb_id is None:
                d.country = self._apposed_country(d)
        for d in drafts:
            if d.type in ("PER", "ORG", "LOC") and not d.country and d.kb_id is None and not d.nominal:
                d.country = self._sentence_country(d, drafts)
        drafts = self._merge_same_places(drafts)
        drafts.sort(key=lambda d: d.mentions[0].start)
        actors = []
        for n, d in enumerate(drafts, start=1):
            actors.append(
                Actor(
                    id=f"e{n}",
                    name=d.name,
                    type=d.type,
                    name_en=d.name_en,
                    country=d.country,
                    sector=d.sector,
                    role=d.role,
                    kb_id=d.kb_id,
                    mentions=d.mentions,
                    nominal=d.nominal,
                )
            )
        return actors


_PLACE_PREFIXES = tuple(normalize(w) + " " for w in "محافظة مدينة ولاية منطقة إقليم قضاء ناحية بلدة".split())


def _titled_country(d: _Draft) -> str | None:
    """The country a title in the text gave a person (before :meth:`Linker._actors` sets it)."""
    for m in d.mentions:
        for kind, target in entries(m):
            if kind == "titled" and target.partition(":")[0]:
                return target.partition(":")[0]
    return None


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substituted, inserted or deleted letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _merge_spelling_variants(drafts: list[_Draft]) -> list[_Draft]:
    """Two unknown persons whose names differ by one letter of a long first name and share
    the rest (فيوريكا دانسيلا، فيوريسا دانسيلا) are one person spelt twice."""
    out: list[_Draft] = []
    seen: list[tuple[list[str], _Draft]] = []
    for d in sorted(drafts, key=lambda x: x.mentions[0].start):
        if d.type == "PER" and d.kb_id is None:
            words = normalize(d.name).split()
            if len(words) >= 2 and len(words[0]) >= 4:
                same = next(
                    (e for w, e in seen if w[1:] == words[1:] and _one_edit(w[0], words[0])),
                    None,
                )
                if same is not None:
                    same.mentions.extend(d.mentions)
                    same.mentions.sort(key=lambda x: x.start)
                    same.country = same.country or d.country
                    continue
                seen.append((words, d))
        out.append(d)
    return out


_DESTINATION_WORDS = frozenset(normalize(w) for w in ("إلى", "الى", "نحو", "باتجاه"))
_KINGDOM = normalize("المملكة")


def _bare_place_name(name: str) -> str:
    """A place's name without its kind (محافظة إدلب → إدلب)."""
    n = normalize(name)
    for p in _PLACE_PREFIXES:
        if n.startswith(p):
            return n[len(p) :]
    return n


def _common_word(word: str) -> bool:
    """A word news uses as an ordinary word: very frequent, or often written with the article
    (السلامة، العون, while names such as ترامب or أردوغان never take it)."""
    r = rank(word)
    if r is not None and r < _FUNCTION_WORD_RANK:
        return True
    if word.startswith("ال"):
        return False
    own = frequency(word)
    return own > 0 and frequency("ال" + word) >= _ARTICLE_RATIO * own


def _distinctive(word: str) -> bool:
    r = rank(word)
    return len(word) >= 3 and (r is None or r >= _MIN_SURNAME_RANK)


def _after_particles(tok: Token) -> int:
    for seg in tok.segments:
        if seg.role not in ("conj", "prep", "fut"):
            return seg.start
    return tok.start


def link_actors(doc: Document, kb: KnowledgeBase | None = None) -> list[Actor]:
    """The actors of ``doc`` (which must have tokens and mentions)."""
    return Linker(doc, kb or load_kb()).run()
