"""The search page in headless Chromium (Debian's), against a real server on loopback.

Needs /usr/bin/chromium and the playwright package (never a downloaded browser);
screenshots of the main states go to test-output/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(apt-get install chromium)", allow_module_level=True)  # fmt: skip
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (pip install -e '.[test]')"
)
uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")

from conftest import page_server  # noqa: E402
from test_server import build_news_index, write_jsonl  # noqa: E402

expect = sync_api.expect
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip
HOSTILE_TITLE = '<img src=x onerror="window.hacked=1"> Zwavel en <b>vet</b>'
# one wire story printed by two papers: the page shows it once
SEAL_STORY = ("Tellers vonden dit voorjaar in de Waddenzee ruim achtduizend gewone zeehonden, "
              "meer dan vorig jaar; de grijze zeehond blijft zeldzaam op de zandplaten voor "
              "de kust van Texel en Vlieland.")
URL_ID = "https://www.nu.nl/klimaat/123/../één artikel?bron=rss&x=1#reacties%20"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server in a thread over the news index plus one article with a hostile title."""
    folder = tmp_path_factory.mktemp("browser")
    write_jsonl(folder / "hostile.jsonl", [{
        "id": "vijandig", "title": HOSTILE_TITLE, "date": "2022-11-02",
        "text": 'Een artikel over <script>alert("x")</script> en zwaveldioxide.',
    }, {
        "id": URL_ID, "title": "Kwelders onder water", "date": "",
        "text": "Een artikel over kwelders, met een adres als id en zonder datum.",
    }, *[{
        "id": f"zeehond-{paper}", "title": f"Zeehonden geteld ({paper})", "date": "2022-06-10",
        "text": SEAL_STORY,
    } for paper in ("tubantia", "gelderlander")]])  # fmt: skip
    index_dir = build_news_index(folder, extra=[folder / "hostile.jsonl"])
    with page_server(index_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except sync_api.Error as error:
            pytest.skip(f"chromium at {CHROMIUM} does not start: {error}")
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                  base_url=base_url)  # fmt: skip
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    opened.set_default_timeout(5_000)
    yield opened
    context.close()
    assert problems == []


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def search_for(page, text: str) -> None:
    page.goto("/")
    page.get_by_label("Zoek in het nieuws").fill(text)
    page.get_by_label("Zoek in het nieuws").press("Enter")


def facet(page, name: str):
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))


def status(page):
    return page.locator("#status")


def test_search_and_narrow_by_facets(page):
    search_for(page, "stikstof")
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 1 van 3.")
    expect(page.locator(".treffer")).to_have_count(10)
    expect(page.locator(".treffer mark").first).to_have_text(re.compile("stikstof", re.I))
    screenshot(page, "01-resultaten")

    facet(page, "Sigrid Kaag").check()
    expect(status(page)).to_have_text("8 artikelen gevonden.")
    assert "person=Sigrid+Kaag" in page.url
    for chips in page.locator(".treffer .chips").all():
        expect(chips).to_contain_text("Sigrid Kaag")
    facet(page, "Groningen").check()  # several filters at once
    expect(status(page)).to_have_text("3 artikelen gevonden.")
    expect(page.locator(".filterchip")).to_have_count(2)
    screenshot(page, "02-personen-en-plaats")

    page.get_by_role("button", name="Persoon: Sigrid Kaag — filter verwijderen").click()
    expect(status(page)).to_have_text("9 artikelen gevonden.")
    page.go_back()
    expect(status(page)).to_have_text("3 artikelen gevonden.")
    page.go_back()
    expect(status(page)).to_have_text("8 artikelen gevonden.")


