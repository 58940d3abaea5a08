"""Building and updating a sharded index (:mod:`index.store.shards`).

Each shard is built by :func:`index.pipeline.build.build_index` from the whole corpus,
keeping the articles whose id routes to it, so a shard's update finds the articles it
already holds (to replace or remove them) exactly as an index without shards does. Every
shard reads the corpus in the same order and numbers its articles from the same first
place in the reading order, so ties rank as in one index. Without a cluster the shards are
built in turn here (each with the usual worker processes); with one
(:class:`search.cluster.ShardedWork`), each shard is built by a Dask worker.

Each shard commits on its own. A run that stops (or loses a worker) leaves every shard at
its last commit; the next run reads the corpus again and completes the shards that lag.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from index.pipeline.build import BuildReport, build_index
from index.store.shards import ShardLayout, create_layout, is_sharded, read_layout, shard_of
from index.store.storage import read_meta, write_locked, write_meta


def build_sharded(
    index_dir: Path,
    paths: Iterable[str | os.PathLike],
    *,
    shards: int | None,
    rebuild: bool = False,
    extractor=None,
    entities: bool = True,
    work_for: Callable[[list[Path]], object] | None = None,
    on_problem: Callable | None = None,
    on_fields: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    exclude: Iterable[str] = (),
    undated_text: bool = False,
    stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """Build or update the sharded index at ``index_dir`` (``shards`` of them when it is
    created; None: the number it has); ``work_for(shard folders)`` gives what builds them
    on a cluster (:class:`search.cluster.ShardedWork`). Returns one report for all shards.

    The run holds the write lock of ``index_dir`` itself (each shard's writer holds its
    own), so a second run on the same index stops at once with
    :class:`~index.errors.IndexLockedError` instead of writing shards beside this one."""
    plain = shards is None and not is_sharded(index_dir)  # an index without shards, on a cluster
    with contextlib.nullcontext() if plain else write_locked(index_dir):
        if plain:
            layout = ShardLayout(Path(index_dir), 1, plain=True)
        elif shards is None:
            layout = read_layout(index_dir)
        else:
            layout = create_layout(index_dir, shards)
        return _build_layout(layout, paths, rebuild=rebuild, extractor=extractor,
                             entities=entities, work_for=work_for, on_problem=on_problem,
                             on_fields=on_fields, on_progress=on_progress, exclude=exclude,
                             undated_text=undated_text, stop=stop)  # fmt: skip


def _build_layout(
    layout: ShardLayout,
    paths: Iterable[str | os.PathLike],
    *,
    rebuild: bool,
    extractor,
    entities: bool,
    work_for: Callable[[list[Path]], object] | None,
    on_problem: Callable | None,
    on_fields: Callable[[str, str], None] | None,
    on_progress: Callable[[int], None] | None,
    exclude: Iterable[str],
    undated_text: bool,
    stop: Callable[[], bool] | None,
) -> BuildReport:
    """:func:`build_sharded` for a layout already read or made (its lock held)."""
    started = time.perf_counter()
    index_dir = layout.index_dir
    roots = [str(Path(p).resolve()) for p in paths]
    first_order = max((read_meta(path).get("next_order", 0) for path in layout.shard_dirs),
                      default=0)  # fmt: skip
    seen_problems: set = set()

    def problem_once(item) -> None:  # every shard reads every file: report each problem once
        key = (item.path, item.line, item.reason)
        if key not in seen_problems:
            seen_problems.add(key)
            if on_problem:
                on_problem(item)

    if work_for is not None:
        work = work_for(layout.shard_dirs)
        options = {"rebuild": rebuild, "exclude": tuple(exclude), "undated_text": undated_text,
                   "entities": entities, "extractor": extractor}  # fmt: skip
        reports = work.build(roots, layout.shards, first_order, options, stop=stop)
        for report in reports:
            for item in report.problems:
                problem_once(item)
    else:
        reports = []
        for number, shard_dir in enumerate(layout.shard_dirs):
            reports.append(build_index(
                shard_dir, roots, rebuild=rebuild, extractor=extractor if entities else None,
                on_problem=problem_once, on_fields=on_fields if number == 0 else None,
                on_progress=on_progress, exclude=exclude, undated_text=undated_text,
                stop=stop, first_order=first_order,
                belongs=lambda article_id, number=number: shard_of(article_id,
                                                                   layout.shards) == number,
            ))  # fmt: skip
    report = combined_report(reports, index_dir)
    report.seconds = time.perf_counter() - started
    if layout.plain:  # its own run wrote its notes
        return report
    meta = read_meta(index_dir)
    meta["roots"] = sorted(set(meta.get("roots", [])) | set(roots))
    meta["exclude"] = list(exclude)
    meta["shards"] = layout.shards
    write_meta(index_dir, meta)
    return report


def combined_report(reports: list[BuildReport], index_dir: Path) -> BuildReport:
    """One report of the shards' runs (each read every file: its problems count once)."""
    problems, seen = [], set()
    for report in reports:
        for item in report.problems:
            key = (item.path, item.line, item.reason)
            if key not in seen:
                seen.add(key)
                problems.append(item)
    return BuildReport(
        added=sum(r.added for r in reports), updated=sum(r.updated for r in reports),
        removed=sum(r.removed for r in reports), unchanged=sum(r.unchanged for r in reports),
        skipped=sum(1 for item in problems if item.skipped),
        undated=sum(r.undated for r in reports), problems=problems,
        seconds=max((r.seconds for r in reports), default=0.0), index_dir=str(index_dir),
    )  # fmt: skip
