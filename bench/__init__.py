"""Measurements behind the analysis choices: ``python -m bench.retrieval`` and friends.

Benchmarks read ``../shared/data`` (never shipped) or the hand-checked sets under
``tests/data``; docs/analysis.md has their tables and the commands that regenerate them.
"""
