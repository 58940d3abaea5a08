"""Tests for the entity extractor: seed articles, hard cases, canonical names, robustness."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import index.entities as entities
from corpus import SAMPLE_CORPUS, read_corpus
from index.entities import (
    ENTITY_TYPES,
    DutchEntityExtractor,
    Entity,
    EntityExtractor,
    default_extractor,
    facet_key,
)
from index.entities.extractor import iter_chunks


def extract(text: str) -> list[tuple[str, str]]:
    """``(type, text)`` of each mention."""
    return [(e.type, e.text) for e in default_extractor().extract(text)]


def names(text: str, kind: str) -> set[str]:
    """Canonical names of one type."""
    return {e.name for e in default_extractor().extract(text) if e.type == kind}


@pytest.fixture(scope="module")
def seeds() -> list[list[Entity]]:
    return [
        default_extractor().extract(f"{a.title}\n\n{a.body}") for a in read_corpus([SAMPLE_CORPUS])
    ]


def _of_type(seeds, kind: str) -> set[str]:
    return {e.text for found in seeds for e in found if e.type == kind}


def test_public_surface():
    assert sorted(entities.__all__) == sorted(
        [
            "ENTITY_TYPES",
            "DutchEntityExtractor",
            "Entity",
            "EntityExtractor",
            "default_extractor",
            "facet_key",
        ]
    )
    assert ENTITY_TYPES == ("person", "place", "org")
    assert isinstance(DutchEntityExtractor.version, str) and DutchEntityExtractor.version
    assert default_extractor() is default_extractor()


def test_seed_people(seeds):
    assert {"Poetin", "Erdogan", "Peskov", "Trump"} <= _of_type(seeds, "person")


def test_seed_places(seeds):
    expected = {"Oekraïne", "Rusland", "Turkije", "Armenië", "Istanbul", "Moskou"}
    assert expected <= _of_type(seeds, "place")


def test_seed_organisations(seeds):
    assert {"NAVO", "OVSE", "CSTO", "APEC"} <= _of_type(seeds, "org")


def test_seed_poetin_is_one_facet_value(seeds):
    second = seeds[1]
    poetin = {e.name for e in second if e.text in ("Vladimir Poetin", "Poetin")}
    assert poetin == {"Vladimir Poetin"}


def test_seed_offsets_point_into_the_text():
    for article in read_corpus([SAMPLE_CORPUS]):
        text = f"{article.title}\n\n{article.body}"
        found = default_extractor().extract(text)
        assert found == sorted(found, key=lambda e: e.start)
        assert all(text[e.start : e.end] == e.text for e in found)
        assert all(e.type in ENTITY_TYPES for e in found)


def test_sentence_initial_function_words_are_not_names():
    assert extract("Volgens Peskov is het gesprek belangrijk.") == [("person", "Peskov")]
    assert extract("De Russische president Poetin belde.") == [("person", "Poetin")]


def test_sentence_initial_name_confirmed_elsewhere():
    text = "Peskov beschreef het gesprek. Later sprak ook Peskov."
    assert extract(text) == [("person", "Peskov"), ("person", "Peskov")]


def test_sentence_initial_common_word_is_dropped():
    assert extract("Graandeal\n\nDe graandeal is verlengd.") == []


def test_name_particles():
    assert extract("Het boek van Jan van der Berg verscheen.") == [("person", "Jan van der Berg")]
    assert ("person", "De Grauwe") in extract("Dat zegt econoom Paul De Grauwe. De Grauwe lacht.")


def test_particle_between_two_known_names_splits():
    assert extract("De steun van Rusland van de VS bleef uit.") == [
        ("place", "Rusland"),
        ("place", "VS"),
    ]


def test_possessive_folds_to_the_full_name():
    found = default_extractor().extract("Vladimir Poetin sprak. Poetins plan faalde.")
    assert [(e.text, e.name) for e in found] == [
        ("Vladimir Poetin", "Vladimir Poetin"),
        ("Poetins", "Vladimir Poetin"),
    ]


def test_acronyms():
    assert extract("Leden van de NAVO, de OVSE en de G20 vergaderden.") == [
        ("org", "NAVO"),
        ("org", "OVSE"),
        ("org", "G20"),
    ]


def test_acronym_in_brackets_meets_its_expansion():
    found = default_extractor().extract(
        "Hij sprak met de Organisatie voor Veiligheid en Samenwerking in Europa (OVSE). "
        "De OVSE reageerde."
    )
    assert {e.name for e in found} == {"OVSE"}
    assert {e.type for e in found} == {"org"}


def test_hyphenated_names_and_compounds():
    assert extract("Hij woont in Noord-Holland met Jean-Luc Dehaene.") == [
        ("place", "Noord-Holland"),
        ("person", "Jean-Luc Dehaene"),
    ]
    # a known organisation heading the compound is named (dutch-rules-6)
    assert extract("Kremlin-woordvoerder Dmitry Peskov zei dat.") == [
        ("place", "Kremlin"),  # a seat of government is a building (dutch-rules-7)
        ("person", "Dmitry Peskov"),
    ]


def test_cue_words_type_unknown_names():
    assert extract("Hij sprak met minister Vandenbroucke.") == [("person", "Vandenbroucke")]
    assert extract("De top vond plaats in Wasserbillig.") == [("place", "Wasserbillig")]


def test_adjectives_and_demonyms_are_not_entities():
    assert extract("Een Vlaamse en een Belgische delegatie, plus twee Amerikanen.") == []


def test_alias_pairs_meet():
    assert names("De VS en de Verenigde Staten zijn één land.", "place") == {"Verenigde Staten"}
    assert names("De VN en de Verenigde Naties.", "org") == {"Verenigde Naties"}


def test_case_variants_fold():
    found = default_extractor().extract("Erdogan sprak. Daarna sprak ERDOGAN opnieuw met Erdogan.")
    assert {e.name for e in found} == {"Erdogan"}


def test_facet_key_folds_case_accents_and_space():
    assert facet_key(" Vladimir  Poetin") == "vladimir poetin"
    assert facet_key("OEKRAÏNE") == facet_key("Oekraine") == "oekraine"


def test_extractor_protocol_is_pluggable():
    class Fixed:
        version = "fixed-1"

        def extract(self, text: str) -> list[Entity]:
            return [Entity("person", text[:3], 0, 3, text[:3])]

    plugged: EntityExtractor = Fixed()
    assert plugged.extract("Ann zegt")[0].name == "Ann"


def test_extractor_pickles_without_state():
    restored = pickle.loads(pickle.dumps(DutchEntityExtractor()))
    assert restored.extract("Poetin sprak in Moskou.") == default_extractor().extract(
        "Poetin sprak in Moskou."
    )


def test_chunks_cover_the_text_and_cut_at_line_ends():
    text = "Poetin sprak.\n" * 1000
    chunks = list(iter_chunks(text, size=100))
    assert "".join(piece for _, piece in chunks) == text
    assert all(piece.endswith("\n") for _, piece in chunks)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in chunks)


def test_long_input_keeps_offsets():
    text = "Erdogan zei dat hij Poetin belde.\n" * 50_000
    found = DutchEntityExtractor().extract(text)
    assert len(found) == 100_000
    assert all(text[e.start : e.end] == e.text for e in found[-4:])


@pytest.mark.parametrize("text", [" \x1fRutte", " \u2028Rutte", "\t\x85Rutte sprak."])
def test_white_space_that_str_split_knows_before_a_name(text):
    """Found by the property test below: only control-character white space before."""
    found = default_extractor().extract(text)
    assert all(text[e.start : e.end] == e.text for e in found)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_string(text):
    found = default_extractor().extract(text)
    assert all(text[e.start : e.end] == e.text and e.type in ENTITY_TYPES for e in found)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Poetin",
                "De",
                "van",
                "der",
                "NAVO",
                "(",
                ")",
                ".",
                "\n",
                " ",
                "Jan",
                "Poetins",
                "'s",
                "Kremlin-woordvoerder",
                "VS",
                "Oekraïne",
                "-",
                "J.",
                "2",
            ]
        ),
        max_size=40,
    )
)
def test_never_raises_on_name_like_soup(parts):
    text = " ".join(parts)
    found = default_extractor().extract(text)
    assert all(text[e.start : e.end] == e.text for e in found)


def test_non_string_input_gives_no_entities():
    assert default_extractor().extract("") == []


def test_rules_2_context_and_splits():
    assert extract("Hij las 'Luna Papa' voor.") == []
    assert extract("Hij zag de Kinois.") == []
    assert extract("Dat zegt Marc Dillen van de VCB.") == [
        ("person", "Marc Dillen"),
        ("org", "VCB"),
    ]
    assert extract("Ze wandelden in het Zwarte Woud.") == [("place", "Zwarte Woud")]
    assert extract("Ze trokken de Tigre-provincie binnen.") == [("place", "Tigre-provincie")]


def test_rules_3_bylines_tables_and_headings():
    text = (
        "De Bijsluiter\n"
        "Steve Stevaert (SP) sprak in Spa. Eén ding is zeker.\n"
        "Daarna won Marrero (Spa) van Davenport (VSt).\n"
        'Strupar zei: "Tja, zo is het."\n'
        "Het Design Museum ligt aan de Kanselarijstraat.\n"
        "Foto's RV\n"
        "(PJB)"
    )
    found = extract(text)
    assert ("person", "Steve Stevaert") in found
    assert ("org", "SP") in found
    assert ("place", "Spa") in found
    assert ("person", "Marrero") in found
    assert ("person", "Davenport") in found
    assert ("place", "Design Museum") in found
    assert ("place", "Kanselarijstraat") in found
    assert ("person", "RV") in found
    assert ("person", "PJB") in found
    texts = {t for _, t in found}
    assert not texts & {"De Bijsluiter", "Eén", "Tja"}


def test_rules_4_common_words_need_evidence():
    # A frequent Dutch word with nothing else to go on is a heading or a title, not a name.
    assert extract("Het stuk heet Economie en speelt in Gent.") == [("place", "Gent")]
    assert extract("Daar speelde Red Tape gisteren.") == []
    # The same word typed elsewhere in the document, or after a cue, stays a name.
    assert ("person", "Vogels") in extract("Dat zei Piet Vogels. Later kwam Vogels terug.")
    assert extract("Volgens minister Vis is het goed.") == [("person", "Vis")]
    assert extract("Daar werd Jongeren Kunst getoond.") == []
    # Inhabitants and matches are no facets; a party member names the party, as a
    # ``VLD-voorzitter`` does.
    text = "Hij sprak met Indiërs, Cubanen en een VLD'er over Engeland-Duitsland."
    assert extract(text) == [("org", "VLD")]
