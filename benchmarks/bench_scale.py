"""The cost curve: words/s and peak memory of each engine, on 1x and 10x the real corpus.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1,10] [--limit N]
        [--configs ner1,ner2,local1,local2,ray1,ray2] [--batch-size 32]

Reads ../shared/data/news_ukraine_war_articles_2022.jsonl (447 real articles; skipped with a
message when absent; ``seendate_utc`` -> ``published``). Size K repeats the first ``--limit``
articles K times under new ids. Each measurement runs in a fresh Python process that samples
its own process tree (spaCy worker processes, the local Ray's raylet and actors) with psutil
in a thread, so model loading and memory never leak from one row into the next.

Columns: ``run s`` is ingest + extraction + DuckDB writes without model loading for the
local engine; for Ray it includes starting the actor pool (each actor loads the models),
``steady`` is the rate after the first results came back. ``driver MB`` is the peak RSS of
the benchmark process itself, ``tree MB`` the peak of the summed RSS of its whole process
tree (shared pages counted once per process, so an upper bound) and ``max child MB`` the
largest other process (a spaCy worker or a Ray actor); ``drv cpu s`` the CPU seconds the
benchmark process itself used (for Ray: the driver's share of the work). Targets: local >= 50 % of NER-only
words/s at the same n_process; ray2 >= 1.6x ray1; 10x input <= 11x time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news_ukraine_war_articles_2022.jsonl"
CONFIGS = ("ner1", "ner2", "local1", "local2", "ray1", "ray2")


class TreeSampler(threading.Thread):
    """Peak RSS of this process and of its whole process tree, sampled every ``period``."""

    def __init__(self, period: float = 0.5) -> None:
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.me = psutil.Process()
        self.period = period
        self.stop = threading.Event()
        self.driver = self.tree = self.child = 0
        self.cpu_at_start = sum(self.me.cpu_times()[:2])

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.period)

    def sample(self) -> None:
        try:
            driver = self.me.memory_info().rss
            children = []
            for proc in self.me.children(recursive=True):
                try:
                    children.append(proc.memory_info().rss)
                except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                    continue
        except self.psutil.NoSuchProcess:
            return
        self.driver = max(self.driver, driver)
        self.tree = max(self.tree, driver + sum(children))
        self.child = max([self.child, *children])

    def finish(self) -> dict[str, float]:
        self.stop.set()
        self.join()
        self.sample()
        mb = 1024 * 1024
        return {"driver_mb": self.driver / mb, "tree_mb": self.tree / mb,
                "child_mb": self.child / mb,
                "driver_cpu_s": sum(self.me.cpu_times()[:2]) - self.cpu_at_start}


def write_corpus(path: Path, limit: int | None, size: int) -> tuple[int, int]:
    rows = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    docs = words = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(size):
            for row in rows:
                doc = {"id": row["id"] if copy == 0 else f"{row['id']}#{copy}",
                       "text": row["text"], "published": row.get("seendate_utc")}
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                docs += 1
                words += len(row["text"].split())
    return docs, words


# -- one measurement (runs in its own process) --------------------------------------------
def measure(config: str, corpus: Path, batch_size: int) -> dict:
    sampler = TreeSampler()
    sampler.start()
    if config.startswith("ner"):
        result = _measure_ner(corpus, int(config[-1]), batch_size)
    elif config.startswith("local"):
        result = _measure_engine(corpus, batch_size, n_process=int(config[-1]), workers=0)
    else:
        result = _measure_engine(corpus, batch_size, n_process=1, workers=int(config[-1]))
    result.update(sampler.finish())
    return result


def _measure_ner(corpus: Path, n_process: int, batch_size: int) -> dict:
    import spacy

    from polybius.settings import Settings

    started = time.perf_counter()
    nlp = spacy.load(Settings().spacy_model,
                     exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    load_s = time.perf_counter() - started
    texts = (json.loads(line)["text"] for line in corpus.open(encoding="utf-8"))
    started = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    return {"load_s": load_s, "run_s": time.perf_counter() - started, "steady_s": None,
            "docs": docs, "events": None}


def _measure_engine(corpus: Path, batch_size: int, *, n_process: int, workers: int) -> dict:
    from polybius.ingest import read_paths
    from polybius.settings import Settings
    from polybius.store.store import Store

    first: list[tuple[float, int]] = []

    def on_batch(summary) -> None:
        if not first and summary.processed:
            first.append((time.perf_counter(), summary.processed))

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "bench.duckdb"), n_process=n_process,
                            batch_size=batch_size)
        store = Store(settings.db)
        started = time.perf_counter()
        if workers:
            import ray

            from polybius.cli_ray import run_with_ray
            from polybius.ray_batch import connect_ray

            connect_ray(None, num_cpus=2)
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            summary = run_with_ray(read_paths([corpus], settings), store, settings,
                                   address=None, workers=workers, on_batch=on_batch)
            run_s = time.perf_counter() - started
            ray.shutdown()
        else:
            from polybius.pipeline import run_pipeline
            from polybius.resources import load_resources

            resources = load_resources(settings)
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            summary = run_pipeline(read_paths([corpus], settings), store, resources, settings,
                                   on_batch=on_batch)
            run_s = time.perf_counter() - started
        store.close()
    steady = None  # (seconds after the first results, share of documents done then)
    if first and summary.processed > first[0][1]:
        first_at, done_first = first[0]
        steady = (started + run_s - first_at,
                  (summary.processed - done_first) / summary.processed)
    return {"load_s": load_s, "run_s": run_s, "steady": steady, "docs": summary.processed,
            "events": summary.events, "rejected": summary.rejected}


# -- the driver ------------------------------------------------------------------------------
def run_child(config: str, corpus: Path, batch_size: int, timeout: float | None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", config,
           "--corpus", str(corpus), "--batch-size", str(batch_size)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {proc.returncode}: {tail[0]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def format_row(config: str, size: int, words: int, r: dict) -> str:
    if "error" in r:
        return f"{config:<7} {size:>4}x  failed: {r['error']}"
    rate = words / r["run_s"]
    steady = "-"
    if r.get("steady"):
        seconds, share = r["steady"]
        steady = f"{words * share / seconds:>9,.0f}" if seconds > 0 else "-"
    events = "-" if r.get("events") is None else str(r["events"])
    return (f"{config:<7} {size:>4}x {r['docs']:>6} {r['load_s']:>7.1f} {r['run_s']:>8.1f} "
            f"{rate:>9,.0f} {steady:>9} {events:>7} {r['driver_mb']:>9,.0f} "
            f"{r['tree_mb']:>8,.0f} {r['child_mb']:>12,.0f} {r['driver_cpu_s']:>8.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10", help="input multiples, e.g. 1,10")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help=f"comma-separated subset of {', '.join(CONFIGS)}")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=None,
                        help="give up on one measurement after this many seconds")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, args.batch_size)))
        return 0
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (it ships in ../shared/data)")
        return 0
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = sorted(set(configs) - set(CONFIGS))
    if unknown:
        parser.error(f"unknown configs {unknown}; choose from {', '.join(CONFIGS)}")
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"batch_size={args.batch_size}, limit={args.limit or 'all'}, sizes={sizes}; "
          f"rates in words/s; {_load()}", flush=True)
    print(f"{'config':<7} {'size':>5} {'docs':>6} {'load s':>7} {'run s':>8} {'words/s':>9} "
          f"{'steady':>9} {'events':>7} {'driver MB':>9} {'tree MB':>8} {'max child MB':>12} "
          f"{'drv cpu s':>8}",
          flush=True)
    results: dict[tuple[str, int], tuple[int, dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"corpus_{size}x.jsonl"
            _, words = write_corpus(corpus, args.limit, size)
            for config in configs:
                r = run_child(config, corpus, args.batch_size, args.timeout)
                results[(config, size)] = (words, r)
                print(format_row(config, size, words, r), flush=True)
    print_targets(results, sizes)
    print(f"at the end: {_load()} (other processes share these cores: compare ratios "
          f"within one run)")
    return 0


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def _rate(results, config: str, size: int) -> float | None:
    words, r = results.get((config, size), (0, {"error": "not run"}))
    return None if "error" in r else words / r["run_s"]


def print_targets(results, sizes: list[int]) -> None:
    for size in sizes:
        for n in (1, 2):
            local, ner = _rate(results, f"local{n}", size), _rate(results, f"ner{n}", size)
            if local and ner:
                print(f"{size}x: local{n} / ner{n} = {local / ner:.2f} (target >= 0.50)")
        ray1, ray2 = _rate(results, "ray1", size), _rate(results, "ray2", size)
        if ray1 and ray2:
            print(f"{size}x: ray2 / ray1 = {ray2 / ray1:.2f} (target >= 1.6)")
    if len(sizes) >= 2:
        small, big = min(sizes), max(sizes)
        for config in CONFIGS:
            a, b = results.get((config, small)), results.get((config, big))
            if a and b and "error" not in a[1] and "error" not in b[1]:
                ratio = b[1]["run_s"] / a[1]["run_s"]
                print(f"{config}: {big}x input took {ratio:.1f}x the time of {small}x "
                      f"(target <= {1.1 * big / small:.0f}x)")


if __name__ == "__main__":
    sys.exit(main())
