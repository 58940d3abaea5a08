"""``search serve``: a JSON HTTP API and a search page over one index (FastAPI on uvicorn).

The API answers with the JSON the CLI prints (``search query --json`` and friends);
the page at ``/`` is plain HTML, CSS and JavaScript from ``search/static``, with no
asset from elsewhere. Endpoints are synchronous, so FastAPI runs them in its thread
pool and the :class:`~search.Engine` (one searcher per thread) answers them
concurrently, also while ``search index`` adds articles.

>>> app = create_app("news-index")  # doctest: +SKIP
>>> run_server("news-index", host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import inspect
import ipaddress
import json
import logging
import re
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import search
from search.errors import ArticleNotFoundError, QueryError, SearchError, for_commands
from search.export import (
    DEFAULT_EXPORT_FIELDS,
    EXPORT_FIELDS,
    csv_text,
    delimiter_of,
    jsonl_text,
    table_text,
)
from search.kwic import DEFAULT_WIDTH, KWIC_SORTS
from search.queries import COUNTS, SORTS
from search.results import FACETS, NAME_FACETS
from search.timeline import INTERVALS

STATIC_DIR = Path(__file__).parent / "static"
MAX_QUERY_LENGTH = 1_000  # characters of query text (the library allows more)
MAX_PAGE_SIZE = 100  # hits per page
MAX_PAGE = 10_000
MAX_FACETS = 100  # values per facet of names
MAX_NAMES = 10  # filter values per facet
MAX_NAME_LENGTH = 200
MAX_KWIC_LINES = 10_000
MAX_KWIC_WIDTH = 200
CSV_TYPE = "text/csv; charset=utf-8"
JSONL_TYPE = "application/x-ndjson; charset=utf-8"
WORKER_THREADS = 8
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
MAX_COMPARED = 12  # queries in one comparison
MONTH_OR_DAY_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

log = logging.getLogger(__name__)

# -- the JSON shapes, for the OpenAPI description (the library's as_dict() fills them) ------


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityNames(_Shape):
    person: list[str]
    place: list[str]
    org: list[str]


class FacetCountShape(_Shape):
    value: str
    count: int


class CopyShape(_Shape):
    id: str
    source: str


def _facet_description(facet) -> str:
    if facet.histogram:
        return f"{facet.label}: every value with its count, most frequent first"
    return f"{facet.label}: the most frequent values (see `facets` / `top`)"


class HitShape(_Shape):
    id: str
    title: str
    month: str | None
    date: str | None
    score: float
    snippet: str  # HTML-escaped text with <mark>…</mark> around matched words
    source: str
    entities: EntityNames
    duplicates: list[CopyShape] = Field(description="Near-identical copies hidden by collapse")


class BucketShape(_Shape):
    start: str = Field(description="First day of the interval (YYYY-MM-DD)")
    count: int = Field(description="Matching articles in it")
    all: int = Field(description="All articles of the index in it")


class TimelineShape(_Shape):
    interval: str
    undated: int
    buckets: list[BucketShape]


class SeriesShape(_Shape):
    label: str
    query: str
    total: int
    undated: int
    buckets: list[BucketShape]


class ComparisonShape(_Shape):
    interval: str
    series: list[SeriesShape]


# One list per facet of the registry (index.facets), in its order.
FacetsShape = create_model(
    "FacetsShape", __base__=_Shape,
    **{facet.name: (list[FacetCountShape], Field(description=_facet_description(facet)))
       for facet in FACETS},
)  # fmt: skip


class SearchShape(_Shape):
    query: str
    total: int = Field(description="Matching articles; with collapse, groups of near-duplicates")
    collapsed: bool = Field(False, description="Present (true) with collapse=true")
    page: int
    limit: int
    hits: list[HitShape]
    facets: FacetsShape
    suggestion: str | None
    timeline: TimelineShape | None = Field(None, description="With timeline=INTERVAL")


class DocumentShape(_Shape):
    id: str
    title: str
    body: str
    month: str | None
    date: str | None
    source: str
    line: int | None
    entities: EntityNames


class StatsShape(_Shape):
    index_dir: str
    documents: int
    undated: int = Field(description="Articles without a date (nor a month)")
    first_month: str | None
    last_month: str | None
    months: list[FacetCountShape]
    size_bytes: int
    analysis: dict[str, Any]
    extractor: str | None
    roots: list[str]
    shards: int | None = Field(None, description="The number of shards (none: no shards)")
    shard_documents: list[int] | None = Field(None, description="Articles in each shard")


class KwicLineShape(_Shape):
    id: str
    date: str | None
    month: str | None
    title: str
    field: str = Field(description="title or body")
    offset: int = Field(description="Character offset of the match in that field")
    left: str
    match: str = Field(description="The match as written")
    right: str


class KwicShape(_Shape):
    query: str
    articles: int = Field(description="Matching articles")
    complete: bool = Field(description="False when limit cut the lines short")
    lines: list[KwicLineShape]


class SuggestShape(_Shape):
    query: str
    suggestion: str | None


class HealthShape(_Shape):
    status: str


class ErrorDetail(_Shape):
    parameter: str | None
    message: str


class ErrorShape(_Shape):
    error: ErrorDetail


ERRORS = {
    400: {"model": ErrorShape, "description": "The query or an option cannot be understood"},
    422: {"model": ErrorShape, "description": "A parameter has the wrong type or range"},
    503: {"model": ErrorShape, "description": "The index is missing or must be rebuilt"},
}

# -- parameters ----------------------------------------------------------------------------

Text = Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="Query text (Whoosh syntax)")]
Month = Annotated[str | None, Query(pattern=MONTH_PATTERN, description="A month as YYYY-MM")]
Bound = Annotated[str | None, Query(pattern=MONTH_OR_DAY_PATTERN,
                                    description="A month as YYYY-MM or a day as YYYY-MM-DD")]
Interval = Annotated[Literal[INTERVALS],  # type: ignore[valid-type]
                     Query(description="Count per day, ISO week, month or year")]
Labelled = Annotated[list[Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH)]],
                     Query(min_length=1, max_length=MAX_COMPARED,
                           description="`label=query` or a query (its own label); repeat")]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH)]
ArticleId = Annotated[str, Query(min_length=1, description="An article id, as in a hit")]
Sort = Annotated[Literal[SORTS], Query(description="Best match, newest or oldest first")]  # type: ignore[valid-type]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Hits per page")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of hits")]
FacetTop = Annotated[int, Query(ge=0, le=MAX_FACETS, description="Values per facet of names")]
Collapse = Annotated[bool, Query(description="One hit per group of near-duplicate texts")]
Count = Annotated[Literal[COUNTS],  # type: ignore[valid-type]
                  Query(description="Facets count articles, or near-duplicate groups once")]


def with_facet_filters(endpoint):
    """``endpoint`` with one repeatable parameter per facet of names (the registry's: person,
    place, org, publisher) after ``month``, passed on in its ``**names``.

    FastAPI reads the parameters from the signature, so the OpenAPI description lists them.
    """
    keyword = inspect.Parameter.KEYWORD_ONLY
    facets = [
        inspect.Parameter(facet.name, keyword, default=(), annotation=Annotated[
            list[Name], Query(max_length=MAX_NAMES, description=facet.filter_help("value"))])
        for facet in NAME_FACETS
    ]  # fmt: skip
    parameters = []
    for parameter in inspect.signature(endpoint).parameters.values():
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD:
            parameters.append(parameter.replace(kind=keyword))
        if parameter.name == "month":
            parameters += facets
    endpoint.__signature__ = inspect.Signature(parameters)
    return endpoint
ExportFormat = Annotated[Literal["csv", "jsonl"],
                         Query(alias="format", description="CSV or JSON Lines")]  # fmt: skip
TableFormat = Annotated[Literal["json", "csv"],
                        Query(alias="format", description="JSON or a CSV table")]  # fmt: skip
ExportFields = Annotated[str | None, Query(
    max_length=500, description="Comma-separated, from: " + ", ".join(EXPORT_FIELDS)
    + " (default: " + ",".join(DEFAULT_EXPORT_FIELDS) + ")")]  # fmt: skip
Delimiter = Annotated[Literal[",", ";", "tab", "|"],
                      Query(description="CSV delimiter (';' for Excel set to Dutch)")]  # fmt: skip
KeepFormulas = Annotated[bool, Query(
    description="Write CSV cells that start with = + - or @ as they are (by default they get "
                "a ' in front, so that spreadsheets do not run them as formulas)")]  # fmt: skip
KwicSort = Annotated[Literal[KWIC_SORTS], Query(  # type: ignore[valid-type]
    description="Newest or oldest article first, or by the words left or right of the match")]
KwicWidth = Annotated[int, Query(ge=1, le=MAX_KWIC_WIDTH,
                                 description="Characters of context on each side")]  # fmt: skip
KwicLimit = Annotated[int, Query(ge=1, le=MAX_KWIC_LINES, description="At most this many lines")]


def _table_content(description: str, *types: str) -> dict:
    """An OpenAPI 200 answer in other media types than JSON (text: CSV, JSON Lines)."""
    return {200: {"description": description,
                  "content": {kind.split(";")[0]: {"schema": {"type": "string"}}
                              for kind in types}}}  # fmt: skip


def download_name(query: str, extension: str, *, kind: str = "") -> str:
    """A file name for a download of ``query``'s results.

    >>> download_name("stikstof NOT boeren", "csv"), download_name("", "jsonl", kind="kwic")
    ('nieuwszoeker-stikstof-not-boeren.csv', 'nieuwszoeker-kwic-alles.jsonl')
    """
    words = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")[:40].strip("-") or "alles"
    return "-".join(["nieuwszoeker", *([kind] if kind else []), words]) + f".{extension}"


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


class _EngineHolder:
    """Opens the index on first use, so a server can start before ``search index`` ends."""

    def __init__(self, index_dir: str | Path | None, cluster: str | None = None) -> None:
        self.index_dir = index_dir
        self.cluster = cluster
        self._engine: search.Engine | None = None
        self._lock = threading.Lock()

    def get(self) -> search.Engine:
        with self._lock:
            if self._engine is None:
                self._engine = search.Engine.open(self.index_dir, cluster=self.cluster)
            return self._engine

    def warm(self) -> None:
        """Open the index, build what queries need and run one, so the first request is not
        the slow one."""
        engine = self.get()
        engine.warm()
        engine.search("", limit=1, facets=0, suggest=False)

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None


def create_app(index_dir: str | Path | None = None, *, allowed_hosts: list[str] | None = None,
               cluster: str | None = None) -> FastAPI:  # fmt: skip
    """The ASGI app over the index at ``index_dir`` (default: as for the CLI).

    ``allowed_hosts`` limits the ``Host`` header (against DNS rebinding when served on
    loopback); None accepts any. ``cluster``: a Dask scheduler whose workers search the
    shards (:meth:`search.Engine.open`).
    """
    holder = _EngineHolder(index_dir, cluster)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Each thread builds its own searcher and entity catalogue on first use, and Python
        # runs one thread at a time anyway: a few threads stay warm, forty would not.
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        try:
            await anyio.to_thread.run_sync(holder.warm)
        except SearchError:
            pass  # answered per request (503) until the index can be opened
        yield
        holder.close()

    app = FastAPI(
        title="nieuwszoeker", version=search.__version__, lifespan=lifespan,
        summary="Full-text search for Dutch news: the JSON of `search query --json`.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
    )  # fmt: skip
    app.state.engines = holder
    _add_error_handlers(app)
    _add_api_routes(app, holder)
    _add_page_routes(app)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _add_api_routes(app: FastAPI, holder: _EngineHolder) -> None:  # noqa: C901 (routes)
    @app.get("/api/search", response_model=SearchShape, responses=ERRORS, tags=["api"])
    @with_facet_filters
    def api_search(q: Text = "", since: Bound = None, until: Bound = None, month: Month = None,
                   sort: Sort = "relevance", limit: Limit = 10, page: Page = 1,
                   facets: FacetTop = 10, collapse: Collapse = False, count: Count = "articles",
                   timeline: Interval | None = None, **names) -> JSONResponse:  # fmt: skip
        """Search: one page of hits, facet counts over all matches, a suggestion, and when
        asked a timeline of the matches beside all articles."""
        results = holder.get().search(
            q, since=since, until=until, month=month, sort=sort, limit=limit, page=page,
            facets=facets, collapse=collapse, count=count, timeline=timeline, **names,
        )  # fmt: skip
        return JSONResponse(results.as_dict())

    @app.get("/api/facets", response_model=FacetsShape, tags=["api"],
             responses={**_table_content("Counts per facet (JSON, or CSV with format=csv)",
                                         CSV_TYPE), **ERRORS})  # fmt: skip
    @with_facet_filters
    def api_facets(q: Text = "", since: Bound = None, until: Bound = None, month: Month = None,
                   top: FacetTop = 20, count: Count = "articles", format_: TableFormat = "json",
                   delimiter: Delimiter = ",", keep_formulas: KeepFormulas = False,
                   **names) -> Response:  # fmt: skip
        """People, places, organisations, publishers and months counted over a query's
        matches (``format=csv``: rows ``facet,value,count`` as a download)."""
        counts = holder.get().facets(q, top=top, since=since, until=until, month=month,
                                     count=count, **names)  # fmt: skip
        if format_ == "csv":
            rows = ((kind, c.value, c.count) for kind, cs in counts.items() for c in cs)
            text = table_text(rows, ("facet", "value", "count"), delimiter=delimiter_of(delimiter),
                              keep_formulas=keep_formulas)  # fmt: skip
            return Response(text, media_type=CSV_TYPE,
                            headers=_attachment(download_name(q, "csv", kind="namen")))
        return JSONResponse({kind: [c.as_dict() for c in cs] for kind, cs in counts.items()})

    @app.get("/api/export", response_class=StreamingResponse, tags=["api"],
             responses={**_table_content("Every match, one row or line per article",
                                         CSV_TYPE, JSONL_TYPE), **ERRORS})  # fmt: skip
    @with_facet_filters
    def api_export(q: Text = "", since: Bound = None, until: Bound = None, month: Month = None,
                   sort: Sort = "relevance", format_: ExportFormat = "csv",
                   fields: ExportFields = None, delimiter: Delimiter = ",",
                   keep_formulas: KeepFormulas = False, **names) -> StreamingResponse:  # fmt: skip
        """Every match (no limit), streamed as CSV (UTF-8 with a byte-order mark) or JSON
        Lines, as a download; ``search export`` writes the same."""
        export = holder.get().export(q, since=since, until=until, month=month, sort=sort,
                                     fields=fields, **names)  # fmt: skip
        if format_ == "csv":
            pieces = csv_text(export.rows(), export.fields, delimiter=delimiter_of(delimiter),
                              keep_formulas=keep_formulas)  # fmt: skip
        else:
            pieces = jsonl_text(export)
        return StreamingResponse(
            pieces, media_type=CSV_TYPE if format_ == "csv" else JSONL_TYPE,
            headers=_attachment(download_name(q, format_)), background=BackgroundTask(export.close),
        )  # fmt: skip

    @app.get("/api/kwic", response_model=KwicShape, tags=["api"],
             responses={**_table_content("Keyword in context (JSON, or CSV with format=csv)",
                                         CSV_TYPE), **ERRORS})  # fmt: skip
    @with_facet_filters
    def api_kwic(q: Text = "", since: Bound = None, until: Bound = None, month: Month = None,
                 sort: KwicSort = "date", width: KwicWidth = DEFAULT_WIDTH,
                 limit: KwicLimit = 100, format_: TableFormat = "json",
                 delimiter: Delimiter = ",", keep_formulas: KeepFormulas = False,
                 **names) -> Response:  # fmt: skip
        """Keyword in context: one line per occurrence of the query's words (``search
        kwic``); ``format=csv`` gives the lines as a download."""
        found = holder.get().kwic(q, since=since, until=until, month=month, sort=sort,
                                  width=width, limit=limit, **names)  # fmt: skip
        if format_ == "csv":
            rows = ((line.id, line.date or line.month or "", line.field, line.offset, line.left,
                     line.match, line.right) for line in found.lines)  # fmt: skip
            header = ("id", "date", "field", "offset", "left", "match", "right")
            text = table_text(rows, header, delimiter=delimiter_of(delimiter),
                              keep_formulas=keep_formulas)  # fmt: skip
            return Response(text,
                            media_type=CSV_TYPE,
                            headers=_attachment(download_name(q, "csv", kind="kwic")))
        return JSONResponse(found.as_dict())

    not_found = {404: {"model": ErrorShape, "description": "No article with this id"}}

    @app.get("/api/article", response_model=DocumentShape, tags=["api"],
             responses={**ERRORS, **not_found})  # fmt: skip
    def api_article_by_query(id: ArticleId) -> JSONResponse:  # noqa: A002 (the API's name)
        """One whole article by its id (as in a hit), given as a query parameter: any id
        works, also ones a client would rewrite in a path (``..``, ``a/./b``)."""
        return JSONResponse(holder.get().document(id).as_dict())

    # ``:path``: ids may hold slashes (URLs); the client percent-encodes the whole id.
    @app.get("/api/articles/{article_id:path}", response_model=DocumentShape, tags=["api"],
             responses={**ERRORS, **not_found})  # fmt: skip
    def api_article(article_id: str) -> JSONResponse:
        """One whole article by its id (as in a hit), percent-encoded as a whole."""
        return JSONResponse(holder.get().document(article_id).as_dict())

    @app.get("/api/stats", response_model=StatsShape, responses=ERRORS, tags=["api"])
    def api_stats() -> JSONResponse:
        """Number of articles, months covered, index size and analysis settings."""
        return JSONResponse(holder.get().stats().as_dict())

    @app.get("/api/compare", response_model=ComparisonShape, responses=ERRORS, tags=["api"])
    @with_facet_filters
    def api_compare(q: Labelled, since: Bound = None, until: Bound = None, month: Month = None,
                    interval: Interval = "month", count: Count = "articles",
                    format: Literal["json", "csv"] = "json",  # noqa: A002 (the API's name)
                    delimiter: Delimiter = ",", keep_formulas: KeepFormulas = False,
                    **names) -> Response:  # fmt: skip
        """Labelled queries counted per interval over one span, with all articles per
        interval: JSON, or tidy CSV (``label,start,count,all``) with ``format=csv``."""
        comparison = holder.get().compare(
            q, interval=interval, count=count, since=since, until=until, month=month, **names,
        )  # fmt: skip
        if format == "csv":
            download = {"Content-Disposition": 'attachment; filename="vergelijking.csv"'}
            return Response(comparison.as_csv(delimiter=delimiter_of(delimiter),
                                              keep_formulas=keep_formulas),
                            media_type="text/csv; charset=utf-8", headers=download)  # fmt: skip
        return JSONResponse(comparison.as_dict())

    @app.get("/api/suggest", response_model=SuggestShape, responses=ERRORS, tags=["api"])
    def api_suggest(q: Text = "") -> JSONResponse:
        """"Did you mean": the query with words corrected from the index's vocabulary."""
        suggestion = holder.get().suggest(q) if q.strip() else None
        return JSONResponse({"query": q, "suggestion": suggestion})

    @app.get("/healthz", response_model=HealthShape, responses=ERRORS, tags=["health"])
    def healthz() -> JSONResponse:
        """``{"status": "ok"}`` once the index can be opened, else 503."""
        holder.get()
        return JSONResponse({"status": "ok"})


