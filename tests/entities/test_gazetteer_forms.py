"""The gazetteer's token forms agree with their definition."""

from __future__ import annotations

from rasd.arabic.tokens import tokenize
from rasd.entities.gazetteer import _forms, candidate_forms, canonical
from rasd.model import Segment, Token

TEXT = "وقال الرئيس السوري بشار الأسد للأمم المتحدة وبالقاهرة سينقل زيارته ولاريجاني و ب 2019 Reuters ."


def _canonical(token: Token) -> str:
    parts = ["ال" if s.role == "det" else s.norm for s in token.segments if s.role not in ("conj", "prep", "fut")]
    return "".join(parts) or token.norm


def test_canonical_and_candidate_forms_follow_the_segments() -> None:
    tokens = tokenize(TEXT)
    tokens += [
        Token(0, 1, "و", "ar", [Segment(0, 1, "conj", "و")]),
        Token(0, 2, "ال", "ar", [Segment(0, 2, "det", "ال")]),
        Token(0, 3, "abc", "ar", [Segment(0, 3, "stem", "")]),
    ]
    for tok in tokens:
        assert canonical(tok) == _canonical(tok), tok
        if any(s.role == "fut" for s in tok.segments):
            assert candidate_forms(tok) == ((tok.norm, 0),)
        else:
            assert candidate_forms(tok) == _forms(tok.norm, _canonical(tok), tok.kind == "ar")
