"""Internal: everything below the query layer. The public API lives in :mod:`search`.

* :mod:`index.dutch`: Dutch words (tokens, stop words, stems, lemmas, compound parts);
* :mod:`index.analysis`, :mod:`index.schema`, :mod:`index.document_terms`: the analyser,
  the fields an article becomes, and the terms of its text;
* :mod:`index.entities`: people, places and organisations; :mod:`index.duplicates`:
  near-duplicate texts;
* :mod:`index.store`: the storage engine, the one package touching Whoosh's internals;
* :mod:`index.pipeline`: the write path (a build or update run and its workers).
"""

from index.store.loading import load_whoosh

load_whoosh()  # before any other module imports Whoosh: see index.store.loading
