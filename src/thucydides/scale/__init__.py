"""scale: the same stages in parallel, on local processes or a Dask cluster."""

from thucydides.scale.parallel import local_cluster, run_dask, run_processes

__all__ = ["local_cluster", "run_dask", "run_processes"]
