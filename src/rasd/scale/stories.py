"""Story clusters and cross-article events.

Wire stories are republished by many outlets with small changes: a sentence added or cut, a
paragraph moved, different furniture around the text. :func:`cluster_articles` groups such
near-duplicates into *stories* with MinHash LSH (datasketch) over word shingles of the
normalized body (:func:`rasd.arabic.normalize.normalize`), each candidate pair confirmed by its
estimated Jaccard similarity.

:func:`merge_events` then groups the same event reported by several articles into one
:class:`CrossEvent`: same PLOVER type, same actors and recipients (by their cross-article key:
``kb:<kb_id>`` when linked to the knowledge base, else the normalized name, type and country),
negated or not, and either dates within a window (both dated: within ``window_days`` of the
group's first date, so reports never chain across weeks) or, when a date is missing, the same
story. A cross event keeps every
article's evidence spans and counts its sources (``n_sources``: distinct articles).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Document

__all__ = [
    "CrossEvent",
    "EvidenceRef",
    "Report",
    "Signer",
    "actor_key",
    "cluster_articles",
    "cluster_signatures",
    "cluster_texts",
    "merge_events",
    "merge_reports",
    "shingle_hashes",
    "shingles",
    "signature_bytes",
    "signature_from_bytes",
    "story_sizes",
]

DEFAULT_THRESHOLD = 0.5
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE = 3
DEFAULT_WINDOW_DAYS = 2

_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------- stories


def shingles(text: str, k: int = DEFAULT_SHINGLE) -> set[str]:
    """Word ``k``-shingles of the normalized text (the whole text when it has fewer words)."""
    words = _WORD.findall(normalize(text))
    if not words:
        return set()
    if len(words) <= k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio) for combining word hashes


def shingle_hashes(text: str, k: int = DEFAULT_SHINGLE) -> list[int]:
    """32-bit hashes of the distinct word ``k``-shingles of the normalized text.

    The same shingles as :func:`shingles`, hashed without building their strings: each word is
    hashed once (CRC-32) and the hashes of ``k`` consecutive words are combined, so the result
    is the same in every process and on every machine.
    """
    import numpy as np

    words = _WORD.findall(normalize(text))
    if not words:
        return []
    h = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint64)
    n = max(1, len(h) - k + 1)
    acc = h[:n].copy()
    mix = np.uint64(_MIX)
    for j in range(1, min(k, len(h))):
        acc = acc * mix + h[j : j + n]  # wraps modulo 2**64
    acc ^= acc >> np.uint64(29)
    out: list[int] = np.unique(acc & np.uint64(0xFFFFFFFF)).tolist()
    return out


def _identity(x: int) -> int:
    return x


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root, so the result does not depend on input order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out


def story_id_of(members: Iterable[str]) -> str:
    """A story's id: ``s-`` and its smallest article id (stable whatever the input order)."""
    return "s-" + min(members)


class Signer:
    """Computes MinHash signatures of texts, all with one set of permutations."""

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE) -> None:
        from datasketch import MinHash

        self.num_perm = num_perm
        self.k = k
        template = MinHash(num_perm=num_perm)
        # share one set of permutations (building them is the costly part of a MinHash)
        self._shared: dict[str, Any] = {"permutations": template.permutations}
        if hasattr(template, "scheme"):  # datasketch >= 2 asks for the hashing scheme with them
            self._shared["scheme"] = template.scheme

    def __call__(self, text: str) -> Any:
        """The signature (a ``datasketch.LeanMinHash``) of a text's shingles; empty text: None."""
        from datasketch import LeanMinHash, MinHash

        sh = shingle_hashes(text, self.k)
        if not sh:
            return None
        m = MinHash(num_perm=self.num_perm, hashfunc=_identity, **self._shared)
        m.update_batch(sh)
        return LeanMinHash(m)


def signature_bytes(sig: Any) -> bytes:
    """A signature as bytes (for the store)."""
    buf = bytearray(sig.bytesize(byteorder="<"))
    sig.serialize(buf, byteorder="<")
    return bytes(buf)


def signature_from_bytes(data: bytes) -> Any:
    """Inverse of :func:`signature_bytes`."""
    from datasketch import LeanMinHash

    return LeanMinHash.deserialize(data, byteorder="<")


