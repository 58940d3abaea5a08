""""Did you mean" on tiny temp-dir indexes of Dutch articles written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_jsonl

import search
from search.exonyms import other_names
from search.suggest import (
    DROPPED_COST,
    KEYBOARD_COST,
    Vocabulary,
    correct_word,
    dutch_spellings,
    names_as_phrases,
    skeleton,
    sound_key,
    suggest_query,
    typo_cost,
)

MISSPELLINGS = Path(__file__).resolve().parent / "data" / "misspellings.tsv"
ARTICLES = [
    ("Verkiezingen in Nederland", "De verkiezingen voor de gemeenteraad trekken veel kiezers. "
     "Premier Rutte spreekt in Amsterdam over de regering en het ministerie."),
    ("Klimaatactivist in Oekraïne", "Een klimaatactivist sprak in Oekraïne met de regering. "
     "Poetin en Erdogan spraken over graan aan de Zwarte Zee."),
    ("Ziekenhuis in Utrecht", "Het ziekenhuis in Utrecht krijgt geld van het ministerie. "
     "De klimaatactivist en de burgemeester van Amsterdam waren er ook."),
    ("Nieuwe regering", "De regering van Nederland wil de verkiezingen eerder. "
     "Poetin reageerde niet; Erdogan wel. Het ziekenhuis bleef open."),
    ("Wedstrijd in Rotterdam", "De wedstrijd in Rotterdam werd uitgesteld. De burgemeester "
     "sprak van een moeilijke beslissing voor de regering."),
]  # fmt: skip


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suggest")
    records = [
        {"id": f"s{n}", "title": title, "text": text, "date": f"2022-{n + 1:02d}-10"}
        for n, (title, text) in enumerate(ARTICLES)
    ]
    index_dir = folder / "index"
    search.index_corpus([write_jsonl(folder / "news.jsonl", records)], index_dir=index_dir,
                        entities=False)  # fmt: skip
    return index_dir


@pytest.fixture(scope="module")
def reader(index_dir):
    with search.Engine.open(index_dir) as engine:
        searcher, _ = engine._searcher()
        yield searcher.reader()


@pytest.mark.parametrize(
    "typed, intended",
    [
        ("verkiezngen", "verkiezingen"),  # dropped letter
        ("regring", "regering"),
        ("ministerei", "ministerie"),  # swapped letters
        ("ziekenhuiss", "ziekenhuis"),  # doubled letter
        ("wedstreid", "wedstrijd"),  # ij/ei and d/t
        ("klimaatakivist", "klimaatactivist"),
        ("oekrajne", "oekraine"),
    ],
)
def test_a_typo_becomes_the_indexed_word(reader, typed, intended):
    assert correct_word(reader, typed) == intended


@pytest.mark.parametrize("word", ["regering", "Poetin", "ziekenhuis", "de", "xq", "2022"])
def test_known_and_short_words_stay(reader, word):
    assert correct_word(reader, word) is None


def test_nothing_to_suggest_is_none(reader):
    assert suggest_query(reader, "Poetin regering") is None
    assert suggest_query(reader, "qwxzvbnm") is None
    assert suggest_query(reader, "") is None


def test_case_is_kept(reader):
    assert suggest_query(reader, "Poeting") == "Poetin"
    assert suggest_query(reader, "POETING") == "POETIN"
    assert suggest_query(reader, "poeting") == "poetin"


def test_phrases_filters_and_operators_are_kept(reader):
    assert suggest_query(reader, '"Zwarte Zeee" month:2022-11') == '"Zwarte Zee" month:2022-11'
    assert suggest_query(reader, "Erdogna AND Poeting") == "Erdogan AND Poetin"
    assert suggest_query(reader, "title:Poeting verkiezngen") == "title:Poeting verkiezingen"
    assert suggest_query(reader, "Poeti* Erdogna") == "Poeti* Erdogan"
    assert suggest_query(reader, "verkiezngen Nederlnd") == "verkiezingen Nederland"


def test_a_split_compound_is_joined(reader):
    assert suggest_query(reader, "klimaat activist") == "klimaatactivist"


def test_a_misspelt_word_that_still_finds_articles_gets_a_suggestion(index_dir):
    with search.Engine.open(index_dir) as engine:
        results = engine.search("ziekenhuise")  # its stem finds the articles on ziekenhuis
        assert results.total >= 2 and results.suggestion == "ziekenhuis"
        assert engine.search("regering ziekenhuiss").suggestion == "regering ziekenhuis"
        assert engine.search("regering ziekenhuis").suggestion is None


def test_english_spellings_of_names_meet_the_dutch_ones(reader):
    assert correct_word(reader, "Putin") == "poetin"
    assert suggest_query(reader, "Putin Erdogan") == "Poetin Erdogan"
    assert {"oekraine", "zelenski", "jemen", "libie"} <= {
        *dutch_spellings("ukraine"), *dutch_spellings("zelensky"),
        *dutch_spellings("yemen"), *dutch_spellings("libya"),
    }  # fmt: skip
    vocabulary = Vocabulary({"tsjetsjenie": 3, "antwerpen": 40, "antwerp": 1, "chechen": 1})
    assert vocabulary.correct("Chechnya") == "tsjetsjenie"  # tsjetsjnie, then a typo away
    assert vocabulary.correct("Antwerp") == "antwerpen"  # its one article gives way


def test_english_names_meet_their_dutch_exonyms_from_cldr():
    vocabulary = Vocabulary({"spanje": 30, "spaan": 2, "jordanie": 5, "jordaan": 9,
                             "noord": 60, "korea": 20, "beleid": 50, "wenen": 4})  # fmt: skip
    assert vocabulary.suggest("Spain") == "Spanje"  # not a spelling: no rule reaches it
    assert vocabulary.suggest("Jordan") == "Jordanie"  # CLDR's name (folded), over Jordaan
    assert vocabulary.suggest("North Korea") == "Noord-Korea"  # a name of two words
    assert vocabulary.suggest("north korea beleid") == "Noord-Korea beleid"
    assert vocabulary.suggest("Vienna") == "Wenen"  # a time zone's exemplar city
    assert vocabulary.suggest("Russia") is None  # Rusland is not indexed
    assert Vocabulary({"jordan": 3, "jordanie": 5}).suggest("Jordan") is None  # known


def test_the_spelling_rules_of_names_cost_more_on_a_lowercase_word():
    vocabulary = Vocabulary({"zoals": 319, "zalen": 5, "relevant": 8, "relevante": 4,
                             "poetin": 30, "puin": 3, "antwerpen": 40})  # fmt: skip
    assert vocabulary.correct("zals") == "zoals"  # not zalen (final s -> en)
    assert vocabulary.correct("relevan") == "relevant"  # not two letters added as for a name
    assert vocabulary.correct("putin") == "poetin"  # still, when nothing else is near
    assert vocabulary.correct("Antwerp") == "antwerpen"


def test_english_names_of_cities_meet_the_names_geonames_gives():
    vocabulary = Vocabulary({"napels": 30, "brugge": 12, "pal": 40, "paul": 9})
    assert vocabulary.suggest("Naples") == "Napels"
    assert vocabulary.suggest("Bruges") == "Brugge"
    assert vocabulary.suggest("palu") == "paul"  # not Pal, an abbreviation of a city Palu
    assert other_names(("naples",)) and "Napels" in other_names(("naples",))


def test_a_name_meets_its_transliterations_with_other_vowels():
    vocabulary = Vocabulary({"mohammed": 10, "muammar": 1, "mekka": 20})
    assert vocabulary.suggest("Muhammad") == "Mohammed"  # two vowels away
    assert skeleton("muhammad") == skeleton("mohammed") == "mhmd"


def test_the_first_combination_that_finds_articles_wins():
    vocabulary = Vocabulary({"ed": 10, "napels": 40, "nijpels": 4})
    assert vocabulary.suggest("Ed Nipels") == "Ed Napels"  # more common, a vowel away
    asked = []

    def finds(text):
        asked.append(text)
        return "Napels" not in text

    assert vocabulary.suggest("Ed Nipels", finds=finds) == "Ed Nijpels"
    assert asked == ['"Ed Napels"', '"Ed Nijpels"']  # a name: as a phrase first


def test_a_name_must_be_found_as_written():
    vocabulary = Vocabulary({"benny": 5, "gat": 27, "gantz": 3})
    found = {'"Benny Gantz"', "Benny Gantz", "Benny Gat"}  # both words: somewhere apart
    assert vocabulary.suggest("Benny Gatz", finds=found.__contains__) == "Benny Gantz"
    assert vocabulary.suggest("benny gatz", finds=found.__contains__) == "benny gat"
    assert names_as_phrases("Ellen van Loon OR Rutte") == '"Ellen van Loon" OR Rutte'
    assert names_as_phrases('person:Poetin "Rutte" AND Trump') is None


def test_a_dropped_letter_costs_less_than_a_wrong_one():
    assert typo_cost("moten", "moeten") == DROPPED_COST < typo_cost("moten", "molen")
    assert typo_cost("sond", "stond") < typo_cost("sond", "rond")
    vocabulary = Vocabulary({"hier": 257, "hij": 707, "her": 8, "mogen": 128, "moeten": 500})
    assert vocabulary.correct("hir") == "hier"  # not the more common hij, a letter away
    assert vocabulary.correct("moten") == "moeten"  # not mogen, a keyboard neighbour


def test_a_query_of_one_word_is_not_checked_against_the_index():
    # only a stop word, which the search leaves out, would find nothing
    vocabulary = Vocabulary({"hier": 257, "her": 8, "klimaat": 50})
    assert vocabulary.suggest("hir", finds=lambda text: text != "hier") == "hier"
    assert vocabulary.suggest("hir klimaat", finds=lambda text: "hier" not in text) == (
        "her klimaat"
    )


def test_a_stop_word_is_a_poor_correction_among_other_words():
    vocabulary = Vocabulary({"meer": 1500, "meter": 100, "klimaat": 50})
    assert vocabulary.suggest("meeer") == "meer"
    assert vocabulary.suggest("meeer klimaat") == "meter klimaat"
    # however common: its frequency says nothing of what the query was about
    vocabulary = Vocabulary({"tot": 682, "toont": 30, "forum": 10, "analyse": 10})
    assert vocabulary.suggest("toot") == "tot"
    assert vocabulary.suggest("forum toot analyse") == "forum toont analyse"


def test_keyboard_neighbours_cost_less():
    assert typo_cost("regerinf", "regering") == KEYBOARD_COST < typo_cost("regerinz", "regering")


def test_the_first_letter_is_rarely_the_wrong_one():
    vocabulary = Vocabulary({"mogelijk": 234, "ongelijk": 4, "tussen": 324, "ertussen": 2})
    assert vocabulary.correct("ogelijk") == "ongelijk"
    assert vocabulary.correct("etussen") == "ertussen"
    assert typo_cost("korona", "corona") == typo_cost("polisie", "politie")  # sound-alikes


def test_a_doubled_letter_more_or_less_is_not_a_sound_alike():
    assert typo_cost("reddden", "redden") < typo_cost("reddden", "reden")  # one d, not two
    assert typo_cost("vrise", "vries") < typo_cost("vrise", "frisse")
    assert Vocabulary({"reden": 111, "redden": 23}).correct("reddden") == "redden"


def test_sound_alikes_share_a_key_and_cost_less():
    assert sound_key("frankreik") == sound_key("frankrijk")
    assert sound_key("wedstreid") == sound_key("wedstrijd")
    assert typo_cost("telegraf", "telegraaf") < typo_cost("telegraf", "telegram")
    assert typo_cost("polisie", "politie") < 1


def test_misspellings_file_is_well_formed():
    rows = [
        line.split("\t")
        for line in MISSPELLINGS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) >= 120
    assert all(len(row) == 2 and row[0] and row[1] for row in rows)
    assert all(row[0] != row[1] for row in rows)
    assert all(row[0] == row[0].strip() and row[1] == row[1].strip() for row in rows)
    assert len({row[0] for row in rows}) == len(rows)


def _analysed_frequencies(reader) -> dict[str, int]:
    """The reference vocabulary: the surface analyser run on every stored article (deleted
    ones too, as Whoosh counts document frequencies), each word counted once an article."""
    from index.schema import surface_analyzer

    analyzer = surface_analyzer(reader.schema["body"].analyzer)
    counts: dict[str, int] = {}
    for docnum in range(reader.doc_count_all()):
        stored = reader.stored_fields(docnum)
        text = f"{stored['title']}\n{stored['body']}"
        for word in {token.text for token in analyzer(text, mode="index")}:
            counts[word] = counts.get(word, 0) + 1
    return counts


def test_the_vocabulary_cache_file_holds_every_indexed_word(reader):
    from index.store.facetfile import read_reader_cache
    from search.suggest import VOCABULARY_CACHE_VERSION, word_frequencies

    assert read_reader_cache(reader, VOCABULARY_CACHE_VERSION) is not None, (
        "search index should leave the vocabulary cached"
    )
    expected = _analysed_frequencies(reader)
    assert word_frequencies(reader) == expected
    assert "verkiezingen" in expected and "oekraine" in expected


@pytest.mark.parametrize("removed", ["*.facetcache", "*.facets.npz"])
def test_the_vocabulary_without_cache_files_is_the_same(tmp_path, removed):
    """Per segment from the facet files (no reader cache), or from the stored text."""
    from index.store.facetfile import load_segment_words
    from search.suggest import word_frequencies

    records = [{"id": f"v{n}", "title": title, "text": text}
               for n, (title, text) in enumerate(ARTICLES)]  # fmt: skip
    search.index_corpus([write_jsonl(tmp_path / "news.jsonl", records)],
                        index_dir=tmp_path / "ix", entities=False)  # fmt: skip
    records[0]["text"] += " Een nieuwe zin over de verkiezingen."
    search.index_corpus([write_jsonl(tmp_path / "news.jsonl", records)],
                        index_dir=tmp_path / "ix", entities=False)  # a second segment
    for path in {*(tmp_path / "ix").glob("*.facetcache"), *(tmp_path / "ix").glob(removed)}:
        path.unlink()
    with search.Engine.open(tmp_path / "ix") as engine:
        reader = engine._searcher()[0].reader()
        assert len(reader.leaf_readers()) == 2 and reader.has_deletions()
        from_files = [load_segment_words(leaf)
                      for leaf, _ in reader.leaf_readers()]  # fmt: skip
        assert all(found is None for found in from_files) == (removed == "*.facets.npz")
        assert word_frequencies(reader) == _analysed_frequencies(reader)
        assert engine.suggest("verkiezngen") == "verkiezingen"
