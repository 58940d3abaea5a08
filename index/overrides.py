"""Stemmer overrides (placeholder)."""

from __future__ import annotations

from collections.abc import Callable


def override_stemmer(algorithm: str, stem_word: Callable[[str], str]) -> Callable[[str], str]:
    """``stem_word`` with the override dictionary and rules in front."""
    return stem_word