def page_facets_module() -> str:
    """``/static/facets.js``: the page's facet blocks, from the registry (Dutch labels)."""
    # An empty block of entity names says so; one of another facet (an index without
    # publishers) is left out.
    facets = [{"name": f.name, "label": f.page_label, "singular": f.page_singular,
               "showEmpty": f.from_entities} for f in NAME_FACETS]  # fmt: skip
    return ("// The facets of names, from the registry (index/facets.py); made by the server.\n"
            f"export const FACETS = {json.dumps(facets, ensure_ascii=False)};\n")


def _add_page_routes(app: FastAPI) -> None:
    script = page_facets_module()

    @app.get("/static/facets.js", include_in_schema=False)
    def facets_module() -> Response:
        return Response(script, media_type="text/javascript",
                        headers={"cache-control": "no-cache"})  # fmt: skip

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})


# -- errors --------------------------------------------------------------------------------

def error_response(status: int, parameter: str | None, message: str) -> JSONResponse:
    """The one error shape: ``{"error": {"parameter": ..., "message": ...}}``."""
    return JSONResponse({"error": {"parameter": parameter, "message": message}}, status_code=status)


# Where an endpoint's parameter is not named as the library's keyword.
_API_PARAMETERS = {"text": "q"}
_ENDPOINT_PARAMETERS = {"/api/facets": {"facets": "top"}}


