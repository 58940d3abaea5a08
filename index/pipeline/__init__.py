"""The write path: articles from :mod:`corpus`, analysed and written as segments.

:mod:`~index.pipeline.build` runs an index build or update (what is new, changed or gone,
the commit, the report); :mod:`~index.pipeline.parallel` analyses and writes new segments in
worker processes. Both write through :mod:`index.store`.
"""
