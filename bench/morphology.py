"""Morphology benchmark: conflation recall and false-conflation rate per stemmer choice.

Reads the hand-checked sets in ``tests/data``: inflection groups whose forms must share a
term (``morphology_groups.tsv``) and pairs of different words that must not
(``morphology_apart.tsv``). Recall counts (first form, other form) pairs of a group.

    python -m bench.morphology
    python -m bench.morphology --misses shipped   # list what a variant gets wrong
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from index.analysis import DutchAnalyzer

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
VARIANTS: dict[str, tuple[str, dict]] = {
    "raw": ("no stemming, no folding", {"stem": False, "fold": False}),
    "none": ("no stemming (folding)", {"stem": False}),
    "dutch_porter": ("dutch_porter", {"stemmer": "dutch_porter", "overrides": False}),
    "dutch": ("dutch", {"stemmer": "dutch", "overrides": False}),
    "dutch_porter_overrides": ("dutch_porter + overrides",
                               {"stemmer": "dutch_porter", "overrides": True}),
    "dutch_overrides": ("dutch + overrides", {"stemmer": "dutch", "overrides": True}),
    "shipped": ("**shipped analyser**", {}),
}  # fmt: skip


def load_groups(path: Path = DATA / "morphology_groups.tsv") -> list[tuple[str, list[str]]]:
    """``(category, forms)`` for each group line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, forms = line.split("\t")
            rows.append((category, forms.split()))
    return rows


def load_apart(path: Path = DATA / "morphology_apart.tsv") -> list[tuple[str, str]]:
    """Pairs of words that must keep different terms."""
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip


def term_function(analyzer: DutchAnalyzer):
    """``word -> term`` as a query would see it (stop words kept, no compound parts)."""

    def term(word: str) -> str:
        terms = analyzer.terms(word, mode="query")
        return terms[0] if terms else word

    return term


def measure(analyzer: DutchAnalyzer, groups, apart) -> dict:
    """Per-category recall, overall recall, false-conflation rate and the misses."""
    term = term_function(analyzer)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for category, forms in groups:
        head = term(forms[0])
        for form in forms[1:]:
            same = term(form) == head
            hits[category][0] += same
            hits[category][1] += 1
            if not same:
                misses.append(f"{category}: {forms[0]}->{head} {form}->{term(form)}")
    false = [(a, b, term(a)) for a, b in apart if term(a) == term(b)]
    total = [sum(v[0] for v in hits.values()), sum(v[1] for v in hits.values())]
    return {"categories": {c: v[0] / v[1] for c, v in hits.items()},
            "recall": total[0] / total[1], "pairs": total[1],
            "false": len(false) / len(apart), "misses": misses,
            "false_pairs": [f"{a}/{b} -> {t}" for a, b, t in false]}  # fmt: skip


def report(results: dict[str, dict], groups, apart) -> str:
    """The Markdown table: one row per variant, recall per category, then false conflation."""
    categories = list(dict.fromkeys(c for c, _ in groups))
    counts = {c: sum(len(f) - 1 for cat, f in groups if cat == c) for c in categories}
    lines = [f"{len(groups)} groups ({sum(counts.values())} form pairs), "
             f"{len(apart)} must-stay-apart pairs", "",
             "| stemmer | " + " | ".join(f"{c} ({counts[c]})" for c in categories)
             + " | recall | false conflation |",
             "| --- |" + " ---: |" * (len(categories) + 2)]  # fmt: skip
    for name, result in results.items():
        cells = " | ".join(f"{result['categories'][c]:.2f}" for c in categories)
        lines.append(f"| {VARIANTS[name][0]} | {cells} | {result['recall']:.3f} | "
                     f"{result['false']:.3f} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=list(VARIANTS), help="list one variant's errors")
    options = parser.parse_args(argv)
    groups, apart = load_groups(), load_apart()
    results = {name: measure(DutchAnalyzer(compounds=False, **settings), groups, apart)
               for name, (_, settings) in VARIANTS.items()}  # fmt: skip
    if options.misses:
        chosen = results[options.misses]
        print("\n".join(chosen["misses"] + ["", "false conflations:"] + chosen["false_pairs"]))
        return 0
    print(report(results, groups, apart))
    return 0


if __name__ == "__main__":
    sys.exit(main())
