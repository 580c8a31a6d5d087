"""scale: the same stages in parallel, on local processes or a Dask cluster."""

from thucydides.scale.parallel import run_dask, run_processes

__all__ = ["run_dask", "run_processes"]
