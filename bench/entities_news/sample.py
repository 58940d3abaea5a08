"""Draw the modern-news entity evaluation sample (fixed before any annotation or tuning).

Procedure, written down before anything was annotated:

1. DPG Media 2019: every article of ``dpgMedia2019-articles-byarticle-all.jsonl`` whose text
   has at least 200 characters, sorted by id; ``random.Random(20261206).sample`` draws 84.
2. Greta 2019-2020: every row of ``nl_greta_overview.tsv`` whose text has at least 200
   characters (its id is the URL, as ``search index`` gives it), sorted by URL; a
   ``random.Random(20261207)`` draws 36.
3. Split: each source's draw in drawn order alternates dev, test, dev, test, ... so both
   halves hold 42 DPG and 18 Greta articles.

Writes ``sample.tsv`` (source, id, split) beside this file. Reads ``../shared/data``.

    python -m bench.entities_news.sample
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"
DPG = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
GRETA = DATA / "greta-nl-news" / "nl_greta_overview.tsv"
MIN_CHARS = 200


def dpg_articles() -> dict[str, dict]:
    """DPG articles by id (str), title and text."""
    articles = {}
    with DPG.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            articles[str(record["id"])] = {"title": record["title"], "text": record["text"]}
    return articles


def greta_articles() -> dict[str, dict]:
    """Greta articles by URL, title and text."""
    articles = {}
    with GRETA.open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE):
            articles.setdefault(row["URL"], {"title": row["Title"], "text": row["Text"]})
    return articles


def draw() -> list[tuple[str, str, str]]:
    """The sample as ``(source, id, split)`` rows."""
    rows = []
    for source, articles, seed, count in (
        ("dpg", dpg_articles(), 20261206, 84),
        ("greta", greta_articles(), 20261207, 36),
    ):
        eligible = sorted(i for i, a in articles.items() if len(a["text"].strip()) >= MIN_CHARS)
        for position, ident in enumerate(random.Random(seed).sample(eligible, count)):
            rows.append((source, ident, "dev" if position % 2 == 0 else "test"))
    return rows


def main() -> None:
    with (HERE / "sample.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("source\tid\tsplit\n")
        for row in draw():
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
