"""Plain-text rendering of results for the terminal (used only by the CLI).

Bold is an ANSI code, as ``click.style(text, bold=True)`` writes it; ``click.echo`` drops
it where the output is not a terminal. Only the CLI module imports click.
"""

from __future__ import annotations

from search.kwic import Concordance
from search.results import (
    NAME_FACETS,
    Comparison,
    Document,
    FacetCount,
    IndexStats,
    Results,
    Snippet,
)
from search.timeline import Timeline

# One line per facet of names, in registry order ("People", ..., "Publishers").
FACET_LABELS = {facet.name: facet.label for facet in NAME_FACETS}
ENTITY_LABELS = {facet.name: facet.label for facet in NAME_FACETS if facet.from_entities}
BAR_WIDTH = 30


def bold(text: str) -> str:
    """``text`` in bold on a terminal."""
    return f"\x1b[1m{text}\x1b[0m"


def snippet_text(snippet: Snippet) -> str:
    """The snippet with matched words in bold (plain where the output is not a terminal)."""
    return "".join(bold(text) if hit else text for text, hit in snippet.fragments)


def results_text(results: Results) -> str:
    """Hits, then facets and the month histogram."""
    lines: list[str] = []
    label = f'"{results.query}"' if results.query else "all articles"
    pages = max(1, -(-results.total // results.limit))
    if results.collapsed:  # the total counts groups of near-duplicates
        noun = "text" if results.total == 1 else "different texts"
    else:
        noun = "result" if results.total == 1 else "results"
    lines.append(f"{results.total:,} {noun} for {label} (page {results.page} of {pages})")
    if results.total and results.page > pages:
        lines.append(f"Page {results.page} is past the last page ({pages}).")
    for number, hit in enumerate(results.hits, start=(results.page - 1) * results.limit + 1):
        lines.append("")
        lines.append(f"{number}. {bold(hit.title or '(untitled)')}")
        lines.append(f"   {_when(hit.date, hit.month)} · {hit.id} · score {hit.score:.2f}")
        if hit.snippet.fragments:
            lines.append(f"   {snippet_text(hit.snippet)}")
        if hit.duplicates:
            others = ", ".join(copy.id for copy in hit.duplicates[:3])
            more = f" and {len(hit.duplicates) - 3} more" if len(hit.duplicates) > 3 else ""
            word = "copy" if len(hit.duplicates) == 1 else "copies"
            lines.append(f"   also as {len(hit.duplicates)} near-identical {word}: {others}{more}")
    if results.suggestion:
        lines.append("")
        lines.append(f"Did you mean: {bold(results.suggestion)}?")
    facet_lines = facets_text(results.facets)
    if facet_lines and results.total:
        lines.append("")
        lines.append(facet_lines)
    return "\n".join(lines)


def facets_text(facets: dict[str, tuple[FacetCount, ...]]) -> str:
    """One line per facet of names, then the months as a bar chart in time order."""
    lines = []
    for kind, label in FACET_LABELS.items():
        counts = facets.get(kind, ())
        if counts:
            lines.append(f"{label}: " + ", ".join(f"{c.value} ({c.count})" for c in counts))
    months = sorted(facets.get("month", ()), key=lambda c: c.value)
    if months:
        lines.append("Months:")
        lines.extend(month_bars(months))
    return "\n".join(lines)


def month_bars(months: list[FacetCount]) -> list[str]:
    """``2022-11 ████████ 12`` for each month."""
    peak = max(c.count for c in months)
    return [
        f"  {c.value} {'█' * max(1, round(BAR_WIDTH * c.count / peak))} {c.count}" for c in months
    ]


def kwic_text(found: Concordance, *, width: int) -> str:
    """A heading, then one line per occurrence: date, left context right-aligned, the match
    in bold, right context, article id; the matches line up in one column."""
    count = len(found.lines)
    lines = [f"{count:,} {'occurrence' if count == 1 else 'occurrences'} in "
             f"{found.articles:,} {'article' if found.articles == 1 else 'articles'} "
             f'for "{found.query}"' + ("" if found.complete else
                                      f" (the first {count:,}; --limit shows more)")]  # fmt: skip
    for line in found.lines:
        when = line.date or line.month or "undated"
        lines.append(f"{when:<10}  {line.left:>{width}} {bold(line.match)} "
                     f"{line.right:<{width}}  {line.id}")  # fmt: skip
    return "\n".join(lines)


def document_text(document: Document) -> str:
    """A whole article: title, metadata, entities, body."""
    lines = [bold(document.title or "(untitled)")]
    where = f"{document.source}:{document.line}" if document.line else document.source
    lines.append(f"{_when(document.date, document.month)} · {document.id} · {where}")
    for kind, label in ENTITY_LABELS.items():
        names = getattr(document.entities, kind)
        if names:
            lines.append(f"{label}: {', '.join(names)}")
    lines.append("")
    lines.append(document.body)
    return "\n".join(lines)


def _when(date: str | None, month: str | None) -> str:
    """The day where the article has one, else its month, else "undated"."""
    return date or month or "undated"


def stats_text(stats: IndexStats) -> str:
    """Document count, months covered, size and analysis settings."""
    span = f"{stats.first_month} to {stats.last_month}" if stats.months else "none"
    analysis = ", ".join(f"{k}={v}" for k, v in sorted(stats.analysis.items()))
    lines = [
        f"Index:     {stats.index_dir}",
        f"Articles:  {stats.documents:,} ({stats.undated:,} undated)",
        f"Months:    {span} ({len(stats.months)} months with articles)",
        f"Size:      {stats.size_bytes / 1e6:.1f} MB",
        f"Analysis:  {analysis}",
        f"Entities:  {stats.extractor or 'not extracted'}",
    ]
    if stats.shard_documents:
        counts = ", ".join(f"{count:,}" for count in stats.shard_documents)
        lines.append(f"Shards:    {len(stats.shard_documents)} (articles: {counts})")
    if stats.roots:
        lines.append(f"Corpus:    {', '.join(stats.roots)}")
    return "\n".join(lines)


def timeline_text(timeline: Timeline) -> str:
    """``2019-03-11 ████ 12 of 140 (8.6%)`` per interval."""
    if not timeline.buckets:
        return f"No dated matches ({timeline.undated:,} undated)." if timeline.undated else ""
    lines = [f"Per {timeline.interval} (matches, of all articles):"]
    peak = max(bucket.count for bucket in timeline.buckets) or 1
    for bucket in timeline.buckets:
        bar = "█" * round(BAR_WIDTH * bucket.count / peak) if bucket.count else ""
        share = f" ({100 * bucket.count / bucket.all:.1f}%)" if bucket.all else ""
        lines.append(f"  {bucket.start} {bar} {bucket.count:,} of {bucket.all:,}{share}")
    if timeline.undated:
        lines.append(f"  undated: {timeline.undated:,}")
    return "\n".join(lines)


def comparison_text(comparison: Comparison) -> str:
    """A table: one row per interval, per label its count and share of all articles."""
    labels = comparison.labels
    starts = [bucket.start for bucket in comparison.timelines[0].buckets]
    if not starts:
        return "No dated matches."
    width = max(12, *(len(label) + 1 for label in labels))
    header = f"{comparison.interval:<12}" + "".join(f"{label:>{width}}" for label in labels)
    header += f"{'all':>10}"
    lines = [header]
    for row, start in enumerate(starts):
        cells = []
        for found in comparison.timelines:
            bucket = found.buckets[row]
            share = f"{100 * bucket.count / bucket.all:.1f}%" if bucket.all else "-"
            cells.append(f"{f'{bucket.count:,} {share}':>{width}}")
        whole = comparison.timelines[0].buckets[row].all
        lines.append(f"{start:<12}" + "".join(cells) + f"{whole:>10,}")
    return "\n".join(lines)
