"""The Dutch analyser: accents, hyphens, apostrophes, numbers, compounds, pickling."""

import pickle

import pytest
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from index.analysis import ANALYSIS_VERSION, DutchAnalyzer


@pytest.fixture(scope="module")
def analyzer():
    return DutchAnalyzer()


def same_term(analyzer, a, b):
    return analyzer.terms(a) == analyzer.terms(b)


@pytest.mark.parametrize("a, b", [
    ("Oekraïne", "Oekraine"), ("Oekraïense", "Oekraiense"), ("Oekraine", "Oekraïense"),
    ("geënt", "geent"),
    ("België", "Belgie"), ("café", "cafe"), ("agenda's", "agenda"), ("z’n", "z'n"),
    ("verkiezing", "verkiezingen"), ("huizen", "huisjes"), ("oorlog", "oorlogen"),
    ("liep", "gelopen"), ("Kremlin-woordvoerder", "Kremlinwoordvoerder"),
])  # fmt: skip
def test_query_spellings_meet(analyzer, a, b):
    assert same_term(analyzer, a, b)


@pytest.mark.parametrize("a, b", [("ministers", "mini"), ("gemeente", "meen"),
                                  ("haven", "hebben"), ("maan", "man")])
def test_different_words_stay_apart(analyzer, a, b):
    assert not same_term(analyzer, a, b)


def test_numbers_and_codes_stay_whole(analyzer):
    assert analyzer.terms("G20 2,5 miljard om 17.00 uur") == ["g20", "2,5", "miljard", "17.00",
                                                               "uur"]


def test_stop_words_and_clitics_are_dropped(analyzer):
    assert analyzer.terms("z'n boek en m’n huis") == ["boek", "huis"]


def test_hyphenated_word_indexes_parts_and_joined_form(analyzer):
    index_terms = analyzer.terms("Noord-Atlantische", mode="index")
    assert analyzer.terms("Noord-Atlantische")[0] in index_terms
    assert analyzer.terms("Atlantische")[0] in index_terms
    assert analyzer.terms("noord")[0] in index_terms


def test_compounds_split_at_index_and_query_time_but_not_in_phrases(analyzer):
    index_terms = analyzer.terms("graantransporten", mode="index")
    assert analyzer.terms("graantransporten", mode="query-exact") == index_terms
    assert analyzer.terms("graantransporten", mode="query") == index_terms[:-1]
    assert analyzer.terms("graantransporten", mode="phrase") == [index_terms[0]]
    for part in ("graan", "transport", "transporten"):
        assert analyzer.terms(part)[0] in index_terms
    assert analyzer.terms("oorlogsmisdaad", mode="index")[1:] == [
        *analyzer.terms("oorlog"), *analyzer.terms("misdaad"), "=oorlogsmisdaad"]


def test_compound_flag_off_gives_one_term():
    assert DutchAnalyzer(compounds=False).terms("klimaatactivist", mode="index") == [
        "klimaatactivist", "=klimaatactivist"]


def test_parts_share_the_compound_position(analyzer):
    tokens = [(t.text, t.pos) for t in analyzer("Een klimaatactivist protesteert",
                                                 positions=True, mode="index")]
    positions = {pos for text, pos in tokens[:4]}
    assert len(tokens) == 6 and positions == {1}


def test_exact_forms_are_indexed_beside_stems(analyzer):
    assert analyzer.terms("rechters", mode="index") == ["rechter", "=rechters"]
    assert analyzer.terms("Rechters", mode="query-exact") == ["rechter", "=rechters"]
    assert analyzer.terms("rechters", mode="phrase") == ["rechter"]
    assert analyzer.terms("G20 2,5", mode="index") == ["g20", "2,5"]  # numbers: no twin
    assert DutchAnalyzer(surface=False).terms("rechters", mode="index") == ["rechter"]
    assert DutchAnalyzer(stem=False).terms("rechters", mode="index") == ["rechters"]


@pytest.mark.parametrize("a, b", [
    ("buurt", "buren"),  # buurt has a plural of its own: not a verb form of buren
    ("jongen", "jonge"), ("jongens", "jong"),  # Snowball cut the noun jongen down to jong
    ("luide", "lui"),  # luid + e, not lui + de
])  # fmt: skip
def test_lemma_and_snowball_classes_that_merged_unrelated_words(analyzer, a, b):
    assert not same_term(analyzer, a, b)


@pytest.mark.parametrize("a, b", [("buurt", "buurten"), ("jongen", "jongens"),
                                  ("luide", "luid"), ("leven", "levens"), ("kisten", "kist")])
def test_the_class_fixes_keep_real_inflections_together(analyzer, a, b):
    assert same_term(analyzer, a, b)


