"""The index schema: which fields an article becomes, and how each is analysed.

Everything here is pickled into each index by Whoosh, so class paths and attribute
names are an on-disk contract; ``SCHEMA_VERSION`` changes with any field change.
"""

from __future__ import annotations

from pickle import dumps

from whoosh import columns, fields, formats
from whoosh.analysis import Analyzer, Token
from whoosh.system import pack_uint

from index.analysis import SURFACE_MARK, DutchAnalyzer
from index.facets import ENTITY_FACETS, NAME_FACET_NAMES, NAME_FACETS, facet_key

# 3: no ``words`` field (the vocabulary is in the facet files). A facet of names added
# later (``publisher``) does not change it, nor do the columns of the reading order, the
# exact lengths and the summaries: indexes without those fields still open (and rank and
# export as before).
# 4: title and body keep no positions for exact forms (StemPositions).
SCHEMA_VERSION = 4
# Each article's place in the order articles were read (a corpus position, the same in
# every shard): equal scores and equal dates are ordered by it, whatever the segments.
ORDER_FIELD = "seq"
# The exact word count of each scored field, beside Whoosh's byte-rounded one: the average
# field length of BM25F over live articles only (deleted ones leave no trace in a score).
EXACT_LENGTH_FIELDS = {"title": "title_length", "body": "body_length"}
ENTITY_FIELDS = tuple(facet.name for facet in ENTITY_FACETS)  # ("person", "place", "org")
SEARCH_FIELDS = ("title", "body")
TITLE_BOOST = 2.0
ENTITY_SEPARATOR = "\n"
MAX_SEARCHABLE_CHARS = 1_000_000  # of a body; the rest is stored, not analysed
# An article's stored fields but the long ones, pickled again in a column of their own: an
# export of the short fields reads these few bytes instead of decompressing whole articles
# (index.store.stored). Segments written without it (older indexes, plain Whoosh's writer)
# have no value there, and their stored fields are read instead.
SUMMARY_FIELD = "summary"
SUMMARY_LEAVES_OUT = frozenset({"body"})


def searchable_part(body: str) -> str:
    """``body``, or its first ``MAX_SEARCHABLE_CHARS`` cut at a space when it is longer."""
    if len(body) <= MAX_SEARCHABLE_CHARS:
        return body
    cut = body.rfind(" ", 0, MAX_SEARCHABLE_CHARS)
    return body[: cut if cut > 0 else MAX_SEARCHABLE_CHARS]


class EntityNameAnalyzer(Analyzer):
    """One term per facet value (one a line: entity names, a publisher), matched case- and
    accent-insensitively (:func:`index.facets.facet_key`).

    ``extractor`` records which extractor version filled the field, so an index built by
    another extractor asks for a rebuild.
    """

    def __init__(self, *, extractor: str = "") -> None:
        self.extractor = extractor

    def __repr__(self) -> str:
        return f"EntityNameAnalyzer(extractor={self.extractor!r})"

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        names = value.split(ENTITY_SEPARATOR) if tokenize else [value]
        for pos, name in enumerate(names):
            key = facet_key(name)
            if not key:
                continue
            token.text, token.boost, token.stopped = key, 1.0, False
            token.pos, token.startchar, token.endchar = start_pos + pos, 0, len(name)
            yield token


class StemPositions(formats.Positions):
    """Whoosh's ``Positions``, but a word's exact form (``=rechters``) keeps only its
    frequency: its posting value is the count and an empty position list.

    Phrases, snippets and every other reader of positions use the stems, which sit at the
    same positions; an exact form is only ever scored (its weight is the frequency, as for
    any term). Half the postings of a field then skip position encoding, which is most of
    what exact forms cost to index. Pickled into the schema: a stable path, no state.
    """

    UNPOSITIONED_PREFIX = SURFACE_MARK.encode("utf-8")

    def word_values(self, value, analyzer, **kwargs):
        for word, frequency, weight, encoded in super().word_values(value, analyzer, **kwargs):
            if word.startswith(SURFACE_MARK):
                encoded = unpositioned_value(frequency)
            yield word, frequency, weight, encoded


