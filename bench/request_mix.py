"""The request mix of ``bench.serve_load``: a fixed, seeded list of GETs to ``search serve``.

Searches with words, phrases, prefixes and AND/OR/NOT, month and entity filters, every
sort order and pages 1-5; facets, suggestions, stats, whole articles; and a few
deliberate mistakes that must get their 4xx. Pure data and ``random``: no network.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import quote

SORTS = ("relevance", "date", "oldest")

WORDS = ("klimaat", "politie", "ziekenhuis", "verkiezingen", "onderwijs", "Brexit", "Trump",
         "Rotterdam", "gemeente", "voetbal", "woningen", "minister", "rechter", "school",
         "Venezuela", "scholieren", "brandweer", "economie")  # fmt: skip
PHRASES = ('"Tweede Kamer"', '"de politie"', '"Europese Unie"', '"in Den Haag"',
           '"Greta Thunberg"', '"het Openbaar Ministerie"', '"de gemeente"')  # fmt: skip
PREFIXES = ("klima*", "verkiez*", "woning*", "zieken*", "onderw*", "voetbal*", "brandw*")
BOOLEANS = ("klimaat AND scholieren", "politie OR brandweer", "minister NOT premier",
            "(klimaat OR milieu) AND NOT Trump", "rechter AND (vonnis OR uitspraak)",
            "school OR onderwijs NOT leraar", "Amsterdam AND politie")  # fmt: skip
MISSPELLED = ("klimaaat", "politei", "verkiezngen", "ziekenhuiz", "onderwjis", "voetbl",
              "gemeenet", "klimaat")  # fmt: skip
# (path, parameters, status): mistakes a client makes, answered with an error on purpose.
DELIBERATE = (
    ("/api/search", (("q", "klimaat"), ("limit", "0")), 422),
    ("/api/search", (("q", "politie"), ("since", "2021-01"), ("until", "2019-01")), 400),
    ("/api/search", (("month", "maart"),), 422),
    ("/api/articles/" + quote("bestaat/niet?", safe=""), (), 404),
)
# Relative weights of the kinds of request in the mix.
WEIGHTS = {
    "search:word": 16, "search:phrase": 9, "search:prefix": 8, "search:boolean": 9,
    "search:month": 10, "search:entity": 12, "facets": 9, "suggest": 7, "stats": 3,
    "article": 14, "deliberate 4xx": 3,
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    """One request of the mix: a GET of ``path`` with ``params``, answered with ``expect``."""

    kind: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    expect: int = 200


# -- the request mix ------------------------------------------------------------------------


def request_mix(seed: int, count: int, names: dict[str, list[str]],
                ids: list[str]) -> list[Request]:  # fmt: skip
    """``count`` requests drawn with ``seed``: the same arguments give the same list.

    ``names`` holds entity names per type (from ``/api/facets``), ``ids`` article ids (from
    search hits).

    >>> mix = request_mix(1, 50, {"person": ["Mark Rutte"]}, ["gen0000001"])
    >>> mix == request_mix(1, 50, {"person": ["Mark Rutte"]}, ["gen0000001"])
    True
    """
    rng = random.Random(seed)
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[kind] for kind in kinds]
    entities = [(kind, name) for kind, values in sorted(names.items()) for name in values]
    mix = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "search:entity" and not entities or kind == "article" and not ids:
            kind = "search:word"
        mix.append(_request(rng, kind, entities, ids))
    return mix


def _request(rng: random.Random, kind: str, entities: list[tuple[str, str]],
             ids: list[str]) -> Request:  # fmt: skip
    if kind.startswith("search:"):
        return Request(kind, "/api/search", _search_params(rng, kind, entities))
    if kind == "facets":
        params = [("q", rng.choice(("", *WORDS))), ("top", str(rng.choice((10, 20))))]
        if rng.random() < 0.3:
            params.append(("since", _month(rng)))
        return Request(kind, "/api/facets", tuple(params))
    if kind == "suggest":
        return Request(kind, "/api/suggest", (("q", rng.choice(MISSPELLED)),))
    if kind == "stats":
        return Request(kind, "/api/stats")
    if kind == "article":
        return Request(kind, "/api/articles/" + quote(rng.choice(ids), safe=""))
    path, params, status = rng.choice(DELIBERATE)
    return Request(kind, path, params, status)


def _search_params(rng: random.Random, kind: str,
                   entities: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:  # fmt: skip
    text = {
        "search:word": lambda: rng.choice(WORDS),
        "search:phrase": lambda: rng.choice(PHRASES),
        "search:prefix": lambda: rng.choice(PREFIXES),
        "search:boolean": lambda: rng.choice(BOOLEANS),
        "search:month": lambda: rng.choice(WORDS),
        "search:entity": lambda: rng.choice(("", *WORDS[:6])),
    }[kind]()
    params = [("q", text)]
    if kind == "search:month":
        if rng.random() < 0.5:
            params.append(("month", _month(rng)))
        else:
            since = _month(rng)
            params += [("since", since), ("until", max(since, _month(rng)))]
    if kind == "search:entity":
        params.append(rng.choice(entities))
    params += [("sort", rng.choice(SORTS)), ("page", str(rng.randint(1, 5)))]
    return tuple(params)


def _month(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}"
