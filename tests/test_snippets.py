"""Tests for snippets: which passages are shown and which words are marked."""

from __future__ import annotations

import random

import pytest
from whoosh import highlight
from whoosh.analysis import StandardAnalyzer

from index.analysis import DutchAnalyzer
from search import snippets
from search.results import Snippet
from search.snippets import make_snippet

ANALYZER = DutchAnalyzer()


def query_terms(text: str) -> frozenset[str]:
    return frozenset(ANALYZER.terms(text, mode="query"))


def marked(text: str, query: str, analyzer=ANALYZER) -> str:
    terms = query_terms(query) if isinstance(analyzer, DutchAnalyzer) else frozenset([query])
    return make_snippet(text, terms, analyzer).marked("[", "]", escape=False)


def test_marks_inflections_compounds_and_hyphenated_words():
    text = ("Het graan lag klaar. De graantransporten uit Oekraïne gingen door, zei een "
            "Kremlin-woordvoerder over de graandeal en de granen.")  # fmt: skip
    assert marked(text, "woordvoerder") == (
        "uit Oekraïne gingen door, zei een [Kremlin-woordvoerder] over de graandeal"
    )
    assert marked(text, "oekraine gingen") == (
        "Het graan lag klaar. De graantransporten uit [Oekraïne] [gingen] door, zei een "
        "Kremlin-woordvoerder"
    )
    # Whoosh starts the next fragment up to 60 characters back, even inside the last one.
    assert marked(text, "graan") == (
        "Het [graan] lag klaar. De [graantransporten] uit Oekraïne gingen door, zei een "
        "Kremlin-woordvoerder … Kremlin-woordvoerder over de [graandeal] en de [granen]"
    )


def test_a_word_with_several_matching_terms_is_marked_once():
    text = "Nieuwe graantransporten vertrokken."
    terms = frozenset(ANALYZER.terms("graantransporten", mode="index"))
    assert len(terms) == 4  # the stem, two parts and the exact form
    assert make_snippet(text, terms, ANALYZER).fragments == (
        ("Nieuwe ", False), ("graantransporten", True), (" vertrokken", False),
    )  # fmt: skip


def test_the_two_richest_passages_in_text_order():
    filler = " ".join(["zonder"] * 60)
    text = (f"Eerst de haven. {filler} Dan de politie en de rechter bij de haven. {filler} "
            f"Tot slot de politie. {filler} Ook de politie en de rechter.")  # fmt: skip
    assert marked(text, "politie rechter haven") == (
        "zonder zonder zonder zonder zonder zonder zonder Dan de [politie] en de [rechter] "
        "bij de [haven]. zonder zonder zonder zonder zonder zonder zonder zonder zonder "
        "zonder … zonder zonder zonder zonder zonder zonder zonder Ook de [politie] en de "
        "[rechter]"
    )


def test_line_breaks_collapse_to_one_space():
    assert marked("De storm\n\nraasde   over\tde dijk.", "dijk") == "De storm raasde over de [dijk]"


def test_without_a_match_the_opening_is_shown():
    text = "Een lang verhaal. " * 30
    snippet = make_snippet(text, query_terms("klimaat"), ANALYZER)
    assert snippet.fragments == ((" ".join(text.split())[:220].rsplit(" ", 1)[0] + " …", False),)
    assert make_snippet("Kort.", frozenset(), ANALYZER) == Snippet((("Kort.", False),))
    assert make_snippet("", query_terms("klimaat"), ANALYZER) == Snippet()


def test_other_analysers_go_through_whooshs_highlighter():
    assert marked("The climate talks, and the climate deal.", "climate", StandardAnalyzer()) == (
        "The [climate] talks, and the [climate] deal"
    )


# -- the same output as Whoosh's own highlighter -----------------------------------------


