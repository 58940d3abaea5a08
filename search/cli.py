"""The ``search`` command: a thin click layer over the :mod:`search` library.

Each command parses options, calls one library function and formats the result.
Library errors become ``Error: ...`` on stderr with exit 1; usage errors exit 2.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import click

import search
from search import render
from search.errors import for_commands
from search.export import (
    DEFAULT_EXPORT_FIELDS,
    EXPORT_FIELDS,
    FORMATS,
    csv_text,
    delimiter_of,
    jsonl_text,
    table_text,
)
from search.kwic import DEFAULT_WIDTH, KWIC_SORTS
from search.queries import SORTS
from search.results import NAME_FACETS
from search.timeline import INTERVALS

INDEX_DIR_HELP = ("Index folder, one of its own: new, empty or an index (default: "
                  "$SEARCH_INDEX_DIR, else the user data folder).")


# Commands that only read: once their output is written nothing is left to clean up.
ONE_SHOT_COMMANDS = frozenset({"query", "facets", "show", "stats", "analyze", "entities",
                               "export", "kwic"})
INTERRUPTED_CODES = (130, 143, 129)  # 128 + SIGINT, SIGTERM, SIGHUP, as shells report them
EXIT_GRACE_SECONDS = 5.0


@contextlib.contextmanager
def _signals_ask_to_stop():
    """While indexing, SIGINT, SIGTERM and SIGHUP ask the run to stop (it checks between
    articles and while it waits, then cancels and raises :class:`search.BuildStopped`).

    Yields ``(stop, signal_number)``: ``stop()`` for the library, and a one-item list that
    holds the first signal. Later signals change nothing, so a second Ctrl-C prints no
    traceback. No exception is raised from the handler itself: one that lands in a
    finaliser would be lost, and one that lands mid-cleanup would leave a mess.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():  # CliRunner may do that
        yield (lambda: bool(received)), received
        return

    watched = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP")
                                                  else [])  # fmt: skip

    def note(signum, frame):
        received.append(signum)
        for other in watched:  # ignored until the process ends, interpreter exit included
            signal.signal(other, signal.SIG_IGN)

    previous = {signum: signal.signal(signum, note) for signum in watched}
    try:
        yield (lambda: bool(received)), received
    finally:
        if not received:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


