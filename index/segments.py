"""Writing whole Whoosh segments from articles analysed in this process.

Whoosh's own writer pickles every posting into a sort pool and re-reads it at commit;
this writer keeps one segment's postings in memory, already grouped by term, and hands
them to Whoosh's codec in order. The files are the ones Whoosh writes itself (the default
W3 codec, one compound ``.seg`` file), so plain Whoosh 2.7.4 reads the index.

Next to each segment goes a facet file (``<segment>.facets.npz``, see :mod:`index.facetfile`)
that Whoosh deletes together with the segment when a merge replaces it.
"""

from __future__ import annotations

from array import array
from collections import defaultdict

from whoosh.codec import default_codec
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from index import analysis
from index.facetfile import FacetFileWriter
from index.tokens import TOKEN_PATTERN

# Fields whose terms come from the fused word analyser instead of Whoosh's generator chain.
FAST_FIELDS = ("title", "body", "words")
_CHECK_TEXT = (
    "De Oekraïense graantransporten en agenda's: Kremlin-woordvoerder Peskov zei om 17.00 uur "
    "dat 2,5 miljoen ton graan via de Zwarte Zee naar België en het VK ging. G20 ‘s avonds."
)


class SegmentBuilder:
    """Collects documents for one new segment and writes it with Whoosh's codec.

    ``add(document, entities)`` takes the same dict as ``writer.add_document``;
    :meth:`finish` writes the segment and returns the Whoosh segment object (or None
    when nothing was added).
    """

    def __init__(self, storage, indexname: str, schema) -> None:
        self.storage = storage
        self.indexname = indexname
        self.schema = schema
        self.codec = default_codec()
        self.segment = None
        self._perdoc = None
        self.docnum = 0
        self.postings_count = 0
        # fieldname -> term bytes -> (docnums, values); values are frequencies for
        # frequency fields and encoded position lists for positional fields.
        self._postings: dict[str, dict[bytes, tuple[array, list]]] = defaultdict(dict)
        self._lengths: dict[str, array] = {}
        self._fast = {name: _fast_terms_for(schema[name]) for name in FAST_FIELDS
                      if name in schema}  # fmt: skip
        self._facets = FacetFileWriter()

    def add(self, document: dict, entities: dict[str, list[str]]) -> None:
        """Add one document (field name -> value, as for ``add_document``)."""
        if self._perdoc is None:
            self.segment = self.codec.new_segment(self.storage, self.indexname)
            self._perdoc = self.codec.per_document_writer(self.storage, self.segment)
        perdoc = self._perdoc
        docnum = self.docnum
        perdoc.start_doc(docnum)
        for fieldname in sorted(name for name in document if not name.startswith("_")):
            value = document[fieldname]
            if value is None:
                continue
            field = self.schema[fieldname]
            length = self._index_field(fieldname, field, value, docnum) if field.indexed else 0
            stored = document.get(f"_stored_{fieldname}", value) if field.stored else None
            perdoc.add_field(fieldname, field, stored, length)
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._facets.add(docnum, document.get("month"), entities)
        self.docnum += 1

    def _index_field(self, fieldname: str, field, value, docnum: int) -> int:
        fast = self._fast.get(fieldname)
        terms = self._postings[fieldname]
        if fast is not None:
            counts = fast(value)
            positional = _is_positional(field)
            length = 0
            for text, poslist in counts.items():
                entry = terms.get(text)
                if entry is None:
                    entry = terms[text] = (array("i"), [])
                entry[0].append(docnum)
                entry[1].append(_encode_positions(poslist) if positional else len(poslist))
                length += len(poslist)
            self.postings_count += len(counts)
        else:
            length = 0
            for btext, freq, weight, vbytes in field.index(value):
                entry = terms.get(btext)
                if entry is None:
                    entry = terms[btext] = (array("i"), [])
                entry[0].append(docnum)
                entry[1].append((weight, vbytes))
                length += freq
                self.postings_count += 1
        if not field.scorable:
            return 0
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            lengths = self._lengths[fieldname] = array("i")
        lengths.extend([0] * (docnum + 1 - len(lengths)))
        lengths[docnum] = byte_to_length(length_to_byte(length)) if length else 0
        return length

    def finish(self):
        """Write the postings and the facet file; return the segment (None if empty)."""
        if self._perdoc is None:
            return None
        self._perdoc.close()
        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        try:
            fieldwriter.add_postings(self.schema, _Lengths(self._lengths), self._items())
        finally:
            fieldwriter.close()
        self._postings.clear()
        self.segment.set_doc_count(self.docnum)
        if self.segment.should_assemble():
            self.segment.create_compound_file(self.storage)
            self.segment.compound = True
        # Written after the compound file, which would otherwise swallow it.
        self._facets.write(self.storage, self.segment.make_filename(".facets.npz"))
        return self.segment

    def _items(self):
        """``(fieldname, btext, docnum, weight, vbytes)`` in Whoosh's sort order."""
        for fieldname in sorted(self._postings):
            field = self.schema[fieldname]
            boost = field.format.field_boost
            fast = fieldname in self._fast
            positional = _is_positional(field)
            terms = self._postings[fieldname]
            for btext in sorted(terms):
                docnums, values = terms[btext]
                if not fast:
                    for docnum, (weight, vbytes) in zip(docnums, values, strict=True):
                        yield fieldname, btext, docnum, weight, vbytes
                elif positional:
                    for docnum, vbytes in zip(docnums, values, strict=True):
                        yield fieldname, btext, docnum, _frequency(vbytes) * boost, vbytes
                else:
                    for docnum, freq in zip(docnums, values, strict=True):
                        yield fieldname, btext, docnum, freq * boost, pack_uint(freq)


