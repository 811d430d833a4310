"""Runners over the same pipeline: local processes and a Dask cluster."""
