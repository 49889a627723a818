"""A small week of reports written for these tests (fictional outlets), with their events.

Two reports tell the 10 March Odesa port raid; a third tells a different Odesa strike on
the 14th. Udachne is captured on the 11th and retaken on the 14th; a later report says it
remained under Russian control. Talks in Riyadh are planned, then held; a follow-up round is
postponed. The Kharkiv toll is three, then five.
"""

from __future__ import annotations

from polybius.records import DocResult, Document

from .build import RUS, UA_GOV, UKR, US_GOV, event

TEXTS = {
    "r1": ("2025-03-10T07:40:00Z", "Harbour Wire", "Drones hit Odesa port",
           "Russian drones struck port facilities in Odesa overnight, injuring two dock "
           "workers, the regional governor said on Monday. More than 1,200 households were "
           "left without electricity after the raid."),
    "r2": ("2025-03-10T12:00:00Z", "Daily Monitor", "Grain ship hit in Odesa",
           "A grain ship and warehouses in Odesa were hit in a night-time drone raid launched "
           "by Russian forces, port officials said. Two port employees were wounded."),
    "r3": ("2025-03-14T21:00:00Z", "Harbour Wire", "Odesa energy site struck",
           "Russian drones hit an energy facility in Odesa on Friday evening, killing one "
           "woman, the governor said. Energy prices in the region rose by 12 percent."),
    "r4": ("2025-03-11T09:00:00Z", "Front Line Digest", "Udachne falls; talks set",
           "Russian troops have captured the village of Udachne west of Pokrovsk, Russia's "
           "Defence Ministry said on Tuesday.\n\nAmerican and Ukrainian delegations will hold "
           "talks in Riyadh on Wednesday, officials said. The agenda includes a possible "
           "ceasefire and a new exchange of prisoners."),
    "r5": ("2025-03-14T16:00:00Z", "Kyiv Bulletin", "Brigade retakes Udachne",
           "Ukraine's 68th brigade said on Friday it had driven Russian troops out of Udachne. "
           "A follow-up round of talks between American and Ukrainian officials in Riyadh has "
           "been postponed."),
    "r6": ("2025-03-12T08:00:00Z", "Front Line Digest", "Missile strike on Kharkiv",
           "A Russian missile strike on Kharkiv on Tuesday killed three people, the regional "
           "governor said. About 3,500 people have been displaced in the region since March."),
    "r7": ("2025-03-13T08:00:00Z", "Kyiv Bulletin", "Kharkiv toll rises",
           "The death toll from Tuesday's Russian missile strike on Kharkiv has risen to five, "
           "the governor said."),
    "r8": ("2025-03-15T10:00:00Z", "Moscow Review", "Ministry denies Udachne loss",
           "Russia's Defence Ministry on Saturday denied that Udachne had been retaken. The "
           "village remained under Russian control, the ministry said."),
    "r9": ("2025-03-12T19:00:00Z", "Continental Press", "Riyadh talks end",
           "American and Ukrainian delegations held eight hours of talks in Riyadh on "
           "Wednesday, focusing on a ceasefire and strikes on energy infrastructure."),
}


def document(doc_id: str) -> Document:
    published, source, title, text = TEXTS[doc_id]
    return Document(id=doc_id, text=text, published=published, title=title, source=source)


def events_of(doc: Document) -> list:
    """The events an extractor should find in each test report."""
    air = dict(acled="Explosions/Remote violence", sub="Air/drone strike")
    shell = dict(acled="Explosions/Remote violence", sub="Shelling/artillery/missile attack")
    take = dict(acled="Battles", sub="Non-state actor overtakes territory")
    regain = dict(acled="Battles", sub="Government regains territory")
    table = {
        "r1": lambda: [event(doc, "Russian drones struck port facilities in Odesa overnight",
                                 "struck",
                     actor1=("Russian drones", RUS), place="Odesa",
                     day=("2025-03-09", "2025-03-10"), date_phrase="overnight", **air)],
        "r2": lambda: [event(doc, "A grain ship and warehouses in Odesa were hit in a night-time drone "
                          "raid launched by Russian forces", "hit",
                     actor1=("Russian forces", RUS), place="Odesa", **air)],
        "r3": lambda: [event(doc, "Russian drones hit an energy facility in Odesa on Friday evening, "
                          "killing one woman", "hit", actor1=("Russian drones", RUS),
                     place="Odesa", day=("2025-03-14", "2025-03-14"),
                     date_phrase="Friday evening", deaths=("one woman", 1), **air)],
        "r4": lambda: [event(doc, "Russian troops have captured the village of Udachne", "captured",
                     actor1=("Russian troops", RUS), place="Udachne",
                     day=("2025-03-11", "2025-03-11"), date_phrase="Tuesday",
                     said=("Russia's Defence Ministry said", "Russia's Defence Ministry"),
                     **take),
               event(doc, "American and Ukrainian delegations will hold talks in Riyadh on "
                          "Wednesday", "talks", event_type="CONSULT", status="planned",
                     actor1=("American", US_GOV), actor2=("Ukrainian", UA_GOV),
                     place="Riyadh", day=("2025-03-12", "2025-03-12"),
                     date_phrase="Wednesday")],
        "r5": lambda: [event(doc, "it had driven Russian troops out of Udachne", "driven",
                     actor1=("it", UKR), actor2=("Russian troops", RUS), place="Udachne",
                     day=("2025-03-14", "2025-03-14"), date_phrase="Friday",
                     said=("Ukraine's 68th brigade said", "Ukraine's 68th brigade"), **regain)],
        "r6": lambda: [event(doc, "A Russian missile strike on Kharkiv on Tuesday killed three people",
                     "strike", actor1=("Russian", RUS), place="Kharkiv",
                     day=("2025-03-11", "2025-03-11"), date_phrase="Tuesday",
                     deaths=("three", 3), said=("the regional governor said",
                                                "the regional governor"), **shell)],
        "r7": lambda: [event(doc, "The death toll from Tuesday's Russian missile strike on Kharkiv has "
                          "risen to five", "strike", actor1=("Russian", RUS),
                     place="Kharkiv", day=("2025-03-11", "2025-03-11"),
                     date_phrase="Tuesday", deaths=("five", 5),
                     said=("the governor said", "the governor"), **shell)],
        "r8": lambda: [event(doc, "denied that Udachne had been retaken", "retaken", status="denied",
                     place="Udachne", day=("2025-03-14", "2025-03-14"),
                     said=("Russia's Defence Ministry", "Russia's Defence Ministry"),
                     **regain)],
        "r9": lambda: [event(doc, "American and Ukrainian delegations held eight hours of talks in "
                          "Riyadh on Wednesday", "talks", event_type="CONSULT",
                     actor1=("American", US_GOV), actor2=("Ukrainian", UA_GOV),
                     place="Riyadh", day=("2025-03-12", "2025-03-12"),
                     date_phrase="Wednesday")],
    }
    return table[doc.id]()


def result(doc_id: str) -> DocResult:
    doc = document(doc_id)
    return DocResult(document=doc, events=tuple(events_of(doc)))


def results(*doc_ids: str) -> list[DocResult]:
    return [result(d) for d in (doc_ids or tuple(TEXTS))]
