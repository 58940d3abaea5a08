"""Internal: Dutch text analysis, the index schema and index building.

The public API lives in :mod:`search`; import from there.
"""

from index.store.loading import load_whoosh

load_whoosh()  # before any other module imports Whoosh: see index.store.loading
