"""Scale-out: all cores (:mod:`rasd.scale.parallel`), Dask shard runs (:mod:`rasd.scale.run`),
rasd/1 shard files (:mod:`rasd.scale.shards`) and story clustering (:mod:`rasd.scale.stories`).

Submodules are imported on use, so ``import rasd.scale`` loads neither Dask nor datasketch.
"""