class SearchCommand(click.Command):
    """A command whose bad option values, as the library finds them, are usage errors.

    The library names the keyword at fault (:attr:`search.QueryError.parameter`); when it is
    one of this command's options, click reports it as it reports its own checks: the usage
    line, ``Error: Invalid value for '--limit': ...`` and exit 2. ``option_names`` maps a
    library keyword to this command's option where they differ (``facets`` is ``top``).
    """

    def __init__(self, *args, option_names: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.option_names = option_names or {}

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except search.QueryError as error:
            flag = "--" + self.option_names.get(error.parameter, error.parameter).replace("_", "-")
            option = next((p for p in self.params if flag in p.opts), None)
            if option is None or isinstance(option, click.Argument):
                raise
            reason = str(error).removeprefix(f"{error.parameter} ")
            raise click.BadParameter(reason, ctx=ctx, param=option) from None


class SearchGroup(click.Group):
    """Turns library errors and Ctrl-C into one clear line instead of a traceback."""

    command_class = SearchCommand

    def main(self, args=None, prog_name=None, **extra):
        """Run as the command: read-only commands then end without tearing Python down.

        Freeing every module and object at interpreter exit (numpy's and Whoosh's
        included) takes 0.05-0.1 s, a tenth of a `search query`. With ``args`` given
        (CliRunner, other programs) this is plain :meth:`click.Group.main`.
        """
        if args is not None:
            return super().main(args, prog_name, **extra)
        self._ran = None
        try:
            return super().main(args, prog_name, **extra)
        except SystemExit as stop:
            if stop.code in INTERRUPTED_CODES:
                _exit_within(EXIT_GRACE_SECONDS, stop.code)
            if self._ran in ONE_SHOT_COMMANDS and _nothing_to_shut_down():
                _exit_now(stop.code)
            raise

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        self._ran = command.name if command else name
        return name, command, rest

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except search.SearchError as error:
            raise click.ClickException(for_commands(error)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was changed after the last commit.", err=True)
            ctx.exit(INTERRUPTED_CODES[0])
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise click.ClickException(f"{error.strerror or error}{where}") from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as error:  # a bug of ours: still one line, never a traceback
            raise click.ClickException(
                f"internal error ({type(error).__name__}: {error}); please report it"
            ) from None


def index_dir_option(function):
    return click.option(
        "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help=INDEX_DIR_HELP,
    )(function)  # fmt: skip


def cluster_option(function):
    return click.option(
        "--cluster", metavar="tcp://HOST:PORT", envvar="SEARCH_CLUSTER", default=None,
        help="A Dask scheduler whose workers do the work (they must see the index, and the "
             "corpus, at the same paths). Default: $SEARCH_CLUSTER, else this process.",
    )(function)  # fmt: skip


def delimiter_option(function):
    return click.option(
        "--delimiter", default=",", show_default=True, metavar="CHAR",
        help="CSV delimiter: , ; tab or | (';' for Excel set to Dutch).",
    )(function)  # fmt: skip


def formulas_option(function):
    return click.option(
        "--keep-formulas", is_flag=True,
        help="Write CSV cells that start with = + - or @ as they are. By default they get "
             "a ' in front, so that Excel and LibreOffice show them instead of running "
             "them as formulas.",
    )(function)  # fmt: skip


def filter_options(function):
    """The query filters shared by `query` and `facets`: the months, and one repeatable
    ``--NAME`` per facet of names (the registry's: person, place, org, publisher)."""
    options = [
        click.option("--since", metavar="YYYY-MM[-DD]",
                     help="Only articles from this month (or day) on."),
        click.option("--until", metavar="YYYY-MM[-DD]",
                     help="Only articles up to this month (or day)."),
        click.option("--month", metavar="YYYY-MM", help="Only articles from this month."),
        *[click.option(f"--{facet.name}", multiple=True, metavar="NAME",
                       help=facet.filter_help()) for facet in NAME_FACETS],
    ]  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def _facet_names(options: dict) -> dict[str, tuple[str, ...]]:
    """The facet-of-names filters among a command's options."""
    return {facet.name: options.pop(facet.name) for facet in NAME_FACETS}


@click.group(cls=SearchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(search.__version__, prog_name="nieuwszoeker")
def main():
    """Full-text search for Dutch news archives.

    \b
    Index a folder of articles, then search it:
      search index ~/archief
      search query "graandeal"
      search query oorlog --since 2022-01 --person Poetin
    """


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_dir_option
@click.option("--rebuild", is_flag=True, help="Start a new index instead of updating.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders matching GLOB (a name or a path relative to "
                   "the folder given; repeatable). Remembered for later runs.")  # fmt: skip
@click.option("--undated-txt", is_flag=True,
              help="Also index .txt files without a `date YYYY-MM` first line, as undated "
                   "articles (by default they are notes, like a README, and left out).")
@click.option("--strict", is_flag=True, help="Exit 1 if any file, record or header had a problem.")
@click.option("--verbose", "-v", is_flag=True,
              help="List every problem (by default a few of each kind per file, then a count).")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option("--shards", type=click.IntRange(1, 1024), default=None, metavar="N",
              help="Make a sharded index of N shards (fixed when it is created; articles go "
                   "to a shard by a hash of their id). An existing index keeps its layout.")
@cluster_option
def index_command(paths, index_dir, rebuild, exclude, undated_txt, strict, verbose, quiet,
                  shards, cluster):  # fmt: skip
    """Build or update the index from files and folders.

    Reads seed text (.txt with a `date YYYY-MM` first line), JSON Lines and CSV/TSV,
    gzipped or not, walking folders recursively. Without PATH the folders indexed
    before are read again (for a new index: the bundled sample corpus). Re-running adds
    new and changed articles and removes ones that vanished.

    \b
    Examples:
      search index ~/archief/2019 nieuws.jsonl.gz
      search index ~/archief --exclude '*.md' --exclude concepten
      search index --rebuild
      search index ~/archief --index-dir archief-index --shards 4
    """
    progress = _Progress(enabled=not quiet)
    problems = _ProblemLog(progress, verbose=verbose)
    with _signals_ask_to_stop() as (stop, received):
        try:
            report = search.index_corpus(
                list(paths) or None, index_dir=index_dir, rebuild=rebuild,
                exclude=exclude or None, undated_text=undated_txt, on_problem=problems.add,
                on_fields=None if quiet else lambda path, used: progress.note(
                    f"{path}: fields {used}"),
                on_progress=progress.update, stop=stop, shards=shards, cluster=cluster,
            )  # fmt: skip
        except search.BuildStopped:
            progress.done()
            click.echo("Interrupted; nothing was changed after the last commit.", err=True)
            click.get_current_context().exit(128 + received[0])
    progress.done()
    problems.summarise()
    found_nothing = report.indexed == 0 and report.skipped == 0
    if found_nothing:
        where = ", ".join(str(p) for p in paths) or "the corpus folders"
        click.echo(f"warning: no articles found in {where}: supported files are .txt (with a "
                   "`date YYYY-MM` first line), .jsonl, .json, .csv and .tsv, optionally "
                   ".gz", err=True)  # fmt: skip
    if not quiet or report.problems:
        click.echo(_summary(report), err=True)
    if strict and (report.problems or found_nothing):
        count = len(report.problems) or "no articles and 0"
        raise click.ClickException(f"{count} problems in the corpus (--strict)")


count_option = click.option(
    "--count", type=click.Choice(["articles", "groups"]), default="articles", show_default=True,
    help="Facets count every article, or each group of near-duplicate texts once.",
)


@main.command("query")
@click.argument("text", required=False, default="")
@filter_options
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date", "oldest"]),
    default="relevance",
    show_default=True,
    help="Order: best match, newest first, or oldest first.",
)
@click.option("--limit", type=int, default=10, show_default=True, help="Hits per page (1-1000).")
@click.option("--page", type=int, default=1, show_default=True, help="Page of hits to show.")
@click.option(
    "--facets",
    "facet_count",
    type=int,
    default=10,
    show_default=True,
    help="Values to count per facet of names (people, places, organisations, publishers; "
         "0: months only).",
)
@click.option("--collapse/--no-collapse", default=False, show_default=True,
              help="One hit per group of near-duplicate texts (wire copy printed twice); "
                   "the total counts groups.")  # fmt: skip
@count_option
@click.option("--timeline", type=click.Choice(INTERVALS), default=None,
              help="Also count the matches per day, ISO week, month or year, beside all "
                   "articles (share of coverage).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@index_dir_option
@cluster_option
def query_command(text, since, until, month, sort, limit, page, facet_count, collapse, count,
                  timeline, as_json, index_dir, cluster, **names):  # fmt: skip
    """Search the index.

    TEXT uses Whoosh query syntax through the Dutch analyser: words are ANDed; OR, NOT,
    "phrases", prefix*, fuzzy~, (groups) and field:term for title, body, month, date,
    person, place, org, publisher and id (month:2022-11, month:[2022-01 TO 2022-06],
    person:"Vladimir Poetin", publisher:Trouw).

    \b
    Examples:
      search query graandeal
      search query "oorlog NOT Rusland" --since 2022-01 --until 2022-12
      search query "" --person Trump --json
      search query klimaat --publisher Trouw --publisher "NRC Handelsblad"
      search query stikstof --collapse --count groups
    """
    with _open_engine(index_dir, cluster=cluster) as engine:
        results = engine.search(
            text, since=since, until=until, month=month, sort=sort, limit=limit, page=page,
            facets=facet_count, collapse=collapse, count=count, timeline=timeline,
            **_facet_names(names),
        )  # fmt: skip
    if as_json:
        _print_json(results.as_dict())
    else:
        click.echo(render.results_text(results))
        if results.timeline is not None:
            click.echo("")
            click.echo(render.timeline_text(results.timeline))


@main.command("compare")
@click.argument("queries", nargs=-1, required=True)
@filter_options
@click.option("--interval", type=click.Choice(INTERVALS), default="month", show_default=True,
              help="Count per day, ISO week, month or year.")
@count_option
@click.option("--csv", "as_csv", is_flag=True,
              help="Print tidy CSV: label,start,count,all (one row per label and interval; "
                   "UTF-8 with a byte-order mark).")
@delimiter_option
@click.option("--bom/--no-bom", default=True, show_default=True,
              help="Start the CSV with a UTF-8 byte-order mark (Excel needs it for é and ë).")
@formulas_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {interval, series: [...]}.")
@index_dir_option
@cluster_option
def compare_command(queries, since, until, month, interval, count, as_csv, delimiter, bom,
                    keep_formulas, as_json, index_dir, cluster, **names):  # fmt: skip
    """Compare queries over time: matches per interval for each, beside all articles.

    Each QUERY is `label=query text` or a query text (its own label).

    \b
    Examples:
      search compare stikstof "klimaat=klimaat OR CO2" --interval month
      search compare Rutte Baudet --since 2019-03 --csv > vergelijking.csv
    """
    if as_csv and as_json:
        raise click.UsageError("choose one of --csv and --json")
    separator = delimiter_of(delimiter)
    with _open_engine(index_dir, cluster=cluster) as engine:
        comparison = engine.compare(list(queries), interval=interval, count=count,
                                    since=since, until=until, month=month,
                                    **_facet_names(names))  # fmt: skip
    if as_json:
        _print_json(comparison.as_dict())
    elif as_csv:
        _write_text(comparison.as_csv(delimiter=separator, bom=bom, keep_formulas=keep_formulas))
    else:
        click.echo(render.comparison_text(comparison))


@main.command("facets", option_names={"facets": "top"})
@click.argument("text", required=False, default="")
@filter_options
@click.option("--top", type=int, default=20, show_default=True,
              help="Values per facet of names.")  # fmt: skip
@count_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {facet: [{value, count}]}.")
@click.option("--csv", "as_csv", is_flag=True,
              help="Print CSV rows facet,value,count (UTF-8 with a byte-order mark).")
@delimiter_option
@formulas_option
@index_dir_option
@cluster_option
def facets_command(text, since, until, month, top, count, as_json, as_csv, delimiter,
                   keep_formulas, index_dir, cluster, **names):  # fmt: skip
    """Count people, places, organisations, publishers and months for a query or the whole
    index.

    \b
    Examples:
      search facets --month 2019-03
      search facets klimaat --top 5 --json
      search facets --publisher Trouw
      search facets klimaat --csv --delimiter ';' > klimaat-namen.csv
    """
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    separator = delimiter_of(delimiter)
    with _open_engine(index_dir, cluster=cluster) as engine:
        counts = engine.facets(text, top=top, since=since, until=until, month=month,
                               count=count, **_facet_names(names))  # fmt: skip
    if as_csv:
        rows = ((kind, c.value, c.count) for kind, values in counts.items() for c in values)
        _write_text(table_text(rows, ("facet", "value", "count"), delimiter=separator,
                               keep_formulas=keep_formulas))  # fmt: skip
    elif as_json:
        _print_json({kind: [c.as_dict() for c in values] for kind, values in counts.items()})
    else:
        click.echo(render.facets_text(counts) or "No articles match.")


@main.command("export")
@click.argument("text", required=False, default="")
@filter_options
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Order: best match, newest first, or oldest first.")  # fmt: skip
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="csv",
              show_default=True, help="CSV (one row per article) or JSON Lines.")  # fmt: skip
@click.option("--fields", metavar="LIST",
              help=f"Comma-separated fields, from: {', '.join(EXPORT_FIELDS)} "
                   f"(default: {','.join(DEFAULT_EXPORT_FIELDS)}).")  # fmt: skip
@delimiter_option
@click.option("--bom/--no-bom", default=True, show_default=True,
              help="Start a CSV with a UTF-8 byte-order mark (Excel needs it for é and ë).")
@formulas_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (replaced once complete) instead of standard output.")
@click.option("--progress", is_flag=True,
              help="Show progress on stderr also when it is not a terminal.")
@index_dir_option
@cluster_option
def export_command(text, since, until, month, sort, file_format, fields, delimiter, bom,
                   keep_formulas, output, progress, index_dir, cluster, **names):  # fmt: skip
    """Write every matching article (no limit) as CSV or JSON Lines.

    Names of people, places and organisations are separated by "; " in a CSV cell and
    are lists in JSON Lines. CSV is UTF-8 with a byte-order mark, so Excel and
    LibreOffice show Dutch letters right; Excel set to Dutch wants --delimiter ';'.

    \b
    Examples:
      search export stikstof --output stikstof.csv
      search export klimaat --since 2019-01 --fields id,date,title,text --format jsonl
      search export "" --person "Mark Rutte" --delimiter ';' -o rutte.csv
    """
    separator = delimiter_of(delimiter)
    with _open_engine(index_dir, cluster=cluster) as engine:
        with engine.export(text, since=since, until=until, month=month, sort=sort,
                           fields=fields, **_facet_names(names)) as records:
            counter = _ExportProgress(records.total, enabled=progress or sys.stderr.isatty())
            if file_format == "csv":
                pieces = csv_text(counter.count(records.rows()), records.fields,
                                  delimiter=separator, bom=bom,
                                  keep_formulas=keep_formulas)  # fmt: skip
            else:
                pieces = jsonl_text(counter.count(records))
            _write_pieces(pieces, output)
            counter.done(output)


@main.command("kwic")
@click.argument("text")
@filter_options
@click.option("--width", type=int, default=DEFAULT_WIDTH, show_default=True,
              help="Characters of context left and right of each match.")  # fmt: skip
@click.option("--sort", type=click.Choice(KWIC_SORTS), default="date", show_default=True,
              help="Newest or oldest article first, or by the words left or right of the "
                   "match.")  # fmt: skip
@click.option("--limit", type=int, default=None, help="At most N lines (default: all).")
@click.option("--csv", "as_csv", is_flag=True,
              help="Print CSV: id,date,field,offset,left,match,right.")
@delimiter_option
@formulas_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@index_dir_option
def kwic_command(text, since, until, month, width, sort, limit, as_csv, delimiter,
                 keep_formulas, as_json, index_dir, **names):  # fmt: skip
    """Keyword in context: each occurrence of the query's words, one line each.

    Lines show the article's date, the text left of the match, the match as written
    (a whole phrase for a "phrase"; every word a prefix* stands for) and the text right
    of it, aligned on the match, then the article id.

    \b
    Examples:
      search kwic stikstof --sort left
      search kwic '"Tweede Kamer"' --width 30 --limit 20
      search kwic 'klimaat*' --since 2019-01 --csv > klimaat-kwic.csv
    """
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    separator = delimiter_of(delimiter)
    with _open_engine(index_dir) as engine:
        found = engine.kwic(text, since=since, until=until, month=month, width=width,
                            sort=sort, limit=limit, **_facet_names(names))
    if as_csv:
        rows = ((line.id, line.date or line.month or "", line.field, line.offset, line.left,
                 line.match, line.right) for line in found.lines)  # fmt: skip
        header = ("id", "date", "field", "offset", "left", "match", "right")
        _write_text(table_text(rows, header, delimiter=separator, keep_formulas=keep_formulas))
    elif as_json:
        _print_json(found.as_dict())
    else:
        click.echo(render.kwic_text(found, width=width))


@main.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@index_dir_option
def show_command(article_id, as_json, index_dir):
    """Print one article by its id (as shown in query results)."""
    with _open_engine(index_dir, build=False) as engine:
        document = engine.document(article_id)
    if as_json:
        _print_json(document.as_dict())
    else:
        click.echo(render.document_text(document))


@main.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@index_dir_option
def stats_command(as_json, index_dir):
    """Print the number of articles, the months covered and the index size."""
    with _open_engine(index_dir, build=False) as engine:
        stats = engine.stats()
    if as_json:
        _print_json(stats.as_dict())
    else:
        click.echo(render.stats_text(stats))


@main.command("analyze")
@click.argument("text")
@click.option("--index-mode", is_flag=True,
              help="Show the terms as indexed (with compound parts), not as queried.")  # fmt: skip
def analyze_command(text, index_mode):
    """Print the terms the Dutch analyser makes of TEXT.

    \b
    Example:
      search analyze "De Oekraïense graantransporten"
    """
    terms = search.analyze(text, mode="index" if index_mode else "query")
    click.echo(" ".join(terms))


@main.command("entities")
@click.argument("text", required=False)
@click.option("--file", "file_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the text from a file instead.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of entities.")
def entities_command(text, file_path, as_json):
    """Print the people, places and organisations found in TEXT (or --file).

    Each line: type, character span, the text as written and its canonical name.

    \b
    Example:
      search entities "Kremlin-woordvoerder Dmitry Peskov sprak in Moskou met de NAVO."
    """
    if (text is None) == (file_path is None):
        raise click.UsageError("give TEXT or --file, not both or neither")
    if file_path is not None:
        text = file_path.read_text(encoding="utf-8", errors="replace")
    found = search.extract_entities(text)
    if as_json:
        _print_json([{"type": e.type, "start": e.start, "end": e.end, "text": e.text,
                      "name": e.name} for e in found])  # fmt: skip
        return
    for entity in found:
        alias = f"  -> {entity.name}" if entity.name != entity.text else ""
        click.echo(f"{entity.type:<7}{entity.start:>7}-{entity.end:<7}{entity.text}{alias}")


@main.command("eval-entities")
@click.argument("conll_file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--news",
              type=click.Choice(["dev", "test", "test2", "test3", "test4", "test5", "test6",
                                 "test7"]),
              help="Score on this half of the annotated news sample instead.")  # fmt: skip
@click.option("--errors", "show_errors", is_flag=True,
              help="With --news: list each article's wrong and missed names.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_entities_command(conll_file, news, show_errors, as_json):
    """Score the entity extractor on CoNLL-2002 data (PER, LOC, ORG; MISC is left out),
    or with --news on the annotated DPG/Greta sample in bench/entities_news.

    CoNLL: precision, recall and F1 per type and micro-averaged (exact spans, as conlleval
    counts them), and document-level facet F1. News: document-level facet precision,
    recall and F1 per type and over all three, scored on the values the index stores.

    \b
    Example:
      search eval-entities ../shared/data/conll2002-nl/ned.testa
      search eval-entities --news dev --errors
    """
    if (conll_file is None) == (news is None):
        raise click.UsageError("give CONLL_FILE or --news, not both or neither")
    if show_errors and news is None:
        raise click.UsageError("--errors goes with --news")
    result = search.evaluate_entities(conll_file, news=news)
    if as_json:
        if not show_errors:
            result.pop("errors", None)
        _print_json(result)
    elif news is not None:
        from index.entities.eval_news import format_news_report

        click.echo(format_news_report(result, errors=show_errors))
    else:
        from index.entities.eval_conll import format_report

        click.echo(format_report(result))


@main.command("serve")
@index_dir_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the whole index "
                   "to the network without a password (see README).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")  # fmt: skip
@cluster_option
def serve_command(index_dir, host, port, cluster):
    """Serve the JSON API and the search page over HTTP (Ctrl-C stops).

    The API answers with the JSON of `search query --json` and friends (see
    docs/http-api.md); the page at / works offline. Needs the serve extra:
    pip install 'nieuwszoeker[serve]'.

    \b
    Examples:
      search serve
      search serve --index-dir news-index --port 8080
      search serve --index-dir archief-index --cluster tcp://10.0.0.5:8786
    """
    try:
        from search import server  # lazily: FastAPI and uvicorn load only for this command
    except ImportError as error:
        raise click.ClickException(
            f"`search serve` needs the serve extra ({error.name} is not installed): "
            "pip install 'nieuwszoeker[serve]'"
        ) from None
    with _open_engine(index_dir, cluster=cluster) as engine:  # the sample index first, like `query`
        target = engine.index_dir
    if not server.is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this address can read "
                   "the whole index, without a password or TLS.", err=True)  # fmt: skip
    click.echo(f"Serving {target} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    server.run_server(target, host, port, cluster=cluster)


def _open_engine(index_dir: Path | None, *, build: bool = True, cluster: str | None = None):
    """Open the index. Only the default location, with no index there yet, first gets one
    built from the bundled sample corpus: a folder named with ``--index-dir`` that holds no
    index is an error (a typo must not build and answer from the sample)."""
    target = index_dir or search.default_index_dir()
    if build and index_dir is None and not target.exists():
        click.echo(f"No index at {target} yet: indexing the bundled sample corpus first.", err=True)
        report = search.index_corpus(index_dir=target)
        click.echo(_summary(report), err=True)
    return search.Engine.open(target, cluster=cluster)


class _Progress:
    """A one-line article counter on stderr, shown only on a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()
        self.shown = False

    def update(self, count: int) -> None:
        if self.enabled:
            rate = count / max(time.perf_counter() - self.started, 1e-6)
            click.echo(f"\rIndexing: {count:,} articles read ({rate:,.0f}/s)", err=True, nl=False)
            self.shown = True

    def note(self, message: str) -> None:
        self.clear()
        click.echo(message, err=True)

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False

    def done(self) -> None:
        self.clear()


class _ProblemLog:
    """Corpus problems on stderr: the first few of each kind in each file as they come, and
    at the end one line per kind and file counting the rest (``verbose``: every one)."""

    EXAMPLES = 3

    def __init__(self, progress: _Progress, *, verbose: bool) -> None:
        self.progress = progress
        self.verbose = verbose
        self.counts: dict[tuple[str, str], int] = {}

    def add(self, problem) -> None:
        key = (problem.path, problem.group)
        seen = self.counts[key] = self.counts.get(key, 0) + 1
        if self.verbose or seen <= self.EXAMPLES:
            self.progress.clear()
            click.echo(f"warning: {problem}", err=True)

    def summarise(self) -> None:
        if self.verbose:
            return
        for (path, group), count in self.counts.items():
            if count > self.EXAMPLES:
                click.echo(f"warning: {path}: {count:,} times {group!r} in all, "
                           f"{self.EXAMPLES} shown (--verbose lists every one)", err=True)


def _nothing_to_shut_down() -> bool:
    """No other thread and no worker process (the sample index may have been built first)."""
    return threading.active_count() == 1 and "multiprocessing" not in sys.modules


def _exit_within(seconds: float, code: int) -> None:
    """End the process after ``seconds`` if interpreter exit has not ended it by then.

    After a signal the run has cleaned up; what is left at exit (freeing worker channels)
    should take milliseconds, but must never keep a stopped run alive.
    """
    timer = threading.Timer(seconds, _exit_now, args=(code,))
    timer.daemon = True
    timer.start()


def _exit_now(code) -> None:
    """Flush the output and end the process at once, with SystemExit's exit status."""
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)  # what Python prints for sys.exit("message")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe, as in `search query x | head -1`
        code = code or 120  # Python's status when it cannot flush at exit
    os._exit(code or 0)


def _summary(report) -> str:
    warnings = f", {len(report.problems):,} warnings" if report.problems else ""
    undated = f" ({report.undated:,} without a date)" if report.undated else ""
    return (
        f"Indexed {report.indexed:,} articles{undated} into {report.index_dir}: "
        f"{report.added:,} added, {report.updated:,} updated, {report.removed:,} removed, "
        f"{report.unchanged:,} unchanged, {report.skipped:,} skipped{warnings} "
        f"({report.seconds:.1f} s)"
    )


class _ExportProgress:
    """``Exporting: 12,000 of 45,210 articles (21,400/s)`` on stderr, updated per chunk."""

    EVERY = 1_000

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.written = 0
        self.started = time.perf_counter()

    def count(self, records):
        for record in records:
            self.written += 1
            if self.enabled and self.written % self.EVERY == 0:
                self._show()
            yield record

    def _show(self) -> None:
        rate = self.written / max(time.perf_counter() - self.started, 1e-6)
        click.echo(f"\rExporting: {self.written:,} of {self.total:,} articles ({rate:,.0f}/s)",
                   err=True, nl=False)  # fmt: skip

    def done(self, output: Path | None) -> None:
        if self.enabled:
            seconds = time.perf_counter() - self.started
            where = f" to {output}" if output else ""
            click.echo(f"\r\033[KExported {self.written:,} articles{where} ({seconds:.1f} s)",
                       err=True)  # fmt: skip


def _write_pieces(pieces, output: Path | None) -> None:
    """Text pieces to ``output`` (written beside it, then moved in place) or to stdout."""
    if output is None:
        sys.stdout.flush()
        stream = sys.stdout.buffer
        try:
            for piece in pieces:
                stream.write(piece.encode("utf-8"))
            stream.flush()
        except BrokenPipeError:  # `search export x | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())  # nothing left to flush
            raise click.exceptions.Exit(0) from None
        return
    partial = output.with_name(output.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            out.writelines(pieces)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)


def _write_text(text: str) -> None:
    """``text`` as it is (a CSV table: its own line ends, its byte-order mark) to stdout."""
    _write_pieces([text], None)


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
