"""The Markdown report of ``bench.serve_load`` (bench/results/serve_load.md) and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

PHASES = (("warmup", "warm-up"), ("steady", "steady load"), ("update", "load + update"),
          ("bursts", "bursts after idle"))


def write_results(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve_load.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "serve_load.md").write_text(markdown(results))


def markdown(results: dict) -> str:
    """The Markdown report of one run."""
    run = results["run"]
    lines = [
        "# `search serve` under load", "",
        f"`{results['command']}`, started {results['started']}: {run['documents']:,} "
        f"articles, {results['clients']} client threads (one httpx client each, in one "
        f"process beside the server), {results['warmup']:g} s warm-up, then "
        f"{results['seconds']:g} s per phase. {results['cores']} cores shared with other "
        f"work (load average {results['load_average_start'][0]} at the start): expect "
        "noise. Latency is measured by the clients, queueing included.", "",
        "| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | deliberate 4xx "
        "| RSS start / max / end MB | RSS growth MB | open files start / max / end "
        "| CPU s server / clients |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for key, name in PHASES:
        phase, rss, files = run[key], run[key]["rss_mb"], run[key]["open_files"]
        lat = phase["latency_ms"]
        lines.append(
            f"| {name} | {phase['requests']:,} | {phase['requests_per_s']} | {lat['p50']} | "
            f"{lat['p95']} | {lat['p99']} | {phase['errors']} | {phase['deliberate_4xx']} | "
            f"{rss.get('start')} / {rss.get('max')} / {rss.get('end')} | {rss.get('growth')} | "
            f"{files.get('start')} / {files.get('max')} / {files.get('end')} | "
            f"{phase['server_cpu_s']} / {phase['client_cpu_s']} |"
        )  # fmt: skip
    lines += ["", *_kind_table(run), ""]
    lines += [*_update_lines(run["update"]["update"], results["seconds"]), ""]
    after = run["bursts"]["after_each_burst"]
    rss = ", ".join(str(a["rss_mb"]) for a in after)
    files = ", ".join(str(a["open_files"]) for a in after)
    lines += [f"Bursts: {len(after)} bursts of {results['burst_seconds']:g} s of the same "
              f"load, each after {results['idle_spell']:g} s without requests (anyio ends the "
              "server's worker threads after 10 s idle; the next burst starts new ones). "
              f"After each burst: RSS {rss} MB; open files {files} ({_per_burst(after)}).",
              ""]  # fmt: skip
    lines += _failure_lines(run)
    codes = ", ".join(f"`search {name}` {code}" for name, code in results["exit_codes"].items())
    lines += [f"Stopped at the end (SIGTERM): exit codes {codes} (-15: uvicorn shuts down "
              "cleanly, then ends by the signal it caught); processes left running: "
              f"{results['left_running'] or 'none'}.", ""]  # fmt: skip
    return "\n".join(lines)


def _per_burst(after: list[dict]) -> str:
    if len(after) < 2:
        return "one burst: no trend"
    step = (after[-1]["open_files"] - after[0]["open_files"]) / (len(after) - 1)
    mb = (after[-1]["rss_mb"] - after[0]["rss_mb"]) / (len(after) - 1)
    return f"{step:+.1f} open files and {mb:+.1f} MB a burst"


def _kind_table(run: dict) -> list[str]:
    lines = ["Per kind of request (ms), steady load and load + update:", "",
             "| kind | in the mix | steady p50 / p95 / p99 | with update p50 / p95 / p99 |",
             "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for kind, count in run["mix"].items():
        cells = []
        for key in ("steady", "update"):
            lat = run[key]["by_kind"].get(kind, {})
            cells.append(f"{lat.get('p50')} / {lat.get('p95')} / {lat.get('p99')}")
        lines.append(f"| {kind} | {count} | {cells[0]} | {cells[1]} |")
    return lines


def _update_lines(update: dict, seconds: float) -> list[str]:
    visible = update.get("all_documents_visible")
    during = visible is not None and visible <= seconds
    return [
        f"Update: `search index` added {update['articles']:,} articles (a second corpus "
        f"file) during the load, started {update.get('index_started')} s into the phase, "
        f"ended at {update.get('index_ended')} s (exit code {update.get('index_exit_code')}). "
        f"`/api/stats` documents went from {update.get('documents_before')} to "
        f"{update.get('documents_after')}: the first new count at "
        f"{update.get('first_new_documents')} s, all {update['articles']:,} at "
        f"{update.get('all_documents_visible')} s; the first added article answered 200 "
        f"(404 before) at {update.get('article_visible')} s. The switch came "
        f"{'during' if during else 'after'} the {seconds:g} s of load. Errors of these "
        f"polls: {len(update['watch_errors'])}.",
    ]  # fmt: skip


def _failure_lines(run: dict) -> list[str]:
    failures = [f for key, _ in PHASES for f in run[key]["failures"]]
    failures += run["update"]["update"]["watch_errors"]
    if not failures:
        return []
    return ["Failures (the first of each phase):", "", "```",
            *(json.dumps(f, ensure_ascii=False) for f in failures), "```", ""]  # fmt: skip

