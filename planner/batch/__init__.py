"""Many scenarios at once: cut grids, a national example, and solves spread over a Dask cluster.

``planner batch`` reads scenarios (a folder, files, library versions, or the generated national
example), makes their variants (:mod:`planner.batch.variants`), solves them on the workers of a
Dask cluster (:mod:`planner.batch.runner`; each worker solves with :mod:`planner.batch.work`),
and gathers one small record per scenario and variant (:mod:`planner.batch.records`) into a
table and summaries (:mod:`planner.batch.summary`). Only :mod:`planner.batch.runner` imports
Dask; this package's other modules load without it.
"""

from planner.batch import texts as texts  # registers the words every batch module prints


def dask_versions() -> dict[str, str]:
    """Return the versions of Dask and distributed a batch runs on (loaded only when asked)."""
    import dask
    import distributed

    return {"dask": str(getattr(dask, "__version__", "unknown")),
            "distributed": str(getattr(distributed, "__version__", "unknown"))}