def whoosh_snippet(text: str, terms: frozenset[str], analyzer) -> Snippet:
    """The snippet as Whoosh's highlighter makes it (this module's implementation until 2026-11)."""
    if terms and text:
        fragmenter = highlight.ContextFragmenter(
            maxchars=snippets.SNIPPET_CHARS, surround=60, charlimit=snippets.HIGHLIGHT_CHAR_LIMIT
        )
        tokens = analyzer(text, chars=True, mode="index-stems", removestops=False)
        fragments = fragmenter.fragment_tokens(text, highlight.set_matched_filter(tokens, terms))
        score = highlight.BasicFragmentScorer()
        ranked = sorted(fragments, key=lambda f: (-score(f), f.startchar))
        best = sorted((f for f in ranked[:2] if score(f) >= 1), key=lambda f: f.startchar)
        pieces = []
        for number, fragment in enumerate(best):
            if number:
                pieces.append((snippets.FRAGMENT_SEPARATOR, False))
            index = fragment.startchar
            for token in fragment.matches:
                if token.startchar < index:
                    continue
                if token.startchar > index:
                    pieces.append((text[index : token.startchar], False))
                pieces.append((text[token.startchar : token.endchar], True))
                index = token.endchar
            pieces.append((text[index : fragment.endchar], False))
        if any(hit for _, hit in pieces):
            return Snippet(tuple((_squeeze(piece), hit) for piece, hit in pieces))
    return Snippet(((snippets._opening(text), False),)) if text else Snippet()


def _squeeze(text: str) -> str:
    return snippets._WHITESPACE.sub(" ", text)


WORDS = (
    "de het een en van in op klimaat Klimaat klimaten klimaatakkoord klimaat-akkoord "
    "graantransporten graan Graandeal granen politie politieagent Politie stadspolitie "
    "brandweer brand school scholieren Kremlin-woordvoerder woordvoerder agenda's z’n "
    "17.00 2,5 G20 Oekraïense Oekraïne kli\u00admaat minister-president Rutte kabinet-Rutte"
).split()
GAPS = [" ", " ", " ", " ", "\n\n", ", ", ". ", " (", ") ", "  ", " — ", "\xa0", "/", " '"]
TERM_SOURCES = "klimaat graantransporten politie brandweer woordvoerder agenda 17.00 oekraine rutte"


def random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randrange(1, 400)):
        roll = rng.random()
        if roll < 0.01:
            pieces.append(" ." * rng.randrange(20, 120))  # a long stretch without words
        elif roll < 0.015:
            pieces.append("x" * rng.randrange(150, 300))  # a word longer than a fragment
        else:
            pieces.append(rng.choice(WORDS))
        pieces.append(rng.choice(GAPS))
    return "".join(pieces)


def random_terms(rng: random.Random) -> frozenset[str]:
    sources = rng.sample(TERM_SOURCES.split(), rng.randrange(1, 4))
    terms = {t for word in sources for t in ANALYZER.terms(word, mode="index")}
    if rng.random() < 0.2:
        terms.add("x" * 200)
    return frozenset(terms)


def assert_random_snippets_as_whoosh(seed: int, count: int) -> None:
    rng = random.Random(seed)
    for _ in range(count):
        text, terms = random_text(rng), random_terms(rng)
        assert make_snippet(text, terms, ANALYZER) == whoosh_snippet(text, terms, ANALYZER)


@pytest.mark.parametrize("seed", range(8))
def test_same_passages_and_marks_as_whooshs_highlighter(seed):
    assert_random_snippets_as_whoosh(seed, 60)


def test_same_as_whoosh_past_the_character_limit(monkeypatch):
    monkeypatch.setattr(snippets, "HIGHLIGHT_CHAR_LIMIT", 700)
    assert_random_snippets_as_whoosh(99, 100)


def test_same_as_whoosh_for_other_analyser_settings():
    unstemmed = DutchAnalyzer(stem=False, compounds=False)
    rng = random.Random(5)
    for _ in range(60):
        text = random_text(rng)
        terms = frozenset(unstemmed.terms(rng.choice(TERM_SOURCES.split()), mode="index"))
        # Run through the stemming analyser first, so a shared cache would show.
        make_snippet(text, terms, ANALYZER)
        assert make_snippet(text, terms, unstemmed) == whoosh_snippet(text, terms, unstemmed)


@pytest.mark.parametrize("query", ["brand", "politie", "later"])
def test_same_as_whoosh_across_long_stretches_without_words(query):
    # Around a match the words are read only nearby; here Whoosh's fragments reach further.
    text = ("Het begon met een brand" + " ." * 150 + " waarna de politie kwam" + " —" * 150
            + " veel later nog meer woorden hier.")  # fmt: skip
    terms = query_terms(query)
    assert make_snippet(text, terms, ANALYZER) == whoosh_snippet(text, terms, ANALYZER)


def test_same_as_whoosh_when_the_piece_cache_starts_over(monkeypatch):
    monkeypatch.setattr(snippets, "CHUNK_CACHE_LIMIT", 20)
    assert_random_snippets_as_whoosh(11, 30)


# -- hit positions from the index -----------------------------------------------------------