def cluster_signatures(
    items: Iterable[tuple[str, Any]], *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM
) -> dict[str, str]:
    """Story id of every ``(article_id, signature)`` (signature None: a story of its own)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes: dict[str, Any] = {}
    uf = _UnionFind()
    for article_id, sig in items:
        uf.add(article_id)
        if article_id in hashes or sig is None:
            continue  # the same body (ids are content hashes), or no words
        for other in lsh.query(sig):
            if sig.jaccard(hashes[other]) >= threshold:
                uf.union(article_id, other)
        lsh.insert(article_id, sig)
        hashes[article_id] = sig
    out: dict[str, str] = {}
    for members in uf.groups().values():
        sid = story_id_of(members)
        for m in members:
            out[m] = sid
    return out


def cluster_texts(
    items: Iterable[tuple[str, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    k: int = DEFAULT_SHINGLE,
) -> dict[str, str]:
    """Story id of every ``(article_id, body)``; near-duplicates share one.

    Args:
        items: article ids and bodies, streamed (only each article's MinHash is kept).
        threshold: Jaccard similarity of shingle sets above which two articles are one story.
        num_perm: MinHash permutations (more: a finer similarity estimate, more memory).
        k: words per shingle.

    Returns:
        ``{article_id: story_id}`` for every article; an article with no near-duplicate is a
        story of its own.
    """
    sign = Signer(num_perm, k)
    return cluster_signatures(((i, sign(body)) for i, body in items), threshold=threshold, num_perm=num_perm)


def cluster_articles(
    docs: Iterable[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    k: int = DEFAULT_SHINGLE,
) -> dict[str, str]:
    """Story id of every document's article (see :func:`cluster_texts`)."""
    return cluster_texts(
        ((d.article.id, d.article.body) for d in docs), threshold=threshold, num_perm=num_perm, k=k
    )


def story_sizes(clusters: dict[str, str]) -> dict[str, int]:
    """Articles per story."""
    return dict(Counter(clusters.values()))


# --------------------------------------------------------------------------- events


def actor_key(actor: Actor) -> str:
    """The cross-article key of an actor (the store's ``actors.key``).

    ``kb:<kb_id>`` for a knowledge-base actor, else ``local:<type>:<normalized name>:<country>``.
    """
    if actor.kb_id:
        return f"kb:{actor.kb_id}"
    name = " ".join(normalize(actor.name).split())
    return f"local:{actor.type}:{name}:{actor.country or ''}"


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """A span of one article reporting a cross-article event."""

    article_id: str
    event_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"article_id": self.article_id, "event_id": self.event_id, "start": self.start,
                "end": self.end, "text": self.text}


