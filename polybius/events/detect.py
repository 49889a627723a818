"""Event detection: sentence -> EventMention with its trigger span.

A trigger is a verb or noun from the lexicon in ``polybius/data/triggers.csv`` that passes
precise dependency checks (e.g. "took" counts only with control of a place). Each sentence
gives at most one violent event (the strongest trigger) plus at most one event of each
other family (talks, agreement, protest, ...). Nouns that are only topics of a discussion
("talks will focus on the withdrawal of troops") are not events.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources as importlib_resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..records import EventMention, Span

VIOLENT_FAMILIES = ("control_gain", "control_loss", "shelling", "strike", "explosion",
                    "abduction", "violence", "clash")  # strongest first
AIRCRAFT = frozenset({"helicopter", "warplane", "jet", "aircraft", "gunship", "bomber"})
WEAPON_LEMMAS = frozenset({"missile", "rocket", "drone", "shell", "artillery", "bomb", "rpg",
                           "gunfire", "grenade", "ied",
                           "airstrike", "strike", "mortar", "uav", "shahed"})
PLACE_NOUNS = frozenset({"village", "town", "city", "territory", "settlement", "position",
                         "control", "area", "region", "district", "province", "oblast",
                         "ground", "base", "airport", "bridgehead", "hill", "road", "port",
                         "capital", "outskirts", "neighbourhood", "neighborhood", "swath",
                         "portion", "part", "land", "stronghold", "border", "frontline",
                         "positions", "villages", "towns", "localities", "locality"})
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "ceasefire", "truce", "accord", "treaty",
                             "memorandum", "pact", "protocol", "armistice"})
CAPTIVE_NOUNS = frozenset({"prisoner", "hostage", "captive", "detainee", "pow", "soldier",
                           "body", "civilian", "child"})
AGENDA_HEADS = frozenset({"focus", "discuss", "include", "address", "demand", "seek", "hope",
                          "propose", "urge", "agenda", "term", "condition", "cover",
                          "concern", "prospect", "possibility", "push", "press", "call"})
AGREEMENT_BACKGROUND = frozenset({"implement", "comply", "honour", "honor", "respect",
                                  "violate", "breach", "carry", "follow", "abide", "uphold",
                                  "enforce", "prior", "previous", "existing", "earlier",
                                  "test", "undermine", "jeopardize", "jeopardise", "strain"})
#: Heads of a purpose infinitive that ask others to protest rather than report a protest.
APPEAL_HEADS = frozenset({"call", "urge", "ask", "invite", "encourage", "mobilize",
                          "mobilise", "tell", "want", "wish", "organize", "organise"})
PROTEST_FORMS = frozenset({"protest", "demonstration", "rally", "march", "sit", "sit-in",
                           "strike", "walkout", "vigil", "procession", "mob", "picket",
                           "blockade", "boycott", "hunger", "parade", "performance",
                           "action", "gathering"})
CROWD_NOUNS = frozenset({"protest", "protester", "demonstration", "demonstrator", "rally",
                         "crowd", "march", "marcher", "gathering", "sit", "picket", "strike",
                         "striker", "mob", "rioter", "riot"})
ROAD_WORDS = frozenset({"road", "roads", "highway", "access", "entrance", "street", "traffic",
                        "bridge", "route", "railway", "lot", "parking", "motorway",
                        "junction", "roundabout", "gate", "gates", "track", "tracks",
                        "avenue", "intersection", "crossing", "port"})
MILITARY_WORDS = frozenset({"military", "army", "troop", "soldier", "armored", "armoured",
                            "tank", "force", "forces", "coalition", "vehicle", "regime"})
LABOUR_WORDS = frozenset({"worker", "union", "employee", "teacher", "doctor", "nurse",
                          "driver", "general", "hunger"})


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Trigger lemma -> (allowed POS, family)."""

    entries: dict[str, tuple[str, str]]

    @classmethod
    def load(cls) -> "TriggerLexicon":
        text = importlib_resources.files("polybius.data").joinpath("triggers.csv").read_text()
        rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
        return cls({r["lemma"]: (r["pos"], r["family"]) for r in rows})

    def key(self, token: Token) -> str:
        """The lexicon entry a token matches: its lemma, or its own form where the
        lemmatizer errs ("raped" -> "rap")."""
        lemma = token.lemma_.lower()
        return lemma if lemma in self.entries or token.lower_ not in self.entries \
            else token.lower_

    def family(self, token: Token) -> str | None:
        if token.lower_ == "in" and token.i >= 2 and token.nbor(-1).text == "-" and \
                token.nbor(-2).lower_ == "sit":
            return "protest"  # "sit-in", split by the tokenizer
        entry = self.entries.get(self.key(token))
        if entry is None:
            return None
        pos, family = entry
        is_verb = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
        is_noun = token.pos_ in ("NOUN", "PROPN")
        if (pos == "V" and not is_verb) or (pos == "N" and not is_noun):
            return None
        if pos == "*" and not (is_verb or is_noun):
            return None
        return family