POSITION_QUERIES = [
    "klimaat", "politie", "rollen", "werk inkomen", "relatie", '"de politie"', "gingen",
    "huizen", "onderzoek*", "kabinet OR regering", "woordvoerder", "Oekraïne", "graandeal",
    "title:politie", "ziekenhuis zorg", "2019", "miljoen euro", "Amsterdam", "ge*", "zzzqqq",
]  # fmt: skip


@pytest.fixture(scope="module")
def real_news_index(tmp_path_factory):
    """Real Dutch articles (the first 250 of DpgMedia2019) and the seeds, in two segments."""
    from corpus import SAMPLE_CORPUS
    from index.pipeline.build import build_index
    from tests.conftest import shared_file

    source = shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    root = tmp_path_factory.mktemp("snippet-positions")
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "news").mkdir()
    (root / "news" / "first.jsonl").write_text("".join(lines[:150]), encoding="utf-8")
    build_index(root / "ix", [root / "news", SAMPLE_CORPUS])
    (root / "news" / "second.jsonl").write_text("".join(lines[150:250]), encoding="utf-8")
    build_index(root / "ix", [root / "news", SAMPLE_CORPUS])
    return root / "ix"


def test_snippets_from_index_positions_equal_snippets_from_analysis(real_news_index,
                                                                    monkeypatch):  # fmt: skip
    import search
    from search import engine as engine_module

    compared = 0
    with search.Engine.open(real_news_index) as engine:
        for text in POSITION_QUERIES:
            for page in (1, 2):
                monkeypatch.setattr(engine_module, "positions_pay_off", lambda *_: True)
                with_positions = engine.search(text, page=page, limit=10)
                monkeypatch.setattr(engine_module, "positions_pay_off", lambda *_: False)
                analysed = engine.search(text, page=page, limit=10)
                monkeypatch.undo()
                assert [h.id for h in with_positions.hits] == [h.id for h in analysed.hits]
                for hit, expected in zip(with_positions.hits, analysed.hits, strict=True):
                    assert hit.snippet == expected.snippet, (text, hit.id)
                    compared += any(marked for _, marked in hit.snippet.fragments)
    assert compared > 150  # most of them have marked words


def test_term_positions_are_the_words_holding_a_term(real_news_index):
    import search
    from index.dutch.tokens import TOKEN_PATTERN

    with search.Engine.open(real_news_index) as engine:
        searcher, _ = engine._searcher()
        reader = searcher.reader()
        hits = engine.search("politie", limit=5).hits
        docnums = [searcher.document_number(id=hit.id) for hit in hits]
        terms = query_terms("politie")
        positions = snippets.term_positions(reader, "body", terms, docnums)
        for docnum in docnums:
            words = TOKEN_PATTERN.findall(searcher.stored_fields(docnum)["body"])
            expected = [n for n, word in enumerate(words)
                        if terms & set(ANALYZER.terms(word, mode="index"))]  # fmt: skip
            assert sorted(positions[docnum]) == expected
        assert any(positions.values())
        # Exact forms keep no positions (index.schema.StemPositions): their words hold the
        # stem, whose positions are the ones read.
        exact = frozenset(ANALYZER.terms("politie", mode="query-exact"))
        assert exact > terms
        assert snippets.term_positions(reader, "body", exact, docnums) == positions
        assert not any(snippets.term_positions(reader, "body", exact - terms, docnums).values())
        # Too many terms (a wide prefix query) or none: the caller analyses the text instead.
        many = frozenset(f"t{n}" for n in range(snippets.POSITION_TERMS_LIMIT + 1))
        assert snippets.term_positions(reader, "body", many, docnums) is None
        assert snippets.term_positions(reader, "body", frozenset(), docnums) is None
        assert snippets.term_positions(reader, "id", terms, docnums) is None  # no positions


def test_positions_are_read_for_the_first_page_of_a_generation_only(monkeypatch,
                                                                     real_news_index):
    import search
    from search import engine as engine_module

    memory = snippets.SnippetMemory()
    assert snippets.positions_pay_off(ANALYZER, memory)
    assert not snippets.positions_pay_off(ANALYZER, memory)
    # no word function: Whoosh's way
    assert not snippets.positions_pay_off(StandardAnalyzer(), snippets.SnippetMemory())
    calls = []
    original = engine_module.term_positions
    monkeypatch.setattr(engine_module, "term_positions",
                        lambda *args: calls.append(args) or original(*args))  # fmt: skip
    with search.Engine.open(real_news_index) as engine:
        engine.search("politie")
        engine.search("klimaat")
    assert len(calls) == 1
