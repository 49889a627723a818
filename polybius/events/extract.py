"""Assemble events: detected mentions + type + status + actors + place + date + figures.

``extract_events`` is the per-document extraction stage; it is pure (no I/O) and takes
its resources as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..actors import find_actor_mentions, match_actor, nationality_forces, resolve_actors
from ..attribution import find_attribution
from ..dates import document_anchor, find_date_mentions, is_yearless_day, resolve_date
from ..dedup import merge_in_document
from ..fatalities import commemorates, event_toll
from ..geo.resolve import document_context, resolve_location
from ..nlp import date_spans, place_spans
from ..records import (Actor, Document, Event, EventMention, Fatalities, Place, Span, When,
                       stable_id)
from .detect import VIOLENT_FAMILIES, accepted_triggers, detect_mentions, trigger_family
from .status import infer_status

INHERIT_WINDOW = 2  # sentences back that may lend a place or a date to an event
TALKS_TYPES = frozenset({"CONSULT", "AGREE"})


def extract_events(document: Document, doc: Doc, resources) -> list[Event]:
    """Events of one parsed document, one per distinct event, in text order."""
    mentions = detect_mentions(document.id, doc, resources.lexicon)
    if not mentions:
        return []
    sents = list(doc.sents)
    follow_on = _follow_on_sentences(document, sents, mentions)
    types = resources.classifier.classify(
        [" ".join([m.sentence.text, *(sents[i].text for i in follow_on[m.sent_index])])
         for m in mentions], [m.lemma for m in mentions])
    all_places = place_spans(doc)
    places_ctx = document_context(document.text, all_places, resources.gazetteer)
    context_country = _context_country(document, all_places, resources.gazetteer)
    events: list[Event] = []
    date_cache: dict = {}
    narrative: When | None = None  # the date of the latest dated event told as news
    year_anchor = document_anchor(document.text) if document.published is None else None
    told: dict[str, str] = {}  # event id -> how it refers back to an event told before
    for mention, etype in zip(mentions, types):
        sent = sents[mention.sent_index]
        trigger_tok = doc.char_span(mention.trigger.start, mention.trigger.end,
                                    alignment_mode="expand")[0]
        status = infer_status(sent, trigger_tok)
        extras: dict = {}
        if etype.plover in TALKS_TYPES:
            participants = _participants(sent, trigger_tok, resources.actors, context_country)
            actor1 = participants[0] if participants else Actor(reason="no participant named")
            actor2 = participants[1] if len(participants) > 1 else Actor(
                reason="no second participant named")
            extras["participants"] = [a.to_json() for a in participants]
            location = _venue(document, mention, all_places, resources.gazetteer, places_ctx)
        else:
            location = _locate(document, sents, mention, all_places, resources.gazetteer,
                               places_ctx)
            where = location.country or context_country  # "the army" of the event's country
            actor1, actor2 = resolve_actors(sent, trigger_tok.i, resources.actors, where,
                                            event_type=etype.acled_event_type or etype.plover)
            owner = _weapon_owner(trigger_tok, resources.actors, where)
            if owner is not None and owner.name != actor2.name:
                actor1 = owner
            actor1 = _localise(actor1, location, resources.actors)
            actor2 = _localise(actor2, location, resources.actors)
        when = _date(document, doc, sents, mention, trigger_tok, status, resources.lexicon,
                     date_cache)
        if year_anchor is not None and when.start_date is None and when.text and \
                is_yearless_day(when.text):
            # an undated report: "5 January" takes its year from the report's own dates
            phrase = Span(when.start, when.end, when.text)
            when = replace(resolve_date(document.text, phrase, [phrase], year_anchor,
                                        status=status, cache=date_cache),
                           reason="year from the full dates the report writes")
        if when.text is None and status in ("planned", "hypothetical"):
            when = When(reason=f"no date given for a {status} event")
        elif when.text is None and narrative is not None and status in ("occurred", "ongoing"):
            when = replace(narrative, reason="no date of its own: the date of the event told "
                                             "before it")
        elif when.text is not None and when.start_date and status == "occurred":
            narrative = when
        acled_type, sub_type = _territory_type(
            resources.lexicon, mention.lemma, etype, actor1, location,
            armed_target=etype.acled_sub_event_type in ("Attack", "Mob violence") and
            _armed_target(trigger_tok, resources.actors, context_country),
            civilian_target=etype.acled_sub_event_type == "Armed clash" and
            _civilian_target(trigger_tok))
        fatalities = event_toll(document.text,
                                [sent] + [sents[i] for i in follow_on[mention.sent_index]])
        if etype.plover == "PROTEST" and fatalities.value and \
                commemorates(document.text, sent, fatalities):
            fatalities = Fatalities(reason="the deaths are what the protest is about, not "
                                           "deaths at the protest")
        attribution = find_attribution(sent)
        confidence = _confidence(etype.confidence, actor1.name, location, when)
        event_id = stable_id(document.id, document.content_hash, mention.sentence.start,
                             mention.trigger.start, etype.plover)
        first = len(events)  # this mention's events (one per place) start here
        events.append(Event(
            doc_id=document.id, event_id=event_id, event_type=etype.plover,
            acled_event_type=acled_type, acled_sub_event_type=sub_type, status=status,
            actor1=actor1, actor2=actor2, location=location, date=when,
            fatalities=fatalities, attribution=attribution,
            evidence=Span(mention.sentence.start, mention.sentence.end, mention.sentence.text),
            confidence=confidence, trigger=mention.trigger, method=etype.method,
            extras=extras))
        if etype.plover in SPLIT_TYPES and location.start is not None:
            told_here = events[-1]
            events.extend(replace(told_here, location=other,
                                  event_id=stable_id(event_id, "also at", other.start),
                                  actor1=_localise(actor1, other, resources.actors),
                                  actor2=_localise(actor2, other, resources.actors))
                          for other in _also_at(document, doc, mention, location, all_places,
                                                resources.gazetteer, places_ctx))
        if mention.refers_back:
            told.update((e.event_id, mention.refers_back) for e in events[first:])
    merged = merge_in_document(events, refers_back=told)
    if resources.calibrator is None:
        return merged
    return [replace(e, confidence=resources.calibrator.score(e, e.confidence)) for e in merged]


def _follow_on_sentences(document: Document, sents,
                         mentions: list[EventMention]) -> dict[int, list[int]]:
    """For each event sentence, the following sentences of its paragraph that finish its
    story ("Police dispersed them with tear gas.", "Fatalities coded as 3."), so the type
    classifier and the toll read them too: up to the next sentence with an event of its
    own, or, for the paragraph's lead event, the next few sentences whatever they state."""
    with_events = {m.sent_index for m in mentions}
    out: dict[int, list[int]] = {}
    for index in sorted(with_events):
        lead = not with_events.intersection(_paragraph_before(document, sents, index))
        out[index] = []
        following = index + 1
        while following < len(sents) and not _paragraph_break(document, sents, following) \
                and (following not in with_events or lead and following - index <= LEAD_CONTEXT):
            out[index].append(following)
            following += 1
    return out