def test_month_bars_filter_to_a_month_and_a_period(page):
    search_for(page, "stikstof")
    page.get_by_role("button", name="maart 2023: 4 artikelen").click()
    expect(status(page)).to_have_text("4 artikelen gevonden.")
    expect(page).to_have_url(re.compile(r"month=2023-03"))
    expect(page.locator(".treffer time").first).to_contain_text("maart 2023")
    expect(page.locator(".filterchip")).to_contain_text("Periode: maart 2023")
    screenshot(page, "03-maand")

    page.get_by_role("button", name="mei 2023: 4 artikelen").click()  # second click: a period
    expect(status(page)).to_have_text("12 artikelen gevonden; pagina 1 van 2.")
    expect(page).to_have_url(re.compile(r"since=2023-03.*until=2023-05|until=2023-05.*since=2023-03"))

    # The histogram is redrawn after the hits: measure the bars once it has settled.
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("button", name="januari 2023: 5 artikelen")).to_be_visible()
    first = page.get_by_role("button", name="januari 2023: 5 artikelen").bounding_box()
    second = page.get_by_role("button", name="februari 2023: 4 artikelen").bounding_box()
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] - 5)
    page.mouse.down()
    page.mouse.move(second["x"] + 5, second["y"] + second["height"] - 5, steps=5)
    page.mouse.move(second["x"] + second["width"] / 2, second["y"] + second["height"] - 5)
    page.mouse.up()
    expect(status(page)).to_have_text("9 artikelen gevonden.")
    expect(page).to_have_url(re.compile(r"since=2023-01.*until=2023-02|until=2023-02.*since=2023-01"))


def test_paging_forward_and_back(page):
    search_for(page, "stikstof")
    first_titles = page.locator(".treffer h2").all_text_contents()
    page.get_by_role("link", name="Volgende →").click()
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 2 van 3.")
    assert "page=2" in page.url
    assert page.locator(".treffer h2").all_text_contents() != first_titles
    page.get_by_role("link", name="Volgende →").click()
    expect(page.locator(".treffer")).to_have_count(5)
    page.go_back()
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 2 van 3.")


def test_open_an_article_and_come_back(page):
    search_for(page, "stikstof")
    page.get_by_role("link", name="Stikstofoverleg over natuur, deel 2").click()
    heading = page.locator("#artikel h2")
    expect(heading).to_have_text("Stikstofoverleg over natuur, deel 2")
    expect(page.locator("#artikel .tekst")).to_contain_text("Premier Sigrid Kaag sprak")
    assert "id=stikstof-02" in page.url
    screenshot(page, "04-artikel")
    page.go_back()
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 1 van 3.")
    page.go_forward()
    expect(heading).to_have_text("Stikstofoverleg over natuur, deel 2")
    page.get_by_role("link", name="← Terug naar de resultaten").click()
    expect(page.locator(".treffer")).to_have_count(10)


def test_follow_the_did_you_mean_suggestion(page):
    search_for(page, "stikstf")
    expect(status(page)).to_have_text("Geen artikelen gevonden.")
    suggestion = page.get_by_role("link", name="stikstof", exact=True)
    expect(page.locator("#suggestie")).to_have_text("Bedoelde je stikstof?")
    screenshot(page, "05-suggestie")
    suggestion.click()
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 1 van 3.")
    expect(page.get_by_label("Zoek in het nieuws")).to_have_value("stikstof")


def test_titles_and_bodies_are_text_not_html(page):
    page.goto("/?q=zwaveldioxide")
    expect(page.locator(".treffer h2")).to_have_text(HOSTILE_TITLE)
    expect(page.locator(".treffer img")).to_have_count(0)
    page.get_by_role("link", name=HOSTILE_TITLE).click()
    expect(page.locator("#artikel .tekst")).to_contain_text('<script>alert("x")</script>')
    assert page.evaluate("window.hacked") is None


def test_an_article_whose_id_is_a_url_opens_and_shows_its_date_state(page):
    page.goto("/?q=kwelders")
    expect(page.locator(".treffer h2")).to_have_text("Kwelders onder water")
    page.get_by_role("link", name="Kwelders onder water").click()
    expect(page.locator("#artikel h2")).to_have_text("Kwelders onder water")
    expect(page.locator("#artikel .tekst")).to_contain_text("met een adres als id")
    screenshot(page, "07-artikel-met-url-id")
    page.reload()  # the id survives the page's own URL
    expect(page.locator("#artikel h2")).to_have_text("Kwelders onder water")


