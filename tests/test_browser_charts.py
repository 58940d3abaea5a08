"""The page's chart in headless Chromium: the timeline of a query by day, week, month or year,
in counts or share of all articles, and compared queries as lines.

Uses test_browser's browser and page fixtures (and its skips) over fourteen articles of early
2023 whose counts per period are known: "klimaat" is 3 of the 8 articles of January, none of
the 2 of February and 3 of the 4 of March; and one of 2020, for a timeline of a thousand days.
"""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

import pytest
from conftest import page_server, write_jsonl
from test_browser import browser, expect, page, screenshot, status  # noqa: F401 (fixtures)

import search

uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")

# (date, topic) of each article
ARTICLES = [
    ("2023-01-02", "klimaat"), ("2023-01-03", "klimaat"), ("2023-01-04", "stikstof"),
    ("2023-01-05", "verkeer"), ("2023-01-10", "klimaat"), ("2023-01-11", "verkeer"),
    ("2023-01-12", "verkeer"), ("2023-01-13", "verkeer"), ("2023-02-15", "stikstof"),
    ("2023-02-16", "verkeer"), ("2023-03-20", "klimaat"), ("2023-03-21", "klimaat"),
    ("2023-03-22", "klimaat"), ("2023-03-23", "stikstof"), ("2020-06-15", "archief"),
]  # fmt: skip
OWN_WORDS = """provincie water bodem vee melk weide sloot dijk akker gras koe schaap geit varken
kip veld polder rivier haven schip trein fiets school kerk markt plein brug toren molen bos heide
duin strand zee wind zon regen sneeuw storm""".split()


