"""Real event records over texts written for these tests, for API, export and browser tests.

Every span is found in its text with ``str.find``, so ``text[start:end]`` is the evidence.
One report carries a script tag and an ``<img onerror>``: it must be shown as text.
"""

from __future__ import annotations

from datetime import date, timedelta

from polybius.records import (Actor, Attribution, DocResult, Document, Event, Fatalities, Place,
                              Span, When, stable_id)

XSS_DOC_ID = "xss-report"
XSS_PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"

# name, admin1, ISO alpha-3, lat, lon
PLACES = [
    ("Kharkiv", "Kharkiv", "UKR", 49.9935, 36.2304), ("Sumy", "Sumy", "UKR", 50.9077, 34.7981),
    ("Pokrovsk", "Donetsk", "UKR", 48.2820, 37.1763),
    ("Kramatorsk", "Donetsk", "UKR", 48.7232, 37.5563),
    ("Zaporizhzhia", "Zaporizhzhia", "UKR", 47.8388, 35.1396),
    ("Kherson", "Kherson", "UKR", 46.6354, 32.6169), ("Odesa", "Odesa", "UKR", 46.4825, 30.7233),
    ("Chasiv Yar", "Donetsk", "UKR", 48.5862, 37.8353),
    ("Sudzha", "Kursk", "RUS", 51.1927, 35.2707), ("Belgorod", "Belgorod", "RUS", 50.5977, 36.5858),
    ("El Fasher", "North Darfur", "SDN", 13.6279, 25.3494),
    ("Omdurman", "Khartoum", "SDN", 15.6445, 32.4777),
    ("Hodeidah", "Al Hudaydah", "YEM", 14.7978, 42.9545),
]
ATTACKERS = {
    "UKR": ("Russian forces", "Military Forces of Russia", "RUS", "state_forces"),
    "RUS": ("Ukrainian drones", "Military Forces of Ukraine", "UKR", "state_forces"),
    "SDN": ("the Rapid Support Forces", "Rapid Support Forces", "SDN", "rebels"),
    "YEM": ("coalition aircraft", "Military Forces of Saudi Arabia", "SAU", "external"),
}
CIVILIANS = {"UKR": "Civilians (Ukraine)", "RUS": "Civilians (Russia)",
             "SDN": "Civilians (Sudan)", "YEM": "Civilians (Yemen)"}
START = date(2025, 2, 1)


def _span(text: str, phrase: str, start_at: int = 0) -> tuple[int, int]:
    i = text.find(phrase, start_at)
    if i < 0:
        raise ValueError(f"{phrase!r} not in {text!r}")
    return i, i + len(phrase)


def _event(doc: Document, sentence: str, *, event_type: str, acled: str | None,
           sub: str | None, status: str, actor1: tuple | None, actor2: tuple | None,
           place: tuple | None, place_phrase: str | None, day: date, date_phrase: str,
           deaths: int | None, deaths_phrase: str | None, attribution: str | None,
           trigger: str, confidence: float) -> Event:
    text = doc.text
    s0, s1 = _span(text, sentence)

    def actor(spec: tuple | None) -> Actor:
        if spec is None:
            return Actor(reason="no actor in the sentence")
        phrase, name, country, kind = spec
        a, b = _span(text, phrase, s0)
        return Actor(text=phrase, start=a, end=b, name=name, country=country, kind=kind)

    if place is None:
        location = Place(reason="no place in the sentence")
    else:
        a, b = _span(text, place_phrase, s0)
        name, admin1, country, lat, lon = place
        location = Place(text=place_phrase, start=a, end=b, name=name, admin1=admin1,
                         country=country, lat=lat, lon=lon, geo_precision=1)
    a, b = _span(text, date_phrase, s0)
    when = When(text=date_phrase, start=a, end=b, start_date=day.isoformat(),
                end_date=day.isoformat(), time_precision=1)
    if deaths is None:
        fatalities = Fatalities(reason="no number in the text")
    else:
        a, b = _span(text, deaths_phrase, s0)
        fatalities = Fatalities(value=deaths, text=deaths_phrase, start=a, end=b)
    attr = Attribution()
    if attribution:
        a, b = _span(text, attribution, s0)
        attr = Attribution(text=attribution, start=a, end=b)
    t0, t1 = _span(text, trigger, s0)
    return Event(doc_id=doc.id, event_id=stable_id(doc.id, s0, event_type, trigger),
                 event_type=event_type, acled_event_type=acled, acled_sub_event_type=sub,
                 status=status, actor1=actor(actor1), actor2=actor(actor2), location=location,
                 date=when, fatalities=fatalities, attribution=attr,
                 evidence=Span.of(text, s0, s1), confidence=confidence,
                 trigger=Span.of(text, t0, t1), method="test-fixture")


