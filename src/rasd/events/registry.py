"""Every rule of the event stage, in the lists it runs in, in the order the stage runs them.

=====================  ==============================================================
list                   what its rules decide
=====================  ==============================================================
``events.read``        which readings of a cue word the context allows
``events.subject``     the subject of a verb that expresses none
``events.verb``        a verb's actor and recipient
``events.participle``  a participle's actor and recipient
``events.noun``        whether a noun reports an event, and its agent and recipient
``events.finish``      drops and retypes once the slots are filled
``events.extra``       more drafts from one (parties sharing a pledge)
``events.record``      the record's place and parties as entities
``events.status``      the status (every rule runs; negated wins, then hypothetical…)
``events.final``       what the status changes (negated cues, accusations in statements)
``events.merge``       whether two reports are one record
=====================  ==============================================================

``rasd analyze --explain`` shows which fired; ``tests/events/examples.jsonl`` holds each rule's
examples.
"""

from __future__ import annotations

from rasd.events.finish import EXTRA, FINISH
from rasd.events.merge import MERGE
from rasd.events.nouns import NOUN
from rasd.events.participles import PARTICIPLE
from rasd.events.reading import READ
from rasd.events.record_rules import FINAL, RECORD
from rasd.events.status import STATUS
from rasd.events.subjects import SUBJECT
from rasd.events.verbs import VERB
from rasd.rules import Registry

REGISTRY = Registry(
    "events", (READ, SUBJECT, VERB, PARTICIPLE, NOUN, FINISH, EXTRA, RECORD, STATUS, FINAL, MERGE)
)
"""The rules of the event stage."""
