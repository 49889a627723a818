"""Build real event records over texts written for these tests.

Every span is found in its text with ``str.find``, so ``text[start:end]`` is the evidence;
``event`` raises when a phrase is missing, so a typo cannot make a test vacuous.
"""

from __future__ import annotations

from polybius.records import (Actor, Attribution, Document, Event, Fatalities, Place, Span,
                              When, stable_id)

RUS = "Military Forces of Russia (2000-)"
UKR = "Military Forces of Ukraine (2019-)"
US_GOV = "Government of the United States (2025-)"
UA_GOV = "Government of Ukraine (2019-)"

# name -> (admin1, country, lat, lon, geo_precision)
PLACES = {
    "Odesa": ("Odesa", "UKR", 46.4857, 30.7438, 1),
    "Kharkiv": ("Kharkiv", "UKR", 49.9808, 36.2527, 1),
    "Udachne": ("Donetsk", "UKR", 48.2553, 37.0408, 1),
    "Pokrovsk": ("Donetsk", "UKR", 48.2820, 37.1763, 1),
    "Sudzha": ("Kursk", "RUS", 51.1927, 35.2707, 1),
    "Kursk": ("Kursk", "RUS", 51.73, 36.19, 3),
    "Riyadh": ("Riyadh", "SAU", 24.6877, 46.7219, 1),
    "Sumy": ("Sumy", "UKR", 50.9077, 34.7981, 3),
}


def span(text: str, phrase: str, start_at: int = 0) -> tuple[int, int]:
    i = text.find(phrase, start_at)
    if i < 0:
        raise ValueError(f"{phrase!r} not in {text[:80]!r}...")
    return i, i + len(phrase)


def event(doc: Document, evidence: str, trigger: str, *, event_type: str = "ASSAULT",
          acled: str | None = "Battles", sub: str | None = None, status: str = "occurred",
          actor1: tuple[str, str] | None = None, actor2: tuple[str, str] | None = None,
          place: str | None = None, place_phrase: str | None = None,
          day: tuple[str, str] | None = None, date_phrase: str | None = None,
          deaths: tuple[str, int] | None = None, said: tuple[str, str] | None = None) -> Event:
    """An event of ``doc`` whose evidence is the phrase ``evidence``.

    ``actor1``/``actor2`` are ``(phrase, ACLED name)``; ``place`` a key of PLACES found as
    ``place_phrase`` (default: the name); ``day`` ``(start, end)`` ISO dates; ``deaths``
    ``(phrase, value)``; ``said`` ``(attribution phrase, speaker)``.
    """
    text = doc.text
    e0, e1 = span(text, evidence)
    t0, t1 = span(text, trigger, e0)

    def actor(spec: tuple[str, str] | None) -> Actor:
        if spec is None:
            return Actor(reason="no actor named")
        a, b = span(text, spec[0], e0)
        country = "RUS" if "Russia" in spec[1] else "UKR" if "Ukraine" in spec[1] else \
            "USA" if "United States" in spec[1] else None
        return Actor(text[a:b], a, b, spec[1], country)

    if place:
        admin1, country, lat, lon, precision = PLACES[place]
        p0, p1 = span(text, place_phrase or place)
        location = Place(text[p0:p1], p0, p1, place, admin1, country, lat, lon, precision,
                         feature="admin1" if precision == 3 else "city")
    else:
        location = Place(reason="no place named")
    if day:
        d0, d1 = (span(text, date_phrase, e0) if date_phrase in text[e0:]
                  else span(text, date_phrase)) if date_phrase else (None, None)
        when = When(text[d0:d1] if d0 is not None else None, d0, d1, day[0], day[1],
                    1 if day[0] == day[1] else 2)
    else:
        when = When(reason="no date in text")
    if deaths:
        f0, f1 = span(text, deaths[0], e0)
        fatalities = Fatalities(deaths[1], text[f0:f1], f0, f1)
    else:
        fatalities = Fatalities(reason="no figure")
    if said:
        a0, a1 = span(text, said[0])
        attribution = Attribution(text[a0:a1], a0, a1, said[1])
    else:
        attribution = Attribution()
    return Event(
        doc_id=doc.id, event_id=stable_id(doc.id, e0, t0, event_type), event_type=event_type,
        acled_event_type=None if event_type == "CONSULT" else acled,
        acled_sub_event_type=sub, status=status, actor1=actor(actor1), actor2=actor(actor2),
        location=location, date=when, fatalities=fatalities, attribution=attribution,
        evidence=Span.of(text, e0, e1), confidence=0.8, trigger=Span.of(text, t0, t1))
