"""Print sampled articles for annotation: ``python -m bench.entities_news.show dev`` (or an id)."""

from __future__ import annotations

import sys

from bench.entities_news.sample import HERE, dpg_articles, greta_articles


def main(which: str) -> None:
    articles = {"dpg": dpg_articles(), "greta": greta_articles()}
    with (HERE / "sample.tsv").open(encoding="utf-8") as table:
        next(table)
        for line in table:
            source, ident, split = line.rstrip("\n").split("\t")
            if which in (split, ident):
                article = articles[source][ident]
                print(f"===== {source} {ident} ({split})")
                print(f"{article['title']}\n\n{article['text']}\n")


if __name__ == "__main__":
    main(sys.argv[1])