#: Sentences after a paragraph's lead event that the type classifier also reads.
LEAD_CONTEXT = 3


def _paragraph_break(document: Document, sents, index: int) -> bool:
    """Whether sentence ``index`` starts a new paragraph: a line break in the whitespace
    before it (a sentence's span may end with the blank line after it)."""
    if index == 0:
        return True
    i = start = sents[index].start_char
    while i > 0 and document.text[i - 1].isspace():
        i -= 1
    return "\n" in document.text[i:start]


def _paragraph_before(document: Document, sents, index: int) -> list[int]:
    """The sentences of ``index``'s paragraph that come before it."""
    out = []
    while index > 0 and not _paragraph_break(document, sents, index):
        index -= 1
        out.append(index)
    return out


def _context_country(document: Document, places: list[Span], gazetteer) -> str | None:
    """The country most mentioned in the report (helps "the army", "protesters")."""
    counts: dict[str, int] = {}
    for span in places:
        for cand in gazetteer.lookup(span.text)[:1]:
            if cand.country:
                counts[cand.country] = counts.get(cand.country, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _locate(document: Document, sents, mention: EventMention, all_places: list[Span],
            gazetteer, ctx) -> Place:
    sent_places = [p for p in all_places
                   if mention.sentence.start <= p.start < mention.sentence.end]
    place = resolve_location(document.text, mention.sentence, sent_places, all_places, gazetteer,
                             context=ctx)
    if place.name is not None and place.feature != "country":
        return place
    for back in range(1, INHERIT_WINDOW + 1):
        index = mention.sent_index - back
        if index < 0:
            break
        if _paragraph_break(document, sents, index + 1):
            break  # places do not carry over paragraph breaks
        prev = sents[index]
        prev_span = Span(prev.start_char, prev.end_char, prev.text)
        prev_places = [p for p in all_places if prev.start_char <= p.start < prev.end_char]
        if prev_places:
            inherited = resolve_location(document.text, prev_span, prev_places, all_places,
                                         gazetteer, context=ctx)
            if inherited.name is not None and inherited.feature != "country":
                return inherited
    return place


#: Event types that ACLED codes once per place: "Demonstrations also took place in
#: Nakuru, Eldoret and Kisumu" is three events.
SPLIT_TYPES = frozenset({"PROTEST", "ASSAULT"})


def _coordination_root(token):
    """The first conjunct of the list a token is in ("Nakuru, Eldoret and Kisumu"; "in
    Kyiv and in Dnipro": through the prepositions)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj":
        token = token.head
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
    return token


def _also_at(document: Document, doc, mention: EventMention, location: Place,
             all_places: list[Span], gazetteer, ctx) -> list[Place]:
    """The other places listed with the event's place in its sentence, each resolved."""
    if not mention.sentence.start <= location.start < mention.sentence.end:
        return []
    own = doc.char_span(location.start, location.end, alignment_mode="expand")
    if own is None:
        return []
    root = _coordination_root(own.root)
    out: list[Place] = []
    seen = {location.name}
    for span in all_places:
        if not mention.sentence.start <= span.start < mention.sentence.end or \
                location.start <= span.start < location.end:
            continue
        other = doc.char_span(span.start, span.end, alignment_mode="expand")
        if other is None or _coordination_root(other.root).i != root.i:
            continue
        alone = Span(span.start, span.end, span.text)  # this name, not the whole sentence
        place = resolve_location(document.text, alone, [span], all_places, gazetteer,
                                 context=ctx)
        if place.name is not None and place.name not in seen and place.feature != "country" \
                and place.country == location.country:  # "Melovoi and Podol" stay in Kursk
            seen.add(place.name)
            out.append(place)
    return out


CROWD_KINDS = frozenset({"protesters", "rioters", "civilians"})


def _localise(actor: Actor, location: Place, dictionary) -> Actor:
    """ACLED names crowds and unidentified armed groups by the country where the event
    happens: "Protesters (France)" for a protest in Bordeaux, whatever it is about."""
    if actor.kind not in CROWD_KINDS | {"armed_group"} or not actor.name or \
            not location.country:
        return actor
    name = dictionary.localised_name(actor.name, actor.kind, location.country, actor.text)
    return actor if name is None else replace(actor, name=name, country=location.country)


WEAPONS = frozenset({"missile", "drone", "rocket", "shell", "bomb", "airstrike", "strike",
                     "jet", "warplane", "aircraft", "plane", "helicopter", "artillery", "mortar",
                     "shelling", "tank", "ship", "warship", "vessel", "projectile", "munition",
                     "fire", "raid", "bombardment"})


def _weapon_owner(trigger, dictionary, context_country) -> Actor | None:
    """"A Russian missile struck...", "a Ukrainian drone hit...": the subject's nationality
    names the forces that fired it (a weapon's, not people's: "Ukrainian nationals")."""
    for subject in trigger.children:
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.lemma_.lower() not in WEAPONS:
            continue
        for mod in subject.children:
            if mod.dep_ in ("amod", "compound", "poss"):
                forces = nationality_forces(mod, dictionary, context_country)
                if forces is not None:
                    return forces
    return None


GOVERNMENT_KINDS = frozenset({"state_forces", "police", "government"})


#: Armed groups without the state's authority: what they call an arrest, ACLED codes as
#: an abduction.
NON_STATE_ARMED_KINDS = frozenset({"rebels", "militia", "armed_group"})


#: Targets that are armed people or their posts: attacking them is a clash, not violence
#: against civilians (ACLED's "Armed clash" needs armed, organised actors on both sides).
ARMED_TARGETS = frozenset({
    "soldier", "troop", "militant", "fighter", "militiaman", "guard", "policeman",
    "gendarme", "commander", "auxiliary", "separatist", "rebel", "jihadist", "vigilante",
    "insurgent", "combatant", "serviceman", "hitman", "gunman", "position", "base",
    "checkpoint", "convoy", "patrol", "outpost", "barrack", "garrison", "trafficker",
    "gangster", "narco", "sicario", "cartel"})
#: Heads that are armed only when their phrase names an armed actor: "a police officer",
#: "two QSD members", "the vehicle of a commander" (not "a welfare officer").
ARMED_IF_NAMED = frozenset({"officer", "member", "vehicle", "personnel", "unit", "post",
                            "agent", "element"})
#: Words that make a member an armed one even when no dictionary name follows: "a gang
#: member", "members of a drug cartel".
ARMED_GROUP_WORDS = frozenset({"gang", "gangs", "cartel", "cartels", "militia", "militias",
                               "army", "police", "military"})
ARMED_KINDS = frozenset({"state_forces", "police", "rebels", "militia"})
_TARGET_PREPS = frozenset({"on", "against", "at"})
_OFF_DUTY = re.compile(r"\boff[- ]duty\b|\bretired\b|\bformer (?:soldier|police|officer|member)",
                       re.I)


#: Objects that are what is fired, not whom: "opened fire at a checkpoint" aims at it.
_FIRED = frozenset({"fire", "shot", "gunfire", "round", "bullet", "gunshot"})


def _targets(trigger) -> list:
    """Heads of what the event is done to: objects and passive subjects of the trigger and
    its coordinated verbs, "fire on X", "an attack against X", "shot at X" (but not the
    place of "killed a civilian at a checkpoint": a verb with its own object aims at it)."""
    out = []
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "conj")):
        aimed = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() not in _FIRED
                    for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and not (
                    aimed and child.lower_ == "at"):
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _armed_target(trigger, dictionary, context_country) -> bool:
    """Whether the event is done to armed people: soldiers, militiamen, guards, a police
    officer, members of a named armed force, an army post. Off-duty ones are civilians."""
    if _OFF_DUTY.search(trigger.sent.text):
        return False
    for head in _targets(trigger):
        lemma = head.lemma_.lower()
        if lemma in ARMED_TARGETS:
            return True
        if lemma in ARMED_IF_NAMED:
            phrase = head.doc[head.left_edge.i:head.right_edge.i + 1]
            if any(t.lower_ in ARMED_GROUP_WORDS for t in phrase):
                return True
            found = match_actor(phrase.text, dictionary, context_country)
            if found is not None and found.kind in ARMED_KINDS:
                return True
    return False


