"""Fast matched-document sets and facet counts over per-segment ordinal arrays.

The engine needs every matching document (for the total and the facets), not just the
top ten. Whoosh yields those one Python call at a time; here a query's matches in each
segment become one numpy array, read a posting block at a time for plain terms and
intersected or united with numpy for ``AND``/``OR`` of them (anything else goes through
Whoosh's own matcher). Facets are then counted with ``bincount`` over the segment's
ordinals (:mod:`index.facetfile`), giving exactly what :func:`search.facets.count_facets`
gives.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from whoosh import query
from whoosh.reading import TermNotFound

from index.facetfile import load_segment_facets
from index.schema import ENTITY_FIELDS
from search.results import FacetCount

_SEP = "\x1f"


class Matches:
    """A query's matching documents: one sorted int array per segment of the reader."""

    def __init__(self, per_leaf: list[np.ndarray], offsets: list[int]) -> None:
        self.per_leaf = per_leaf
        self.offsets = offsets
        self.total = int(sum(len(docs) for docs in per_leaf))

    def __len__(self) -> int:
        return self.total

    def docnums(self) -> np.ndarray:
        """Every matching document number in the whole reader, ascending."""
        if not self.per_leaf:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([docs + offset for docs, offset in zip(self.per_leaf, self.offsets,
                                                                     strict=True)])  # fmt: skip


def match_documents(searcher, q: query.Query) -> Matches:
    """Every live document matching ``q``, segment by segment."""
    per_leaf, offsets = [], []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        docs = _leaf_docs(q, subsearcher, reader)
        if docs is None:
            docs = _whoosh_docs(q, subsearcher)
        elif reader.has_deletions() and len(docs):
            deleted = np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)
            docs = docs[~np.isin(docs, deleted)]
        per_leaf.append(docs)
        offsets.append(offset)
    return Matches(per_leaf, offsets)


def _whoosh_docs(q, subsearcher) -> np.ndarray:
    return np.fromiter(q.docs(subsearcher), dtype=np.int64)


def _leaf_docs(q, subsearcher, reader) -> np.ndarray | None:
    """The docs of ``q`` in one segment, deletions ignored; None where Whoosh must decide."""
    if isinstance(q, query.Every) and not q.fieldname:
        return np.arange(reader.doc_count_all(), dtype=np.int64)
    if type(q) is query.Term:
        return _term_docs(reader, q.fieldname, q.text, subsearcher)
    if type(q) in (query.And, query.Or):
        parts = []
        for sub in q.subqueries:
            docs = _leaf_docs(sub, subsearcher, reader)
            if docs is None:
                return None
            parts.append(docs)
        if not parts:
            return None
        result = parts[0]
        for docs in parts[1:]:
            if type(q) is query.And:
                result = np.intersect1d(result, docs, assume_unique=True)
            else:
                result = np.union1d(result, docs)
        return result
    return None


def _term_docs(reader, fieldname: str, text, subsearcher) -> np.ndarray | None:
    if fieldname not in reader.schema:
        return np.zeros(0, dtype=np.int64)
    try:
        btext = reader.schema[fieldname].to_bytes(text)
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64)
    except (AttributeError, TypeError, ValueError):
        return None
    if not hasattr(matcher, "_read_ids"):
        return np.fromiter(matcher.all_ids(), dtype=np.int64)
    blocks = []
    # Whoosh's W3 posting blocks: read each block's ids at once instead of one per call.
    while not matcher._atend and matcher._i < matcher._blocklength:
        matcher._read_ids()
        blocks.append(np.asarray(matcher._ids, dtype=np.int64))
        matcher._next_block()
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int64)


