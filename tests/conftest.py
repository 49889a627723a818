"""Shared fixtures: real DuckDB stores, the real spaCy pipeline, seed texts, opt-in markers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"

OPT_IN = {"slow": "--run-slow", "browser": "--run-browser", "ray": "--run-ray"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run tests marked slow")
    parser.addoption("--run-browser", action="store_true",
                     help="run Playwright + chromium tests")
    parser.addoption("--run-ray", action="store_true", help="run tests that start Ray")
    parser.addoption("--run-all", action="store_true", help="run every opt-in test")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-all"):
        return
    for item in items:
        for marker, option in OPT_IN.items():
            if marker in item.keywords and not config.getoption(option):
                item.add_marker(pytest.mark.skip(reason=f"needs {option}"))


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    from polybius.settings import Settings

    return Settings(cache_dir=str(Path.home() / ".cache" / "polybius"))


@pytest.fixture(scope="session")
def resources(settings):
    """The real spaCy pipeline, gazetteer, actor dictionary and classifier, loaded once."""
    from polybius.resources import load_resources

    return load_resources(settings)


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture
def store(tmp_path):
    """A fresh DuckDB file per test."""
    from polybius.store.store import Store

    s = Store(tmp_path / "test.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="session")
def kursk_text() -> str:
    return (EXAMPLES / "kursk.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data folder {SHARED_DATA} is absent")
    return SHARED_DATA
