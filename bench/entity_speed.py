"""Benchmark: entity extraction speed in tokens a second on one core.

Reads Dutch news text (the CoNLL-2002 articles, detokenised, or any UTF-8 text files),
repeats it to at least ``--tokens`` tokens, and times :meth:`extract` on it, once as many
article-sized documents and once as one huge document.

    python bench/entity_speed.py                       # ../shared/data/conll2002-nl/ned.train
    python bench/entity_speed.py --tokens 2000000 corpus/sample/*.txt
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from index.dutch.tokens import iter_tokens
from index.entities import DutchEntityExtractor
from index.entities.eval_conll import detokenise, read_conll

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "conll2002-nl"


def load_documents(paths: list[str]) -> list[str]:
    """Texts to time: CoNLL files become detokenised articles, other files stay whole."""
    if not paths:
        paths = [str(DEFAULT_DATA / "ned.train")]
    documents = []
    for path in paths:
        if not Path(path).exists():
            sys.exit(f"skipped: {path} is absent")
        with open(path, encoding="utf-8") as handle:
            if path.endswith((".train", ".testa", ".testb")):
                documents += [
                    detokenise([[t for t, _ in s] for s in a.sentences]).text
                    for a in read_conll(handle)
                ]
            else:
                documents.append(handle.read())
    return documents


def count_tokens(texts: list[str]) -> int:
    """Words and numbers, as the index's tokenizer counts them."""
    return sum(sum(1 for _ in iter_tokens(text)) for text in texts)


def time_extract(extractor, texts: list[str]) -> float:
    """Seconds to extract entities from every text."""
    start = time.perf_counter()
    for text in texts:
        extractor.extract(text)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print tokens a second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="CoNLL-2002 files or plain UTF-8 text files")
    parser.add_argument("--tokens", type=int, default=1_000_000, help="tokens to time")
    args = parser.parse_args(argv)
    documents = load_documents(args.files)
    per_round = count_tokens(documents)
    rounds = max(1, -(-args.tokens // per_round))
    extractor = DutchEntityExtractor()
    extractor.extract("Opwarmen in Brussel.")  # builds the gazetteer outside the timing
    articles = documents * rounds
    seconds = time_extract(extractor, articles)
    print(
        f"articles: {len(articles)} docs, {per_round * rounds} tokens, {seconds:.2f} s, "
        f"{per_round * rounds / seconds:,.0f} tokens/s"
    )
    huge = "\n\n".join(articles)
    seconds = time_extract(extractor, [huge])
    print(
        f"one document of {len(huge) / 1e6:.1f} MB: {seconds:.2f} s, "
        f"{per_round * rounds / seconds:,.0f} tokens/s"
    )


if __name__ == "__main__":
    main()
