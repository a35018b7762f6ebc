"""Benchmarks of the engine: `python -m benchmarks [--quick]` writes benchmarks/RESULTS.md (see run.py)."""