_NO_POSITIONS = dumps([], 2)  # pickled as Whoosh's Positions.encode pickles position deltas
_UNPOSITIONED = [pack_uint(count) + _NO_POSITIONS for count in range(256)]


def unpositioned_value(frequency: int) -> bytes:
    """The posting value of a term kept without positions (an exact form of a
    :class:`StemPositions` field): ``Positions.encode`` of no positions, counting
    ``frequency``. One shared object per frequency, so a block pickles each once and
    refers back to it after (both writers do, so their bytes stay equal)."""
    if frequency < len(_UNPOSITIONED):
        return _UNPOSITIONED[frequency]
    return pack_uint(frequency) + _NO_POSITIONS


def unpositioned(field, btext: bytes) -> bool:
    """Whether ``field`` keeps no positions for the term ``btext`` (an exact form of a
    :class:`StemPositions` field): its postings hold the frequency and no position."""
    prefix = getattr(field.format, "UNPOSITIONED_PREFIX", None)
    return prefix is not None and btext.startswith(prefix)


def _text_field(analyzer: DutchAnalyzer, *, field_boost: float = 1.0) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, stored=True, field_boost=field_boost)
    field.format = StemPositions(field_boost=field_boost)
    return field


def build_schema(*, analyzer: DutchAnalyzer | None = None, extractor: str = "") -> fields.Schema:
    """The article schema for a given analyser and entity-extractor version."""
    analyzer = analyzer or DutchAnalyzer()
    return fields.Schema(**_core_fields(analyzer), **name_facet_fields(extractor=extractor))


def name_facet_fields(*, extractor: str = "") -> dict[str, fields.FieldType]:
    """One field per facet of names (:data:`index.facets.NAME_FACETS`), one term per value."""
    names = EntityNameAnalyzer(extractor=extractor)
    return {facet.name: fields.KEYWORD(analyzer=names, scorable=False) for facet in NAME_FACETS}


def summary_field() -> dict[str, fields.FieldType]:
    """The column of each article's short stored fields (:data:`SUMMARY_FIELD`)."""
    return {SUMMARY_FIELD: fields.COLUMN(columns.VarBytesColumn())}


def _core_fields(analyzer: DutchAnalyzer) -> dict[str, fields.FieldType]:
    return dict(
        id=fields.ID(stored=True, unique=True, sortable=True),
        title=_text_field(analyzer, field_boost=TITLE_BOOST),
        body=_text_field(analyzer),
        month=fields.ID(stored=True, sortable=True),
        date=fields.DATETIME(stored=True, sortable=True),
        source=fields.ID(stored=True, sortable=True),
        line=fields.STORED(),
        entities=fields.STORED(),
        fingerprint=fields.COLUMN(columns.VarBytesColumn()),
        facets=fields.COLUMN(columns.VarBytesColumn()),
        **summary_field(),
        **{ORDER_FIELD: fields.COLUMN(columns.NumericColumn("Q"))},
        **{name: fields.COLUMN(columns.NumericColumn("I"))
           for name in EXACT_LENGTH_FIELDS.values()},
    )


def surface_analyzer(analyzer: DutchAnalyzer) -> DutchAnalyzer:
    """The analyser of the vocabulary (:mod:`index.store.vocabulary`): the same words as
    ``analyzer`` gives, unstemmed, stop words kept.

    "Did you mean" suggestions are drawn from these words. Compounds stay whole here: their
    parts are words of their own elsewhere, and splitting twice would double the cost.
    """
    return DutchAnalyzer(stem=False, stopwords=False, fold=analyzer.fold, compounds=False,
                         surface=False, version=analyzer.version)  # fmt: skip


def encode_facets(values: dict[str, list[str]]) -> bytes:
    """Pack a document's facet display values (entity names, its publisher) for the facet
    column, facet by facet in registry order."""
    return "\x1e".join(
        f"{kind}\x1f{name}" for kind in NAME_FACET_NAMES for name in values.get(kind, ())
    ).encode("utf-8")


def decode_facets(data: bytes) -> list[tuple[str, str]]:
    """``[(facet, display value), ...]`` from :func:`encode_facets` bytes."""
    if not data:
        return []
    return [tuple(item.split("\x1f", 1)) for item in data.decode("utf-8").split("\x1e")]