def _children_lemmas(token: Token, deps: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for child in token.children:
        if child.dep_ in deps:
            out.add(child.lemma_.lower())
        if child.dep_ == "prep":
            out.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return out


def _object_words(token: Token) -> set[str]:
    words = _children_lemmas(token, ("dobj", "nsubjpass", "obj", "attr", "prt"))
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            words.update(t.lemma_.lower() for t in child.subtree)
    if token.dep_ in ("acl", "relcl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        words.add(token.head.lemma_.lower())  # "territory lost months prior"
    return words


def _has_place_object(token: Token) -> bool:
    if _object_words(token) & PLACE_NOUNS:
        return True
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if child.dep_ in ("dobj", "nsubjpass"):
            if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in child.subtree):
                return True
    return False


NP_DEPS = frozenset({"dobj", "pobj", "prep", "conj", "appos", "compound", "cc", "amod",
                     "nmod", "poss", "attr", "oprd", "pcomp"})


def _is_agenda_topic(token: Token) -> bool:
    """A noun that is the topic of talks/demands ("focus on the withdrawal of troops",
    "talks on a ceasefire") rather than an event itself: reached from an agenda word
    through objects and noun-phrase links only."""
    node = token
    for _ in range(5):
        if node.head.i == node.i or node.dep_ not in NP_DEPS:
            return False
        prev, node = node, node.head
        lemma = node.lemma_.lower()
        if lemma == "call" and (prev.lower_ != "for" or token.lemma_.lower() in PROTEST_FORMS):
            return False  # "called a general strike", "called for a march": a protest ahead
        if lemma in AGENDA_HEADS:
            return True
        if prev.dep_ == "pobj" and node.lower_ in ("on", "about", "over", "for") and \
                node.head.lemma_.lower() in ("talk", "negotiation", "discussion", "meeting",
                                             "agreement", "deal"):
            return True
    return False


INFINITIVE_HEADS = frozenset({"continue", "begin", "start", "manage", "try", "attempt", "set",
                              "plan", "expect", "prepare", "vow", "intend", "agree", "decide",
                              "threaten", "resume", "schedule", "due", "go", "be", "pledge",
                              "promise", "fail", "refuse", "move", "seek", "appear", "seem",
                              "claim"})


def _purpose_infinitive(token: Token) -> bool:
    """"hired mercenaries to fight", "preferred to fight": not an event of its own."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return token.head.lemma_.lower() not in INFINITIVE_HEADS


#: Verbs whose "of ..." tells an allegation: "accused X of killing", "suspected of".
ALLEGING = frozenset({"accuse", "blame", "suspect", "charge", "convict", "guilty"})
#: Who is pulled back or out when a force withdraws.
FORCE_NOUNS = frozenset({"troop", "force", "soldier", "unit", "fighter", "army", "personnel",
                         "battalion", "brigade", "contingent", "peacekeeper"})
#: Spans so long that "a year of fighting" is history, not news.
LONG_UNITS = frozenset({"year", "decade", "month"})

BACKGROUND_WORDS = frozenset({"since", "before", "until", "despite"})
_LONG_SPAN = re.compile(r"\b(?:over|in|during|for) the (?:past|last) (?:\w+ )?(?:decades?|years?)\b"
                        r"|\bin recent years\b|\bfor years\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _perfect(token: Token) -> bool:
    """"has killed", "had attacked": the perfect aspect."""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in token.children)


def _is_background(token: Token) -> bool:
    """Past context, not news: "since fighting broke out in 2023", "since the truce", "the
    ADF, which has killed thousands over the past decade", "where villagers had gathered"."""
    if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_WORDS:
        return True
    if token.dep_ in ("acl", "compound", "amod") and token.head.dep_ == "pobj" and \
            token.head.head.lower_ in BACKGROUND_WORDS:
        return True  # "despite military operations launched in 2021"
    perfect = _perfect(token)
    if token.dep_ == "relcl" and (perfect or any(_YEAR.fullmatch(t.text) for t in token.subtree)):
        return True  # "the faction that rejected the 2016 peace deal"
    if perfect and _LONG_SPAN.search(" ".join(t.lower_ for t in token.subtree)):
        return True  # "has killed thousands over the past decade": history, not news
    if token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in LONG_UNITS:
        return True  # "more than a year of cross-border fighting"
    if token.pos_ == "NOUN" and any(c.dep_ in ("compound", "nummod", "amod", "npadvmod") and
                                    _YEAR.fullmatch(c.text) for c in token.children):
        return True  # "the 2016 peace agreement", "the 2021 coup"
    node = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_WORDS for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return False
        node = node.head
    return False


def _protest_purpose(token: Token, family: str) -> bool:
    """"gathered outside the ministry to protest", "occupied the school to demonstrate":
    people did something, and the purpose clause says it was a protest."""
    head = token.head
    return family == "protest" and head.tag_ in ("VBD", "VBN") and \
        head.lemma_.lower() not in INFINITIVE_HEADS | APPEAL_HEADS


def _accept(token: Token, family: str, sent: SpacySpan) -> bool:
    lemma = token.lemma_.lower()
    if _is_background(token):
        return False
    if token.dep_ == "pcomp" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in ALLEGING and not any(
                c.dep_ in ("nsubjpass", "auxpass") for c in token.head.head.children):
        return False  # "accused the army of using the camp": one side's allegation, not
        # a report hedged ("members are accused of abducting a driver" tells the abduction)
    if family == "accuse" and token.dep_ == "pcomp" and token.head.lower_ in ("after",
                                                                               "before"):
        return False  # "beat a man to death after accusing him": the mob's reason
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none") or (
            c.lower_ == "one" and any(g.lower_ == "no" for g in c.children)))
            for c in token.children):
        return False  # "no one was detained": nothing happened
    if token.text[:1].isupper() and (token.ent_type_ == "ORG" or (
            token.pos_ == "PROPN" and token.head.i != token.i and token.head.pos_ == "PROPN"
            and token.head.text[:1].isupper())):
        return False  # part of a name: "Tigray People's Liberation Front", "Women's Strike"
    if token.pos_ == "VERB" and _purpose_infinitive(token) and \
            not _protest_purpose(token, family):
        return False
    if lemma in ("accuse", "blame") and token.tag_ == "VBN" and not any(
            c.dep_ == "agent" for c in token.children):
        return False  # "often accused of sympathising": nobody accuses
    if lemma == "meet" and any(c.dep_ == "auxpass" for c in token.children):
        return False  # "is met with concern"
    if token.pos_ in ("NOUN", "PROPN") and _is_agenda_topic(token):
        return False
    if lemma in ("take", "return") and _takes_to_streets(token):
        return True
    if lemma == "return":  # only "returned to the streets"
        return False
    if lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("part", "place")
                               and not any(g.lower_ == "of" for g in c.children)
                               for c in token.children):
        return False  # "took part in a march", "took place in Bologna"
    if lemma in ("take", "lose", "occupy", "encircle", "abandon") and \
            not _has_place_object(token):  # not "the crew abandoned ship"
        return False
    if lemma in AGREEMENT_NOUNS and (
            token.head.lemma_.lower() in AGREEMENT_BACKGROUND
            or (token.dep_ == "pobj" and token.head.head.lemma_.lower() in AGREEMENT_BACKGROUND)
            or any(c.lemma_.lower() in AGREEMENT_BACKGROUND for c in token.children)):
        return False  # "not complying with a prior agreement": background, not news
    if lemma in ("agree", "sign", "reach") and token.dep_ == "acl" and \
            token.head.lemma_.lower() in AGREEMENT_NOUNS:
        return False  # "a ceasefire agreed in November": the noun tells the agreement
    if lemma in ("stage", "stag"):  # "staged a sit-in" (spaCy: "stag"), not "a comeback"
        return bool(_object_words(token) & PROTEST_FORMS)
    if lemma in ("procession", "vigil"):
        return not any(t.lemma_.lower() in ("funeral", "burial", "religious", "prayer")
                       for t in token.children)
    if lemma == "conference":  # "held a press conference with banners"
        return any(t.lemma_.lower() in ("banner", "placard", "picket") for t in sent)
    if lemma == "walk":  # "workers walked out"
        return any(c.dep_ in ("prt", "prep") and c.lower_ == "out" for c in token.children)
    if lemma == "pull":  # "pulled its troops back", "pulled out of the town", not
        return any(c.lower_ in ("back", "out") for c in token.children) and not any(
            c.dep_ == "dobj" and c.lemma_.lower() not in FORCE_NOUNS  # "pulled men out of
            for c in token.children)  # the workforce"
    if lemma in ("disperse", "intervene"):  # police dispersing a crowd, not "dispersed aid"
        return any(t.lemma_.lower() in CROWD_NOUNS for t in sent)
    if lemma == "open":
        return any(c.dep_ == "dobj" and c.lower_ == "fire" for c in token.children)
    if lemma == "advance":
        return any(c.dep_ == "prep" and c.lower_ in ("into", "on", "toward", "towards")
                   for c in token.children)
    if lemma in ("hit", "target"):
        return any(t.lemma_.lower() in WEAPON_LEMMAS | AIRCRAFT for t in sent if t is not token)
    if lemma == "sign":
        return bool(_object_words(token) & AGREEMENT_NOUNS)
    if lemma == "exchange" and _exchange_of_fire(token):
        return True
    if lemma in ("release", "exchange", "swap") and token.pos_ == "VERB":
        return bool(_object_words(token) & CAPTIVE_NOUNS)
    if lemma in ("exchange", "swap") and token.pos_ == "NOUN":
        return any(t.lemma_.lower() in CAPTIVE_NOUNS for t in token.subtree) or \
            any(c.lemma_.lower() in CAPTIVE_NOUNS for c in token.children)
    if lemma == "deliver":
        return bool(_object_words(token) & {"aid", "supply", "food", "medicine", "assistance",
                                            "weapon", "ammunition"})
    if lemma == "aid":
        return any(t.lemma_.lower() in ("deliver", "send", "reach", "arrive", "distribute")
                   for t in sent)
    if lemma == "burn":
        return bool(_object_words(token) & {"house", "home", "village", "building", "shop",
                                            "church", "mosque", "market"})
    if lemma == "march" and token.pos_ != "VERB" and token.text[0].isupper():
        return False  # the month
    if lemma in ("send", "reinforce"):
        return bool(_object_words(token) & {"troop", "soldier", "reinforcement", "unit",
                                            "battalion", "force", "checkpoint", "position",
                                            "peacekeeper", "brigade", "contingent"})
    if lemma == "recruit":
        return bool(_object_words(token) & {"soldier", "volunteer", "fighter", "recruit",
                                            "conscript", "reservist", "civilian", "man"})
    if lemma == "call":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)
    if lemma in ("gather", "assemble"):  # people gathering, not gathering evidence
        return not any(c.dep_ == "dobj" for c in token.children)
    if lemma in ("block", "barricade"):  # roads, "the R71"
        return bool(_object_words(token) & ROAD_WORDS) or any(
            c.dep_ == "dobj" and re.fullmatch(r"[A-Z]{1,3}-?\d{1,4}", c.text)
            for c in token.children)
    if lemma == "arrive":  # "about 2,400 refugees from Ukraine arrived in Slovakia"
        return any(c.dep_ == "nsubj" and any(t.lemma_.lower() in DISPLACED for t in c.subtree)
                   for c in token.children)
    if lemma in DISRUPT_VERBS:  # "defused two IEDs", not "found the bodies" nor "a device
        return token.dep_ not in ("relcl", "acl") and \
            bool(_object_words(token) & EXPLOSIVES)  # they found" (that then went off)
    if lemma in ("intercept", "interception"):
        return bool(_object_words(token)) or token.pos_ == "NOUN"
    if lemma in ("patrol", "convoy"):  # a military patrol or convoy, not an aid convoy
        words = {t.lemma_.lower() for t in sent}
        return bool(words & MILITARY_WORDS) and not words & {"aid", "humanitarian", "relief",
                                                              "food", "medical"}
    if lemma == "pelt":
        return bool(_object_words(token) & {"stone", "rock", "egg", "brick", "bottle"})
    if lemma == "set":
        return any(c.lower_ in ("ablaze", "fire", "alight") for c in token.subtree)
    if lemma == "fire":
        return bool(_object_words(token) & ({"shot", "shell", "artillery", "mortar", "gun",
                                             "weapon", "round", "bullet"} | WEAPON_LEMMAS)) \
            or any(c.lower_ in ("on", "at", "upon", "towards", "toward") or (
                c.lower_ == "in" and any(g.lower_ == "direction" for g in c.children))
                for c in token.children)  # "fired in the direction of army positions"
    if lemma == "throw":
        return bool(_object_words(token) & {"bomb", "grenade", "explosive", "device",
                                            "molotov", "stone", "rock", "petrol"})
    if lemma == "launch":  # not a "security operation" (searches, arrests)
        objects = _object_words(token)
        operation = "operation" in objects and not objects & {"security", "search", "cordon",
                                                               "arrest", "rescue"}
        return operation or bool(objects & ({"attack", "offensive", "assault", "raid",
                                             "strike", "airstrike"} | WEAPON_LEMMAS))
    if lemma == "destroy" and not _object_words(token) - {"drone", "missile", "rocket"}:
        return False
    if lemma == "engage" and not any(t.lemma_.lower() in ("skirmish", "battle", "fighting",
                                                          "combat", "clash", "firefight",
                                                          "gunfight", "shootout") for t in sent):
        return False
    return True


