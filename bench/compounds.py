"""Compound-splitting benchmark: precision and recall on hand-split compounds.

``tests/data/compounds.tsv`` holds compounds with their split, ``non_compounds.tsv``
words that must stay whole. A split counts as correct when it gives exactly the expected
parts; any split of a non-compound is a false positive. Also times indexing-time analysis
with and without splitting.

    python -m bench.compounds
    python -m bench.compounds --errors
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from index.dutch.compounds import LINKS, compound_splitter
from index.dutch.tokens import normalise

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def load_sets(data: Path = DATA) -> tuple[dict[str, list[str]], list[str]]:
    """``(compound -> expected parts, non-compounds)`` from the hand-checked sets."""
    compounds = {}
    for line in (data / "compounds.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, parts = line.split("\t")
            compounds[word] = parts.split()
    plain = [w for line in (data / "non_compounds.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()]  # fmt: skip
    return compounds, plain


def _same_split(parts: list[str], expected: list[str]) -> bool:
    """Same head, and the same modifier up to a linking s/e/en (``krant``/``kranten``)."""
    if len(parts) != 2 or parts[1] != expected[1]:
        return False
    short, long = sorted((parts[0], expected[0]), key=len)
    return long[len(short):] in LINKS and long.startswith(short)


def measure(compounds: dict[str, list[str]], plain: list[str]) -> dict:
    """Precision, recall and the errors of the shipped splitter."""
    split = compound_splitter()
    correct = wrong = 0
    errors = []
    for word, expected in compounds.items():
        parts = split(normalise(word))
        if _same_split(parts, [normalise(p) for p in expected]):
            correct += 1
        else:
            wrong += bool(parts)
            errors.append(f"compound {word}: expected {expected}, got {parts}")
    false_splits = [(w, split(normalise(w))) for w in plain if split(normalise(w))]
    errors += [f"non-compound {w}: got {p}" for w, p in false_splits]
    made = correct + wrong + len(false_splits)
    return {"precision": correct / made if made else 1.0, "recall": correct / len(compounds),
            "false_rate": len(false_splits) / len(plain), "errors": errors,
            "compounds": len(compounds), "plain": len(plain)}  # fmt: skip


def time_analysis(texts: list[str]) -> tuple[float, float]:
    """Seconds to analyse ``texts`` at index time without and with splitting (cold caches)."""
    from index import analysis
    from index.dutch import stemming

    timings = []
    for compounds in (False, True):
        analysis._ANALYSERS.clear()
        stemming.stemmer_for.cache_clear()
        analyzer = analysis.DutchAnalyzer(compounds=compounds)
        analyzer.terms("warm", mode="index")  # load the lexicons outside the timing
        started = time.perf_counter()
        for text in texts:
            for _ in analyzer(text, positions=True, mode="index"):
                pass
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the splitter's errors")
    options = parser.parse_args(argv)
    result = measure(*load_sets())
    if options.errors:
        print("\n".join(result["errors"]))
        return 0
    print("| set | words | precision | recall | false splits |\n"
          "| --- | ---: | ---: | ---: | ---: |\n"
          f"| compounds | {result['compounds']} | {result['precision']:.3f} | "
          f"{result['recall']:.3f} | |\n"
          f"| non-compounds | {result['plain']} | | | {result['false_rate']:.3f} |")
    try:
        from bench.retrieval import DataMissing, load_task

        texts = list(load_task().bodies.values())
    except DataMissing as error:
        print(f"\n(no timing: {error})")
        return 0
    without, with_split = time_analysis(texts)
    print(f"\nIndex-time analysis of {len(texts):,} bodies, cold word caches: "
          f"{without:.2f} s without splitting, {with_split:.2f} s with "
          f"({with_split / without:.2f}x).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
