# Issue 19 last check: main (afe2f7e) against the commit before sharding (044cc9b) on one machine.
# Indexing: bench.archive at 100,000, alternating, two runs each. Queries: child_query on each
# commit's own index, fresh processes, alternating, four pairs.
# The first 044cc9b run (archive-044cc9b-1) ran before this loop, as the first step of the same
# sequence; wt-s0 is a worktree at 044cc9b, wt-m19 one at afe2f7e, each with its own copy of
# the corpus (a copy, not a link: the incremental step replaces the file under its path).
set -u
for iw in 1:m19 2:s0 2:m19; do
  i=${iw%%:*}; w=${iw##*:}
  {
    d=$DATA/ab-$([ $w = s0 ] && echo a || echo m)
    rm -rf $d/ix* 2>/dev/null
    cd $CHECKOUTS/wt-$w && echo "== $w index run $i $(date +%H:%M:%S)" && .venv/bin/python -m bench.archive --sizes 100000 --systems project --data $d --out $DATA/m19-out-$w-$i 2>&1 | grep -E '^\| 100,000'
  }
done
for i in 1 2 3 4; do
  for w in s0 m19; do
    d=$DATA/ab-$([ $w = s0 ] && echo a || echo m)
    cd $CHECKOUTS/wt-$w && .venv/bin/python -c "
import json; from pathlib import Path; from bench.archive import child_query
r = child_query('project', Path('$d/ix-project-100000'), 20)
print('$w', $i, r['top10']['p50_ms'], r['top10']['p95_ms'], r['facets']['p50_ms'], r['facets']['p95_ms'], flush=True)"
  done
done
echo done $(date +%H:%M:%S)