def _takes_to_streets(token: Token) -> bool:
    """"took to the streets" (or "took the streets") is a protest."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.lemma_.lower() in ("street", "road") for g in c.children) for c in token.children) \
        or any(c.dep_ == "dobj" and c.lower_ == "streets" for c in token.children)


#: People whose arrival somewhere is a displacement.
DISPLACED = frozenset({"refugee", "evacuee", "asylum", "displace", "displaced"})
#: Verbs that stop a weapon before it harms anyone, when their object is an explosive.
DISRUPT_VERBS = frozenset({"defuse", "defusal", "deactivate", "dismantle", "discover", "find",
                           "recover"})
EXPLOSIVES = frozenset({"ied", "ieds", "mine", "landmine", "bomb", "explosive", "device",
                        "grenade", "ordnance", "uxo", "rocket", "mortar", "shell"})


FIRE_WORDS = frozenset({"fire", "gunfire", "shot", "shelling", "shell", "bullet", "blow",
                        "artillery", "rocket"})


def _exchange_of_fire(token: Token) -> bool:
    """"exchanged fire with the police", "an exchange of gunfire", "a fire exchange"."""
    return bool(_object_words(token) & FIRE_WORDS) or any(
        c.lemma_.lower() in FIRE_WORDS for c in token.subtree if c.i != token.i)


def refine_family(token: Token, family: str, sent: SpacySpan) -> str:
    """Adjust a family from context: a labour strike is a protest, not an attack; rebels
    marching into a town take it; people taking to the streets protest."""
    if token.lemma_.lower() in ("take", "return") and _takes_to_streets(token):
        return "protest"
    if family == "exchange" and _exchange_of_fire(token):
        return "clash"
    if family == "protest" and token.lemma_.lower() == "march" and any(
            c.dep_ == "prep" and c.lower_ in ("into", "on") for c in token.children) and any(
            t.lemma_.lower() in ("rebel", "troop", "force", "fighter", "militant", "soldier",
                                 "army", "militia") for t in sent):
        return "control_gain"
    if family == "strike" and token.pos_ == "NOUN" and _labour_strike(token):
        return "protest"
    if family == "strike" and token.pos_ == "NOUN":
        words = {t.lemma_.lower() for t in sent}
        if words & LABOUR_WORDS or any(c.lower_ == "on" and c.head.i == token.i for c in sent):
            if not words & (WEAPON_LEMMAS - {"strike"}):
                return "protest"
    return family


STRIKE_KINDS = frozenset({"general", "national", "nationwide", "indefinite", "warning",
                          "wildcat", "hunger", "sympathy"})


def _labour_strike(token: Token) -> bool:
    """"a general strike", "a national day of strike", "a 48-hour strike"."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in STRIKE_KINDS for c in token.children):
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "of" and \
        token.head.head.lemma_.lower() in ("day", "week", "call")


DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
NEW_WORDS = frozenset({"new", "another", "second", "third", "fresh", "further", "separate",
                       "first", "next", "other"})
EVENT_NOUNS = frozenset({"attack", "assault", "offensive", "raid", "strike", "bombing",
                         "shelling", "ambush", "explosion", "blast", "killing", "massacre",
                         "airstrike", "bombardment", "incursion"})
TALLY_VERBS = frozenset({"count", "record", "tally", "document", "register", "log"})
CLAIM_HEADS = frozenset({"say", "claim", "announce", "confirm", "report", "state", "add",
                         "statement"})
PROJECTILES = frozenset({"drone", "missile", "rocket", "projectile", "uav", "shahed"})
CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "hurt", "die", "injured", "dead"})


def refers_back(token: Token) -> str | None:
    """Whether a trigger names an event the report has already told: "definite" for a
    definite noun ("the attack", "the fighting", "its offensive"), "toll" for deaths or
    injuries with no one doing them ("at least 100 people were killed"), "claim" for an
    actor's own account ("JNIM said it had attacked the army")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and any(  # "repelled the attack", "claimed the bombing"
            c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in EVENT_NOUNS
            and refers_back(c) == "definite" for c in token.children):
        return "definite"
    if lemma == "shoot" and any(c.lower_ == "down" for c in token.children) and any(
            c.dep_ == "nsubjpass" and any(t.lemma_.lower() in PROJECTILES for t in c.subtree)
            for c in token.children):
        return "toll"  # "32 of 39 drones were shot down": part of the attack told
    if token.pos_ == "VERB" and token.dep_ in ("ccomp", "acl") and \
            token.head.lemma_.lower() in CLAIM_HEADS and any(
                c.dep_ == "nsubj" and (c.lower_ in ("it", "they") or any(
                    g.dep_ == "poss" and g.lower_ in ("its", "their") for g in c.children))
                for c in token.children) and _perfect(token):
        return "claim"  # "JNIM said it had attacked the army": its own account of the attack
    if token.pos_ == "NOUN" and ((token.dep_ == "attr" and token.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in token.head.children))
            or (token.dep_ == "dobj" and token.head.lemma_.lower() in TALLY_VERBS)):
        return "definite"  # "It was the first deadly attack", "counted more than 20 attacks"
    if token.pos_ == "NOUN" and token.dep_ == "nsubjpass" and \
            token.head.lemma_.lower() in ("hear", "see", "report", "feel"):
        return "toll"  # "Explosions were heard in Sanaa": the strike already told
    if token.pos_ == "NOUN":
        words = {c.lower_ for c in token.children}
        if (words & DEFINITE or "there" in words) and not words & NEW_WORDS and \
                not any(c.like_num for c in token.children):
            return "definite"
        return None
    if lemma in CASUALTY_LEMMAS and token.tag_ == "VBN":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or \
            token.dep_ in ("acl", "amod", "pobj")
        if passive and not any(c.dep_ == "agent" for c in token.children):
            return "toll"
    return None


#: What people do in protest, when the purpose clause says so: "demanding higher wages",
#: "to denounce rising fuel prices", "to raise awareness about", "calling for".
PURPOSE_VERBS = frozenset({"demand", "denounce", "protest", "oppose", "condemn", "reject",
                           "call", "ask", "express", "raise", "voice", "show", "claim",
                           "urge", "press", "decry", "criticize", "criticise"})
#: Who protests when they act with such a purpose (plain people, not forces or officials).
PEOPLE_NOUNS = frozenset({
    "people", "person", "student", "resident", "worker", "member", "citizen", "employee",
    "activist", "farmer", "driver", "hauler", "parent", "teacher", "supporter", "villager",
    "woman", "youth", "trader", "vendor", "community", "union", "family", "relative",
    "doctor", "nurse", "lawyer", "journalist", "trucker", "fisherman", "miner", "pensioner",
    "retiree", "mother", "inhabitant", "local", "participant", "cyclist", "staff",
    "dozen", "hundred", "thousand", "protester", "demonstrator", "motorist", "merchant",
    "shopkeeper", "owner", "operator", "unionist", "delegate", "athlete", "fan", "voter",
    "victim", "survivor", "veteran", "refugee", "migrant", "worshipper", "faithful",
    "believer", "health", "personnel", "artist", "musician", "academic", "researcher"})


PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "striker", "marcher",
                        "picketer"})


def protest_by_purpose(sent: SpacySpan) -> Token | None:
    """The action of people whose purpose clause makes it a protest: "students lined the
    street to raise awareness about...", "haulers gathered outside the market to denounce
    fuel prices", "citizens cut the road, demanding repairs". None if there is none."""
    for token in sent:  # "protesters demanded running water": what protesters do
        if token.pos_ == "VERB" and token.tag_ == "VBD" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in PROTESTERS for c in token.children):
            return token
    for token in sent:
        if token.lemma_.lower() not in PURPOSE_VERBS or \
                token.dep_ not in ("advcl", "xcomp", "relcl") or \
                not (token.tag_ == "VBG" or any(c.lower_ == "to" for c in token.children)):
            continue
        action = token.head
        if token.dep_ == "relcl":  # "carried out a motorcade to demand better fees"
            if action.dep_ != "dobj":
                continue
            action = action.head
        if action.pos_ != "VERB" or action.tag_ not in ("VBD", "VBN") or \
                action.lemma_.lower() in INFINITIVE_HEADS | APPEAL_HEADS | PURPOSE_VERBS:
            continue
        if action.lemma_.lower() in CLAIM_HEADS | SPEECH_VERBS:
            continue  # "the group said in a statement, calling for...": words, not a protest
        subjects = [c for c in action.children if c.dep_ == "nsubj"]
        if subjects and _plain_people(subjects[0]) and not _is_background(action):
            return action
    return None


