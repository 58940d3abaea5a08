"""Dates to the day, timelines at any interval beside all articles, and compared queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import search
from search.cli import main
from search.server import create_app
from tests.conftest import write_jsonl

DAYS = [dt.date(2019, 3, 1) + dt.timedelta(days=n) for n in range(0, 75, 3)]  # 25 days


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory):
    """Articles every third day of March-May 2019 (stikstof on even ones, klimaat on all),
    one dated by month only, one undated."""
    folder = tmp_path_factory.mktemp("timeline")
    records = [{"id": f"d{n}", "title": f"Bericht {n}", "date": day.isoformat(),
                "text": ("stikstof en " * (n % 2 == 0)) + f"klimaat nummer {n} in het nieuws"}
               for n, day in enumerate(DAYS)]  # fmt: skip
    records += [
        {"id": "maand", "title": "Alleen een maand", "date": "2019-04", "text": "klimaat april"},
        {"id": "zonder", "title": "Geen datum", "date": "", "text": "klimaat zonder datum"},
    ]
    write_jsonl(folder / "news.jsonl", records)
    search.index_corpus([folder / "news.jsonl"], index_dir=folder / "ix")
    return folder / "ix"


@pytest.fixture()
def engine(dated_index):
    with search.Engine.open(dated_index) as opened:
        yield opened


def test_since_and_until_take_days(engine):
    found = {hit.id for hit in engine.search("klimaat", since="2019-03-10", until="2019-03-19",
                                              limit=100).hits}  # fmt: skip
    expected = {f"d{n}" for n, day in enumerate(DAYS)
                if "2019-03-10" <= day.isoformat() <= "2019-03-19"}  # fmt: skip
    assert found == expected
    syntax = engine.search("klimaat date:[2019-03-10 TO 2019-03-19]", limit=100)
    assert {hit.id for hit in syntax.hits} == expected
    # a month and a day mix: from the first of the month to the day
    mixed = engine.search("klimaat", since="2019-04", until="2019-04-03")
    assert {hit.id for hit in mixed.hits} == {"d11", "maand"}  # d11: 3 April
    # an article dated by month only stands on its month's first day
    assert "maand" in {h.id for h in engine.search("", since="2019-04-01", until="2019-04-01").hits}
    assert "maand" not in {h.id for h in engine.search("", since="2019-04-02", limit=100).hits}


@pytest.mark.parametrize("bad", ["2019-02-30", "2019-3-1", "2019-13", "gisteren"])
def test_a_bad_day_is_a_clear_error(engine, bad):
    with pytest.raises(search.QueryError, match="as YYYY-MM or a day as YYYY-MM-DD") as raised:
        engine.search("", since=bad)
    assert raised.value.parameter == "since"
    with pytest.raises(search.QueryError, match="comes after"):
        engine.search("", since="2019-04-02", until="2019-04-01")


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
def test_a_timeline_counts_every_dated_match_in_consecutive_intervals(engine, interval):
    results = engine.search("stikstof", timeline=interval, facets=0)
    timeline = results.timeline
    assert timeline.interval == interval and timeline.undated == 0
    assert sum(bucket.count for bucket in timeline.buckets) == results.total
    starts = [dt.date.fromisoformat(bucket.start) for bucket in timeline.buckets]
    step = {"day": 1, "week": 7}.get(interval)
    if step:
        assert all((b - a).days == step for a, b in zip(starts, starts[1:], strict=False))
    if interval == "week":
        assert all(start.weekday() == 0 for start in starts)  # ISO weeks start on Monday
    if interval == "month":
        assert [s.isoformat() for s in starts] == ["2019-03-01", "2019-04-01", "2019-05-01"]
    # "all" counts every article of the index in the interval, whatever the query
    everything = engine.search("", timeline=interval, facets=0).timeline
    all_by_start = {bucket.start: bucket.count for bucket in everything.buckets}
    for bucket in timeline.buckets:
        assert bucket.all == all_by_start.get(bucket.start, 0) >= bucket.count


def test_the_timeline_of_everything_counts_undated_articles_apart(engine):
    timeline = engine.search("", timeline="month", facets=0).timeline
    assert timeline.undated == 1
    assert sum(bucket.count for bucket in timeline.buckets) == len(DAYS) + 1
    assert all(bucket.count == bucket.all for bucket in timeline.buckets)


def test_compare_counts_labelled_queries_over_one_span(engine):
    comparison = engine.compare(["stikstof", "alles=klimaat OR stikstof"], interval="month")
    assert comparison.labels == ("stikstof", "alles")
    assert comparison.queries == ("stikstof", "klimaat OR stikstof")
    first, second = comparison.timelines
    assert [b.start for b in first.buckets] == [b.start for b in second.buckets]
    assert sum(b.count for b in first.buckets) == engine.search("stikstof").total
    rows = list(csv.DictReader(io.StringIO(comparison.as_csv(bom=False))))
    assert list(rows[0]) == ["label", "start", "count", "all"]
    assert comparison.as_csv().startswith("\ufefflabel,start,count,all\r\n")  # as other tables
    assert len(rows) == 2 * len(first.buckets)
    as_dict = comparison.as_dict()
    assert [series["label"] for series in as_dict["series"]] == ["stikstof", "alles"]
    with pytest.raises(search.QueryError, match="same label"):
        engine.compare(["a=klimaat", "a=stikstof"])
    with pytest.raises(search.QueryError, match="timeline must be one of"):
        engine.compare(["klimaat"], interval="fortnight")


def test_the_cli_prints_timelines_and_comparisons(dated_index):
    runner = CliRunner()
    where = ["--index-dir", str(dated_index)]
    shown = runner.invoke(main, ["query", "stikstof", "--timeline", "week", *where])
    assert shown.exit_code == 0, shown.output
    assert "Per week (matches, of all articles):" in shown.output
    data = json.loads(runner.invoke(main, ["query", "stikstof", "--timeline", "month", "--json",
                                           *where]).output)  # fmt: skip
    assert data["timeline"]["interval"] == "month"
    assert data["timeline"]["buckets"][0] == {"start": "2019-03-01", "count": 6, "all": 11}
    table = runner.invoke(main, ["compare", "stikstof", "k=klimaat", *where])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split()[:3] == ["month", "stikstof", "k"]
    tidy = runner.invoke(main, ["compare", "stikstof", "--csv", "--interval", "year", *where])
    assert tidy.output == "\ufefflabel,start,count,all\nstikstof,2019-01-01,13,26\n"
    for_excel = ["compare", "stikstof", "--csv", "--interval", "year", "--delimiter", ";"]
    plain = runner.invoke(main, [*for_excel, "--no-bom", *where])
    assert plain.stdout_bytes == b"label;start;count;all\r\nstikstof;2019-01-01;13;26\r\n"
    wrong = runner.invoke(main, ["compare", "x", "--interval", "fortnight", *where])
    assert wrong.exit_code == 2
    missing = runner.invoke(main, ["compare", *where])
    assert missing.exit_code == 2 and "Missing argument" in missing.output


def test_the_http_api_gives_timelines_and_comparisons(dated_index):
    with TestClient(create_app(dated_index)) as client:
        found = client.get("/api/search", params={"q": "stikstof", "timeline": "day",
                                                  "since": "2019-03-01", "until": "2019-03-31"})
        assert found.status_code == 200
        assert found.json()["timeline"]["buckets"][0]["start"] == "2019-03-01"
        assert "timeline" not in client.get("/api/search", params={"q": "stikstof"}).json()
        compared = client.get("/api/compare", params=[("q", "stikstof"), ("q", "k=klimaat")])
        assert [s["label"] for s in compared.json()["series"]] == ["stikstof", "k"]
        tidy = client.get("/api/compare", params={"q": "stikstof", "format": "csv"})
        assert tidy.headers["content-type"].startswith("text/csv")
        assert tidy.text.startswith("\ufefflabel,start,count,all\r\n")
        semicolons = client.get("/api/compare", params={"q": "stikstof", "format": "csv",
                                                        "delimiter": ";"})  # fmt: skip
        assert semicolons.text.startswith("\ufefflabel;start;count;all\r\n")
        bad = client.get("/api/search", params={"since": "2019-02-30"})
        assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "since"
        assert client.get("/api/compare").status_code == 422


def _keys(days: list[str]):
    """Whoosh's date keys (microseconds since 0001-01-01) of ISO days, and one undated."""
    import numpy as np

    from index.store.columns import MISSING

    micros = [(dt.date.fromisoformat(day).toordinal() - 1) * 86_400_000_000 for day in days]
    return np.array([*micros, MISSING], dtype=np.int64)


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
def test_counts_and_calendar_slices_equal_counting_from_scratch(interval):
    """Buckets counted with bincount (or sorted, for dates far apart) and a timeline taken
    from a calendar of all articles are those of plain sorting and searching."""
    import numpy as np

    from search.timeline import Calendar, bucket_starts, counts_by_bucket, timeline

    everything_days = ["2018-12-30", "2019-01-01", "2019-01-01", "2019-01-09", "2019-03-31",
                       "2019-04-01", "2020-02-29", "2021-01-04"]  # fmt: skip
    for days in (everything_days, [*everything_days, "1700-06-01", "2400-01-01"]):
        keys = _keys(days)
        starts, counts = counts_by_bucket(keys, interval)
        expected = np.unique(bucket_starts(keys, interval), return_counts=True)
        assert starts.dtype == expected[0].dtype and counts.dtype == expected[1].dtype
        assert starts.tolist() == expected[0].tolist() and counts.tolist() == expected[1].tolist()
    everything = counts_by_bucket(_keys(everything_days), interval)
    calendar = Calendar(everything, interval)
    matched = _keys(["2019-01-01", "2019-03-31", "2019-04-01"])
    spans = [None, (bucket_starts(_keys(["2018-06-01"]), interval)[0],  # before all articles
                    bucket_starts(_keys(["2019-02-01"]), interval)[0])]  # fmt: skip
    for span in spans:
        fast = timeline(matched, calendar, interval, span)
        assert fast == timeline(matched, everything, interval, span) and fast.undated == 1
        assert [tuple(bucket) for bucket in fast.buckets] == _plain_buckets(
            bucket_starts(matched, interval), everything, interval, span)  # fmt: skip
    assert timeline(matched[-1:], calendar, interval).buckets == ()


def _plain_buckets(starts, everything, interval: str, span) -> list[tuple]:
    """``(start, count, all)`` of every bucket of ``span`` (default: the matches' own),
    counted one by one."""
    import numpy as np

    span = span or (starts.min(), starts.max())
    unit = np.datetime_data(starts.dtype)[0]
    step = np.timedelta64(7 if interval == "week" else 1, unit)
    every = np.arange(span[0], span[1] + step, step)
    totals = dict(zip(everything[0].tolist(), everything[1].tolist(), strict=True))
    return [(str(start.astype("datetime64[D]")), int((starts == start).sum()),
             totals.get(start.tolist(), 0)) for start in every]  # fmt: skip
