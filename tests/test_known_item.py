"""bench.known_item: the seeded query procedures, on a handful of articles written here."""

from collections import namedtuple

from bench import known_item as ki

Art = namedtuple("Art", "id title body")

ARTICLES = [
    Art("a", "Graan uit Oekraïne", "De boeren in Oekraïne verschepen graan. Minister Jan "
        "Jansen sprak in Kyiv over de graantransporten en de haven van Odesa."),
    Art("b", "Brand in school", "Een brand verwoestte de school in Zwolle. De brandweer "
        "blust de brand; burgemeester Piet de Vries spreekt de ouders toe."),
    Art("c", "Scholen dicht", "Alle scholen in Zwolle blijven dicht na de brand. Wethouder "
        "Klaas Bakker zegt dat de school snel weer opent."),
]  # fmt: skip


def test_words_are_alphabetic_tokens_as_written():
    assert ki.words_of("Kremlin-woordvoerder zei om 17.00 uur: agenda's!") == ["zei", "om", "uur"]


def test_queries_are_seeded_and_repeatable():
    df = ki.document_frequencies(ARTICLES)
    first = [ki.remembered_query(a, df, 1_000) for a in ARTICLES]
    assert first == [ki.remembered_query(a, df, 1_000) for a in ARTICLES]


def test_remembered_words_come_from_the_band(monkeypatch):
    monkeypatch.setattr(ki, "BAND", (1, 1))  # words in exactly one article
    monkeypatch.setattr(ki, "WORDS_REMEMBERED", 3)
    df = ki.document_frequencies(ARTICLES)
    query = ki.remembered_query(ARTICLES[0], df, 1)
    assert query.target == "a" and len(query.words) == 3
    assert all(df[word] == 1 and word in ARTICLES[0].body.lower() for word in query.words)


def test_variants_share_a_base_and_differ_in_an_ending():
    variants = ki.variants_index({"school": 1, "scholen": 1, "brand": 1, "branden": 1})
    assert variants["brand"] == ["branden"] and "school" not in variants


def test_names_are_capitalised_runs_inside_sentences():
    names = ki.names_in(ARTICLES[1].body)
    assert ("Zwolle",) in names and ("Piet",) in names and ("Vries",) in names
    assert ("Een",) not in names and ("De",) not in names  # first words of sentences


def test_entity_query_is_a_name_and_a_topic_word(monkeypatch):
    monkeypatch.setattr(ki, "BAND", (0, 0.7))  # "de" (in all three) is out
    df = ki.document_frequencies(ARTICLES)
    query = ki.entity_query(ARTICLES[1], df, 3)
    assert query.words[-1] == "brand" and query.words[0][0].isupper()


def test_duplicate_headline_finds_the_other_copy_only():
    copies = [ARTICLES[1], Art("b2", "Zwolse school afgebrand", ARTICLES[1].body)]
    groups = ki.near_duplicate_groups(copies)
    assert groups == [{0, 1}]
    queries = ki.duplicate_queries(copies, groups)
    assert {(q.target, q.excluded) for q in queries} == {("b2", ("b",)), ("b", ("b2",))}


def test_excluded_articles_are_skipped_in_the_ranking():
    query = ki.Query("duplicate", ("brand",), "b2", ("b",))
    assert ki.reciprocal_rank(query, ["b", "c", "b2"]) == 0.5
    assert ki.reciprocal_rank(ki.Query("remembered", ("x",), "z"), ["a"]) == 0.0


def test_halves_are_disjoint_and_fixed():
    queries = [ki.Query("remembered", (str(i),), str(i)) for i in range(9)]
    dev, test = ki.split_halves(queries, "remembered")
    assert len(dev) == 5 and not set(dev) & set(test)
    assert (dev, test) == ki.split_halves(list(reversed(queries)), "remembered")


def test_stock_analyzer_stems_folds_and_pickles():
    import pickle

    analyzer = ki.stock_analyzer("dutch_porter")
    assert [t.text for t in analyzer("Oekraïense scholen")] == ["oekraien", "schol"]
    assert [t.text for t in pickle.loads(pickle.dumps(ki.stock_analyzer("none")))("Café")] == [
        "cafe"]


def test_a_fresh_seed_draws_other_queries_for_the_test_articles_only(monkeypatch):
    monkeypatch.setattr(ki, "BAND", (0, 1))  # every word
    df = ki.document_frequencies(ARTICLES)
    first = [ki.remembered_query(a, df, 3) for a in ARTICLES]
    fresh = [ki.remembered_query(a, df, 3, seed=ki.SEED_TEST2) for a in ARTICLES]
    assert [q.words for q in fresh] != [q.words for q in first]
    repeated = ki.Query("remembered", first[0].words, "b")  # another article, the same words
    half = ki.fresh_half([*fresh, repeated], test=first[1:], first=first)
    assert {q.target for q in half} <= {"b", "c"} and repeated not in half
    assert all(set(q.words) != set(f.words) for q in half for f in first)
