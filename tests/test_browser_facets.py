"""The page's facet blocks come from the registry: the publisher block in headless Chromium.

Uses test_browser's browser and page fixtures (and its skips) over an index of outlets.
"""

from __future__ import annotations

import pytest
from conftest import page_server
from test_browser import browser, expect, facet, page, status  # noqa: F401 (fixtures)
from test_facet_registry import write_outlet_records

from index.pipeline.build import build_index

uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server in a thread over the outlets of test_facet_registry."""
    folder = write_outlet_records(tmp_path_factory.mktemp("outlets"))
    index_dir = folder / "index"
    build_index(index_dir, [folder], extractor=None)
    with page_server(index_dir) as url:
        yield url


def test_narrow_by_publisher_in_its_own_block(page):  # noqa: F811 (the fixture)
    page.goto("/")
    expect(status(page)).to_have_text("10 artikelen gevonden.")
    block = page.locator("section.facet", has=page.get_by_role("heading", name="Bronnen"))
    expect(block).to_be_visible()
    expect(block.locator("li")).to_have_count(4)
    facet(page, "Trouw").check()
    expect(status(page)).to_have_text("4 artikelen gevonden.")
    assert "publisher=Trouw" in page.url
    expect(page.locator(".filterchip")).to_have_text(["Bron: Trouw×"])
    page.goto("/?publisher=Trouw&publisher=NRC+Handelsblad")  # one outlet per article: any
    expect(status(page)).to_have_text("5 artikelen gevonden.")
    expect(facet(page, "NRC Handelsblad")).to_be_checked()
    page.goto("/?q=publisher%3A%22het+financi%C3%ABle+dagblad%22")
    expect(status(page)).to_have_text("3 artikelen gevonden.")
