"""Whoosh's search side, where the engine needs more than its public API gives.

Opening a searcher on a reader the engine already holds, the terms a prefix or wildcard
expands to, the BM25F parameters of a weighting, every document a query matches (through
Whoosh's own matchers, for the queries the numpy ranking does not evaluate) and Whoosh's
highlighter (the reference the fast snippets are tested against).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import numpy as np
from whoosh import highlight, query, scoring
from whoosh.searching import Searcher

from index.store.columns import live_documents


def open_searcher(ix, reader=None):
    """A searcher of ``ix``: on ``reader`` if given (refreshed to the newest generation
    committed since), else a new one, as ``ix.searcher()`` makes it."""
    if reader is None:
        return ix.searcher()
    return Searcher(reader, fromindex=ix).refresh()


def expanded_terms(node, reader) -> Iterator[bytes]:
    """The indexed terms a prefix, wildcard, range or fuzzy node stands for in ``reader``,
    in term order, as Whoosh expands it."""
    return (btext for btext in node._btexts(reader) if btext)


def bm25f_parameters(weighting, fieldname: str) -> tuple[float, float] | None:
    """``(B, K1)`` of a BM25F weighting for ``fieldname``; None for any other weighting."""
    if type(weighting) is not scoring.BM25F:
        return None
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def whoosh_matches(searcher, q) -> tuple[list[np.ndarray], list[int]]:
    """Every live document matching ``q``, one ascending array per segment, with each
    segment's first reader-wide document number, as Whoosh's matchers find them ("every
    document" without reading postings)."""
    per_leaf, offsets = [], []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if isinstance(q, query.Every) and not q.fieldname:
            docs = live_documents(reader, np.arange(reader.doc_count_all(), dtype=np.int64))
        else:  # Whoosh's matchers leave deleted documents out themselves
            docs = np.fromiter(q.docs(subsearcher), dtype=np.int64)
        per_leaf.append(docs)
        offsets.append(offset)
    return per_leaf, offsets


def highlighted_fragments(text: str, tokens, terms: Collection[str], *, maxchars: int,
                          surround: int, charlimit: int) -> list:  # fmt: skip
    """Whoosh's ``ContextFragmenter`` fragments of ``text`` over analysed ``tokens`` (with
    character positions): ``(start, end, [(start, end, term), ...])`` per fragment."""
    fragmenter = highlight.ContextFragmenter(maxchars=maxchars, surround=surround,
                                             charlimit=charlimit)  # fmt: skip
    matched = highlight.set_matched_filter(tokens, terms)
    return [
        (fragment.startchar, fragment.endchar,
         [(token.startchar, token.endchar, token.text) for token in fragment.matches])
        for fragment in fragmenter.fragment_tokens(text, matched)
    ]  # fmt: skip