class FacetIndex:
    """Facet ordinals of every segment of one reader, with reader-wide vocabularies."""

    def __init__(self, reader, catalogue=None) -> None:
        self._keys: dict[str, int] = {}
        self._names: dict[str, int] = {}
        self._months: dict[str, int] = {}
        self.leaves = []
        for segment_reader, _ in reader.leaf_readers():
            facets = load_segment_facets(segment_reader._storage, segment_reader._segment,
                                         segment_reader)  # fmt: skip
            self.leaves.append((
                facets,
                _global(facets.months, self._months),
                _global(facets.keys, self._keys),
                _global(facets.names, self._names),
            ))  # fmt: skip
        self.key_list = list(self._keys)
        self.name_list = list(self._names)
        self.month_list = list(self._months)
        if catalogue is not None:
            self.set_catalogue(catalogue)

    def set_catalogue(self, catalogue) -> None:
        """Apply the catalogue's cross-article aliases (needed before :meth:`count`)."""
        self.canonical, self.affected = self._canonical(catalogue)
        kinds = [label.split(_SEP, 1)[0] for label in self.key_list]
        self.kind_masks = {kind: np.array([k == kind for k in kinds], dtype=bool)
                           for kind in ENTITY_FIELDS}  # fmt: skip

    def person_frequencies(self) -> list[tuple[str, int]]:
        """``(person key, documents naming it)`` in key order, as the ``person`` lexicon has.

        Each facet-file entry is one document and one ``facet_key`` of a name, which is
        exactly a ``person`` term posting (deleted documents included in both, as in
        Whoosh's document frequencies); keys sort by code point, which is UTF-8 byte order.
        """
        totals = np.zeros(len(self._keys), dtype=np.int64)
        for facets, _, key_map, _ in self.leaves:
            if len(facets.key):
                counts = np.bincount(facets.key, minlength=len(key_map))
                np.add.at(totals, key_map, counts[: len(key_map)])
        prefix = f"person{_SEP}"
        pairs = zip(self._keys, totals.tolist(), strict=True)
        found = [(label[len(prefix):], int(n)) for label, n in pairs
                 if n and label.startswith(prefix) and len(label) > len(prefix)]  # fmt: skip
        return sorted(found)

    def _canonical(self, catalogue) -> tuple[np.ndarray, np.ndarray]:
        """Global key -> canonical global key, and which keys an alias touches."""
        canonical = np.arange(len(self.key_list), dtype=np.int64)
        affected = np.zeros(len(self.key_list), dtype=bool)
        for kind in ENTITY_FIELDS:
            for alias, target in catalogue._alias.get(kind, {}).items():
                source = self._keys.get(f"{kind}{_SEP}{alias}")
                if source is None:
                    continue
                label = f"{kind}{_SEP}{target}"
                if label not in self._keys:
                    self._keys[label] = len(self.key_list)
                    self.key_list.append(label)
                    canonical = np.append(canonical, len(self.key_list) - 1)
                    affected = np.append(affected, False)
                canonical[source] = self._keys[label]
                affected[source] = affected[self._keys[label]] = True
        return canonical, affected

    def count(self, matches: Matches, *, top: int) -> dict[str, tuple[FacetCount, ...]]:
        """What :func:`search.facets.count_facets` returns for the matched documents."""
        months = np.zeros(len(self.month_list) + 1, dtype=np.int64)
        docs_parts, keys_parts, names_parts = [], [], []
        base = 0
        for (facets, month_map, key_map, name_map), docs in zip(self.leaves, matches.per_leaf,
                                                                strict=True):  # fmt: skip
            if len(docs):
                if len(month_map):
                    local = facets.month[docs].astype(np.int64)
                    mapped = np.where(local >= 0, month_map[np.maximum(local, 0)] + 1, 0)
                    months += np.bincount(mapped, minlength=len(months))
                if top and len(facets.doc):
                    mask = np.zeros(len(facets.month) + 1, dtype=bool)
                    mask[docs] = True
                    chosen = mask[facets.doc]
                    docs_parts.append(facets.doc[chosen].astype(np.int64) + base)
                    keys_parts.append(self.canonical[key_map[facets.key[chosen]]])
                    names_parts.append(name_map[facets.name[chosen]])
            base += len(facets.month) + 1
        result = {kind: () for kind in ENTITY_FIELDS}
        if top and docs_parts:
            result.update(self._entity_counts(np.concatenate(docs_parts),
                                              np.concatenate(keys_parts),
                                              np.concatenate(names_parts), top))  # fmt: skip
        month_counts = Counter({self.month_list[i - 1]: int(n) for i, n in enumerate(months)
                                if i and n})  # fmt: skip
        result["month"] = tuple(FacetCount(m, n) for m, n in _most_frequent(month_counts, None))
        return result

    def _entity_counts(self, docs, keys, names, top: int) -> dict[str, tuple[FacetCount, ...]]:
        # A document naming both an alias and its target counts once, with its first name.
        touched = self.affected[keys]
        if touched.any():
            index = np.flatnonzero(touched)
            pairs = docs[index] * len(self.key_list) + keys[index]
            _, first = np.unique(pairs, return_index=True)
            keep = np.ones(len(keys), dtype=bool)
            keep[index] = False
            keep[index[first]] = True
            docs, keys, names = docs[keep], keys[keep], names[keep]
        counts = np.bincount(keys, minlength=len(self.key_list))
        result = {}
        for kind in ENTITY_FIELDS:
            result[kind] = self._top_of_kind(kind, counts, keys, names, top)
        return result

    def _top_of_kind(self, kind, counts, keys, names, top) -> tuple[FacetCount, ...]:
        kind_counts = np.where(self.kind_masks[kind], counts, 0)
        present = np.flatnonzero(kind_counts)
        if not len(present):
            return ()
        # Every key tied with the top-th count may win on its display name: keep them all.
        ranked = np.sort(kind_counts[present])[::-1]
        threshold = ranked[min(top, len(ranked)) - 1]
        candidates = present[kind_counts[present] >= threshold]
        chosen = np.isin(keys, candidates)
        spellings: dict[int, Counter] = defaultdict(Counter)
        pairs, pair_counts = np.unique(
            keys[chosen] * len(self.name_list) + names[chosen], return_counts=True
        )
        for pair, n in zip(pairs.tolist(), pair_counts.tolist(), strict=True):
            key, name = divmod(pair, len(self.name_list))
            spellings[key][self.name_list[name].split(_SEP, 1)[1]] += n
        from search.facets import _display

        named = Counter()
        for key in candidates.tolist():
            label = self.key_list[key].split(_SEP, 1)[1]
            named[_display(label, spellings[key])] = int(kind_counts[key])
        return tuple(FacetCount(name, n) for name, n in _most_frequent(named, top))


def _global(local_labels: list[str], vocabulary: dict[str, int]) -> np.ndarray:
    """Local ordinal -> reader-wide ordinal, adding new labels to ``vocabulary``."""
    return np.array(
        [vocabulary.setdefault(label, len(vocabulary)) for label in local_labels], dtype=np.int64
    )


def _most_frequent(counter: Counter, top: int | None):
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0].lower(), item[0]))
    return ranked if top is None else ranked[:top]
