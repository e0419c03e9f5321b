"""In-document coreference: later mentions by the end of a full name (``جابري أنصاري``), a
definite title for the last person with it (``الوزير``), a bare institution head for the body
named before (``الجيش``), bare ``المملكة`` for the kingdom named last."""

from __future__ import annotations

from rasd.actors.state import NAME_LABELS, Draft, Linker, entries, first
from rasd.actors.words import norm
from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import rank
from rasd.entities.gazetteer import candidate_forms, canonical
from rasd.model import Mention, Token

_MIN_SURNAME_RANK = 1500  # a one-word partial name must not be a common word


def partial_names(lk: Linker) -> None:
    """Later mentions of a person by the end of their name (جابري أنصاري، لاريجاني)."""
    doc = lk.doc
    suffixes: dict[tuple[str, ...], str] = {}
    for key, d in lk.drafts.items():
        if d.type != "PER":
            continue
        names = {doc.body[m.start : m.end] for m in d.mentions} | {d.name}
        for name in names:
            words = tuple(normalize(w) for w in name.split())
            for k in range(1, len(words)):
                suf = words[k:]
                if len(suf) == 1 and not distinctive(suf[0]):
                    continue
                suffixes.setdefault(suf, key)
    if not suffixes:
        return
    taken = [(m.start, m.end) for m in lk.mentions if m.label in NAME_LABELS]
    toks = doc.tokens
    longest = max(len(s) for s in suffixes)
    heads = {s[0] for s in suffixes}
    i = 0
    while i < len(toks):
        hit = None
        firsts = [f for f, _skip in candidate_forms(toks[i]) if f in heads]
        for n in range(min(longest, len(toks) - i), 0, -1) if firsts else ():
            rest = tuple(canonical(t) for t in toks[i + 1 : i + n])
            for head in firsts:
                seq = (head, *rest)
                if seq in suffixes:
                    hit = (n, suffixes[seq])
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        n, key = hit
        start = after_particles(toks[i])
        end = toks[i + n - 1].end
        if not any(a < end and start < b for a, b in taken):
            m = Mention(start, end, "PER", "coref", 0.8)
            lk.mentions.append(m)
            lk.drafts[key].mentions.append(m)
            taken.append((start, end))
        i += n


def roles_of(lk: Linker, d: Draft) -> str:
    """The person's titles (from the text and the knowledge base), as bare normalized words."""
    roles = [d.role or ""]
    if d.kb_id and d.kb_id in lk.kb.actors:
        roles.extend(r.role_ar for r in lk.kb.actors[d.kb_id].roles)
    return " ".join(w.removeprefix("ال") for w in normalize(" ".join(roles)).split())


def title_anaphora(lk: Linker) -> None:
    """Resolve ``الوزير``-style mentions to the last person with that title (and country)."""
    for m, chain in lk.anaphors:
        heads = [normalize(h).removeprefix("ال") for h in chain.titles]
        best: Draft | None = None
        best_at = -1
        for d in lk.drafts.values():
            if d.type != "PER":
                continue
            known = d.country or titled_country(d)
            if chain.country and known and known != chain.country:
                continue  # الرئيس الأمريكي is not the Romanian president named before
            before = [x.start for x in d.mentions if x.end <= m.start]
            if not before or max(before) <= best_at:
                continue
            roles = set(roles_of(lk, d).split())
            if all(w.removeprefix("ال") in roles or w in roles for h in heads for w in h.split()):
                best, best_at = d, max(before)
        if best is None:
            continue
        # an organization named in the title keeps its own mention; another person's may not
        taken = any(
            x.start < chain.end and m.start < x.end
            for dd in lk.drafts.values()
            if dd.type == "PER"
            for x in dd.mentions
        )
        if not taken:
            best.mentions.append(Mention(m.start, chain.end, "PER", "coref", 0.6))


def bare_bodies(lk: Linker, mentions: list[Mention]) -> None:
    """``الجيش`` alone refers to the national body of that kind named before it."""
    for m in mentions:
        if m.label != "BODY" or "~" in (m.key or ""):
            continue
        head = first(m, "body")
        if head is None or any(x.start <= m.start and m.end <= x.end and x.label == "ORG" for x in lk.mentions):
            continue
        nh = normalize(head)
        best: Draft | None = None
        best_at = -1
        for d in lk.drafts.values():
            if d.type != "ORG":
                continue
            if not normalize(d.name).startswith(nh):
                continue
            before = [x.start for x in d.mentions if x.start < m.start]
            if before and max(before) > best_at:
                best, best_at = d, max(before)
        if best is not None:
            best.mentions.append(Mention(m.start, m.end, "ORG", "coref", 0.7))


def bare_kingdom(lk: Linker, mentions: list[Mention]) -> None:
    """``المملكة`` alone is the kingdom the article named last (السفير السعودي … المملكة)."""
    kingdoms = lk.kb.kingdoms
    last: str | None = None
    ordered = sorted(mentions, key=lambda m: m.start)
    i = 0
    for tok in lk.doc.tokens:
        while i < len(ordered) and ordered[i].start < tok.start:
            code = first(ordered[i], "country", "nisba", "capital")
            if code in kingdoms:
                last = code
            i += 1
        if tok.kind != "ar" or canonical(tok) not in norm("actors.coref", "kingdom") or last is None:
            continue
        if any(m.start < tok.end and tok.start < m.end for m in mentions):
            continue
        start = next((seg.start for seg in tok.segments if seg.role == "det"), tok.start)
        lk.country(last, Mention(start, tok.end, "LOC", "coref", 0.7))


def titled_country(d: Draft) -> str | None:
    """The country a title in the text gave a person (before :meth:`Linker._actors` sets it)."""
    for m in d.mentions:
        for kind, target in entries(m):
            if kind == "titled" and target.partition(":")[0]:
                return target.partition(":")[0]
    return None


def distinctive(word: str) -> bool:


    """A word rare enough in news to be a surname on its own."""
    r = rank(word)
    return len(word) >= 3 and (r is None or r >= _MIN_SURNAME_RANK)


def after_particles(tok: Token) -> int:


    """Where a token's word starts after its conjunction, preposition or future particle."""
    for seg in tok.segments:
        if seg.role not in ("conj", "prep", "fut"):
            return seg.start
    return tok.start
