"""Internal: Dutch text analysis, the index schema and index building.

The public API lives in :mod:`search`; import from there.
"""
