"""Facet counts over every matching article, and facet-value aliases across articles.

Entity names are canonical within an article (``Poetin`` after ``Vladimir Poetin``).
Across articles a one-word person name joins the most frequent longer name that ends in
it (``Trump`` -> ``Donald Trump``), so facets and filters treat them as one person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from index.facets import BY_NAME, NAME_FACET_NAMES
from index.schema import decode_facets
from index.store.facetfile import (
    pack_strings,
    read_reader_cache,
    unpack_strings,
    write_reader_cache,
)
from search.facetcache import FacetIndex, display_name, most_frequent
from search.results import FacetCount

# The version of what for_reader keeps in the cache file: change it whenever the catalogue
# or the facet index derive something else from the same segments.
CACHE_VERSION = 2  # 2: every facet of names of the registry (publisher)


class EntityCatalogue:
    """Entity keys of one index reader, with the cross-article alias map.

    ``person_frequencies`` gives ``(person key, document frequency)`` pairs in lexicon
    order instead of reading the reader's ``person`` lexicon (see :meth:`for_reader`).
    """

    def __init__(self, reader=None, *, person_frequencies=None) -> None:
        self._alias: dict[str, dict[str, str]] = {kind: {} for kind in NAME_FACET_NAMES}
        if person_frequencies is None:
            person_frequencies = _terms_with_frequency(reader, "person")
        frequency: dict[str, int] = {}
        longest: dict[str, tuple[int, str]] = {}
        for key, info in person_frequencies:
            frequency[key] = info
            if " " in key:
                last = key.rsplit(" ", 1)[1]
                if info > longest.get(last, (0, ""))[0]:
                    longest[last] = (info, key)
        self._surnames = {last: key for last, (_, key) in longest.items()}
        for key in frequency:
            if " " not in key and key in longest:
                self._alias["person"][key] = longest[key][1]

    def __getstate__(self) -> dict:
        """The aliases only (for a cluster's workers): not the facet index of one reader."""
        return {name: value for name, value in self.__dict__.items() if name != "_facet_index"}

    @classmethod
    def for_reader(cls, reader) -> EntityCatalogue:
        """The catalogue with its facet index, both from the per-segment facet files.

        Equal to ``EntityCatalogue(reader)``, without walking the person lexicon (slow on
        a reader of many segments): the facet files hold the same keys per document. Both
        depend on the segments only, so they are kept in a cache file per set of segments
        (see :mod:`index.store.facetfile`) that the next process reads instead.
        """
        arrays = read_reader_cache(reader, CACHE_VERSION)
        if arrays is not None:
            try:
                catalogue = cls._from_arrays(arrays)
                catalogue._facet_index = FacetIndex.from_arrays(arrays)
                return catalogue
            except (KeyError, ValueError):
                pass  # an incomplete cache file: build both again
        index = FacetIndex(reader)
        catalogue = cls(person_frequencies=index.person_frequencies())
        index.set_catalogue(catalogue)
        catalogue._facet_index = index
        write_reader_cache(reader, CACHE_VERSION, {**catalogue._to_arrays(), **index.to_arrays()})
        return catalogue

    def _to_arrays(self) -> dict:
        arrays = {"surnames": pack_strings(self._surnames),
                  "surname_keys": pack_strings(self._surnames.values())}  # fmt: skip
        for kind in NAME_FACET_NAMES:
            arrays[f"aliases_{kind}"] = pack_strings(self._alias[kind])
            arrays[f"alias_targets_{kind}"] = pack_strings(self._alias[kind].values())
        return arrays

    @classmethod
    def _from_arrays(cls, arrays) -> EntityCatalogue:
        catalogue = cls(person_frequencies=())
        catalogue._surnames = _pairs(arrays["surnames"], arrays["surname_keys"])
        for kind in NAME_FACET_NAMES:
            catalogue._alias[kind] = _pairs(arrays[f"aliases_{kind}"],
                                            arrays[f"alias_targets_{kind}"])  # fmt: skip
        return catalogue

    def facet_index(self, reader):
        """The reader's facet ordinals (:class:`search.facetcache.FacetIndex`), built once."""
        index = getattr(self, "_facet_index", None)
        if index is None:
            index = self._facet_index = FacetIndex(reader, self)
        return index

    def canonical(self, kind: str, key: str) -> str:
        """The key that stands for ``key`` across articles (``trump`` -> ``donald trump``)."""
        found = self._alias[kind].get(key)
        if found is None and kind == "person" and " " not in key:
            found = self._surnames.get(key)
        return found or key

    def alias_targets(self, kind: str) -> dict[str, str]:
        """Each alias key of ``kind`` and the key it stands for (``trump`` -> ``donald trump``)."""
        return self._alias.get(kind, {})

    def aliases(self, kind: str, name: str) -> set[str]:
        """Every indexed key that means the same as ``name`` (for filtering)."""
        target = self.canonical(kind, BY_NAME[kind].key(name))
        group = {target}
        group.update(k for k, v in self._alias[kind].items() if v == target)
        return group


def _pairs(keys, values) -> dict[str, str]:
    """A dictionary from two packed lists (ValueError where their lengths differ)."""
    return dict(zip(unpack_strings(keys), unpack_strings(values), strict=True))


def _terms_with_frequency(reader, fieldname: str):
    if fieldname not in reader.schema:
        return
    for term, info in reader.iter_field(fieldname):
        yield reader.schema[fieldname].from_bytes(term), info.doc_frequency()


def count_facets(reader, docnums: Iterable[int], catalogue: EntityCatalogue, *,
                 top: int) -> dict[str, tuple[FacetCount, ...]]:  # fmt: skip
    """Top ``top`` values per facet of names and the month histogram over ``docnums``.

    Every list is most frequent first (ties by value); the month list has every month.
    """
    months = reader.column_reader("month")
    facets = reader.column_reader("facets")
    month_counts: Counter[str] = Counter()
    counts = {kind: Counter() for kind in NAME_FACET_NAMES}
    displays = {kind: defaultdict(Counter) for kind in NAME_FACET_NAMES}
    for docnum in docnums:
        month = months[docnum]
        if month:
            month_counts[month] += 1
        if not top:
            continue
        seen: set[tuple[str, str]] = set()
        for kind, name in decode_facets(facets[docnum]):
            key = catalogue.canonical(kind, BY_NAME[kind].key(name))
            if (kind, key) in seen:
                continue
            seen.add((kind, key))
            counts[kind][key] += 1
            displays[kind][key][name] += 1
    result = {}
    for kind in NAME_FACET_NAMES:
        named = Counter({display_name(key, displays[kind][key]): n
                         for key, n in counts[kind].items()})  # fmt: skip
        result[kind] = tuple(FacetCount(name, n) for name, n in most_frequent(named, top))
    result["month"] = tuple(FacetCount(m, n) for m, n in most_frequent(month_counts, None))
    return result

