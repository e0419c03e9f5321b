"""Imports run one way: a module may import only from its own layer or the layers below it.

Every ``import rasd.…`` and ``from rasd… import`` counts, also those inside functions (a lazy
import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "rasd"

# the first part of a module's name below rasd → its layer (lower = more basic)
LAYERS: dict[str, int] = {
    "__version__": 0,  # from rasd import __version__: the root package, which loads nothing else
    "version": 0,
    "model": 0,
    "timelimit": 0,
    "arabic": 1,
    "learn": 1,
    "dates": 2,
    "kb": 2,
    "read": 2,
    "rules": 2,
    "places": 3,
    "entities": 4,
    "actors": 5,
    "quotes": 6,
    "events": 7,
    "pipeline": 8,
    "pretty": 9,
    "store": 9,
    "scale": 10,
    "eval": 11,
    "web": 11,
    "train": 12,
    "cli": 13,
}


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    assert top in LAYERS, f"rasd.{top} has no layer in tests/test_layers.py"
    return LAYERS[top]


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p != SRC / "__init__.py")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "rasd" else [f"rasd.{a.name}" for a in node.names]
            out += [(node.lineno, n) for n in names if n.startswith("rasd.")]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("rasd.")]
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_run_down(path: Path) -> None:
    module = "rasd." + ".".join(path.relative_to(SRC).with_suffix("").parts)
    own = _layer(module)
    upward = [f"line {n}: {name}" for n, name in _imports(path) if _layer(name) > own]
    assert not upward, f"{module} imports from a layer above it: {upward}"


def test_a_broken_import_direction_is_caught(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from rasd.pipeline import Pipeline\n", "utf-8")
    assert [_layer(name) for _, name in _imports(bad)] == [LAYERS["pipeline"]]
