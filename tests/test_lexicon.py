"""The lemma file looked up lazily gives what the whole dictionary gives."""

from __future__ import annotations

import gzip
import random

from index.dutch import lexicon, overrides


def test_sorted_lookup_equals_the_dictionary_for_every_form_and_misses():
    table = lexicon.lemmas()
    text = gzip.decompress(lexicon.LEMMA_FILE.read_bytes()).decode("utf-8")
    forms = list(table)
    assert forms == sorted(forms)  # the file is sorted, which the binary search needs
    rng = random.Random(5)
    probes = forms + [form + "q" for form in rng.sample(forms, 2_000)] + ["", "a", "zzzzz", "ë"]
    assert [lexicon.sorted_lookup(text, word) for word in probes] == [table.get(w) for w in probes]


def test_lemma_of_is_the_same_before_and_after_the_switch_to_the_dictionary(monkeypatch):
    words = ["liep", "huisjes", "gewerkt", "gemaakt", "bomen", "kinderen", "graandeal", "zei"]
    lazy = lexicon._LemmaLookup()
    monkeypatch.setattr(overrides, "lemma_lookup", lazy.get)
    before = [overrides.lemma_of(word) for word in words]
    assert lazy._table is None
    lazy._lookups = lazy.DICT_AFTER
    after = [overrides.lemma_of(word) for word in words]
    assert lazy._table is not None
    expected = ["lopen", "huis", "werk", "maak", "boom", "kind", "graandeal", "zeggen"]
    assert before == after == expected
