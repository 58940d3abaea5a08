"""A hostile corpus built by the test: every good article indexed, every bad one reported."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import time

import pytest
from click.testing import CliRunner

import search
from corpus import read_corpus
from search.cli import main

GOOD = "date 2021-0{month} {title}\n\nDit is een goed artikel over {word} in Nederland."


def write_hostile_corpus(root):
    """Good articles next to every kind of bad input; returns the good ids and search words."""
    root.mkdir()
    good: dict[str, str] = {}

    def good_txt(name: str, word: str, month: int = 1) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD.format(month=month, title=f"Bericht {word}", word=word), "utf-8")
        good[path.relative_to(root).as_posix()] = word

    good_txt("goed.txt", "dijkbewaking")
    good_txt("map met spaties/één bericht.txt", "zeesluizen", 2)
    (root / "latin1.txt").write_bytes("date 2021-03 Café in Oekraïne\n\nKoffie.".encode("latin-1"))
    good["latin1.txt"] = "koffie"
    utf16 = codecs.BOM_UTF16_LE + "date 2021-04 Bericht\n\nGemalen draaien.".encode("utf-16-le")
    (root / "utf16.txt").write_bytes(utf16)
    good["utf16.txt"] = "gemalen"
    (root / "binair.txt").write_bytes(bytes(range(256)) * 4)
    (root / "leeg.txt").write_bytes(b"")
    (root / "wit.txt").write_text("  \n\n\t \n", "utf-8")
    (root / "maand13.txt").write_text("date 2021-13 Onmogelijke maand\n\nPolders.", "utf-8")
    good["maand13.txt"] = "polders"
    (root / "jaar0.txt").write_text("date 0000-05 Jaar nul\n\nTerpen.", "utf-8")
    good["jaar0.txt"] = "terpen"
    (root / "zonderdatum.txt").write_text("Geen kop hier.\n\nWierden.", "utf-8")  # a note
    lines = [
        json.dumps({"id": "j1", "title": "Eerste", "text": "Kribben", "date": "2021-05-01"}),
        '{"id": "kapot", "title": ',
        json.dumps(["geen", "object"]),
        json.dumps({"id": "j2", "title": "Tweede", "text": "Kwelders", "date": "2021-05-02"}),
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    good.update({"j1": "kribben", "j2": "kwelders"})
    (root / "rafelig.csv").write_text(
        "id,title,text,date\nc1,Goed,Duinen,2021-06-01\nc2,Rafelig\nc3,Goed,Strandhoofden,2021-06-03\n",
        "utf-8",
    )
    good.update({"c1": "duinen", "c3": "strandhoofden"})
    (root / "zz-dubbel.jsonl").write_text(
        json.dumps({"id": "j1", "title": "Dubbel", "text": "Overlaat", "date": "2021-07-01"})
        + "\n",
        "utf-8",
    )
    (root / "lus").symlink_to(root, target_is_directory=True)
    whole = gzip.compress(GOOD.format(month=8, title="Gzip", word="zandsuppleties").encode())
    (root / "afgekapt.txt.gz").write_bytes(whole[: len(whole) // 2])
    ok_gz = root / "heel.jsonl.gz"
    ok_gz.write_bytes(gzip.compress(json.dumps({"id": "g1", "title": "Gz", "text": "Golfbrekers",
                                                "date": "2021-08-01"}).encode()))  # fmt: skip
    good["g1"] = "golfbrekers"
    geheim = root / "geheim.txt"
    geheim.write_text("date 2021-09 Geheim\n\nNiet te lezen.", "utf-8")
    geheim.chmod(0)
    return good


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    good = write_hostile_corpus(root)
    return root, good


def _unreadable_as_root(monkeypatch, root):
    """Root reads any file, so make the chmod-0 file fail the way it does for users."""
    if os.geteuid() != 0:
        return
    import corpus.readers as readers

    real_open = readers._open_binary

    def guarded(path):
        if path.name == "geheim.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(readers, "_open_binary", guarded)


def test_every_good_article_is_indexed_and_every_bad_one_reported(hostile, tmp_path, monkeypatch):
    root, good = hostile
    _unreadable_as_root(monkeypatch, root)
    problems = []
    report = search.index_corpus([root], index_dir=tmp_path / "ix", on_problem=problems.append)
    by_file = {}
    for problem in problems:
        by_file.setdefault(os.path.basename(problem.path.split(":")[0]), []).append(problem)
    reasons = {name: [p.reason for p in items] for name, items in by_file.items()}
    assert reasons["binair.txt"] == ["binary file (contains NUL bytes), not text"]
    assert reasons["leeg.txt"] == ["empty file"] and reasons["wit.txt"] == ["empty file"]
    assert reasons["latin1.txt"] == ["not UTF-8; read as Windows-1252 (Latin-1)"]
    assert "month out of range" in reasons["maand13.txt"][0]
    assert "year out of range" in reasons["jaar0.txt"][0]
    assert "no 'date YYYY-MM' header" in reasons["zonderdatum.txt"][0]
    assert "read as a note" in reasons["zonderdatum.txt"][0]
    assert [(p.line, p.reason.split(" (")[0]) for p in by_file["records.jsonl"]] == [
        (2, "broken JSON"),
        (3, "not a JSON object but list"),
    ]
    assert [(p.line, p.reason) for p in by_file["rafelig.csv"]] == [
        (3, "row has 2 fields, header has 4")
    ]
    assert "duplicate id 'j1'" in reasons["zz-dubbel.jsonl"][0]
    assert "truncated or corrupt" in reasons["afgekapt.txt.gz"][0]
    assert reasons["geheim.txt"] == ["permission denied"]
    assert all(len(items) == 1 for name, items in by_file.items() if name != "records.jsonl")
    assert report.added == len(good)
    with search.Engine.open(tmp_path / "ix") as engine:
        for ident, word in good.items():
            assert ident in [h.id for h in engine.search(word).hits], (ident, word)
        assert engine.document("j1").title == "Eerste"  # the first of the duplicates wins
        assert engine.document("maand13.txt").month is None


def test_cli_summary_counts_and_strict_exit(hostile, tmp_path, monkeypatch):
    root, good = hostile
    _unreadable_as_root(monkeypatch, root)
    runner = CliRunner()
    result = runner.invoke(main, ["index", str(root), "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 13
    summary = result.stderr.strip().splitlines()[-1]
    assert f"{len(good)} added, 0 updated, 0 removed, 0 unchanged, 9 skipped" in summary
    strict = runner.invoke(
        main, ["index", str(root), "--index-dir", str(tmp_path / "ix"), "--strict"]
    )
    assert strict.exit_code == 1
    assert strict.stderr.strip().splitlines()[-1].startswith("Error: ")


def test_ten_thousand_tiny_files(tmp_path):
    root = tmp_path / "tiny"
    for folder in range(10):
        (root / f"map{folder}").mkdir(parents=True)
        for number in range(1000):
            (root / f"map{folder}" / f"{number}.txt").write_text(
                f"date 2020-{folder + 1:02d} Klein bericht {folder}-{number}\n\nwoord{number}",
                "utf-8",
            )
    report = search.index_corpus([root], index_dir=tmp_path / "ix", entities=False)
    assert (report.added, report.skipped) == (10_000, 0)
    with search.Engine.open(tmp_path / "ix") as engine:
        assert engine.search("woord999").total == 10
        assert engine.search("", month="2020-10").total == 1000


def test_readers_never_loop_on_symlinks(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("date 2020-01 Titel\n\nTekst.", "utf-8")
    (tmp_path / "a" / "terug").symlink_to(tmp_path, target_is_directory=True)
    assert [a.id for a in read_corpus([tmp_path])] == ["a/x.txt"]


def test_a_50_mb_article_is_indexed_in_bounded_time_and_memory(tmp_path):
    import resource
    import subprocess
    import sys

    corpus = tmp_path / "groot"
    corpus.mkdir()
    sentence = "De dijkgraaf sprak over zeespiegelstijging en polders in Zeeland. "
    body = sentence * (50_000_000 // len(sentence))
    (corpus / "enorm.txt").write_text(
        f"date 2024-01 Een enorm artikel\n\n{body}Slotwoord.", "utf-8"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "search", "index", str(corpus), "--index-dir", str(tmp_path / "ix")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert result.returncode == 0, result.stderr
    assert "article is 50.0 million characters long; the first 1 million are searchable" in (
        result.stderr
    )
    assert peak_mb < 1024 and seconds < 120, (peak_mb, seconds)
    with search.Engine.open(tmp_path / "ix") as engine:
        assert [h.id for h in engine.search("zeespiegelstijging").hits] == ["enorm.txt"]
        assert engine.document("enorm.txt").body.endswith("Slotwoord.")
