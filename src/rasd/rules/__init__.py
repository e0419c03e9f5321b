"""Registered rules, their word lists and the strict reading of data files.

* :mod:`rasd.rules.registry`: :func:`rule`, :class:`RuleList` (one ordered list per step of a
  stage) and :class:`Registry` (the lists of a stage);
* :mod:`rasd.rules.words`: word lists in ``data/lexicon/<stage>_words.tsv`` keyed by the rule
  that reads them, checked against what the rules declare;
* :mod:`rasd.rules.tables`: tab-separated data files read strictly (errors name file and line).

The stages that decide by rule (:mod:`rasd.quotes`, :mod:`rasd.events`) build on these; this
package imports none of them.
"""

from __future__ import annotations

from rasd.rules.registry import EFFECTS, Registry, Rule, RuleError, RuleList, rule
from rasd.rules.tables import LexiconError, Row, lexicon_file, read_rows
from rasd.rules.words import WordList, WordLists

__all__ = [
    "EFFECTS",
    "LexiconError",
    "Registry",
    "Row",
    "Rule",
    "RuleError",
    "RuleList",
    "WordList",
    "WordLists",
    "lexicon_file",
    "read_rows",
    "rule",
]
