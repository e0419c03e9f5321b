"""Fixtures: a database holding the hand-built documents."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.store import connect, store_documents
from tests.store.docs import second_document, seed_document


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with the seed and the second article (every layer filled)."""
    path = tmp_path / "rasd.db"
    summary = store_documents(path, [seed_document(), second_document()], batch_size=10)
    assert summary.stored == 2 and not summary.problems
    return path


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to :func:`db_path`."""
    c = connect(db_path, readonly=True)
    yield c
    c.close()