@pytest.mark.parametrize("a, b", [
    ("hemel", "hemelse"), ("hemel", "hemels"), ("volk", "volks"), ("lood", "loods"),
    ("buitenland", "buitenlandse"), ("men", "mensen"),  # a word in -s of its own
    ("deken", "dekken"),  # an -en noun with an -s plural (dekens) is no verb
    ("luidt", "luid"), ("luidde", "luid"), ("ruimen", "ruim"), ("ruimt", "ruime"),
    ("geruimd", "ruim"), ("opent", "open"),  # verb forms of a stem that is an adjective
    ("gevierd", "vier"), ("achten", "acht"), ("viert", "vier"),  # ... or a numeral
    ("druppelen", "druppel"), ("druppelt", "druppels"),  # ... or a noun in -el/-er/-em
    ("mals", "mal"), ("malse", "malle"),  # an adjective in -s is no genitive
])  # fmt: skip
def test_2026_12_3_classes_stay_apart(analyzer, a, b):
    assert not same_term(analyzer, a, b)


@pytest.mark.parametrize("forms", [
    "hemels hemelse", "loods loodsen", "mens mensen", "eis eisen", "deken dekens",
    "horen hoort hoorde", "verlangen verlangt", "luidt luidde", "ruimen ruimt ruimde geruimd",
    "vieren viert gevierd vierden", "vier vierde", "openen opent opende geopend",
    "rijk rijke rijken",
    "dood dode doden", "ziekte ziekten", "wit witte", "druppel druppels",
    "druppelen druppelt gedruppeld", "mals malse",
    "licht lichten", "kamp kampen", "net netten",  # adjective, noun and verb: -en a plural too
])  # fmt: skip
def test_2026_12_3_rules_keep_inflections_together(analyzer, forms):
    first, *others = forms.split()
    assert all(same_term(analyzer, first, other) for other in others)


@pytest.mark.parametrize("word", ["en", "zen", "ren", "n", "ten", "gen", "geen", "t", "de"])
def test_short_words_stem_without_error(word):
    assert DutchAnalyzer(stopwords=False).terms(word)


def test_verb_spelling_rules():
    from index.dutch.overrides import _infinitive, verb_stem

    pairs = {"hoor": "horen", "zet": "zetten", "leef": "leven", "doof": "doven",
             "ruim": "ruimen", "wit": "witten", "open": "openen", "sloop": "slopen"}  # fmt: skip
    assert {stem: _infinitive(stem) for stem in pairs} == pairs
    assert [verb_stem(w) for w in ("horen", "zetten", "leven", "reizen", "ruimen")] == [
        "hoor", "zet", "leef", "reis", "ruim"]  # fmt: skip


def test_adjective_suffixoids_are_no_compound_heads(analyzer):
    assert analyzer.terms("hoog")[0] not in analyzer.terms("hoogwaardige", mode="index")


def test_frequent_words_are_not_split(analyzer):
    for word, part in [("belangrijk", "rijk"), ("hoogleraar", "leraar"),
                       ("ziekenhuis", "huis"), ("burgemeester", "meester")]:  # fmt: skip
        assert analyzer.terms(part)[0] not in analyzer.terms(word, mode="index")


def test_prefix_text_is_normalised_not_stemmed(analyzer):
    [token] = analyzer("Oekraïens", tokenize=False)
    assert token.text == "oekraiens"


def test_pickle_round_trip_keeps_settings():
    original = DutchAnalyzer(stemmer="dutch", overrides=False, compounds=False)
    copy = pickle.loads(pickle.dumps(original))
    assert copy.settings() == original.settings()
    assert copy.settings()["version"] == ANALYSIS_VERSION
    assert "stem" not in "".join(map(str, vars(copy).values())).replace("stemmer", "")


def test_old_pickles_without_new_settings_still_load():
    old = DutchAnalyzer.__new__(DutchAnalyzer)
    old.__dict__.update(stemmer="dutch_porter", stopwords=True, fold=True, version="old")
    assert old.settings()["overrides"] is False and old.settings()["compounds"] is False
    assert old.settings()["surface"] is False


def test_whoosh_index_finds_compound_parts_and_accents(analyzer):
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=analyzer))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(id="1", body="De Oekraïense graantransporten zijn hervat.")
        writer.add_document(id="2", body="Een klimaatactivist in België.")
    parser = QueryParser("body", schema)
    with index.searcher() as searcher:
        def ids(text):
            return sorted(hit["id"] for hit in searcher.search(parser.parse(text)))

        assert ids("graan") == ["1"]
        assert ids("graantransport") == ["1"]
        assert ids("Oekraine") == ["1"]
        assert ids("klimaat") == ["2"]
        assert ids("Belgie") == ["2"]
        assert ids("oekr*") == ["1"]
        assert isinstance(parser.parse("graan"), query.Term)