def test_near_identical_copies_show_once_with_a_link_to_the_other(page):
    page.goto("/?q=zeehonden")
    expect(status(page)).to_have_text("1 artikel gevonden.")
    copies = page.locator(".treffer .kopieen")
    expect(copies).to_contain_text("Ook verschenen als bijna gelijke kopie: zeehond-")
    screenshot(page, "08-kopieen")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "08-kopieen-smal", full_page=False)
    copies.get_by_role("link").click()
    expect(page.locator("#artikel h2")).to_contain_text("Zeehonden geteld")


def test_sorting_by_date_with_undated_articles_works(page):
    page.goto("/?q=kwelders+OR+zwaveldioxide&sort=date")
    expect(page.locator(".treffer")).to_have_count(2)
    expect(page.locator(".treffer h2").last).to_have_text("Kwelders onder water")


def test_keyboard_help_shared_url_and_narrow_screen(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/?q=stikstof&person=Mark+Rutte&sort=oldest")  # a shared link restores the state
    expect(status(page)).to_have_text("9 artikelen gevonden.")
    expect(page.get_by_label("Sorteer op")).to_have_value("oldest")
    expect(page.locator(".treffer time").first).to_have_text("1 januari 2023")
    page.get_by_text("Zoektips").click()
    expect(page.locator(".zoektips-tekst")).to_be_visible()
    screenshot(page, "06-smal-scherm", full_page=False)

    page.locator("body").press("/")
    expect(page.get_by_label("Zoek in het nieuws")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("kabinet")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("9 artikelen gevonden.")
    assert "q=kabinet" in page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a narrow screen ({width}px)"


def test_download_every_hit_of_the_current_query(page):
    search_for(page, "stikstof")
    facet(page, "Sigrid Kaag").check()
    expect(status(page)).to_have_text("8 artikelen gevonden.")
    link = page.get_by_role("link", name="Download alle 8 treffers als CSV", exact=True)
    assert "person=Sigrid+Kaag" in link.get_attribute("href")
    with page.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename == "nieuwszoeker-stikstof.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["id", "date", "title", "url", "person", "place", "org"]
    assert len(rows) == 9 and all("Sigrid Kaag" in row[4] for row in rows[1:])
    excel = page.get_by_role("link", name=re.compile("als CSV voor Excel"))
    assert "delimiter=%3B" in excel.get_attribute("href")
    screenshot(page, "08-downloads")


def test_keyword_in_context_view_on_desktop_and_a_narrow_screen(page):
    search_for(page, "stikstof")
    expect(status(page)).to_have_text("25 artikelen gevonden; pagina 1 van 3.")
    page.get_by_role("link", name="Woorden in context").click()
    expect(page).to_have_url(re.compile(r"view=kwic"))
    lines = page.locator(".kwic-regel")
    expect(page.locator("#kwic-status")).to_have_text("25 regels.")
    expect(lines).to_have_count(25)
    expect(page.locator(".treffer")).to_have_count(0)
    expect(lines.first.locator("mark")).to_have_text(re.compile("^stikstof", re.I))
    # every match starts in the same column
    starts = {round(box["x"]) for box in
              (m.bounding_box() for m in page.locator(".kwic-regel .kern").all()[:10])}  # fmt: skip
    assert len(starts) == 1, starts
    screenshot(page, "09-kwic")

    page.get_by_label("Regels sorteren op").select_option("right")
    expect(page).to_have_url(re.compile(r"ksort=right"))
    expect(lines.first.locator(".rechts")).to_have_text(re.compile(r"^\s*beleid|^\s*en"))
    csv_link = page.get_by_role("link", name="Regels als CSV")
    # the link follows once the re-sorted lines have come
    expect(csv_link).to_have_attribute("href", re.compile(r"format=csv.*sort=right"))

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(lines).to_have_count(25)
    screenshot(page, "10-kwic-smal", full_page=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the KWIC view scrolls sideways on a narrow screen ({width}px)"

    lines.first.locator(".kwic-bron").click()
    expect(page.locator("#artikel h2")).to_contain_text("Stikstofoverleg")
    page.go_back()
    page.get_by_role("link", name="Artikelen").click()
    expect(page.locator(".treffer")).to_have_count(10)
