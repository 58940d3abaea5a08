"""The facets, declared once: what results are counted and filtered by.

Each :class:`Facet` says where its values come from in an article, how they are keyed and
shown, whether an article has one or several, and how people read its name. Everything
else derives from :data:`FACETS`: the schema fields (:func:`index.schema.build_schema`), what
the facet column and facet files store (:mod:`index.store.facetfile`), the counting
(:mod:`search.facetcache`), the filters (query syntax ``name:value``, the CLI's ``--name``
options, the HTTP ``name=`` parameters), ``Results.facets`` and its JSON, the CLI's output,
the OpenAPI description and the page's facet blocks.

Adding a facet of names is one entry here plus the corpus mapping that fills its
:class:`~corpus.article.Article` attribute. An index built before a facet existed has no
values for it: its filters match nothing and its counts are empty until a rebuild.

>>> [facet.name for facet in FACETS]
['person', 'place', 'org', 'publisher', 'month']
>>> facet_key("  NRC  Handelsblad"), facet_key("ARMENIË")
('nrc handelsblad', 'armenie')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus.article import Article
from index.dutch.tokens import fold_accents

_SPACES = re.compile(r"\s+")


def facet_key(name: str) -> str:
    """The matching key of a facet value: lowercase, accents folded, spaces collapsed.

    >>> facet_key("  Vladimir  Poetin"), facet_key("ARMENIË")
    ('vladimir poetin', 'armenie')
    """
    return fold_accents(_SPACES.sub(" ", name).strip().lower())


@dataclass(frozen=True)
class Facet:
    """One facet: its name is the schema field, the query field (``name:value``), the CLI
    option (``--name``), the HTTP parameter and the key in ``Results.facets``.

    ``attribute`` is the :class:`~corpus.article.Article` attribute that holds the value;
    None: the entity extractor's names of type ``name``. ``multiple``: an article may have
    several values. ``histogram``: every value is counted and listed (the months), not the
    most frequent few. ``label`` and ``singular`` are English (the CLI), ``page_label`` and
    ``page_singular`` Dutch (the search page).
    """

    name: str
    label: str
    singular: str
    page_label: str
    page_singular: str
    attribute: str | None = None
    multiple: bool = True
    histogram: bool = False
    # Values match on this key (the index's EntityNameAnalyzer applies facet_key too).
    key: Callable[[str], str] = facet_key

    def filter_help(self, value: str = "NAME") -> str:
        """What filtering on this facet does, for the CLI's and the HTTP API's help.

        >>> PUBLISHER.filter_help()
        'Only articles from the publisher NAME (repeatable: any of them).'
        """
        about = "about the" if self.from_entities else "from the"
        each = "all must match" if self.multiple else "any of them"
        return f"Only articles {about} {self.singular} {value} (repeatable: {each})."

    @property
    def from_entities(self) -> bool:
        """Whether the entity extractor fills this facet."""
        return self.attribute is None

    def values(self, article: Article, entities: dict[str, list[str]]) -> list[str]:
        """This facet's display values of one article (``entities``: the extractor's names).

        >>> PUBLISHER.values(Article("a", "t", "b", publisher=" Het  Parool "), {})
        ['Het Parool']
        """
        if self.attribute is None:
            return list(entities.get(self.name, ()))
        value = getattr(article, self.attribute)
        if not value:
            return []
        found = value if isinstance(value, (list, tuple)) else [value]
        return [" ".join(str(v).split()) for v in found if str(v).strip()]


PERSON = Facet("person", "People", "person", "Personen", "Persoon")
PLACE = Facet("place", "Places", "place", "Plaatsen", "Plaats")
ORG = Facet("org", "Organisations", "organisation", "Organisaties", "Organisatie")
PUBLISHER = Facet("publisher", "Publishers", "publisher", "Bronnen", "Bron",
                  attribute="publisher", multiple=False)  # fmt: skip
MONTH = Facet("month", "Months", "month", "Maanden", "Maand", attribute="month",
              multiple=False, histogram=True)  # fmt: skip

# In the order of ``Results.facets`` (and the JSON), the CLI's lines and the page's blocks.
FACETS: tuple[Facet, ...] = (PERSON, PLACE, ORG, PUBLISHER, MONTH)
# The facets of names: keyed values, counted most frequent first, filtered by name.
NAME_FACETS: tuple[Facet, ...] = tuple(f for f in FACETS if not f.histogram)
NAME_FACET_NAMES: tuple[str, ...] = tuple(f.name for f in NAME_FACETS)
ENTITY_FACETS: tuple[Facet, ...] = tuple(f for f in NAME_FACETS if f.from_entities)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}


def name_values(article: Article, entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every facet of names with values for ``article``: ``{"person": [...], ...}``."""
    found = {}
    for facet in NAME_FACETS:
        values = facet.values(article, entities)
        if values:
            found[facet.name] = values
    return found
