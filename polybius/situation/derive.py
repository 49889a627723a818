"""The situation facts of one report: control changes, talks mentions and impacts.

``derive_document`` is the pure per-document step the store runs for each written batch;
merging across reports (clusters, talks, control state, claims) happens afterwards over the
facts of every report the batch touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..records import Event, Place
from .control import control_facts
from .claims_text import Statement, find_statements
from .control_text import control_statements
from .impacts import find_impacts
from .model import ControlFact, DocInfo, ImpactRecord, TalksMention
from .talks import find_talks


@dataclass(frozen=True, slots=True)
class Lexicons:
    """What the situation stages look names up in: the actor dictionary and the admin1
    regions (``polybius/data/geo/admin1.tsv``, ACLED's spelling), loaded once per store."""

    actors: Any
    regions: tuple[Place, ...] = ()

    @classmethod
    def load(cls) -> "Lexicons":
        import pycountry

        from ..actors import ActorDictionary
        from ..geo.index import data_lines

        regions = []
        for line in data_lines("admin1.tsv")[1:]:
            cc, _code, _iso, _gid, acled = (line.split("\t") + [""] * 5)[:5]
            country = pycountry.countries.get(alpha_2=cc)
            if acled and country is not None:
                regions.append(Place(text=acled, name=acled, admin1=acled,
                                     country=country.alpha_3, geo_precision=3,
                                     feature="admin1"))
        return cls(ActorDictionary.load(), tuple(regions))


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Everything the situation layer keeps of one report."""

    doc_id: str
    control: tuple[ControlFact, ...] = ()
    talks: tuple[TalksMention, ...] = ()
    impacts: tuple[ImpactRecord, ...] = ()
    statements: tuple[Statement, ...] = ()


def derive_document(doc: DocInfo, events: Iterable[Event], lexicons: Lexicons,
                    known_places: Iterable[Place] = ()) -> DocumentFacts:
    """The control facts, talks mentions and impacts of one stored report.

    ``lexicons.actors`` is the :class:`polybius.actors.ActorDictionary` (talks
    participants, controllers named in statements such as "back under Ukrainian control");
    ``known_places`` are places named in other stored reports (a report whose events name
    no place may still say who holds one); ``lexicons.regions`` count only when the text
    says "the Kursk region".
    """
    actors = lexicons.actors
    known_places = list(known_places) + list(lexicons.regions)
    events = sorted(events, key=lambda e: e.evidence.start)
    statements = control_statements(doc, events, actors, known_places)
    # an explicit "no longer under Ukrainian control" beats the event read from the same
    # sentence for the same place
    control = [f for f in control_facts(doc, events) if not any(
        s.place_key == f.place_key and f.evidence.start <= s.evidence.start < f.evidence.end
        for s in statements)] + statements
    return DocumentFacts(doc_id=doc.doc_id, control=tuple(control),
                         talks=tuple(find_talks(doc, events, actors)),
                         impacts=tuple(find_impacts(doc, events)),
                         statements=tuple(find_statements(doc, events, actors, known_places)))
