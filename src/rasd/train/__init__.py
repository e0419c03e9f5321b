"""Training of rasd's models (``scripts/train_ner.py``).

* :mod:`rasd.train.ner`: the CRF named-entity tagger, scored with :mod:`rasd.eval`.

Training may use :mod:`rasd.eval`; evaluation never imports training.
"""
