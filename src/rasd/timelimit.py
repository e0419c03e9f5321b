"""A time limit for one call, so that one article that never finishes costs one error line.

This module imports nothing of rasd's: the pipeline (:meth:`rasd.pipeline.Pipeline.pipe`) and
the evaluations use it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

A = TypeVar("A")
D = TypeVar("D")


class AnalysisTimeout(Exception):
    """One article's analysis ran past its time limit."""


def with_time_limit(fn: Callable[[A], D], seconds: float | None) -> Callable[[A], D]:
    """Wrap ``fn`` so that a call longer than ``seconds`` raises :class:`AnalysisTimeout`.

    A batch runs thousands of articles; one that never finishes must cost one error line, not
    the whole run. The limit uses ``SIGALRM``, so it applies only on Unix in the main
    thread; elsewhere (or with ``seconds`` None or 0) ``fn`` is returned unchanged.
    """
    if not seconds or not hasattr(signal, "setitimer"):
        return fn
    if threading.current_thread() is not threading.main_thread():
        return fn

    def on_alarm(signum: int, frame: Any) -> None:
        raise AnalysisTimeout(f"analysis took more than {seconds:g} s")

    def limited(arg: A) -> D:
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn(arg)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return limited
