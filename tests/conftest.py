"""Shared fixtures: paths to the example, the shared data folder, and a span checker."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def assert_spans_exact(doc: Document) -> None:
    """Every span of every layer reproduces the body."""
    body = doc.article.body
    d = doc.to_dict(tokens=True)
    for s in d["sentences"]:
        assert 0 <= s["start"] <= s["end"] <= len(body)
    for t in d["tokens"]:
        assert body[t["start"] : t["end"]], t
        for seg in t["segments"]:
            assert t["start"] <= seg["start"] <= seg["end"] <= t["end"]
    for e in d["entities"]:
        for m in e["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
    for q in d["quotes"]:
        for key in ("cue", "content", "speaker_span"):
            if q.get(key):
                assert body[q[key]["start"] : q[key]["end"]] == q[key]["text"]
    for ev in d["events"]:
        for sp in ev["evidence"]:
            assert body[sp["start"] : sp["end"]] == sp["text"]
