"""Draw the modern-news entity evaluation sample (fixed before any annotation or tuning).

Procedure, written down before anything was annotated:

1. DPG Media 2019: every article of ``dpgMedia2019-articles-byarticle-all.jsonl`` whose text
   has at least 200 characters, sorted by id; ``random.Random(20261206).sample`` draws 84.
2. Greta 2019-2020: every row of ``nl_greta_overview.tsv`` whose text has at least 200
   characters (its id is the URL, as ``search index`` gives it), sorted by URL; a
   ``random.Random(20261207)`` draws 36.
3. Split: each source's draw in drawn order alternates dev, test, dev, test, ... so both
   halves hold 42 DPG and 18 Greta articles.

A second held-out half, ``test2``, drawn after three tuning rounds had scored the test half
(so that half became development data) and before any further tuning, written down before
anything of it was read:

4. From the same eligible articles of each source (at least 200 characters, sorted), less
   every id of steps 1-3: ``random.Random(20261208).sample`` draws 42 DPG articles and
   ``random.Random(20261209).sample`` 18 Greta articles (the proportions of the first draw),
   all labelled ``test2``.

A third held-out half, ``test3``, drawn after one tuning round had scored ``test2`` (so it
became development data too) and before any further tuning, written down before anything
of it was read:

5. From the same eligible articles of each source, less every id of steps 1-4:
   ``random.Random(20261210).sample`` draws 42 DPG articles and
   ``random.Random(20261211).sample`` 18 Greta articles, all labelled ``test3``.

A fourth held-out half, ``test4``, drawn after one more tuning round had scored ``test3``
(so it became development data too) and before any further tuning, written down before
anything of it was read:

6. From the same eligible articles of each source, less every id of steps 1-5:
   ``random.Random(20261213).sample`` draws 42 DPG articles and
   ``random.Random(20261214).sample`` 18 Greta articles, all labelled ``test4``.

A fifth held-out half, ``test5``, drawn after one more tuning round had scored ``test4``
(so it became development data too) and before any further tuning, written down before
anything of it was read:

7. From the same eligible articles of each source, less every id of steps 1-6. Greta has
   100 eligible articles and steps 2-6 drew 90 of them, so all 10 left are taken (in the
   order ``random.Random(20261217).sample`` gives) and DPG makes up the 60:
   ``random.Random(20261216).sample`` draws 50 DPG articles, all labelled ``test5``.

A sixth held-out half, ``test6``, drawn after one more tuning round had scored ``test5``
(so it became development data too) and before any further tuning, written down before
anything of it was read:

8. From the same eligible articles of each source, less every id of steps 1-7. No Greta
   article is left, so ``random.Random(20261219).sample`` draws all 60 from DPG, labelled
   ``test6``.

A seventh held-out half, ``test7``, drawn after one more tuning round had scored ``test6``
(so it became development data too) and before any further tuning, written down before
anything of it was read:

9. From the same eligible articles of each source, less every id of steps 1-8:
   ``random.Random(20261222).sample`` draws 60 DPG articles, labelled ``test7``.

Writes ``sample.tsv`` (source, id, split) beside this file: the 120 rows of steps 1-3, then
the 60 of each of steps 4 to 9. Reads ``../shared/data``.

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


def eligible_ids(articles: dict[str, dict]) -> list[str]:
    """The ids of articles with at least ``MIN_CHARS`` characters of text, sorted."""
    return sorted(i for i, a in articles.items() if len(a["text"].strip()) >= MIN_CHARS)


def draw() -> list[tuple[str, str, str]]:
    """The dev and test halves (steps 1-3) as ``(source, id, split)`` rows."""
    rows = []
    for source, articles, seed, count in (
        ("dpg", dpg_articles(), 20261206, 84),
        ("greta", greta_articles(), 20261207, 36),
    ):
        for position, ident in enumerate(random.Random(seed).sample(eligible_ids(articles), count)):
            rows.append((source, ident, "dev" if position % 2 == 0 else "test"))
    return rows


def draw_held_out(
    earlier: list[tuple[str, str, str]],
    split: str,
    seeds: tuple[int, int],
    counts: tuple[int, int] = (42, 18),
) -> list[tuple[str, str, str]]:
    """A held-out half (steps 4 to 9): ``counts`` DPG and Greta articles not in ``earlier``,
    drawn with ``seeds`` (DPG, Greta), as ``(source, id, split)`` rows."""
    taken = {(source, ident) for source, ident, _ in earlier}
    rows = []
    for source, articles, seed, count in (
        ("dpg", dpg_articles(), seeds[0], counts[0]),
        ("greta", greta_articles(), seeds[1], counts[1]),
    ):
        eligible = [i for i in eligible_ids(articles) if (source, i) not in taken]
        rows += [(source, i, split) for i in random.Random(seed).sample(eligible, count)]
    return rows


def main() -> None:
    rows = draw()
    rows += draw_held_out(rows, "test2", (20261208, 20261209))
    rows += draw_held_out(rows, "test3", (20261210, 20261211))
    rows += draw_held_out(rows, "test4", (20261213, 20261214))
    rows += draw_held_out(rows, "test5", (20261216, 20261217), counts=(50, 10))
    rows += draw_held_out(rows, "test6", (20261219, 20261220), counts=(60, 0))
    rows += draw_held_out(rows, "test7", (20261222, 20261223), counts=(60, 0))
    with (HERE / "sample.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("source\tid\tsplit\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