def _strike_report(i: int) -> DocResult:
    name, admin1, country, lat, lon = PLACES[i % len(PLACES)]
    day = START + timedelta(days=(i * 13) % 57)
    phrase, actor_name, actor_country, kind = ATTACKERS[country]
    deaths = (i * 7) % 9
    date_phrase = f"{day.day} {day:%B}"
    killing = f"killing {deaths} civilians" if deaths else "damaging several houses"
    phrase = f"{phrase[0].upper()}{phrase[1:]}"
    sentence = (f"{phrase} shelled {name} on {date_phrase}, {killing}, "
                "the regional governor said.")
    text = (f"Strikes hit {admin1} region\n\n{sentence} Emergency crews worked through the "
            "night to clear the rubble and restore power to nearby streets.")
    doc = Document(id=f"strike-{i:03d}", text=text, published=day.isoformat(),
                   title=f"Strikes hit {admin1} region", source="Test Wire",
                   url=f"https://example.org/strike/{i}")
    ev = _event(doc, sentence, event_type="ASSAULT", acled="Explosions/Remote violence",
                sub="Shelling/artillery/missile attack", status="occurred",
                actor1=(phrase, actor_name, actor_country, kind),
                actor2=("civilians", CIVILIANS[country], country, "civilians") if deaths
                else None,
                place=(name, admin1, country, lat, lon), place_phrase=name, day=day,
                date_phrase=date_phrase, deaths=deaths or None,
                deaths_phrase=f"{deaths} civilians" if deaths else None,
                attribution="the regional governor said", trigger="shelled",
                confidence=0.6 + (i % 4) * 0.1)
    return DocResult(document=doc, events=(ev,))


