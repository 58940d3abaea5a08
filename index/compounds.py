"""Dutch compound splitting (placeholder until the lexicon lands)."""

from __future__ import annotations

from collections.abc import Callable


def compound_splitter(*, fold: bool = True) -> Callable[[str], list[str]]:
    """A cached ``split(word) -> parts`` (no parts: not a compound)."""
    return lambda word: []