def warm_up(schema) -> None:
    """Load what the analysers load on first use (compound lexicon, stemmers)."""
    for name in FAST_FIELDS:
        if name in schema:
            _fast_terms_for(schema[name])


class _Lengths:
    """The field lengths Whoosh's posting writer asks for, from memory (no file look-ups)."""

    def __init__(self, lengths: dict[str, array]) -> None:
        self._lengths = lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None or docnum >= len(lengths):
            return default
        return lengths[docnum] or None


def _is_positional(field) -> bool:
    from whoosh.formats import Positions

    return type(field.format) is Positions


def _encode_positions(poslist: list[int]) -> bytes:
    from whoosh.formats import Positions

    return Positions.encode(None, poslist)


def _frequency(vbytes: bytes) -> int:
    from whoosh.system import unpack_uint

    return unpack_uint(vbytes[:4])[0]


def _fast_terms_for(field):
    """``text -> {term bytes: [positions]}`` equal to the field's own analysis, or None.

    Uses the analyser's cached word function in one loop instead of a token generator;
    checked against the analyser on a sample first, so a changed analyser falls back to
    Whoosh's path instead of indexing different terms.
    """
    analyzer = field.analyzer
    if type(analyzer) is not analysis.DutchAnalyzer:
        return None
    if type(field.format).__name__ not in ("Positions", "Frequency"):
        return None
    try:
        words = analysis._word_analyser(analyzer.stemmer, analyzer.stopwords, analyzer.fold,
                                        analyzer.overrides, analyzer.compounds)  # fmt: skip
    except (AttributeError, TypeError):
        return None
    finditer = TOKEN_PATTERN.finditer

    def fast_terms(text: str) -> dict[bytes, list[int]]:
        found: dict[str, list[int]] = {}
        pos = 0
        for match in finditer(text):
            terms, stopped = words(match.group(), True)
            if not stopped:
                for term in terms:
                    positions = found.get(term)
                    if positions is None:
                        found[term] = [pos]
                    else:
                        positions.append(pos)
            pos += 1
        return {term.encode("utf-8"): positions for term, positions in found.items()}

    try:
        expected: dict[bytes, list[int]] = {}
        for token in analyzer(_CHECK_TEXT, positions=True, mode="index"):
            expected.setdefault(token.text.encode("utf-8"), []).append(token.pos)
        if fast_terms(_CHECK_TEXT) != expected:
            return None
    except Exception:  # a half-edited analyser: use Whoosh's own path
        return None
    return fast_terms
