"""Errors raised while reading inputs, each naming the input, the problem and the remedy."""

from __future__ import annotations

from dataclasses import dataclass


class ReadError(Exception):
    """An input that could not be read as news text.

    Args:
        source: the file (or ``file:line``) that failed.
        problem: what is wrong with it, in one sentence.
        hint: what the user can do about it.
    """

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: source, problem and hint."""
        msg = f"{self.source}: {self.problem}"
        return f"{msg} ({self.hint})" if self.hint else msg


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A failed input in a batch: the batch records it and goes on."""

    source: str
    problem: str
    hint: str = ""

    @property
    def message(self) -> str:
        """One line: source, problem and hint."""
        msg = f"{self.source}: {self.problem}"
        return f"{msg} ({self.hint})" if self.hint else msg

    @staticmethod
    def from_error(err: ReadError) -> ReadProblem:
        """The batch record of a :class:`ReadError`."""
        return ReadProblem(err.source, err.problem, err.hint)
