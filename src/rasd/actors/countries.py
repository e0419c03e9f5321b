"""An actor's country when no record gives it (a nationality apposed to the name, the one
country its sentence is set in), places of one name merged, spelling variants of one person
merged, and the actors as the linker hands them over."""

from __future__ import annotations

from rasd.actors.state import NAME_LABELS, Draft, Linker, entries, first
from rasd.actors.words import norm
from rasd.arabic.normalize import normalize
from rasd.model import Actor, Mention

_APPOSITION_WINDOW = 8


def apposed_country(lk: Linker, d: Draft) -> str | None:
    """A nationality given beside a name the knowledge base does not know.

    ``علاء السيد، وهو محام سوري`` or ``ساريت ميكايلي المتحدثة باسم منظمة بتسيلم الإسرائيلية``:
    the first nisba adjective in the words that follow the first mention, before the clause
    ends.
    """
    body = lk.doc.body
    m = d.mentions[0]
    k = lk.token_of(m.end)
    toks = lk.doc.tokens
    cues = {x.start: x for x in lk.mentions if x.label == "NISBA"}
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
                nxt.norm in norm("actors.countries", "apposition_openers")
                or any(x.start == nxt.start and x.label == "TITLE" for x in lk.mentions)
            ):
                break
        cue = cues.get(t.start) or next((c for c in cues.values() if t.start <= c.start < t.end), None)
        if cue is not None:
            return first(cue, "nisba")
        if titled and k > 0 and toks[k - 1].norm == "في":
            # the title's own country: رئيس الحزب الحاكم في رومانيا
            where = next(
                (x for x in lk.mentions if x.start == t.start and x.label == "LOC" and first(x, "country")),
                None,
            )
            if where is not None:
                return first(where, "country")
        if any(x.start <= t.start < x.end and x.label == "TITLE" for x in lk.mentions):
            titled = True
        elif t.kind == "ar" and body[t.start : t.end] != "" and is_name(lk, t.start, titled):
            break  # another name: its nationality, not this one's
        seen += 1
        k += 1
    return None


def merge_same_places(lk: Linker, drafts: list[Draft]) -> list[Draft]:
    """``محافظة إدلب`` and ``إدلب`` in one article are one place for its reader: the
    governorate and the city of one name and country are merged into the first named."""
    by_name: dict[tuple[str, str | None], Draft] = {}
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda x: x.mentions[0].start):
        if d.type == "LOC" and d.kb_id and d.kb_id in lk.kb.places:
            place = lk.kb.places[d.kb_id]
            key = (bare_place_name(place.name_ar), place.country)
            first = by_name.get(key)
            if first is not None and place.kind in ("city", "governorate", "capital", "town"):
                first.mentions.extend(d.mentions)
                continue
            by_name[key] = d
        out.append(d)
    return out


def sentence_country(lk: Linker, d: Draft, drafts: list[Draft]) -> str | None:
    """The one country a sentence is set in, for an actor named nowhere else with one.

    When every place and nationality of the sentence that introduces an unknown person or
    organization belongs to one country (رئيس شرطة تورنتو مارك سوندرز؛ ليفيو دراغنيا …
    في رومانيا), that is the actor's country; a sentence that names two countries says
    nothing.
    """
    m = d.mentions[0]
    sent = next((s for s in lk.doc.sentences if s.start <= m.start < s.end), None)
    if sent is None:
        return None
    codes: set[str] = set()
    for other in drafts:
        if other is d or other.type != "LOC" or not other.country:
            continue
        if any(sent.start <= x.start < sent.end and not destination(lk, x) for x in other.mentions):
            codes.add(other.country)
    for cue in lk.mentions:
        if cue.label == "NISBA" and sent.start <= cue.start < sent.end:
            code = first(cue, "nisba")
            if code:
                codes.add(code)
    return codes.pop() if len(codes) == 1 else None


def destination(lk: Linker, m: Mention) -> bool:
    """A place someone goes to (زيارة لإسرائيل، وصل إلى دمشق): not where they are from."""
    k = lk.token_of(m.start)
    tok = lk.doc.tokens[k]
    if any(seg.role == "prep" and seg.norm == "ل" for seg in tok.segments if seg.end <= m.start):
        return True
    return k > 0 and lk.doc.tokens[k - 1].norm in norm("actors.countries", "destination")


def is_name(lk: Linker, offset: int, titled: bool) -> bool:
    """A name at ``offset``; after a title, the organization it names is passed over
    (المتحدثة باسم منظمة بتسيلم الإسرائيلية)."""
    labels = ("PER", "LOC", "EVENT") if titled else NAME_LABELS
    return any(x.start <= offset < x.end and x.label in labels for x in lk.mentions)


def actors(lk: Linker) -> list[Actor]:


    """The actors, in the order of their first mention: titled persons get their title's country, spelling variants and places of one name are merged, and an unknown actor takes a country apposed to it or its sentence's one country."""
    drafts = [d for d in lk.drafts.values() if d.mentions]
    for d in drafts:
        d.mentions.sort(key=lambda x: x.start)
        if d.type == "PER" and not d.country:
            for m in d.mentions:
                for kind, target in entries(m):
                    if kind == "titled":
                        code, _, sector = target.partition(":")
                        d.country = d.country or code or None
                        d.sector = d.sector or sector or None
    drafts = merge_spelling_variants(drafts)
    for d in drafts:
        if d.type in ("PER", "ORG") and not d.country and d.kb_id is None:
            d.country = apposed_country(lk, d)
    for d in drafts:
        if d.type in ("PER", "ORG", "LOC") and not d.country and d.kb_id is None and not d.nominal:
            d.country = sentence_country(lk, d, drafts)
    drafts = merge_same_places(lk, drafts)
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


def one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substituted, inserted or deleted letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def merge_spelling_variants(drafts: list[Draft]) -> list[Draft]:
    """Two unknown persons whose names differ by one letter of a long first name and share
    the rest (فيوريكا دانسيلا، فيوريسا دانسيلا) are one person spelt twice."""
    out: list[Draft] = []
    seen: list[tuple[list[str], Draft]] = []
    for d in sorted(drafts, key=lambda x: x.mentions[0].start):
        if d.type == "PER" and d.kb_id is None:
            words = normalize(d.name).split()
            if len(words) >= 2 and len(words[0]) >= 4:
                same = next(
                    (e for w, e in seen if w[1:] == words[1:] and one_edit(w[0], words[0])),
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


def bare_place_name(name: str) -> str:
    """A place's name without its kind (محافظة إدلب → إدلب)."""
    n = normalize(name)
    for p in (w + " " for w in norm("actors.countries", "place_prefixes")):
        if n.startswith(p):
            return n[len(p) :]
    return n