@dataclass(slots=True)
class CrossEvent:
    """One event reported by one or more articles.

    Attributes:
        id: ``x`` and a hash of its members (stable for the same reports).
        actors, recipients: cross-article actor keys (see :func:`actor_key`).
        actor_names, recipient_names: their names as the first report gives them.
        date, date_end: first and last date among the reports (event date, else article date).
        members: ``(article_id, event_id)`` of every per-article event merged here.
        n_sources: distinct articles reporting it.
        outlets: distinct outlets reporting it.
        stories: story ids of the reporting articles.
        confidence: the chance that at least one report is right (noisy-OR of each article's
            best confidence).
        evidence: every evidence span of every report.
    """

    id: str
    type: str
    mode: str | None
    status: str
    actors: list[str]
    recipients: list[str]
    actor_names: list[str]
    recipient_names: list[str]
    date: str | None
    date_end: str | None
    members: list[tuple[str, str]]
    n_sources: int
    outlets: list[str]
    stories: list[str]
    confidence: float
    evidence: list[EvidenceRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (for exports)."""
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "actor_names": list(self.actor_names),
            "recipient_names": list(self.recipient_names),
            "date": self.date,
            "date_end": self.date_end,
            "n_sources": self.n_sources,
            "outlets": list(self.outlets),
            "stories": list(self.stories),
            "confidence": round(self.confidence, 3),
            "members": [{"article_id": a, "event_id": e} for a, e in self.members],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class Report:
    """One per-article event, reduced to what merging needs (evidence may be left empty)."""

    article_id: str
    event_id: str
    type: str
    mode: str | None
    status: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    actor_names: tuple[str, ...]
    recipient_names: tuple[str, ...]
    date: Date | None
    story: str
    outlet: str | None
    confidence: float
    evidence: list[EvidenceRef]

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...], bool, str]:
        # with no actor at all, only reports of the same story can be the same event
        story = "" if self.actors or self.recipients else self.story
        return self.type, self.actors, self.recipients, self.status == "negated", story


def _parse_date(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _reports(docs: Iterable[Document], clusters: dict[str, str]) -> Iterator[Report]:
    for doc in docs:
        a = doc.article
        body = a.body
        entities = {e.id: e for e in doc.entities}

        def keys(ids: list[str], entities: dict[str, Actor] = entities) -> tuple[tuple[str, ...], tuple[str, ...]]:
            found = sorted({(actor_key(entities[i]), entities[i].name) for i in ids if i in entities})
            return tuple(k for k, _ in found), tuple(n for _, n in found)

        for ev in doc.events:
            actors, actor_names = keys(ev.actors)
            recipients, recipient_names = keys(ev.recipients)
            yield Report(
                article_id=a.id,
                event_id=ev.id,
                type=ev.type,
                mode=ev.mode,
                status=ev.status,
                actors=actors,
                recipients=recipients,
                actor_names=actor_names,
                recipient_names=recipient_names,
                date=_parse_date(ev.date) or _parse_date(a.date),
                story=clusters.get(a.id, "s-" + a.id),
                outlet=a.outlet,
                confidence=float(ev.confidence),
                evidence=[EvidenceRef(a.id, ev.id, s.start, s.end, body[s.start : s.end]) for s in ev.evidence],
            )


def _groups(reports: list[Report], window: int) -> list[list[Report]]:
    """Split reports sharing one key into events: by date window, else by story."""
    dated = sorted((r for r in reports if r.date is not None), key=lambda r: (r.date, r.article_id, r.event_id))
    undated = sorted((r for r in reports if r.date is None), key=lambda r: (r.story, r.article_id, r.event_id))
    groups: list[list[Report]] = []
    first: Date | None = None
    for r in dated:
        assert r.date is not None
        if groups and first is not None and (r.date - first).days <= window:
            groups[-1].append(r)
        else:
            groups.append([r])
            first = r.date
    # an undated report joins the first dated event of its story, else the other undated
    # reports of its story
    by_story: dict[str, list[Report]] = {}
    for g in groups:
        for s in {r.story for r in g}:
            by_story.setdefault(s, g)
    for r in undated:
        target = by_story.get(r.story)
        if target is None:
            target = []
            groups.append(target)
            by_story[r.story] = target
        target.append(r)
    return groups


def _cross_event(group: list[Report]) -> CrossEvent:
    members = sorted({(r.article_id, r.event_id) for r in group})
    digest = hashlib.sha256("|".join(f"{a}/{e}" for a, e in members).encode("utf-8")).hexdigest()[:16]
    best: dict[str, float] = {}
    for r in group:
        best[r.article_id] = max(best.get(r.article_id, 0.0), r.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    dates = sorted(r.date for r in group if r.date is not None)
    modes = Counter(r.mode for r in group if r.mode)
    statuses = Counter(r.status for r in group)
    head = min(group, key=lambda r: (r.date or Date.max, r.article_id, r.event_id))
    evidence = sorted((e for r in group for e in r.evidence), key=lambda e: (e.article_id, e.event_id, e.start))
    return CrossEvent(
        id="x" + digest,
        type=head.type,
        mode=sorted(modes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if modes else None,
        status=sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
        actors=list(head.actors),
        recipients=list(head.recipients),
        actor_names=list(head.actor_names),
        recipient_names=list(head.recipient_names),
        date=dates[0].isoformat() if dates else None,
        date_end=dates[-1].isoformat() if dates else None,
        members=members,
        n_sources=len(best),
        outlets=sorted({r.outlet for r in group if r.outlet}),
        stories=sorted({r.story for r in group}),
        confidence=1.0 - miss,
        evidence=evidence,
    )


def merge_events(
    docs: Iterable[Document], clusters: dict[str, str], *, window_days: int = DEFAULT_WINDOW_DAYS
) -> list[CrossEvent]:
    """Group the events of many articles into cross-article events.

    Two reports are one event when they have the same type, the same actor and recipient keys
    and the same polarity (negated or not), and either both are dated (the event's date, else
    the article's) within ``window_days`` of the event's first date, or one is undated and
    both articles belong to the same story. Reports naming no actor at all merge only within
    one story.

    Args:
        docs: analysed documents (streamed; only a small record per event is kept).
        clusters: ``{article_id: story_id}`` from :func:`cluster_articles`.
        window_days: how far apart two dated reports of one event may be.

    Returns:
        Cross events sorted by date (undated last), type and id; events reported once are
        cross events with ``n_sources == 1``.
    """
    return merge_reports(_reports(docs, clusters), window_days=window_days)


def merge_reports(reports: Iterable[Report], *, window_days: int = DEFAULT_WINDOW_DAYS) -> list[CrossEvent]:
    """Cross events from per-article event reports (see :func:`merge_events`)."""
    by_key: dict[tuple[str, tuple[str, ...], tuple[str, ...], bool, str], list[Report]] = {}
    for r in reports:
        by_key.setdefault(r.key, []).append(r)
    out = [_cross_event(g) for group in by_key.values() for g in _groups(group, window_days) if g]
    out.sort(key=lambda x: (x.date or "9999", x.type, x.id))
    return out
