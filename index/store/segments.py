"""Writing whole Whoosh segments from articles analysed in this process.

Whoosh's own writer pickles every posting into a sort pool and re-reads it at commit;
this writer keeps one segment's postings in memory, already grouped by term, and writes
each term's posting list at once (:mod:`index.store.postings`). The files are the ones Whoosh
writes itself (the default W3 codec, one compound ``.seg`` file), byte for byte but for the
pickle protocol of posting blocks and which small blocks are compressed, so plain Whoosh
2.7.4 reads the index. Title and body terms, the vocabulary's words and the near-duplicate
sketches come from one tokenisation, logged as token numbers and expanded when the segment
is written (:mod:`index.store.token_log`).

Next to each segment goes a facet file (``<segment>.facets.npz``, see :mod:`index.store.facetfile`)
that Whoosh deletes together with the segment when a merge replaces it. In the segment
itself, the summary column (:func:`index.store.stored.encode_summary`) repeats each
document's short stored fields; Whoosh's merges copy it as they copy every column.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable

from whoosh.codec import default_codec
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.document_terms import TokenCatalogue, fused_fields
from index.schema import (
    ENTITY_SEPARATOR,
    EXACT_LENGTH_FIELDS,
    SUMMARY_FIELD,
    EntityNameAnalyzer,
    StemPositions,
    unpositioned,
)
from index.store import postings
from index.store.facetfile import FacetFileWriter
from index.store.sketches import write_sketches
from index.store.stored import encode_summary
from index.store.token_log import TokenLog
from index.store.vocabulary import VocabularyCounter

MEMO_LIMIT = 50_000  # values remembered per field and segment


class SegmentBuilder:
    """Collects documents for one new segment and writes it with Whoosh's codec.

    ``add(document, values)`` takes the same dict as ``writer.add_document`` and the
    document's facet values;
    :meth:`finish` writes the segment and returns the Whoosh segment object (or None
    when nothing was added).
    """

    def __init__(self, storage, indexname: str, schema, *, bulk_postings: bool = True) -> None:
        self.storage = storage
        self.indexname = indexname
        self.schema = schema
        self.codec = default_codec()
        # Whoosh's own posting writer stays as the reference the bulk writer is tested against.
        self._bulk = bulk_postings and postings.supports(self.codec)
        self.segment = None
        self._perdoc = None
        self.docnum = 0
        # What the segment holds in memory: a posting of a field Whoosh analyses, or an
        # occurrence of a word in a fused (text) field.
        self.entry_count = 0
        # fieldname -> term bytes -> (docnums, weights, encoded values) for the fields
        # Whoosh analyses; the title and body tokens go to a log (4 bytes each), expanded
        # into the fused fields' (docnums, frequencies, positions or None) when written.
        self._postings: dict[str, dict[bytes, tuple[array, list, list]]] = defaultdict(dict)
        self._lengths: dict[str, array] = {}
        self._fused = fused_fields(schema)
        self._occurrences = dict.fromkeys(self._fused, 0)  # per fused field, in all
        self._vocabulary = VocabularyCounter(schema)
        catalogue = TokenCatalogue({name: fused.table for name, fused in self._fused.items()},
                                   self._vocabulary.table)  # fmt: skip
        self._tokens = TokenLog(catalogue)
        self._facets = FacetFileWriter()
        self._memos: dict[str, dict] = defaultdict(dict)
        # an index made before summaries existed has no such field: it gets none
        self._summary_column = schema[SUMMARY_FIELD].column_type if SUMMARY_FIELD in schema \
            else None  # fmt: skip

    def add(self, document: dict, values: dict[str, list[str]]) -> None:
        """Add one document (field name -> value, as for ``add_document``) and its facet
        values (:func:`index.facets.name_values`)."""
        if self._perdoc is None:
            self.segment = self.codec.new_segment(self.storage, self.indexname)
            self._perdoc = self.codec.per_document_writer(self.storage, self.segment)
        perdoc = self._perdoc
        docnum = self.docnum
        perdoc.start_doc(docnum)
        fused = self._log_tokens(docnum, document)
        stored_values = {}
        for fieldname in sorted(name for name in document if not name.startswith("_")):
            value = document[fieldname]
            if value is None:
                continue
            field = self.schema[fieldname]
            if fieldname in fused:
                length = self._add_fused(fieldname, field, fused[fieldname], docnum)
            elif field.indexed:
                length = self._index_field(fieldname, field, value, docnum)
            else:
                length = 0
            stored = document.get(f"_stored_{fieldname}", value) if field.stored else None
            perdoc.add_field(fieldname, field, stored, length)
            if stored is not None:  # what Whoosh stores
                stored_values[fieldname] = stored
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
            exact = EXACT_LENGTH_FIELDS.get(fieldname)
            if exact in self.schema:
                column = self.schema[exact].column_type
                perdoc.add_column_value(exact, column, length)
        if self._summary_column is not None:
            perdoc.add_column_value(SUMMARY_FIELD, self._summary_column,
                                    encode_summary(stored_values))  # fmt: skip
        perdoc.finish_doc()
        self._facets.add(docnum, document.get("month"), values)
        self.docnum += 1

    def _log_tokens(self, docnum: int, document: dict) -> dict[str, int]:
        """Log the document's title and body tokens (:class:`TokenLog`); return each fused
        field's length in it (its terms, all occurrences)."""
        numbers = self._tokens.add(docnum, document)
        if self._vocabulary.table is None and len(numbers) == 2:  # the vocabulary's own way
            self._vocabulary.add(document["title"], document["body"])
        catalogue = self._tokens.catalogue
        return {name: catalogue.fields[name].length(numbers[name])
                for name in self._fused if name in numbers}  # fmt: skip

    def _add_fused(self, fieldname: str, field, length: int, docnum: int) -> int:
        self._occurrences[fieldname] += length
        self.entry_count += length
        return self._set_length(fieldname, field, docnum, length)

    def _index_field(self, fieldname: str, field, value, docnum: int) -> int:
        terms = self._postings[fieldname]
        length = 0
        for btext, freq, weight, vbytes in self._field_terms(fieldname, field, value):
            entry = terms.get(btext)
            if entry is None:
                entry = terms[btext] = (array("i"), [], [])
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(vbytes)
            length += freq
            self.entry_count += 1
        return self._set_length(fieldname, field, docnum, length)

    def _field_terms(self, fieldname: str, field, value) -> Iterable[tuple]:
        """``field.index(value)``, remembered for values that repeat: months, dates, sources,
        and entity names one by one (a field of one term per name)."""
        if field.unique:  # the id: never repeats
            return field.index(value)
        memo = self._memos[fieldname]
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        by_name = (isinstance(field.analyzer, EntityNameAnalyzer) and isinstance(value, str)
                   and not field.format.supports("positions"))  # fmt: skip
        if not by_name:
            found = memo.get(value)
            if found is None:
                found = memo[value] = list(field.index(value))
            return found
        found = []
        for name in value.split(ENTITY_SEPARATOR):
            terms = memo.get(name)
            if terms is None:
                terms = memo[name] = list(field.index(name))
            found += terms
        if len({term[0] for term in found}) < len(found):  # two names, one term: counted
            return field.index(value)
        return found

    def _set_length(self, fieldname: str, field, docnum: int, length: int) -> int:
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
        self._add_missing_columns()
        self._perdoc.close()
        if self._bulk:
            self._write_bulk()
        else:
            fieldwriter = self.codec.field_writer(self.storage, self.segment)
            try:
                fieldwriter.add_postings(self.schema, _Lengths(self._lengths), self._items())
            finally:
                fieldwriter.close()
        self._postings.clear()
        self._occurrences.clear()
        if self._vocabulary.table is None:
            self._facets.set_words(*self._vocabulary.words())
        else:
            self._facets.set_words(*self._tokens.vocabulary())
        self.segment.set_doc_count(self.docnum)
        if self.segment.should_assemble():
            self.segment.create_compound_file(self.storage)
            self.segment.compound = True
        # Written after the compound file, which would otherwise swallow them.
        self._facets.write(self.storage, self.segment.make_filename(".facets.npz"))
        write_sketches(self.storage, self.segment, self._tokens.sketches())
        return self.segment

    def _add_missing_columns(self) -> None:
        """Give the segment every column of the schema, filled with defaults where unused.

        Whoosh's ``MultiReader.column_reader`` leaves out a segment without the column and
        then reads the next segment's values for its documents: a segment of undated
        articles only showed another segment's months. Whoosh's own writer has the same
        gap; a column written here holds what that writer fills in for documents without
        a value.
        """
        perdoc = self._perdoc
        for fieldname, field in self.schema.items():
            if field.column_type and not perdoc._has_column(fieldname):
                perdoc._create_column(fieldname, field.column_type)

    def _fields_postings(self):
        """``(fieldname, term bytes -> postings)`` in field-name order.

        A fused field's postings are grouped only when its turn comes, and each field's
        postings are let go once written, so one field's grouped postings are in memory at
        a time.
        """
        logged = {name for name, count in self._occurrences.items() if count}
        for fieldname in sorted({*self._postings, *logged}):
            if fieldname in logged:
                positional = self._fused[fieldname].positional
                yield fieldname, self._tokens.postings(fieldname, positional=positional)
            else:
                yield fieldname, self._postings.pop(fieldname)

    def _write_bulk(self) -> None:
        writer = postings.BulkFieldWriter(self.codec, self.storage, self.segment)
        try:
            for fieldname, terms in self._fields_postings():
                lengths = self._lengths.get(fieldname)
                if lengths is not None:
                    lengths.extend([0] * (self.docnum - len(lengths)))
                field = self.schema[fieldname]
                boost = field.format.field_boost if fieldname in self._fused else None
                writer.add_field(fieldname, field.format, terms, lengths, boost=boost)
                del terms
        finally:
            writer.close()

    def _items(self):
        """``(fieldname, btext, docnum, weight, vbytes)`` in Whoosh's sort order."""
        for fieldname, terms in self._fields_postings():
            field = self.schema[fieldname]
            boost = field.format.field_boost
            fast = fieldname in self._fused
            positional = _is_positional(field)
            for btext in sorted(terms):
                docnums, weights, values = terms[btext]
                if not fast:
                    for docnum, weight, vbytes in zip(docnums, weights, values, strict=True):
                        yield fieldname, btext, docnum, weight, vbytes
                elif positional:
                    bare = unpositioned(field, btext)
                    encoded = postings.encode_positions(weights, values, bare=bare)
                    for docnum, freq, vbytes in zip(docnums, weights, encoded, strict=True):
                        yield fieldname, btext, docnum, freq * boost, vbytes
                else:
                    for docnum, freq in zip(docnums, weights, strict=True):
                        yield fieldname, btext, docnum, freq * boost, pack_uint(freq)


def warm_up(schema) -> None:
    """Load what the analysers load on first use (compound lexicon, stemmers)."""
    fused_fields(schema)


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

    return type(field.format) in (Positions, StemPositions)
