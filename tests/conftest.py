"""Shared fixtures: paths to the example, the shared data folder, and a span checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.arabic.normalize import normalize
from rasd.model import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "000_17848a7770633ebb.txt"


@pytest.fixture
def example_path() -> Path:
    """The bundled seed article."""
    return EXAMPLE


@pytest.fixture
def shared() -> Path:
    """The shared data folder; the test is skipped when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (tests that need ../shared/data are skipped)")
    return SHARED


def _inside(body: str, start: int, end: int, what: object) -> str:
    """The words of a span, after checking that it is a non-empty piece of the body."""
    assert 0 <= start < end <= len(body), f"span [{start}, {end}) is empty or outside the body ({len(body)} characters): {what}"
    return body[start:end]


def assert_spans_exact(doc: Document, text: str | None = None) -> None:
    """Every span of every layer is a non-empty piece of the body that reads what was recorded
    when it was made.

    Slicing a string never fails (``body[900:990] == ""`` for a short body), so comparing a
    span's text with text cut from the same body proves nothing. This checks instead:

    * bounds: ``0 <= start < end <= len(body)`` for sentences, tokens, clitic segments,
      mentions, quote cues, contents and speaker spans, event cues and evidence;
    * the body is the text the article was made from (``text``, when the caller gives it);
    * a token and each of its segments read their normalized form (``norm``, recorded by the
      tokenizer); a quote's speaker span reads words of its ``speaker_text``; an event's cue lies
      inside one of its evidence spans and each evidence span inside one sentence;
    * the JSON form reads back (:meth:`Document.from_dict` checks every recorded ``text``).
    """
    body = doc.article.body
    if text is not None:
        assert body == text, "the body is not the text the article was made from"
    for s in doc.sentences:
        _inside(body, s.start, s.end, s)
    for t in doc.tokens:
        assert normalize(_inside(body, t.start, t.end, t)) == t.norm, t
        for seg in t.segments:
            assert t.start <= seg.start < seg.end <= t.end, (t, seg)
            assert normalize(body[seg.start : seg.end]) == seg.norm, (t, seg)
    for m in doc.mentions:
        _inside(body, m.start, m.end, m)
    for e in doc.entities:
        for m in e.mentions:
            _inside(body, m.start, m.end, (e.name, m))
    for q in doc.quotes:
        _inside(body, q.content.start, q.content.end, q)
        if q.cue is not None:
            _inside(body, q.cue.start, q.cue.end, q)
        if q.speaker_span is not None:
            words = _inside(body, q.speaker_span.start, q.speaker_span.end, q)
            assert words in (q.speaker_text or ""), (words, q.speaker_text)
    for ev in doc.events:
        assert ev.evidence, ev
        for sp in ev.evidence:
            _inside(body, sp.start, sp.end, ev)
            assert any(s.start <= sp.start and sp.end <= s.end for s in doc.sentences) or not doc.sentences, (
                f"evidence [{sp.start}, {sp.end}) crosses a sentence boundary"
            )
        if ev.cue is not None:
            _inside(body, ev.cue.start, ev.cue.end, ev)
            assert any(sp.contains(ev.cue) for sp in ev.evidence), f"the cue of {ev.id} is outside its evidence"
    assert Document.from_dict(doc.to_dict(tokens=True)).to_dict(tokens=True) == doc.to_dict(tokens=True)