SPEECH_VERBS = frozenset({"tell", "write", "post", "issue", "publish", "release", "tweet",
                          "declare", "stress", "insist", "warn", "note"})


def _plain_people(subject: Token) -> bool:
    """"students", "residents", "a group of people" (not "the group", an armed group)."""
    lemma = subject.lemma_.lower()
    if lemma == "group":
        return any(g.dep_ == "pobj" and g.lemma_.lower() in PEOPLE_NOUNS
                   for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children)
    return lemma in PEOPLE_NOUNS


#: What a protest is about is told through these: "to demand justice for", "against".
TOPIC_VERBS = PURPOSE_VERBS | {"commemorate", "mourn", "honor", "honour", "remember", "mark",
                               "support", "bring"}
TOPIC_PREPS = frozenset({"against", "over", "for", "about"})


#: Subordinators of a clause that tells what came before the protest, not at it.
EARLIER_MARKS = frozenset({"after", "since", "following", "before"})


def _protest_topic(violence: Token, protest: Token) -> bool:
    """Whether the violence is what the protest is about, told in its purpose clause, its
    "against/over ..." phrase, a relative clause or a clause of what came before: "rallied to
    demand justice for a man who was shot by police", "marched against the killing of a
    student", "held a vigil after four people were shot" (not "marched and attacked shops")."""
    anchors = {protest.i, protest.head.i} if protest.dep_ == "dobj" else {protest.i}
    path, node = [], violence  # "held a rally ... after four people were shot"
    while node.i not in anchors and node.head.i != node.i and len(path) < 16:
        path.append(node)
        node = node.head
    if node.i in anchors and path and path[-1].dep_ != "conj" and any(
            (n.dep_ in ("relcl", "acl") and not any(  # not "the ministry, where police shot"
                c.lower_ in ("where", "when", "wherein") for c in n.children))
            or (n.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in EARLIER_MARKS for c in n.children))
            for n in path):
        return True
    node = violence
    for _ in range(8):
        if node.head.i == node.i:
            return False
        parent = node.head
        if parent.i == protest.i:
            return node.dep_ == "prep" and node.lower_ in TOPIC_PREPS
        if parent.head.i == protest.i and parent.dep_ in ("advcl", "xcomp") and \
                parent.lemma_.lower() in TOPIC_VERBS:
            return True
        if parent.head.i == protest.i and parent.dep_ == "prep" and \
                parent.lower_ in TOPIC_PREPS:
            return True
        node = parent
    return False


