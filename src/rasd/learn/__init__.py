"""Small learned models that run without their training library: sparse linear scorers and
calibration tables, stored as JSON and loaded once per process.

Training (``rasd train``, :mod:`rasd.train`) fits them with scikit-learn; running them needs only
this package, so analysing an article never imports scikit-learn.
"""
