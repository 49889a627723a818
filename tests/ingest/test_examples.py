"""The example corpus that the README's first command reads: every file ingests cleanly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from polybius.ingest import read_paths
from polybius.records import Document, Failure
from polybius.settings import Settings

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SHARED = REPO / ".." / "shared"


@pytest.fixture(scope="module")
def documents() -> list[Document | Failure]:
    return list(read_paths([EXAMPLES], Settings()))


def test_every_example_ingests_without_failure(documents):
    failures = [item for item in documents if isinstance(item, Failure)]
    assert failures == []
    assert len(documents) >= 15


def test_example_ids_are_unique(documents):
    counts = Counter(doc.id for doc in documents)
    assert [doc_id for doc_id, n in counts.items() if n > 1] == []


def test_examples_cover_every_format(documents):
    kinds = Counter(Path(doc.origin.split(":")[0]).suffix for doc in documents)
    assert {kind for kind, n in kinds.items() if n} == {".txt", ".jsonl", ".csv", ".html", ".xml"}
    assert kinds[".xml"] >= 2 and kinds[".csv"] >= 3 and kinds[".jsonl"] >= 3


def test_written_reports_are_short_news_reports(documents):
    for doc in documents:
        if doc.id != "kursk":
            assert 150 <= len(doc.text.split()) <= 400, doc.id


def test_dated_and_undated_examples(documents):
    by_id = {doc.id: doc for doc in documents}
    assert by_id["kursk"].published is None
    assert by_id["goma-m23-advance"].published is None
    assert by_id["mali-convoy-ambush"].published == "2025-08-20"  # written "20 August 2025"
    assert by_id["page"].published == "2025-03-13"
    assert sum(doc.published is not None for doc in documents) >= 12


def test_html_example_has_no_boilerplate(documents):
    page = next(doc for doc in documents if doc.id == "page")
    assert page.title == "Russia says its troops have retaken Sudzha in Kursk region"
    for boilerplate in ("cookies", "Subscribe", "Advertisement", "Sponsored", "Read more"):
        assert boilerplate not in page.text


def test_kursk_is_the_seed_report(documents):
    seed = SHARED / "corpus" / "seed" / "kursk.txt"
    if not seed.exists():
        pytest.skip("../shared/corpus/seed/kursk.txt is not present")
    kursk = next(doc for doc in documents if doc.id == "kursk")
    assert kursk.text == seed.read_text(encoding="utf-8")


def test_examples_readme_lists_every_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    files = [p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*")
             if p.is_file() and p.name != "README.md"]
    assert files
    assert [f for f in files if f"`{f}`" not in readme] == []