def detect_mentions(doc_id: str, doc: Doc, lexicon: TriggerLexicon) -> list[EventMention]:
    """Candidate event mentions of one parsed document, in text order.

    >>> # detect_mentions("d", nlp("Russian forces retook Sudzha."), TriggerLexicon.load())
    """
    mentions: list[EventMention] = []
    for index, sent in enumerate(doc.sents):
        found: dict[str, Token] = {}
        for token in sent:
            family = lexicon.family(token)
            if family is None or not _accept(token, family, sent):
                continue
            family = refine_family(token, family, sent)
            key = "violent" if family in VIOLENT_FAMILIES else family
            current = found.get(key)
            if current is None or _stronger(token, family, current, lexicon, sent):
                found[key] = token
        if "protest" in found and "violent" in found and \
                _protest_topic(found["violent"], found["protest"]):
            del found["violent"]  # "gathered to demand justice for a teen who was shot"
        if "protest" in found and "accuse" in found:
            del found["accuse"]  # "protesters took to the streets, blaming...": their message
        if "disrupt" in found and "violent" in found and \
                _stopped_weapon(found["violent"], found["disrupt"]):
            del found["violent"]  # "defused two IEDs": the IEDs did not go off
        purpose = None  # an action told as a protest by its purpose: typed as a protest
        if "protest" not in found and (action := protest_by_purpose(sent)) is not None and \
                all(t.i != action.i for t in found.values()):
            found["protest"], purpose = action, action.i
        for token in sorted(found.values(), key=lambda t: t.i):
            sentence = Span(sent.start_char, sent.end_char, sent.text)
            trigger = Span(token.idx, token.idx + len(token.text), token.text)
            lemma = "protest" if token.i == purpose else lexicon.key(token)
            mentions.append(EventMention(doc_id=doc_id, sentence=sentence, trigger=trigger,
                                         lemma=lemma, sent_index=index,
                                         refers_back=refers_back(token)))
    return mentions


