"""The HTTP API of `search serve`: same JSON as the CLI, clear errors, never a server error."""

from __future__ import annotations

import json
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

INSTALL = "pip install -e '.[test]'"
pytest.importorskip("fastapi", reason=f"the serve extra is not installed ({INSTALL})")
pytest.importorskip("httpx", reason=f"the test client needs httpx ({INSTALL})")

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402

import search  # noqa: E402
from corpus import SAMPLE_CORPUS  # noqa: E402
from search.cli import main  # noqa: E402
from search.server import (  # noqa: E402
    CONTENT_SECURITY_POLICY,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    STATIC_DIR,
    api_parameter,
    create_app,
    is_loopback,
)

PEOPLE = ("Mark Rutte", "Sigrid Kaag", "Caroline van der Plas")
PLACES = ("Groningen", "Den Haag", "Utrecht")
TOPICS = ("boeren", "natuur", "wegenbouw", "woningbouw", "provincies")


OWN_WORDS = """boeren provincie natuur water bodem vee melk weide sloot dijk akker gras
koe schaap geit varken kip veld polder rivier haven schip trein fiets school kerk markt
plein brug toren molen bos heide duin strand zee wind zon regen sneeuw storm""".split()


def news_articles(count: int = 25, *, start: int = 0) -> list[dict]:
    """Short Dutch articles about "stikstof" over six months of 2023, naming three people;
    each ends with a sentence of its own, so no two are near-duplicates."""
    articles = []
    for n in range(start, start + count):
        rng = random.Random(n)
        own = " ".join(rng.sample(OWN_WORDS, 14))
        person, place, topic = PEOPLE[n % 3], PLACES[(n // 3) % 3], TOPICS[n % 5]
        month = f"2023-{n % 6 + 1:02d}"
        articles.append({
            "id": f"stikstof-{n + 1:02d}",
            "title": f"Stikstofoverleg over {topic}, deel {n + 1}",
            "date": f"{month}-{n % 27 + 1:02d}",
            "text": (
                f"Premier {person} sprak in {place} over de stikstof en de {topic}. "
                f"Volgens {person} moet het kabinet snel een besluit nemen over de uitstoot. "
                "De Tweede Kamer debatteert volgende week opnieuw over het stikstofbeleid. "
                f"Verder: {own}."
            ),
        })  # fmt: skip
    return articles


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return path


def build_news_index(folder: Path, *, extra: list[Path] = ()) -> Path:
    """An index of the bundled sample corpus plus 25 test articles; returns the index folder."""
    folder.mkdir(parents=True, exist_ok=True)
    news = write_jsonl(folder / "news.jsonl", news_articles())
    index_dir = folder / "index"
    search.index_corpus([SAMPLE_CORPUS, news, *extra], index_dir=index_dir)
    return index_dir


@pytest.fixture(scope="module")
def news_index(tmp_path_factory) -> Path:
    return build_news_index(tmp_path_factory.mktemp("news"))


@pytest.fixture(scope="module")
def app(news_index):
    return create_app(news_index)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as opened:
        yield opened


def cli_json(news_index: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--json", "--index-dir", str(news_index)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- same JSON as the CLI --------------------------------------------------------------------


def test_search_gives_the_json_of_search_query(client, news_index):
    response = client.get("/api/search", params={"q": "stikstof", "limit": 5, "page": 2})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = cli_json(news_index, "query", "stikstof", "--limit", "5", "--page", "2")
    assert response.json() == expected
    assert response.json()["total"] == 25
    assert len(response.json()["hits"]) == 5


def test_search_filters_by_several_people_and_months(client):
    kaag = client.get("/api/search", params={"q": "stikstof", "person": "Sigrid Kaag"}).json()
    assert kaag["total"] == 8
    assert all("Sigrid Kaag" in hit["entities"]["person"] for hit in kaag["hits"])
    both = client.get("/api/search", params=[("person", "Sigrid Kaag"), ("person", "Mark Rutte")])
    assert both.json()["total"] == 0  # every named person must be in the article
    spring = {"q": "stikstof", "since": "2023-02", "until": "2023-03", "sort": "date"}
    spring = client.get("/api/search", params=spring).json()
    assert spring["total"] == 8
    assert [hit["month"] for hit in spring["hits"]] == sorted(
        (hit["month"] for hit in spring["hits"]), reverse=True
    )
    assert {m["value"] for m in spring["facets"]["month"]} == {"2023-02", "2023-03"}


def test_snippets_are_escaped_html_with_marks(client, tmp_path):
    hit = client.get("/api/search", params={"q": "stikstof", "limit": 1}).json()["hits"][0]
    assert "<mark>" in hit["snippet"]
    assert "<script" not in hit["snippet"]


def test_facets_give_the_json_of_search_facets(client, news_index):
    response = client.get("/api/facets", params={"q": "stikstof", "top": 2, "month": "2023-01"})
    assert response.status_code == 200
    expected = cli_json(news_index, "facets", "stikstof", "--top", "2", "--month", "2023-01")
    assert response.json() == expected


def test_article_stats_suggest_and_health(client, news_index):
    article = client.get("/api/articles/stikstof-03")
    assert article.status_code == 200
    assert article.json() == cli_json(news_index, "show", "stikstof-03")
    assert article.json()["entities"]["person"] == ["Caroline van der Plas"]
    assert client.get("/api/stats").json() == cli_json(news_index, "stats")
    assert client.get("/api/suggest", params={"q": "stikstf"}).json() == {
        "query": "stikstf", "suggestion": "stikstof"}  # fmt: skip
    assert client.get("/api/search", params={"q": "stikstf"}).json()["suggestion"] == "stikstof"
    assert client.get("/api/suggest").json() == {"query": "", "suggestion": None}
    assert client.get("/healthz").json() == {"status": "ok"}


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"limit": 0}, 422, "limit"),
        ({"limit": MAX_PAGE_SIZE + 1}, 422, "limit"),
        ({"limit": "tien"}, 422, "limit"),
        ({"page": 0}, 422, "page"),
        ({"page": 9000, "limit": 100}, 400, "page"),
        ({"sort": "random"}, 422, "sort"),
        ({"since": "2023-13"}, 422, "since"),
        ({"month": "maart"}, 422, "month"),
        ({"since": "2023-05", "until": "2023-01"}, 400, "since"),
        ({"facets": -1}, 422, "facets"),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, 422, "q"),
        ({"q": "AND OR"}, 400, "q"),
        ({"q": "a*"}, 400, "q"),
        ({"q": "stikstof~3"}, 400, "q"),
        ({"person": ["Rutte"] * 11}, 422, "person"),
    ],
)
def test_bad_parameters_are_named_in_the_error(client, params, status, parameter):
    response = client.get("/api/search", params=params)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"] and "Traceback" not in error["message"]
    assert "--" not in error["message"]


