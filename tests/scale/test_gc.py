"""The worker's garbage-collector settings."""

import gc

from rasd.scale.parallel import quiet_gc


def test_quiet_gc_spaces_out_young_collections() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        quiet_gc()
        assert gc.get_threshold()[0] > 700
    finally:
        gc.set_threshold(*before)