def api_parameter(path: str, parameter: str) -> str:
    """The HTTP parameter of ``path`` that a library :class:`QueryError` is about.

    >>> api_parameter("/api/search", "text"), api_parameter("/api/facets", "facets")
    ('q', 'top')
    """
    renamed = _ENDPOINT_PARAMETERS.get(path, {}).get(parameter)
    return renamed or _API_PARAMETERS.get(parameter, parameter)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError) -> JSONResponse:
        parameter = api_parameter(request.url.path, error.parameter)
        message = str(error)
        if parameter != error.parameter and message.startswith(f"{error.parameter} "):
            message = parameter + message[len(error.parameter):]
        return error_response(400, parameter, message)

    @app.exception_handler(ArticleNotFoundError)
    async def not_found(request: Request, error: ArticleNotFoundError) -> JSONResponse:
        parameter = "id" if request.url.path == "/api/article" else "article_id"
        return error_response(404, parameter, str(error))

    @app.exception_handler(SearchError)
    async def unavailable(request: Request, error: SearchError) -> JSONResponse:
        return error_response(503, None, f"the index cannot be used: {for_commands(error)}")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
        parameter = location[-1] if len(location) > 1 else None
        message = first.get("msg", "invalid request")
        return error_response(422, parameter, f"{parameter}: {message}" if parameter else message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        response = error_response(error.status_code, None, str(error.detail))
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        log.exception("error answering %s", request.url.path)
        return error_response(500, None, "internal error; see the server log")


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and friends to every response (pure ASGI)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- running -------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run_server(index_dir: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000, *,
               log_level: str = "info", cluster: str | None = None) -> None:  # fmt: skip
    """Serve the API and page until Ctrl-C; raises a :class:`SearchError` without an index
    (or, with ``cluster``, without a Dask scheduler there)."""
    import uvicorn

    # fail now, with a clear message, not per request
    search.Engine.open(index_dir, cluster=cluster).close()
    allowed = list(LOOPBACK_NAMES) if is_loopback(host) else None
    app = create_app(index_dir, allowed_hosts=allowed, cluster=cluster)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False)  # fmt: skip
