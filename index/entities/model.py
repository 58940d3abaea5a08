"""The entity types, the :class:`Entity` record and the pluggable extractor interface."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass

from index.dutch.tokens import fold_accents

ENTITY_TYPES = ("person", "place", "org")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Entity:
    """One mention of a named entity in a document.

    ``start`` and ``end`` are character offsets into the extracted text, so
    ``text == document[start:end]``; ``name`` is the canonical display name the mention
    resolves to within its document (``"Vladimir Poetin"`` for a later ``"Poetins"``).
    """

    type: str
    text: str
    start: int
    end: int
    name: str


class EntityExtractor(typing.Protocol):
    """What the indexer needs from an extractor; plug in your own model behind it."""

    version: str

    def extract(self, text: str) -> list[Entity]:
        """Return the entity mentions in ``text`` (title + blank line + body), in text order."""
        ...


def facet_key(name: str) -> str:
    """Key for case- and accent-insensitive matching of canonical names.

    >>> facet_key("  Vladimir   Poetin "), facet_key("Oekraïne")
    ('vladimir poetin', 'oekraine')
    """
    return _SPACES.sub(" ", fold_accents(name).lower()).strip()
