"""Imported by the worker fork server: load and warm the full pipeline once, before forking.

Workers forked from the server find the models already in memory. A failure here is not fatal:
each worker then builds its pipeline itself and reports the problem on its first article.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):
    from rasd.scale.parallel import warm_up

    warm_up()
