"""The typo operators and halves of the generated "did you mean" sets (no data needed)."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("wordfreq", reason="the bench extra: pip install -e '.[bench]'")

from bench.suggestion_sets import OPERATORS, comparable, half_of, misspell  # noqa: E402


def test_a_typo_is_never_a_word_the_index_knows_twice():
    frequencies = {"regering": 40, "regeren": 5, "regerin": 1}
    rng = random.Random(1)
    typos = {misspell("regering", rng, frequencies) for _ in range(200)}
    assert "regering" not in typos and "regeren" not in typos
    assert all(typo is None or typo[0] == "r" for typo in typos)  # the first letter stays


def test_the_operators_make_the_typos_they_name():
    rng = random.Random(0)
    assert OPERATORS["ij/ei"]("wedstrijd", rng) == "wedstreid"
    assert OPERATORS["au/ou"]("vrouw", rng) == "vrauw"
    assert OPERATORS["d/t/dt"]("wordt", rng) in {"word", "wort"}
    assert len(OPERATORS["double"]("poetin", rng)) == 7
    assert len(OPERATORS["drop"]("poetin", rng)) == 5
    assert sorted(OPERATORS["transpose"]("poetin", rng)) == sorted("poetin")


def test_halves_are_seeded_and_ignore_case_accents_and_hyphens():
    assert half_of("Saoedi-Arabië") == half_of("saoedi arabie")
    assert comparable("  Oekraïne   Kiev ") == "oekraine kiev"
    halves = {half_of(f"woord{n}") for n in range(20)}
    assert halves == {"dev", "test"}
