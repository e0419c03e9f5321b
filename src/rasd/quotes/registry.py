"""Every rule of the quote stage, in the lists it runs in, in the order the stage runs them.

=====================  ==============================================================
list                   what its rules decide
=====================  ==============================================================
``quotes.via``         the body a sentence's statements are relayed through
``quotes.cue``         whether a cue reports speech
``quotes.postposed``   a cue after the words it reports (``…، كما قال المرصد``)
``quotes.content``     where what was said starts
``quotes.speaker``     who said it (the first rule that finds one decides)
``quotes.check``       whether the words found make a statement
``quotes.sentence``    statements with no cue before them
=====================  ==============================================================
"""

from __future__ import annotations

from rasd.quotes.constructions import POSTPOSED, SENTENCE, VIA
from rasd.quotes.cued import CHECK, CONTENT, CUE
from rasd.quotes.speaker_rules import SPEAKER
from rasd.rules import Registry

REGISTRY = Registry("quotes", (VIA, CUE, POSTPOSED, CONTENT, SPEAKER, CHECK, SENTENCE))
"""The rules of the quote stage."""