#: Targets that are unarmed people: killing them is violence against civilians, not a
#: clash ("killed two villagers", "attacked residents of the town").
CIVILIAN_TARGETS = frozenset({
    "civilian", "villager", "resident", "farmer", "woman", "women", "passenger", "commuter",
    "worshipper", "herder", "person", "people", "child", "children", "student", "trader",
    "miner", "teacher", "shopkeeper", "worker", "fisherman", "motorist", "traveller",
    "traveler", "pedestrian", "girl", "boy", "family", "inhabitant", "mourner"})


def _civilian_target(trigger) -> bool:
    """Whether the event is done to unarmed people ("killed a villager"), none of them armed."""
    heads = [h.lemma_.lower() for h in _targets(trigger)]
    return bool(heads) and any(h in CIVILIAN_TARGETS for h in heads) and \
        not any(h in ARMED_TARGETS or h in ARMED_IF_NAMED for h in heads)


def _territory_type(lexicon, lemma: str, etype, actor1: Actor, location: Place,
                    armed_target: bool = False,
                    civilian_target: bool = False) -> tuple[str | None, str | None]:
    """ACLED's sub-types that depend on who acts and on whom: a government retaking ground
    in its own country "regains territory", anyone else "overtakes territory"; an armed
    group that "detains" people abducts them; a mob's attack is mob violence, and "mob
    violence" by police, soldiers or a militia is their attack; an attack on armed people is
    an armed clash, and what the model calls a clash but is done to civilians only is an
    attack."""
    if etype.acled_sub_event_type == "Arrests" and actor1.kind in NON_STATE_ARMED_KINDS:
        return "Violence against civilians", "Abduction/forced disappearance"
    if etype.acled_sub_event_type == "Attack" and actor1.kind == "rioters":
        return "Riots", "Mob violence"  # a mob's violence, not an armed group's
    if etype.acled_sub_event_type == "Attack" and armed_target:
        return "Battles", "Armed clash"
    if etype.acled_sub_event_type == "Armed clash" and etype.method != "rule" and \
            civilian_target and actor1.kind != "rioters":
        return "Violence against civilians", "Attack"
    entry = lexicon.entries.get(lemma)
    if etype.acled_sub_event_type == "Mob violence" and actor1.kind in ARMED_KINDS and \
            (entry is None or entry[1] != "clash"):  # organised forces' violence is no mob's
        return ("Battles", "Armed clash") if armed_target else \
            ("Violence against civilians", "Attack")
    if entry is None or entry[1] != "control_gain" or etype.plover != "ASSAULT" \
            or actor1.name is None or actor1.kind is None:
        return etype.acled_event_type, etype.acled_sub_event_type
    if actor1.kind in GOVERNMENT_KINDS and location.country and \
            actor1.country == location.country:
        return "Battles", "Government regains territory"
    if location.country:
        return "Battles", "Non-state actor overtakes territory"
    return etype.acled_event_type, etype.acled_sub_event_type


