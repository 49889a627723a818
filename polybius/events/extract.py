"""Assemble events: detected mentions + type + status + actors + place + date + figures.

``extract_events`` is the per-document extraction stage; it is pure (no I/O) and takes
its resources as a parameter.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import resolve_actors
from ..attribution import find_attribution
from ..dates import resolve_date
from ..dedup import merge_in_document
from ..fatalities import extract_fatalities
from ..geo.resolve import resolve_location
from ..nlp import date_spans, place_spans
from ..records import Document, Event, EventMention, Place, Span, When, stable_id
from .detect import detect_mentions
from .status import infer_status

INHERIT_WINDOW = 2  # sentences back that may lend a place or a date to an event


def extract_events(document: Document, doc: Doc, resources) -> list[Event]:
    """Events of one parsed document, one per distinct event, in text order."""
    mentions = detect_mentions(document.id, doc, resources.lexicon)
    if not mentions:
        return []
    sents = list(doc.sents)
    types = resources.classifier.classify([m.sentence.text for m in mentions],
                                          [m.lemma for m in mentions])
    all_places = place_spans(doc)
    context_country = _context_country(document, all_places, resources.gazetteer)
    events: list[Event] = []
    for mention, etype in zip(mentions, types):
        sent = sents[mention.sent_index]
        trigger_tok = doc.char_span(mention.trigger.start, mention.trigger.end,
                                    alignment_mode="expand")[0]
        status = infer_status(sent, trigger_tok)
        actor1, actor2 = resolve_actors(sent, trigger_tok.i, resources.actors, context_country)
        location = _locate(document, sents, mention, all_places, resources.gazetteer)
        when = _date(document, sents, mention, status)
        fatalities = extract_fatalities(document.text, mention.sentence)
        attribution = find_attribution(sent)
        confidence = _confidence(etype.confidence, actor1.name, location, when)
        event_id = stable_id(document.id, document.content_hash, mention.sentence.start,
                             mention.trigger.start, etype.plover)
        events.append(Event(
            doc_id=document.id, event_id=event_id, event_type=etype.plover,
            acled_event_type=etype.acled_event_type,
            acled_sub_event_type=etype.acled_sub_event_type, status=status,
            actor1=actor1, actor2=actor2, location=location, date=when,
            fatalities=fatalities, attribution=attribution,
            evidence=Span(mention.sentence.start, mention.sentence.end, mention.sentence.text),
            confidence=confidence, trigger=mention.trigger, method=etype.method))
    return merge_in_document(events)


def _context_country(document: Document, places: list[Span], gazetteer) -> str | None:
    """The country most mentioned in the report (helps "the army", "protesters")."""
    counts: dict[str, int] = {}
    for span in places:
        for cand in gazetteer.lookup(span.text)[:1]:
            if cand.country:
                counts[cand.country] = counts.get(cand.country, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _locate(document: Document, sents, mention: EventMention, all_places: list[Span],
            gazetteer) -> Place:
    sent_places = [p for p in all_places
                   if mention.sentence.start <= p.start < mention.sentence.end]
    place = resolve_location(document.text, mention.sentence, sent_places, all_places, gazetteer)
    if place.name is not None:
        return place
    for back in range(1, INHERIT_WINDOW + 1):
        index = mention.sent_index - back
        if index < 0:
            break
        prev = sents[index]
        if "\n" in document.text[prev.end_char:mention.sentence.start]:
            break  # places do not carry over paragraph breaks
        prev_span = Span(prev.start_char, prev.end_char, prev.text)
        prev_places = [p for p in all_places if prev.start_char <= p.start < prev.end_char]
        if prev_places:
            inherited = resolve_location(document.text, prev_span, prev_places, all_places,
                                         gazetteer)
            if inherited.name is not None and inherited.feature != "country":
                return inherited
    return place


def _date(document: Document, sents, mention: EventMention, status: str) -> When:
    sent = sents[mention.sent_index]
    when = resolve_date(document.text, mention.sentence, date_spans(sent), document.published,
                        status=status)
    if when.text is not None or mention.sent_index == 0:
        return when
    prev = sents[mention.sent_index - 1]
    if "\n" in document.text[prev.end_char:mention.sentence.start]:
        return when
    prev_span = Span(prev.start_char, prev.end_char, prev.text)
    inherited = resolve_date(document.text, prev_span, date_spans(prev), document.published,
                             status=status)
    return inherited if inherited.text is not None and inherited.start_date else when


def _confidence(type_conf: float, actor_name: str | None, location: Place,
                when: When) -> float:
    """Type confidence discounted for missing arguments (calibrated on the dev set)."""
    score = type_conf
    score *= 1.0 if actor_name else 0.85
    score *= 1.0 if location.name else 0.85
    score *= 1.0 if when.start_date else 0.95
    return max(0.0, min(1.0, score))
