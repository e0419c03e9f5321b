"""Attribution: who said each quote, decided by a ranking trained on the annotated corpus
(:mod:`rasd.attribution.speakers`) over the candidates the quote rules and the article offer.

``RASD_SPEAKERS=rules`` (or ``rasd analyze --rules-only``) keeps the quote rules' speakers.
"""

from __future__ import annotations

import os

CHOICES = ("learned", "rules")
SPEAKERS_ENV = "RASD_SPEAKERS"
DEFAULT = "rules"  # until the ranking has been chosen on corpus dev


def speaker_ranking() -> str:
    """``learned`` (the default) or ``rules``, from ``RASD_SPEAKERS``."""
    value = os.environ.get(SPEAKERS_ENV, DEFAULT).strip().lower() or DEFAULT
    if value not in CHOICES:
        raise ValueError(f"{SPEAKERS_ENV}={value!r} is not a choice; use one of {', '.join(CHOICES)}")
    return value