def _participants(sent, trigger, dictionary, context_country) -> list[Actor]:
    """Parties to talks: actors named in the trigger's phrase, else in the sentence."""
    mentions = find_actor_mentions(sent, dictionary, context_country)
    subtree = list(trigger.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    if trigger.pos_ == "VERB" or len([m for m in mentions if lo <= m.start < hi]) < 2:
        lo, hi = sent.start_char, sent.end_char
    out: list[Actor] = []
    for actor in mentions:
        if lo <= actor.start < hi and actor.name and \
                actor.name not in {a.name for a in out}:
            out.append(actor)
    return out


def _venue(document: Document, mention: EventMention, all_places: list[Span], gazetteer,
           ctx) -> Place:
    """Where talks take place: a town or region named in the sentence, never a country
    (countries in talks sentences are the participants)."""
    sent_places = [p for p in all_places
                   if mention.sentence.start <= p.start < mention.sentence.end]
    place = resolve_location(document.text, mention.sentence, sent_places, all_places,
                             gazetteer, context=ctx)
    if place.feature == "country":
        return Place(reason=f"only a participant country named ({place.text})")
    return place


def _date_candidates(document: Document, doc, sent, sentence: Span) -> list[Span]:
    """Date phrases of a sentence: the date rules' finds plus spaCy DATE/TIME entities."""
    found = find_date_mentions(document.text, sentence)
    for ent in date_spans(sent):
        if not any(f.start < ent.end and ent.start < f.end for f in found):
            found.append(ent)
    return sorted(found, key=lambda s: s.start)


CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})
NOUN_MODIFIERS = frozenset({"compound", "nmod", "amod", "poss"})
_NAMING_DATE = re.compile(r"^(?:[A-Za-z]+ )?(?:19|20)\d\d$|\byear\b", re.I)


