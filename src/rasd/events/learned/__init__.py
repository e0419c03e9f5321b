"""The learned event coder: models trained on the annotated news corpus decide which sentences
report which events, who acts on whom and with what status, weighing the rule coder's records as
one signal among others (:mod:`rasd.events.learned.coder`). ``rasd train events``
(:mod:`rasd.train.events`) rebuilds the model."""
