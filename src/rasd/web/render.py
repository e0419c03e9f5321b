"""HTML pieces built in Python: the annotated article body and URLs that keep the view's state.

Article text is untrusted: every piece of it goes through :func:`markupsafe.escape` (via
``Markup.format``) before it is wrapped in markup, so a ``<script>`` in an article is shown as
text and never runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from rasd.model import Document, Span


@dataclass(slots=True)
class Layer:
    """One annotation over the body: a CSS class list, an optional link, tooltip and anchor."""

    span: Span
    classes: tuple[str, ...]
    title: str = ""
    href: str | None = None
    anchor: str | None = None
    order: int = 0  # nesting: lower is outer


def _entity_title(e: Any) -> str:
    bits = [e.name]
    if e.name_en:
        bits.append(e.name_en)
    bits.append(" ".join(x for x in (e.type, e.country, e.sector) if x))
    if e.role:
        bits.append(e.role)
    return " · ".join(bits)


def document_layers(doc: Document, actor_ids: Mapping[str, int]) -> list[Layer]:
    """The annotations of an article page: quotes, cues, event evidence and entity mentions."""
    names = {e.id: e.name for e in doc.entities}
    layers: list[Layer] = []
    for q in doc.quotes:
        who = names.get(q.speaker or "", q.speaker_text or "?")
        layers.append(Layer(q.content, ("quote", f"r-{q.id}"), f"{q.id} · {who} ({q.kind})", anchor=f"q-{q.id}", order=0))
        if q.cue is not None:
            layers.append(Layer(q.cue, ("cue", f"r-{q.id}"), f"{q.id} · cue", order=2))
    for ev in doc.events:
        actors = "، ".join(names.get(a, a) for a in ev.actors) or "?"
        recipients = "، ".join(names.get(r, r) for r in ev.recipients)
        title = f"{ev.id} · {ev.type}{'/' + ev.mode if ev.mode else ''} · {actors}" + (f" ← {recipients}" if recipients else "")
        for i, sp in enumerate(ev.evidence):
            layers.append(Layer(sp, ("evid", f"r-{ev.id}"), title, anchor=f"v-{ev.id}" if i == 0 else None, order=1))
    for e in doc.entities:
        aid = actor_ids.get(e.id)
        for m in e.mentions:
            layers.append(Layer(m.span, ("ent", f"ent-{e.type}", f"r-{e.id}"), _entity_title(e),
                                href=f"/actor/{aid}" if aid is not None else None, order=3))
    return layers


def annotate(body: str, layers: list[Layer]) -> Markup:
    """The body as escaped HTML, each stretch wrapped in the annotations covering it.

    Overlapping and nested annotations are handled by cutting the body at every boundary and
    wrapping each stretch in all the layers active over it (outermost first).
    """
    cuts = {0, len(body)}
    for layer in layers:
        cuts.add(max(0, min(layer.span.start, len(body))))
        cuts.add(max(0, min(layer.span.end, len(body))))
    points = sorted(cuts)
    starts: dict[int, list[Layer]] = {}
    for layer in layers:
        starts.setdefault(layer.span.start, []).append(layer)
    active: list[Layer] = []
    out: list[Markup] = []
    for a, b in pairwise(points):
        active = [x for x in active if x.span.end > a]
        for layer in starts.get(a, []):
            if layer.span.end > a:
                active.append(layer)
                if layer.anchor:
                    out.append(Markup('<span class="anchor" id="{}"></span>').format(layer.anchor))
        piece: Markup = Markup("{}").format(body[a:b])
        for layer in sorted(active, key=lambda x: -x.order):
            cls = " ".join(layer.classes)
            if layer.href:
                piece = Markup('<a class="{}" href="{}" title="{}">{}</a>').format(cls, layer.href, layer.title, piece)
            else:
                piece = Markup('<span class="{}" title="{}">{}</span>').format(cls, layer.title, piece)
        out.append(piece)
    return Markup("").join(out)


def url(path: str, params: Mapping[str, Any] | None = None, **more: Any) -> str:
    """``path`` with the non-empty parameters as a query string (``more`` overrides)."""
    merged = {**(params or {}), **more}
    query = {k: v for k, v in merged.items() if v not in (None, "", [])}
    return path + ("?" + urlencode(query) if query else "")


def toggle(path: str, params: Mapping[str, Any], name: str, value: Any) -> str:
    """The URL of ``path`` with ``name=value`` set, or removed when it is already set (page reset)."""
    current = dict(params)
    current.pop("page", None)
    if str(current.get(name, "")) == str(value):
        current.pop(name)
    else:
        current[name] = value
    return url(path, current)
