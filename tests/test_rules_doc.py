"""docs/rules.md lists every registered rule as the registries say (scripts/rules_doc.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("rules_doc", ROOT / "scripts" / "rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_page_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == _script().render(), (
        "docs/rules.md is out of date: run .venv/bin/python scripts/rules_doc.py"
    )


def test_the_page_names_every_rule() -> None:
    from rasd.events.registry import REGISTRY as EVENTS
    from rasd.quotes.registry import REGISTRY as QUOTES

    page = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert all(f"`{r.id}`" in page for reg in (EVENTS, QUOTES) for r in reg)
