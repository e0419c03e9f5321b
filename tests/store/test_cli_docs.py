"""Every option of the store and web commands is documented in docs/store.md or docs/web.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from rasd.cli import app

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("ingest", "search", "events", "quotes", "actors", "export", "serve")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented(name: str) -> None:
    docs = (ROOT / "docs" / "store.md").read_text("utf-8") + (ROOT / "docs" / "web.md").read_text("utf-8")
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    assert f"rasd {name}" in docs
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in docs or f"{opt} " in docs, f"rasd {name} {opt} is not documented"
