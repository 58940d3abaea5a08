"""The index's vocabulary: each unstemmed word with the number of articles it is in.

"Did you mean" (:mod:`search.suggest`) draws its corrections from it. The words are those of
:func:`index.schema.surface_analyzer` (accent-folded, lowercase, unstemmed, stop words
kept, compounds whole) over an article's title and body. They used to be the lexicon of an
indexed ``words`` field, but only the lexicon was ever read, and writing that field's
postings took a fifth of the indexing time. Now the segment builder counts the words from
the tokens it already has (:meth:`index.store.token_log.TokenLog.vocabulary`, through
:attr:`VocabularyCounter.table`) and stores them in the segment's facet file. A segment
Whoosh's own writer made (a merge) has its vocabulary counted again from its stored titles
and bodies (:func:`stored_vocabulary`): when the merge is committed, or, for an index
written by plain Whoosh, when it is first read.

Counts are per segment and include articles deleted since, as Whoosh's document
frequencies do.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from index import analysis
from index.document_terms import table_for, tokenize
from index.schema import searchable_part, surface_analyzer


class VocabularyCounter:
    """Counts, per word, the articles of one segment that have it (title or body).

    :attr:`table` is the vocabulary analyser's ``raw token -> words`` table (None when the
    schema has no Dutch analyser, or one the table does not reproduce).
    """

    def __init__(self, schema) -> None:
        analyzer = schema["body"].analyzer if "body" in schema else None
        self._analyzer = None
        self.table = None
        if isinstance(analyzer, analysis.DutchAnalyzer):
            self._analyzer = surface_analyzer(analyzer)
            self.table = table_for(self._analyzer)
        self._counts: Counter = Counter()

    def add(self, title: str, body: str, tokens: list[str] | None = None) -> None:
        """Count one article; ``tokens``: its title's tokens then its body's, when known."""
        if self._analyzer is None:
            return
        if self.table is None:  # an analyser the table does not reproduce: Whoosh's way
            found = {token.text.encode("utf-8") for token in
                     self._analyzer(f"{title}\n{body}", mode="index")}  # fmt: skip
        else:
            if tokens is None:
                tokens = tokenize(title) + tokenize(body)
            found = set(chain.from_iterable(map(self.table.__getitem__, tokens)))
        self._counts.update(found)

    def words(self) -> tuple[list[str], list[int]]:
        """The words and each one's article count."""
        return [word.decode("utf-8") for word in self._counts], list(self._counts.values())


def stored_vocabulary(segment_reader) -> dict[str, int]:
    """A segment's vocabulary counted again from its stored titles and bodies."""
    counter = VocabularyCounter(segment_reader.schema)
    for docnum in range(segment_reader.doc_count_all()):
        stored = segment_reader.stored_fields(docnum)
        title, body = stored.get("title") or "", stored.get("body") or ""
        counter.add(title, searchable_part(body))
    return dict(zip(*counter.words(), strict=True))