def own_words(seed: int) -> list[str]:
    return random.Random(seed).sample(OWN_WORDS, 14)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server in a thread over the articles of ARTICLES (no two alike)."""
    folder = tmp_path_factory.mktemp("charts")
    records = [{
        "id": f"{topic}-{n}", "title": f"Nieuws over {topic} ({date})", "date": date,
        "text": f"Een bericht over {topic}. Verder: {' '.join(own_words(n))}.",
    } for n, (date, topic) in enumerate(ARTICLES)]  # fmt: skip
    index_dir = folder / "index"
    search.index_corpus([write_jsonl(folder / "charts.jsonl", records)], index_dir=index_dir)
    with page_server(index_dir) as url:
        yield url


def bars(tab):
    return tab.locator("#tekening .balk")


def bar(tab, name: str):
    return tab.get_by_role("button", name=name)


def height(locator) -> float:
    return float(locator.locator(".vulling").get_attribute("height"))


def assert_readable(tab, width: int) -> None:
    """No sideways scrolling, and no two labels of the time axis on top of each other."""
    scroll = tab.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways at {width}px ({scroll}px)"
    boxes = tab.evaluate("""[...document.querySelectorAll('#tekening .tijdas text')].map((t) => {
        const b = t.getBoundingClientRect(); return [b.left, b.right, b.top]; })""")
    assert boxes, "the time axis has no labels"
    for row in {top for _, _, top in boxes}:
        spans = sorted((left, right) for left, right, top in boxes if top == row)
        for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
            assert right <= left, f"axis labels overlap at {width}px: {spans}"
        assert spans[0][0] >= 0 and spans[-1][1] <= width


def test_timeline_by_day_week_month_and_year_in_counts_and_share(page):  # noqa: F811
    page.goto("/?q=klimaat")
    expect(status(page)).to_have_text("6 artikelen gevonden.")
    expect(page.locator("#grafiek-titel")).to_have_text("Artikelen per maand")
    expect(bars(page)).to_have_count(3)
    march = bar(page, "maart 2023: 3 artikelen, 75% van alle 4")
    january = bar(page, "januari 2023: 3 artikelen, 38% van alle 8")
    assert height(march) == height(january)
    assert_readable(page, 1280)
    table_csv = re.compile(r"^/api/compare\?.*q=klimaat.*format=csv")
    expect(page.get_by_role("link", name="Tabel als CSV")).to_have_attribute("href", table_csv)
    screenshot(page, "11-tijdlijn-maand")

    page.get_by_role("radio", name="week").check()
    expect(page).to_have_url(re.compile(r"interval=week"))
    expect(page.locator("#grafiek-titel")).to_have_text("Artikelen per week")
    expect(bars(page)).to_have_count(12)  # ISO weeks 1 to 12, empty ones included
    expect(bar(page, "week 1 van 2023 (2 t/m 8 januari): 2 artikelen, 50% van alle 4")
           ).to_be_visible()  # fmt: skip
    bar(page, "week 2 van 2023 (9 t/m 15 januari): 1 artikel").click()
    expect(status(page)).to_have_text("1 artikel gevonden.")
    expect(page).to_have_url(re.compile(r"since=2023-01-09&until=2023-01-15"))
    week = "Periode: 9 januari 2023 t/m 15 januari 2023"
    expect(page.locator(".filterchip")).to_have_text([f"{week}×"])
    expect(bars(page)).to_have_count(12)  # the whole span, the chosen week highlighted
    expect(page.locator(".vulling.gekozen")).to_have_count(1)
    page.get_by_role("button", name=f"{week} — filter verwijderen").click()

    page.get_by_role("radio", name="dag").check()
    expect(bars(page)).to_have_count(80)  # 2 January to 22 March
    assert_readable(page, 1280)
    page.get_by_role("radio", name="jaar").check()
    expect(bars(page)).to_have_count(1)
    expect(bar(page, "2023: 6 artikelen, 43% van alle 14")).to_be_visible()

    # Keyboard: the radio buttons are one stop, the arrows choose; then the bars
    page.get_by_role("radio", name="jaar").focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/\?q=klimaat$"))  # by month: the default
    expect(page.get_by_role("radio", name="maand")).to_be_checked()
    expect(bars(page)).to_have_count(3)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # from counts to share
    expect(page).to_have_url(re.compile(r"scale=share"))
    expect(page.locator("#grafiek-titel")).to_have_text("Aandeel in alle artikelen per maand")
    expect(page.locator("#tekening .raster text")).to_have_text(["0%", "25%", "50%", "75%"])
    assert height(march) == pytest.approx(2 * height(january), abs=1)  # 75% against 37.5%
    screenshot(page, "12-tijdlijn-aandeel")

    page.keyboard.press("Tab")  # to the latest bar with matches
    expect(march).to_be_focused()
    expect(page.locator("#grafiek-waarde")).to_have_text("maart 2023: 3 artikelen, 75% van alle 4")
    page.keyboard.press("Home")
    expect(january).to_be_focused()
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("3 artikelen gevonden.")
    expect(page).to_have_url(re.compile(r"month=2023-01"))
    expect(january).to_be_focused()  # the chart was drawn again; the focus stays
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # a second bar: the period between them
    expect(status(page)).to_have_text("6 artikelen gevonden.")
    expect(page).to_have_url(re.compile(r"since=2023-01&until=2023-03"))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/?q=klimaat&interval=week&scale=share")
    expect(bars(page)).to_have_count(12)
    page.locator("#tijdlijn").scroll_into_view_if_needed()
    assert_readable(page, 390)
    screenshot(page, "13-tijdlijn-smal", full_page=False)
    page.goto("/?q=klimaat&interval=day")
    expect(bars(page)).to_have_count(80)
    assert_readable(page, 390)


def test_compare_two_queries_as_lines_with_their_table(page):  # noqa: F811
    page.goto("/?q=klimaat")
    page.get_by_role("link", name="Vergelijken").click()
    box = page.get_by_label("Zoekvragen om te vergelijken, één per regel")
    expect(box).to_have_value("klimaat")  # the query of the search box to begin with
    expect(page.locator("#tekening path.lijn")).to_have_count(1)
    box.fill("klimaat\nmest=stikstof")
    page.get_by_role("button", name="Vergelijken", exact=True).click()
    expect(page).to_have_url(re.compile(r"view=compare.*cq=klimaat&cq=mest%3Dstikstof"))
    expect(status(page)).to_have_text("2 zoekvragen vergeleken.")
    expect(page.locator("#tekening path.lijn")).to_have_count(2)
    expect(page.locator("#treffers")).to_be_hidden()
    expect(page.locator("#legenda li")).to_have_text(["klimaat (6 artikelen)",
                                                      "mest (stikstof · 3 artikelen)"])  # fmt: skip
    assert_readable(page, 1280)

    chart = page.locator("#tekening svg")
    chart.focus()  # arrows read the numbers of one period
    page.keyboard.press("End")
    readout = page.locator("#grafiek-waarde")
    expect(readout).to_have_text("maart 2023: klimaat 3 · mest 1 · alle artikelen 4")
    page.keyboard.press("ArrowLeft")
    expect(readout).to_have_text("februari 2023: klimaat 0 · mest 1 · alle artikelen 2")
    screenshot(page, "14-vergelijken")

    page.get_by_role("radio", name="aandeel").check()
    expect(page).to_have_url(re.compile(r"view=compare.*scale=share|scale=share.*view=compare"))
    expect(page.locator("#tekening path.lijn")).to_have_count(2)
    page.get_by_text("De getallen als tabel").click()
    rows = page.locator("#grafiek-tabel tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0).locator("th")).to_have_text(["Periode", "klimaat", "mest", "Alle artikelen"])
    expect(rows.nth(1).locator("th, td")).to_have_text(["januari 2023", "3 (38%)", "1 (13%)", "8"])

    with page.expect_download() as caught:
        page.get_by_role("link", name="Tabel als CSV").click()
    data = Path(caught.value.path()).read_text("utf-8-sig")  # a byte-order mark, as every CSV here
    assert list(csv.reader(io.StringIO(data)))[:4] == [
        ["label", "start", "count", "all"], ["klimaat", "2023-01-01", "3", "8"],
        ["klimaat", "2023-02-01", "0", "2"], ["klimaat", "2023-03-01", "3", "4"],
    ]  # fmt: skip

    page.get_by_role("radio", name="week").check()
    expect(page).to_have_url(re.compile(r"interval=week"))
    # A share needs articles: weeks 1-2, 7 and 12 have them, the line breaks in between
    expect(page.locator("#tekening .punten").first.locator("circle")).to_have_count(4)
    assert page.locator("#tekening path.lijn").first.get_attribute("d").count("M") == 3

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#tekening path.lijn")).to_have_count(2)
    page.locator("#tijdlijn").evaluate("(figure) => figure.scrollIntoView()")
    assert_readable(page, 390)
    screenshot(page, "15-vergelijken-smal", full_page=False)

    box.fill("\n".join(f"woord{n}" for n in range(13)))  # more than the server takes
    box.press("Control+Enter")
    expect(page.locator("#vergelijk-fout")).to_have_text("Hoogstens 12 zoekvragen tegelijk.")
    expect(page).to_have_url(re.compile(r"cq=klimaat&cq=mest%3Dstikstof"))


def test_thin_bars_share_one_button_that_walks(page):  # noqa: F811 (the fixture)
    page.goto("/?q=klimaat+OR+archief&interval=day")  # 1,011 days: bars under a pixel wide
    expect(status(page)).to_have_text("7 artikelen gevonden.")
    expect(page.locator("#tekening path.vulling")).to_have_count(1)
    walker = page.locator("#tekening .balk")
    expect(walker).to_have_count(1)
    expect(walker).to_have_attribute("aria-label", "22 maart 2023: 1 artikel, 100% van alle 1")
    assert_readable(page, 1280)
    page.get_by_role("radio", name="aantal").focus()
    page.keyboard.press("Tab")
    expect(walker).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(walker).to_have_attribute("aria-label", "21 maart 2023: 1 artikel, 100% van alle 1")
    page.keyboard.press("Home")
    expect(page.locator("#grafiek-waarde")).to_have_text("15 juni 2020: 1 artikel, 100% van alle 1")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("1 artikel gevonden.")
    expect(page).to_have_url(re.compile(r"since=2020-06-15&until=2020-06-15"))
    expect(walker).to_be_focused()

    box = page.locator("#tekening svg").bounding_box()  # drag over the last quarter
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 1, box["y"] + 60, steps=5)  # to the last day
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"since=2022-\d\d-\d\d&until=2023-03-22"))
    expect(status(page)).to_have_text("6 artikelen gevonden.")
    screenshot(page, "16-tijdlijn-dagen")
