"""The storage engine: the one package that touches Whoosh's internals.

Whoosh's public API (the schema, the analyser interface, the query parser) is used where it
belongs; everything below it lives here, behind plain functions and types:

* :mod:`~index.store.loading`: importing Whoosh without the parts this project never uses;
* :mod:`~index.store.storage`: where indexes live, opening, creating and locking them;
* :mod:`~index.store.generations`: which segments a reader shows, and their identity;
* :mod:`~index.store.postings`: the W3 posting codec, written a whole term at a time and
  read back as numpy arrays (:class:`~index.store.postings.Postings`);
* :mod:`~index.store.segments`: writing whole segments; :mod:`~index.store.committing`:
  committing them (with :mod:`~index.store.merging`'s policy) and cleaning up after a run
  that did not commit;
* :mod:`~index.store.facetfile` and :mod:`~index.store.vocabulary`: the files written next
  to each segment (facet ordinals, the words as written);
* :mod:`~index.store.columns`: per-segment field lengths, sort keys and deletions, as arrays;
* :mod:`~index.store.readercache`: the one cache of per-segment arrays a reader builds.

Nothing here imports :mod:`index.pipeline` or :mod:`search`.
"""