def _stopped_weapon(violence: Token, disrupt: Token) -> bool:
    """Whether the violent trigger is the weapon the disrupting verb stops: "soldiers
    defused an IED", "intercepted a missile strike"."""
    return violence.pos_ in ("NOUN", "PROPN") and violence.i != disrupt.i and \
        violence.i in {t.i for t in disrupt.subtree}


#: Prepositions whose object is an event told alongside the main one ("in conjunction with
#: artillery shelling", "amid airstrikes"): it does not replace the sentence's own event.
SIDE_HEADS = frozenset({"amid", "amidst", "alongside"})
SIDE_NOUNS = frozenset({"conjunction", "tandem", "parallel", "coordination"})


def _side_event(token: Token) -> bool:
    """"PKK militants attacked soldiers, in conjunction with shelling by Turkish forces":
    the shelling is a side event of the attack."""
    node = token
    for _ in range(4):
        if node.dep_ not in ("conj", "pobj", "acl", "prep", "compound") or node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in SIDE_HEADS or node.lower_ in SIDE_NOUNS:
            return True
    return False


def accepted_triggers(sent: SpacySpan, lexicon: TriggerLexicon) -> set[int]:
    """Token indexes of every trigger in ``sent`` that passes the dependency checks."""
    return {t.i for t in sent
            if (family := lexicon.family(t)) is not None and _accept(t, family, sent)}


def trigger_family(token: Token, lexicon: TriggerLexicon, sent: SpacySpan) -> str | None:
    family = lexicon.family(token)
    return None if family is None else refine_family(token, family, sent)


def _stronger(token: Token, family: str, current: Token, lexicon: TriggerLexicon,
              sent: SpacySpan) -> bool:
    cur_family = trigger_family(current, lexicon, sent) or "clash"
    if family not in VIOLENT_FAMILIES or cur_family not in VIOLENT_FAMILIES:
        return False
    if _side_event(token) != _side_event(current):
        return _side_event(current)  # the sentence's own event beats one told alongside it
    return VIOLENT_FAMILIES.index(family) < VIOLENT_FAMILIES.index(cur_family)
