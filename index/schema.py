"""The index schema: which fields an article becomes, and how each is analysed.

Everything here is pickled into each index by Whoosh, so class paths and attribute
names are an on-disk contract; ``SCHEMA_VERSION`` changes with any field change.
"""

from __future__ import annotations

import re

from whoosh import columns, fields, formats
from whoosh.analysis import Analyzer, Token

from index.analysis import SURFACE_MARK, DutchAnalyzer
from index.postings import unpositioned_value
from index.tokens import fold_accents

# 3: no ``words`` field (the vocabulary is in the facet files); 4: title and body keep no
# positions for exact forms (StemPositions)
SCHEMA_VERSION = 4
ENTITY_FIELDS = ("person", "place", "org")
SEARCH_FIELDS = ("title", "body")
TITLE_BOOST = 2.0
_SPACES = re.compile(r"\s+")
ENTITY_SEPARATOR = "\n"
MAX_SEARCHABLE_CHARS = 1_000_000  # of a body; the rest is stored, not analysed


def searchable_part(body: str) -> str:
    """``body``, or its first ``MAX_SEARCHABLE_CHARS`` cut at a space when it is longer."""
    if len(body) <= MAX_SEARCHABLE_CHARS:
        return body
    cut = body.rfind(" ", 0, MAX_SEARCHABLE_CHARS)
    return body[: cut if cut > 0 else MAX_SEARCHABLE_CHARS]


def facet_key(name: str) -> str:
    """The matching key of an entity name: lowercase, accents folded, spaces collapsed.

    >>> facet_key("  Vladimir  Poetin"), facet_key("ARMENIË")
    ('vladimir poetin', 'armenie')
    """
    return fold_accents(_SPACES.sub(" ", name).strip().lower())


class EntityNameAnalyzer(Analyzer):
    """One term per entity name (one name a line), matched case- and accent-insensitively.

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


def _text_field(analyzer: DutchAnalyzer, *, field_boost: float = 1.0) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, stored=True, field_boost=field_boost)
    field.format = StemPositions(field_boost=field_boost)
    return field


def build_schema(*, analyzer: DutchAnalyzer | None = None, extractor: str = "") -> fields.Schema:
    """The article schema for a given analyser and entity-extractor version."""
    analyzer = analyzer or DutchAnalyzer()
    names = EntityNameAnalyzer(extractor=extractor)
    entity_fields = {name: fields.KEYWORD(analyzer=names, scorable=False) for name in ENTITY_FIELDS}
    return fields.Schema(
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
        **entity_fields,
    )


def surface_analyzer(analyzer: DutchAnalyzer) -> DutchAnalyzer:
    """The analyser of the vocabulary (:mod:`index.vocabulary`): the same words as
    ``analyzer`` gives, unstemmed, stop words kept.

    "Did you mean" suggestions are drawn from these words. Compounds stay whole here: their
    parts are words of their own elsewhere, and splitting twice would double the cost.
    """
    return DutchAnalyzer(stem=False, stopwords=False, fold=analyzer.fold, compounds=False,
                         surface=False, version=analyzer.version)  # fmt: skip


def encode_facets(entities: dict[str, list[str]]) -> bytes:
    """Pack a document's entity display names for the facet column."""
    return "\x1e".join(
        f"{kind}\x1f{name}" for kind in ENTITY_FIELDS for name in entities.get(kind, ())
    ).encode("utf-8")


def decode_facets(data: bytes) -> list[tuple[str, str]]:
    """``[(kind, display name), ...]`` from :func:`encode_facets` bytes."""
    if not data:
        return []
    return [tuple(item.split("\x1f", 1)) for item in data.decode("utf-8").split("\x1e")]