def _attachment(doc, phrase: Span, trigger, trigger_ids: set[int]) -> int | None:
    """How a date phrase hangs on the event: 0 on the trigger's own clause, 1 elsewhere in
    the sentence (incl. "officials said on Monday"), 2 inside a relative or adverbial clause
    below the trigger ("the town held since last August"), None under another event."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None:
        return 1
    token = span.root
    if token.dep_ in NOUN_MODIFIERS and token.head.pos_ in ("NOUN", "PROPN") and \
            token.head.i != trigger.i and token.head.i not in trigger_ids and \
            _NAMING_DATE.search(phrase.text):
        return None  # "the May 2022 elections", "next year's vote": it names something else
    embedded = False
    while token.head.i != token.i:
        if token.dep_ in CLAUSE_DEPS:
            embedded = True
        token = token.head
        if token.i == trigger.i:
            return 2 if embedded else 0
        if token.i in trigger_ids:
            return None
    return 1


def _event_key(family: str | None) -> str | None:
    return "violent" if family in VIOLENT_FAMILIES else family


def _sentence_date(document: Document, doc, sent, sentence: Span, trigger, status: str,
                   lexicon, cache: dict) -> When | None:
    """The date of the event in ``sentence``: phrases on the trigger's own clause first; a
    phrase under another event of the sentence is that event's date. A phrase that
    resolves to dates beats one that cannot (a relative phrase with no anchor)."""
    own = _event_key(trigger_family(trigger, lexicon, sent)) if trigger is not None else None
    trigger_ids = {i for i in accepted_triggers(sent, lexicon)
                   if trigger is not None and i != trigger.i
                   and _event_key(trigger_family(doc[i], lexicon, sent)) != own}
    ranked = []
    for phrase in _date_candidates(document, doc, sent, sentence):
        rank = _attachment(doc, phrase, trigger, trigger_ids) if trigger is not None else 1
        if rank is not None:
            ranked.append((rank, phrase.start, phrase))
    unresolved = None
    for _, _, phrase in sorted(ranked):
        when = resolve_date(document.text, phrase, [phrase], document.published,
                            status=status, cache=cache)
        if when.text is not None and when.start_date is not None:
            return when
        if when.text is not None and unresolved is None:
            unresolved = when
    return unresolved


def _date(document: Document, doc, sents, mention: EventMention, trigger, status: str,
          lexicon, cache: dict) -> When:
    sent = sents[mention.sent_index]
    when = _sentence_date(document, doc, sent, mention.sentence, trigger, status, lexicon, cache)
    if when is not None:
        return when
    for index in _paragraph_before(document, sents, mention.sent_index)[:INHERIT_WINDOW]:
        prev = sents[index]  # the nearest date of the sentences just before, same paragraph
        prev_span = Span(prev.start_char, prev.end_char, prev.text)
        inherited = _sentence_date(document, doc, prev, prev_span, None, status, lexicon,
                                   cache)
        if inherited is not None and inherited.start_date:
            return inherited
    empty = Span(mention.sentence.end, mention.sentence.end, "")
    return resolve_date(document.text, empty, [], document.published, status=status,
                        cache=cache)


def _confidence(type_conf: float, actor_name: str | None, location: Place,
                when: When) -> float:
    """Type confidence discounted for missing arguments (calibrated on the dev set)."""
    score = type_conf
    score *= 1.0 if actor_name else 0.85
    score *= 1.0 if location.name else 0.85
    score *= 1.0 if when.start_date else 0.95
    return max(0.0, min(1.0, score))
