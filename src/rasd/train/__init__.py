"""Training of rasd's models and learned decisions (``rasd train …``, ``scripts/train_ner.py``):
data from the annotated corpus, models written under ``rasd/data/models`` with a sidecar JSON of
their data, features and scores.

* :mod:`rasd.train.ner`: the CRF named-entity tagger, scored with :mod:`rasd.eval`;
* :mod:`rasd.train.ner_corpus`: the news corpus's gold mentions as tagger training data;
* :mod:`rasd.train.events`: the learned event coder;
* :mod:`rasd.train.quotes`: the speaker ranking.

Training may use :mod:`rasd.eval`; evaluation never imports training.
"""
