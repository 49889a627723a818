"""CPU the Ray driver spends per article, without Ray: what caps ray2 / ray1 on 2 cores.

    .venv/bin/python benchmarks/bench_driver.py [--sizes 10] [--limit 100] [--profile N]

Builds the corpus of ``bench_scale.py`` (the first ``--limit`` real articles repeated
``size`` times under new ids), extracts it once with the local engine (the results are
cached under ``--cache``, keyed by the corpus; ``--refresh`` re-extracts, so re-runs
measure only the driver on the same events), then replays what the Ray driver does for
each shard (DuckDB on one thread, as ``run_with_ray`` runs it) and measures process CPU
time (``time.process_time``, robust to other load on the machine) per phase:

    plan     reading the JSONL, hashing, ``stored_hashes`` look-ups (``plan_batches``)
    wire     pickling the documents out and unpickling the results back
    write    ``Store.write_results``: documents, events and the situation update

``--profile N`` prints the top N functions of a cProfile of the write phase.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_scale import CORPUS, write_corpus

from polybius.ingest import read_paths
from polybius.pipeline import RunSummary, plan_batches, process_batch
from polybius.settings import Settings
from polybius.store.store import Store


def extracted(corpus: Path, settings: Settings, cache: Path, refresh: bool) -> dict:
    """``{doc_id: DocResult}`` for the corpus, from the cache unless ``refresh``."""
    key = hashlib.sha256(corpus.read_bytes()).hexdigest()[:12]
    path = cache / f"results-{key}.pickle"
    if path.exists() and not refresh:
        print(f"extraction results from {path}", file=sys.stderr)
        return pickle.loads(path.read_bytes())
    from polybius.resources import load_resources

    resources = load_resources(settings)
    docs = [d for d in read_paths([corpus], settings) if hasattr(d, "text")]
    out = {}
    for start in range(0, len(docs), settings.batch_size):
        batch = docs[start:start + settings.batch_size]
        for result in process_batch(batch, resources, settings):
            out[result.document.id] = result
        print(f"  extracted {len(out)}/{len(docs)}", file=sys.stderr, flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def replay(corpus: Path, settings: Settings, results: dict, profile: cProfile.Profile | None
           ) -> dict[str, float]:
    """The driver's work for one run, CPU seconds per phase."""
    cpu = {"plan": 0.0, "wire": 0.0, "write": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "driver.duckdb")
        with store.single_threaded():  # as run_with_ray runs the driver
            summary = _replay_batches(store, corpus, settings, results, profile, cpu)
        store.close()
    cpu["docs"] = summary.read
    return cpu


def _replay_batches(store: Store, corpus: Path, settings: Settings, results: dict,
                    profile: cProfile.Profile | None, cpu: dict[str, float]) -> RunSummary:
    summary = RunSummary()
    run_id = store.start_run("bench", settings.as_dict(), {})
    planned = plan_batches(read_paths([corpus], settings), store, settings, summary)
    while True:
        t0 = time.process_time()
        try:
            ready, todo = next(planned)
        except StopIteration:
            break
        t1 = time.process_time()
        payload = pickle.dumps(todo, protocol=pickle.HIGHEST_PROTOCOL)
        t2 = time.process_time()
        # what a worker does with the shard (not driver CPU, not timed)
        back = pickle.dumps([results[d.id] for d in pickle.loads(payload)],
                            protocol=pickle.HIGHEST_PROTOCOL)
        t3 = time.process_time()
        batch = ready + pickle.loads(back)
        t4 = time.process_time()
        if profile:
            profile.enable()
        store.write_results(batch, run_id)
        if profile:
            profile.disable()
        t5 = time.process_time()
        cpu["plan"] += t1 - t0
        cpu["wire"] += (t2 - t1) + (t4 - t3)
        cpu["write"] += t5 - t4
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10", help="input multiples, e.g. 1,10")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="replays per size (min kept)")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "polybius"
                        / "bench_driver")
    parser.add_argument("--refresh", action="store_true", help="re-extract the corpus")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (it ships in ../shared/data)")
        return 0
    settings = Settings(batch_size=args.batch_size, n_process=1)
    print(f"driver CPU ms per article (min of {args.repeat} replays; process time)")
    print(f"{'size':>5} {'docs':>6} {'plan':>7} {'wire':>7} {'write':>7} {'total':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            corpus = Path(tmp) / f"corpus_{size}x.jsonl"
            write_corpus(corpus, args.limit, size)
            results = extracted(corpus, settings, args.cache, args.refresh)
            runs = []
            for n in range(args.repeat):
                profile = cProfile.Profile() if args.profile and n == 0 else None
                runs.append(replay(corpus, settings, results, profile))
                if profile:
                    stats = pstats.Stats(profile, stream=sys.stderr)
                    stats.sort_stats("cumulative").print_stats(args.profile)
            docs = runs[0]["docs"]
            best = {k: min(r[k] for r in runs) * 1000 / docs
                    for k in ("plan", "wire", "write")}
            total = min(sum(r[k] for k in ("plan", "wire", "write"))
                        for r in runs) * 1000 / docs
            print(f"{size:>4}x {docs:>6} {best['plan']:>7.1f} {best['wire']:>7.1f} "
                  f"{best['write']:>7.1f} {total:>7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
