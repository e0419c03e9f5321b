"""Training of rasd's learned decisions (``rasd train …``): data from the annotated corpus, models
written under ``rasd/data/models`` with a sidecar JSON of their data, features and scores.

Training may use :mod:`rasd.eval` (to score what it trains); nothing below imports this package.
"""
