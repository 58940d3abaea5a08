"""Fast matched-document sets and facet counts over per-segment ordinal arrays.

The engine needs every matching document (for the total and the facets), not just the
top ten: a query's matches in each segment are one sorted numpy array
(:class:`search.matches.Matches`).
Facets are then counted with ``bincount`` over the segment's
ordinals (:mod:`index.store.facetfile`), prepared once per reader (:class:`FacetIndex`), giving
exactly what :func:`search.facets.count_facets` gives.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat

import numpy as np

from index.facets import NAME_FACET_NAMES, facet_key
from index.store.facetfile import merge_segment_facets, pack_strings, unpack_strings
from search.matches import Matches
from search.results import FacetCount

_SEP = "\x1f"


class _Leaf:
    """One segment's facet entries, counted once per document and canonical key.

    ``month`` holds each document's month ordinal plus one (0: none); the names of
    document ``d``'s entries are ``counted[starts[d]:starts[d + 1]]``; ``totals`` counts
    them per name over the whole segment (deleted documents included).
    """

    __slots__ = ("size", "month", "starts", "counted", "totals")

    def __init__(self, size: int, month, starts, counted, totals) -> None:
        self.size, self.month, self.starts, self.counted, self.totals = (
            size, month, starts, counted, totals)  # fmt: skip

    def name_counts(self, docs: np.ndarray, minlength: int) -> np.ndarray:
        """Entries per name ordinal over the documents ``docs``."""
        begin = self.starts[docs]
        lengths = self.starts[docs + 1] - begin
        ends = np.cumsum(lengths)
        if not len(ends) or not ends[-1]:
            return np.zeros(minlength, dtype=np.int64)
        # Entry positions, run by run: each run's start plus its offset within the run.
        positions = np.repeat(begin - (ends - lengths), lengths) + np.arange(ends[-1])
        return np.bincount(self.counted[positions], minlength=minlength)


class FacetIndex:
    """Facet ordinals of every segment of one reader, with reader-wide vocabularies.

    Counting a query's facets is a ``bincount`` per segment over the name ordinals of
    the matched documents (or of the others, when most documents match), summed into
    keys through one name -> canonical key array: a name belongs to one key (its kind
    and ``facet_key``), and the catalogue's aliases map keys to canonical keys.
    """

    def __init__(self, reader, catalogue=None) -> None:
        self._merged = merge_segment_facets(reader)
        self.key_list = self._merged.keys
        self.name_list = self._merged.names
        self.month_list = self._merged.months
        self._key_totals = self._merged.key_totals
        self._leaves: list[_Leaf] = []
        if catalogue is not None:
            self.set_catalogue(catalogue)

    def set_catalogue(self, catalogue) -> None:
        """Apply the catalogue's cross-article aliases (needed before :meth:`count`)."""
        merged = self._merged
        if merged is None:
            raise ValueError("a facet index read from the cache has its catalogue for good")
        canonical, affected = self._canonical(catalogue)
        name_key = np.zeros(len(self.name_list), dtype=np.intp)
        for key, name in zip(merged.key, merged.name, strict=True):
            name_key[name] = key
        self._name_canonical = canonical[name_key]
        self._kind_keys = [np.flatnonzero(np.fromiter(
            map(str.startswith, self.key_list, repeat(f"{kind}{_SEP}")), dtype=bool,
            count=len(self.key_list))) for kind in NAME_FACET_NAMES]  # fmt: skip
        # The names of each canonical key, for choosing its display spelling.
        self._names_by_key = np.argsort(self._name_canonical, kind="stable")
        self._name_bounds = np.searchsorted(self._name_canonical[self._names_by_key],
                                            np.arange(len(self.key_list) + 1))  # fmt: skip
        self._leaves = [
            _counted_once(size, month, doc, key, name, canonical, affected, len(self.name_list))
            for size, month, doc, key, name in zip(merged.sizes, merged.month, merged.doc,
                                                   merged.key, merged.name, strict=True)
        ]  # fmt: skip

    def person_frequencies(self) -> list[tuple[str, int]]:
        """``(person key, documents naming it)`` in key order, as the ``person`` lexicon has.

        Each facet-file entry is one document and one ``facet_key`` of a name, which is
        exactly a ``person`` term posting (deleted documents included in both, as in
        Whoosh's document frequencies); keys sort by code point, which is UTF-8 byte order.
        """
        prefix = f"person{_SEP}"
        # Not strict: keys added for alias targets (see _canonical) have no entries.
        pairs = zip(self.key_list, self._key_totals.tolist(), strict=False)
        found = [(label[len(prefix):], n) for label, n in pairs
                 if n and label.startswith(prefix) and len(label) > len(prefix)]  # fmt: skip
        return sorted(found)

    def _canonical(self, catalogue) -> tuple[np.ndarray, np.ndarray]:
        """Global key -> canonical global key, and which keys an alias touches."""
        keys = {label: key for key, label in enumerate(self.key_list)}
        canonical = np.arange(len(self.key_list), dtype=np.intp)
        affected = np.zeros(len(self.key_list), dtype=bool)
        for kind in NAME_FACET_NAMES:
            for alias, target in catalogue.alias_targets(kind).items():
                source = keys.get(f"{kind}{_SEP}{alias}")
                if source is None:
                    continue
                label = f"{kind}{_SEP}{target}"
                if label not in keys:
                    keys[label] = len(self.key_list)
                    self.key_list.append(label)
                    canonical = np.append(canonical, len(self.key_list) - 1)
                    affected = np.append(affected, False)
                canonical[source] = keys[label]
                affected[source] = affected[keys[label]] = True
        return canonical, affected

    # -- the cache file (see index.store.facetfile.write_reader_cache) -----------------------

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Everything :meth:`count` and :meth:`person_frequencies` use, as flat arrays."""
        arrays = {
            "months": pack_strings(self.month_list), "keys": pack_strings(self.key_list),
            "names": pack_strings(self.name_list), "key_totals": self._key_totals,
            "name_canonical": self._name_canonical, "names_by_key": self._names_by_key,
            "name_bounds": self._name_bounds,
            "sizes": np.array([leaf.size for leaf in self._leaves], dtype=np.int64),
        }  # fmt: skip
        for kind, keys in zip(NAME_FACET_NAMES, self._kind_keys, strict=True):
            arrays[f"kind_{kind}"] = keys
        for i, leaf in enumerate(self._leaves):
            arrays.update({f"month{i}": leaf.month, f"starts{i}": leaf.starts,
                           f"counted{i}": leaf.counted, f"totals{i}": leaf.totals})  # fmt: skip
        return arrays

    @classmethod
    def from_arrays(cls, arrays) -> FacetIndex:
        """The index :meth:`to_arrays` saved, its catalogue applied (KeyError if incomplete)."""
        index = cls.__new__(cls)
        index._merged = None  # the catalogue is applied for good
        index.month_list = unpack_strings(arrays["months"])
        index.key_list = unpack_strings(arrays["keys"])
        index.name_list = unpack_strings(arrays["names"])
        index._key_totals = arrays["key_totals"]
        index._name_canonical = arrays["name_canonical"]
        index._names_by_key = arrays["names_by_key"]
        index._name_bounds = arrays["name_bounds"]
        index._kind_keys = [arrays[f"kind_{kind}"] for kind in NAME_FACET_NAMES]
        index._leaves = [
            _Leaf(size, arrays[f"month{i}"], arrays[f"starts{i}"], arrays[f"counted{i}"],
                  arrays[f"totals{i}"])
            for i, size in enumerate(arrays["sizes"].tolist())
        ]  # fmt: skip
        return index

    # -- counting ------------------------------------------------------------------------

    def count(self, matches: Matches, *, top: int) -> dict[str, tuple[FacetCount, ...]]:
        """What :func:`search.facets.count_facets` returns for the matched documents."""
        return self.counted(*self.tallies(matches, names=bool(top)), top=top)

    def tallies(self, matches: Matches, *, names: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """The matched documents' entries per name ordinal (of :attr:`name_list`; zeros
        without ``names``) and documents per month ordinal (0: no month, then
        :attr:`month_list`). Tallies of disjoint parts of a collection add up."""
        months = np.zeros(len(self.month_list) + 1, dtype=np.int64)
        counts = np.zeros(len(self.name_list), dtype=np.int64)
        for leaf, docs in zip(self._leaves, matches.per_leaf, strict=True):
            if not len(docs):
                continue
            months += np.bincount(leaf.month[docs], minlength=len(months))
            if not names:
                continue
            if 2 * len(docs) > leaf.size:  # most documents match: subtract the others
                counts += leaf.totals - leaf.name_counts(_complement(docs, leaf.size), len(counts))
            else:
                counts += leaf.name_counts(docs, len(counts))
        return counts, months

    def counted(self, names: np.ndarray, months: np.ndarray, *,
                top: int) -> dict[str, tuple[FacetCount, ...]]:  # fmt: skip
        """The facet lists of :meth:`tallies` (the top ``top`` per facet of names)."""
        result = {kind: () for kind in NAME_FACET_NAMES}
        if top and names.any():
            counts = np.bincount(self._name_canonical, weights=names,
                                 minlength=len(self.key_list)).astype(np.int64)  # fmt: skip
            for kind, keys in zip(NAME_FACET_NAMES, self._kind_keys, strict=True):
                result[kind] = self._top_of_kind(keys, counts, names, top)
        month_counts = Counter({self.month_list[i - 1]: n for i, n in enumerate(months.tolist())
                                if i and n})  # fmt: skip
        result["month"] = tuple(FacetCount(m, n) for m, n in most_frequent(month_counts, None))
        return result

    def _top_of_kind(self, keys, counts, names, top) -> tuple[FacetCount, ...]:
        values = counts[keys]
        present = np.flatnonzero(values)
        if not len(present):
            return ()
        values = values[present]
        # Every key tied with the top-th count may win on its display name: keep them all.
        cut = max(len(values) - top, 0)
        chosen = values >= np.partition(values, cut)[cut]

        named = Counter()
        for key, n in zip(keys[present[chosen]].tolist(), values[chosen].tolist(), strict=True):
            spellings = Counter()
            for name in self._names_by_key[self._name_bounds[key] : self._name_bounds[key + 1]]:
                if names[name]:
                    spellings[self.name_list[name].split(_SEP, 1)[1]] += int(names[name])
            named[display_name(self.key_list[key].split(_SEP, 1)[1], spellings)] = n
        return tuple(FacetCount(name, n) for name, n in most_frequent(named, top))


def _counted_once(size, month, doc, key, name, canonical, affected, names: int) -> _Leaf:
    """A segment's entries, one per document and canonical key: the first, as count_facets."""
    keep = slice(None)
    touched = np.flatnonzero(affected[key])
    if len(touched):
        pairs = doc[touched].astype(np.int64) * len(canonical) + canonical[key[touched]]
        _, first = np.unique(pairs, return_index=True)
        keep = np.ones(len(key), dtype=bool)
        keep[touched] = False
        keep[touched[first]] = True
    doc, counted = doc[keep], name[keep]
    if len(doc) and (np.diff(doc) < 0).any():
        order = np.argsort(doc, kind="stable")
        doc, counted = doc[order], counted[order]
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=size), out=starts[1:])
    return _Leaf(size, month, starts, counted, np.bincount(counted, minlength=names))


def _complement(docs: np.ndarray, size: int) -> np.ndarray:
    """The document numbers below ``size`` that are not in ``docs``."""
    mask = np.ones(size, dtype=bool)
    mask[docs] = False
    return np.flatnonzero(mask)


def most_frequent(counter: Counter, top: int | None) -> list[tuple[str, int]]:
    """``counter``'s items, most frequent first (ties by name), the first ``top`` (None: all)."""
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0].lower(), item[0]))
    return ranked if top is None else ranked[:top]


def display_name(key: str, names: Counter) -> str:
    """The most used spelling among the names that fold to ``key`` itself."""
    exact = [(n, name) for name, n in names.items() if facet_key(name) == key]
    pool = exact or [(n, name) for name, n in names.items()]
    return max(pool, key=lambda item: (item[0], item[1]))[1]
