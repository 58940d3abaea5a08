"""The README's examples run as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from search.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_library_example_runs(tmp_path, monkeypatch, capsys):
    (example,) = [block for block in code_blocks("python") if "index_corpus" in block]
    monkeypatch.chdir(ROOT)
    code = example.replace("/tmp/nieuws-index", str(tmp_path / "index"))
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "2022-11" in printed and "2 0" in printed  # the hit's month; added, skipped


def test_the_search_examples_run(sample_index):
    (examples,) = [block for block in code_blocks("sh") if block.startswith("search query")]
    runner = CliRunner()
    for line in examples.strip().splitlines():
        args = shlex.split(line.split("#")[0])
        if args[1] != "analyze":
            args += ["--index-dir", str(sample_index)]
        result = runner.invoke(main, args[1:])
        assert result.exit_code == 0, (line, result.output)
        assert result.stdout.strip(), line


def test_the_research_examples_run(sample_index, tmp_path, monkeypatch):
    (examples,) = [block for block in code_blocks("sh") if block.startswith("search export")]
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for line in examples.strip().splitlines():
        args = shlex.split(line.split("  #")[0]) + ["--index-dir", str(sample_index)]
        result = runner.invoke(main, args[1:])
        assert result.exit_code == 0, (line, result.output)
        if "--output" in args:
            written = tmp_path / args[args.index("--output") + 1]
            assert written.read_bytes().strip(), line
        else:
            assert result.stdout.strip(), line


def test_the_research_library_example_runs(sample_index, capsys):
    (example,) = [block for block in code_blocks("python") if "engine.export" in block]
    code = example.replace("/tmp/nieuws-index", str(sample_index))
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("2 ('id', 'date', 'title', 'person')") and "[Poetin]" in printed


def test_the_more_than_one_machine_examples_run(dask_cluster, tmp_path, monkeypatch):
    """Both blocks: the sharded index on one machine, and on a cluster (the session's real
    scheduler and workers stand in for the `dask` lines)."""
    blocks = [block for block in code_blocks("sh") if "--shards 4" in block]
    assert len(blocks) == 2
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    for block in blocks:
        for line in block.strip().splitlines():
            if line.startswith(("dask ", "export DASK_")):  # the session's cluster does both
                continue
            line = line.replace("tcp://127.0.0.1:8786", dask_cluster.address)
            args = shlex.split(line.replace("/tmp/", f"{tmp_path}/"))
            result = runner.invoke(main, args[1:])
            assert result.exit_code == 0, (line, result.output)
            assert result.output.strip(), line