def test_unknown_article_and_path_are_404(client):
    response = client.get("/api/articles/bestaat-niet")
    assert response.status_code == 404
    assert response.json()["error"]["parameter"] == "article_id"
    assert "bestaat-niet" in response.json()["error"]["message"]
    assert client.get("/api/nergens").json() == {"error": {"parameter": None,
                                                           "message": "Not Found"}}  # fmt: skip


def test_missing_index_is_503_with_a_clear_message(tmp_path):
    with TestClient(create_app(tmp_path / "geen-index"), raise_server_exceptions=False) as client:
        for path in ("/healthz", "/api/search?q=x", "/api/stats", "/api/articles/1"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "geen-index" in response.json()["error"]["message"]
        assert client.get("/").status_code == 200  # the page still loads and shows the error


def test_query_error_parameter_is_named_as_the_endpoint_names_it():
    assert api_parameter("/api/search", "until") == "until"
    assert api_parameter("/api/search", "text") == "q"
    assert api_parameter("/api/facets", "facets") == "top"


# -- page, headers, hosts --------------------------------------------------------------------


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert page.headers["x-content-type-options"] == "nosniff"
    assert 'lang="nl"' in page.text
    for asset in ("app.js", "timeline.js", "style.css"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_page_works_offline():
    """No asset from elsewhere and no inline script or style (the CSP forbids both)."""
    for path in STATIC_DIR.iterdir():
        text = path.read_text("utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
    html = (STATIC_DIR / "index.html").read_text("utf-8")
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_openapi_lists_every_endpoint_and_no_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/search", "/api/facets", "/api/article",
                                  "/api/articles/{article_id}", "/api/stats", "/api/suggest",
                                  "/api/compare", "/api/export", "/api/kwic",
                                  "/healthz"}  # fmt: skip
    export = spec["paths"]["/api/export"]["get"]
    assert set(export["responses"]["200"]["content"]) == {"text/csv", "application/x-ndjson"}
    export_params = {p["name"] for p in export["parameters"]}
    assert export_params == {"q", "since", "until", "month", "person", "place", "org",
                             "publisher", "sort", "format", "fields", "delimiter",
                             "keep_formulas"}  # fmt: skip
    compare_params = {p["name"] for p in spec["paths"]["/api/compare"]["get"]["parameters"]}
    assert {"delimiter", "keep_formulas", "format", "interval"} <= compare_params
    search_params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search_params == {"q", "since", "until", "month", "person", "place", "org",
                             "publisher", "sort", "limit", "page", "facets", "collapse",
                             "count", "timeline"}  # fmt: skip
    assert client.get("/docs").status_code == 404


def test_loopback_server_refuses_other_host_names(news_index):
    app = create_app(news_index, allowed_hosts=["localhost", "127.0.0.1"])
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/healthz", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True),
                                                ("::1", True), ("0.0.0.0", False),
                                                ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


# -- concurrency -----------------------------------------------------------------------------


def test_requests_are_answered_while_an_index_run_goes_on(tmp_path):
    index_dir = build_news_index(tmp_path)
    more = write_jsonl(tmp_path / "more.jsonl", news_articles(200, start=25))
    with TestClient(create_app(index_dir), raise_server_exceptions=False) as client:
        assert client.get("/api/search", params={"q": "stikstof"}).json()["total"] == 25
        indexing = threading.Thread(
            target=search.index_corpus, args=([SAMPLE_CORPUS, tmp_path / "news.jsonl", more],),
            kwargs={"index_dir": index_dir},
        )  # fmt: skip
        indexing.start()
        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(
                lambda n: client.get("/api/search", params={"q": "stikstof", "page": n % 3 + 1}),
                range(40),
            ))  # fmt: skip
        indexing.join()
        assert {r.status_code for r in responses} == {200}
        assert {r.json()["total"] for r in responses} <= {25, 225}
        assert client.get("/api/search", params={"q": "stikstof"}).json()["total"] == 225


# -- property-based: no input makes a server error -------------------------------------------

API_PATHS = ("/api/search", "/api/facets", "/api/article", "/api/articles/{article_id}",
             "/api/stats", "/api/suggest", "/api/export", "/api/kwic", "/healthz")  # fmt: skip


@pytest.fixture(scope="module")
def api_schema(app):
    schemathesis = pytest.importorskip("schemathesis", reason=f"needs schemathesis ({INSTALL})")
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# /api/stats and /healthz take no input, any string is a valid article id: nothing to negate.
@pytest.mark.parametrize(("path", "mode"), [
    *((path, "positive") for path in API_PATHS),
    *((path, "negative") for path in ("/api/search", "/api/facets", "/api/suggest",
                                      "/api/export", "/api/kwic")),
])  # fmt: skip
def test_api_never_answers_with_a_server_error(api_schema, path, mode):
    """Schemathesis: inputs drawn from the OpenAPI description, valid and invalid."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]  # fmt: skip
    operation = api_schema[path]["GET"]
    examples = 40 if path in ("/api/search", "/api/facets") else 15

    @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)  # fmt: skip
    def check(case):
        case.call_and_validate(checks=checks)

    check()


def test_run_server_without_an_index_fails_before_listening(tmp_path):
    from search.server import run_server

    with pytest.raises(search.IndexNotFoundError):
        run_server(tmp_path / "geen-index", host="127.0.0.1", port=0)
