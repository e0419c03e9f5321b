"""rasd (رصد): Arabic news to structured, traceable political event data.

>>> import rasd
>>> doc = rasd.analyze("examples/000_17848a7770633ebb.txt")  # doctest: +SKIP
>>> [q.kind for q in doc.quotes]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasd.version import __version__

if TYPE_CHECKING:
    from rasd.model import Document
    from rasd.pipeline import Pipeline, analyze

__all__ = ["Document", "Pipeline", "__version__", "analyze"]


def __getattr__(name: str) -> Any:
    # heavy modules load on first use, so `import rasd` and `rasd --version` stay instant
    if name in ("analyze", "Pipeline"):
        from rasd import pipeline

        return getattr(pipeline, name)
    if name == "Document":
        from rasd.model import Document

        return Document
    raise AttributeError(f"module 'rasd' has no attribute {name!r}")
