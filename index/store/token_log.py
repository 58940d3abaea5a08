"""One segment's title and body tokens as numbers, and what the segment's files need of them.

The segment builder logs each document's title and body tokens by their numbers in a
:class:`~index.document_terms.TokenCatalogue`: one dictionary look-up per token, nothing
per term. When the segment is written the log gives, for all its documents at once, the
fused fields' postings (:func:`index.store.postings.group_occurrences`), the vocabulary's
document counts (:mod:`index.store.vocabulary`) and the near-duplicate sketches
(:func:`index.duplicates.sketches`). About 4 bytes a token.
"""

from __future__ import annotations

from array import array

import numpy as np

from index.document_terms import TokenCatalogue
from index.duplicates import sketches
from index.store.postings import GroupedPostings, group_occurrences

TEXT_FIELDS = ("title", "body")


class TokenLog:
    """The title and body tokens (by number) of each document added, in document order."""

    def __init__(self, catalogue: TokenCatalogue) -> None:
        self.catalogue = catalogue
        self._docnums = array("i")  # every document added, ascending
        self._counted = array("b")  # per document: 1 if the vocabulary counts it
        self._tokens = {name: array("i") for name in TEXT_FIELDS}
        self._counts = {name: array("i") for name in TEXT_FIELDS}  # per document

    def __len__(self) -> int:
        return len(self._docnums)

    def add(self, docnum: int, document: dict) -> dict[str, list[int]]:
        """Log a document's title and body tokens; return their numbers by field (for the
        fields that hold text). The vocabulary counts a document with both."""
        numbers = {}
        for name in TEXT_FIELDS:
            text = document.get(name)
            found = self.catalogue.numbers(text) if isinstance(text, str) else []
            if isinstance(text, str):
                numbers[name] = found
            self._tokens[name].extend(found)
            self._counts[name].append(len(found))
        self._docnums.append(docnum)
        self._counted.append(len(numbers) == len(TEXT_FIELDS))
        return numbers

    def postings(self, name: str, *, positional: bool) -> GroupedPostings:
        """The postings of the fused field ``name`` (see :meth:`BulkFieldWriter.add_field`)."""
        expansion = self.catalogue.fields[name]
        tokens, counts = self._field_tokens(name)
        terms, parts = expansion.expand(tokens)
        del tokens
        docs = np.repeat(np.repeat(np.frombuffer(self._docnums, dtype=np.intc), counts), parts)
        positions = None
        if positional:  # a token's position: its place in its document's field
            first = np.repeat(np.cumsum(counts) - counts, counts)
            positions = np.repeat(np.arange(len(first), dtype=np.intc) - first, parts)
        return group_occurrences(terms, docs, positions, expansion.names())

    def vocabulary(self) -> tuple[list[str], list[int]]:
        """The vocabulary's words (first seen first) and how many documents have each, over
        the documents with both a title and a body."""
        expansion = self.catalogue.words
        size = len(expansion.names()) if expansion is not None else 0
        if not size:
            return [], []
        counted = np.frombuffer(self._counted, dtype=np.int8).astype(bool)
        keys = []
        for name in TEXT_FIELDS:
            tokens, counts = self._field_tokens(name)
            words, parts = expansion.expand(tokens)
            documents = np.repeat(np.repeat(np.arange(len(counts)), counts), parts)
            keep = counted[documents]
            keys.append(documents[keep] * size + words[keep])
        pairs = np.sort(np.concatenate(keys))
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]  # each word once per document
        # (np.unique does the same, but numpy 2.4's takes forty times as long here)
        documents = np.bincount(pairs % size, minlength=size)
        present = np.flatnonzero(documents)
        names = expansion.names()
        return ([names[number].decode("utf-8") for number in present.tolist()],
                documents[present].tolist())  # fmt: skip

    def sketches(self) -> np.ndarray:
        """Each document's near-duplicate sketch of its body (:func:`index.duplicates.sketch`)."""
        hashes = np.frombuffer(self.catalogue.hashes, dtype=np.uint32)
        tokens, counts = self._field_tokens("body")
        return sketches(hashes[tokens], counts)

    def _field_tokens(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """A field's tokens, all documents in turn, and how many each document has."""
        return (np.frombuffer(self._tokens[name], dtype=np.intc),
                np.frombuffer(self._counts[name], dtype=np.intc))  # fmt: skip