def _special_reports() -> list[DocResult]:
    out = []
    text = ("Russia says it retook Sudzha\n\nRussian forces retook the town of Sudzha in Kursk "
            "province on 12 March, the defence ministry in Moscow said. Ukraine denied that its "
            "troops had withdrawn. Delegations will hold talks in Istanbul on 20 March to "
            "discuss a ceasefire and a prisoner exchange, officials said.")
    doc = Document(id="sudzha-report", text=text, published="2025-03-13",
                   title="Russia says it retook Sudzha", source="Test Wire",
                   url="https://example.org/sudzha")
    battle = _event(doc, "Russian forces retook the town of Sudzha in Kursk province on 12 March, "
                    "the defence ministry in Moscow said.", event_type="ASSAULT",
                    acled="Battles", sub="Government regains territory", status="occurred",
                    actor1=("Russian forces", "Military Forces of Russia", "RUS", "state_forces"),
                    actor2=None, place=("Sudzha", "Kursk", "RUS", 51.1927, 35.2707),
                    place_phrase="Sudzha", day=date(2025, 3, 12), date_phrase="12 March",
                    deaths=None, deaths_phrase=None,
                    attribution="the defence ministry in Moscow said", trigger="retook",
                    confidence=0.86)
    second = ("Kursk governor: fighting in Sudzha\n\nThe governor said fighting went on in "
              "Sudzha on 12 March as Russian units advanced.")
    doc2 = Document(id="sudzha-second", text=second, published="2025-03-12",
                    title="Kursk governor: fighting in Sudzha", source="Second Test Wire")
    a, b = _span(second, "The governor said fighting went on in Sudzha on 12 March as Russian "
                 "units advanced.")
    battle = Event(**{**{f: getattr(battle, f) for f in battle.__slots__},
                      "extras": {"sources": [
                          {"doc_id": doc.id, "evidence": {"start": battle.evidence.start,
                                                          "end": battle.evidence.end}},
                          {"doc_id": doc2.id, "evidence": {"start": a, "end": b}}]}})
    out.append(DocResult(document=doc2, events=()))
    talks = _event(doc, "Delegations will hold talks in Istanbul on 20 March to discuss a "
                   "ceasefire and a prisoner exchange, officials said.", event_type="CONSULT",
                   acled=None, sub=None, status="planned", actor1=None, actor2=None,
                   place=("Istanbul", "Istanbul", "TUR", 41.0138, 28.9497),
                   place_phrase="Istanbul", day=date(2025, 3, 20), date_phrase="20 March",
                   deaths=None, deaths_phrase=None, attribution="officials said",
                   trigger="talks", confidence=0.74)
    out.append(DocResult(document=doc, events=(battle, talks)))

    text = ("Protest in Tbilisi\n\nThousands of protesters rallied outside parliament in "
            "Tbilisi on 3 February, demanding new elections, organisers said.")
    doc = Document(id="tbilisi-protest", text=text, published="2025-02-04",
                   title="Protest in Tbilisi", source="Caucasus Test Daily")
    protest = _event(doc, "Thousands of protesters rallied outside parliament in Tbilisi on 3 "
                     "February, demanding new elections, organisers said.", event_type="PROTEST",
                     acled="Protests", sub="Peaceful protest", status="occurred",
                     actor1=("protesters", "Protesters (Georgia)", "GEO", "protesters"),
                     actor2=None, place=("Tbilisi", "Tbilisi", "GEO", 41.6941, 44.8337),
                     place_phrase="Tbilisi", day=date(2025, 2, 3), date_phrase="3 February",
                     deaths=None, deaths_phrase=None, attribution="organisers said",
                     trigger="rallied", confidence=0.9)
    out.append(DocResult(document=doc, events=(protest,)))

    sentence = (f"Militants attacked a convoy near Kherson on 9 February {XSS_PAYLOAD} and "
                "killed 2 drivers, police said.")
    text = f"Convoy attacked\n\n{sentence} The road was closed."
    doc = Document(id=XSS_DOC_ID, text=text, published="2025-02-10", title="<b>Convoy</b> attacked",
                   source="Untrusted <i>Feed</i>")
    convoy = _event(doc, sentence, event_type="ASSAULT", acled="Violence against civilians",
                    sub="Attack", status="occurred",
                    actor1=("Militants", "Unidentified Armed Group (Ukraine)", "UKR", "militia"),
                    actor2=("drivers", "Civilians (Ukraine)", "UKR", "civilians"),
                    place=("Kherson", "Kherson", "UKR", 46.6354, 32.6169),
                    place_phrase="Kherson", day=date(2025, 2, 9), date_phrase="9 February",
                    deaths=2, deaths_phrase="2 drivers", attribution="police said",
                    trigger="attacked", confidence=0.55)
    out.append(DocResult(document=doc, events=(convoy,)))
    return out


def sample_results(n_strikes: int = 48) -> list[DocResult]:
    """Documents with their events: ``n_strikes`` strike reports plus three special reports."""
    return [_strike_report(i) for i in range(n_strikes)] + _special_reports()


def sample_events(n_strikes: int = 48) -> list[Event]:
    return [e for r in sample_results(n_strikes) for e in r.events]


def fill_store(store, n_strikes: int = 48) -> list[DocResult]:
    """Write the sample documents and events through ``Store.write_results``."""
    results = sample_results(n_strikes)
    store.write_results(results)
    return results
