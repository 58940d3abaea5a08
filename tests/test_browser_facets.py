"""The page's facet blocks come from the registry: the publisher block in headless Chromium.

Uses test_browser's browser and page fixtures (and its skips) over an index of outlets.
"""

from __future__ import annotations

import threading
import time

import pytest
from conftest import free_port
from test_browser import browser, expect, facet, page, status  # noqa: F401 (fixtures)
from test_facet_registry import write_outlet_records

from index.pipeline.build import build_index
from search.server import create_app

uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server in a thread over the outlets of test_facet_registry."""
    folder = write_outlet_records(tmp_path_factory.mktemp("outlets"))
    index_dir = folder / "index"
    build_index(index_dir, [folder], extractor=None)
    config = uvicorn.Config(create_app(index_dir, allowed_hosts=["127.0.0.1"]),
                            host="127.0.0.1", port=free_port(), log_level="warning")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


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
