"""Entity facets: people, places and organisations named in Dutch news.

The indexer depends only on :class:`EntityExtractor` (one ``version`` attribute and one
``extract(text)`` method); :class:`DutchEntityExtractor` is the default, built from rules and
gazetteers that ship inside installed packages, so nothing is downloaded.
"""

from index.entities.extractor import DutchEntityExtractor, default_extractor
from index.entities.model import ENTITY_TYPES, Entity, EntityExtractor, facet_key

__all__ = [
    "ENTITY_TYPES",
    "DutchEntityExtractor",
    "Entity",
    "EntityExtractor",
    "default_extractor",
    "facet_key",
]
