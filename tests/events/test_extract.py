"""Event assembly on real text: which date, toll and place an event gets from its report."""

from __future__ import annotations

from polybius.pipeline import extract_document
from polybius.records import Document


def test_an_event_without_a_date_takes_the_date_of_the_news_before_it(resources, settings):
    text = ("NAIROBI — Police fired tear gas at thousands of protesters in Nairobi on Tuesday "
            "as parliament passed a tax bill.\n\nDemonstrations also took place in Nakuru and "
            "Kisumu, where crowds blocked roads and burned tyres.")
    doc = Document(id="k", text=text, published="2024-06-26")
    events = extract_document(doc, resources, settings)
    assert len(events) == 3  # Nairobi, then Nakuru and Kisumu
    assert [e.date.start_date for e in events] == ["2024-06-25"] * 3
    for later in events[1:]:
        assert later.date.reason and text[later.date.start:later.date.end] == "Tuesday"


def test_a_planned_event_without_a_date_stays_undated(resources, settings):
    text = ("Officials said talks between the two governments would be held in Doha to "
            "discuss a ceasefire.")
    doc = Document(id="p", text=text, published="2024-06-26")
    (event,) = extract_document(doc, resources, settings)
    assert event.status == "planned"
    assert event.date.start_date is None and "planned" in event.date.reason


def test_one_protest_event_per_town_listed(resources, settings):
    text = ("Demonstrations also took place in Nakuru, Kisumu and Mombasa on Tuesday, where "
            "crowds blocked roads and burned tyres.")
    events = extract_document(Document(id="m", text=text, published="2024-06-26"),
                              resources, settings)
    assert sorted(e.location.name for e in events) == ["Kisumu", "Mombasa", "Nakuru"]
    assert {e.event_type for e in events} == {"PROTEST"}
    assert len({e.event_id for e in events}) == 3
    for e in events:  # each place keeps its own span in the text
        assert text[e.location.start:e.location.end] == e.location.name


def test_a_merged_event_keeps_the_agent_another_telling_names(resources, settings):
    text = ("Russia says its troops have retaken Sudzha in Kursk region.\n"
            "The ministry said units of the North group had liberated Sudzha, and published "
            "video showing soldiers raising a Russian flag over the town's administration.")
    events = extract_document(Document(id="r", text=text, published="2025-03-14"),
                              resources, settings)
    (retaking,) = [e for e in events if e.acled_sub_event_type == "Government regains territory"]
    assert retaking.actor1.name.startswith("Military Forces of Russia")
    assert retaking.actor2.name != retaking.actor1.name


def test_an_undated_report_gives_a_yearless_day_its_year(resources, settings):
    text = ("On 4 January 2025, a Ukrainian drone struck a car near Shebekino, the governor "
            "said. The following day, 5 January, a drone dropped an explosive device on a "
            "passenger car near Graivoron, wounding the driver.")
    events = extract_document(Document(id="y", text=text), resources, settings)
    assert [e.date.start_date for e in events] == ["2025-01-04", "2025-01-05"]
    assert "year" in events[1].date.reason


def test_a_mobs_attack_is_mob_violence(resources, settings):
    text = ("On 3 March 2022, a mob of local residents lynched a pastor in Dalisu village in "
            "Soy, Kakamega county, for allegedly engaging in theft.")
    (event,) = extract_document(Document(id="mob", text=text), resources, settings)
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Mob violence")


def test_an_attack_on_armed_people_is_an_armed_clash(resources, settings):
    text = ("On 17 May 2022, unknown gunmen shot and killed 2 regime soldiers near Sayda town "
            "in Dara countryside.")
    (event,) = extract_document(Document(id="ac", text=text), resources, settings)
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")


def test_an_attack_on_an_official_or_an_off_duty_officer_stays_an_attack(resources, settings):
    for text in ("On 24 May 2022, a municipal social welfare officer was shot dead by "
                 "unidentified assailants at her residence in Barangay San Isidro.",
                 "On 21 February 2022, unidentified gunmen shot and killed an off-duty police "
                 "officer in Marsabit town."):
        (event,) = extract_document(Document(id="at", text=text), resources, settings)
        assert event.acled_sub_event_type == "Attack", text


def test_a_date_two_sentences_back_in_the_paragraph_dates_the_event(resources, settings):
    text = ("On 13 April 2022, migrants attempted to cross the border from Belarus to Poland "
            "near Dubicze Cerkiewne. They were supported by the Belarusian military. Polish "
            "police and military forces clashed with them and prevented them from crossing.")
    events = extract_document(Document(id="d2", text=text), resources, settings)
    (clash,) = [e for e in events if e.acled_sub_event_type == "Armed clash"]
    assert clash.date.start_date == "2022-04-13"


def test_a_restatement_lends_its_date_to_the_event_it_joins(resources, settings):
    text = ("On 25 March 2022, striking public health workers and union delegates gathered "
            "outside the Prefecture in Rovigo to demand more public funds for renewing their "
            "collective labor agreements. The event was part of a national day of strike.")
    (event,) = extract_document(Document(id="st", text=text), resources, settings)
    assert event.event_type == "PROTEST"  # the strike is a labour strike, not an air strike
    assert event.date.start_date == "2022-03-25"


def test_a_date_that_names_something_else_is_not_the_events_date(resources, settings):
    text = ("On 10 May 2022, demonstrators led by student groups gathered. They staged a "
            "demonstration in front of the Cebu Provincial Capitol in Cebu City to express "
            "opposition to the results of the May 2022 elections.")
    events = extract_document(Document(id="nm", text=text), resources, settings)
    assert {e.date.start_date for e in events} == {"2022-05-10"}


def test_an_exchange_of_fire_or_a_shoot_out_is_an_armed_clash(resources, settings):
    for text in ("On 10 January 2022, in Santa Ines, four armed individuals exchanged fire "
                 "with military police in the Saback neighborhood.",
                 "On 3 May 2022, in Manaus, a shoot-out between rival drug trafficking groups "
                 "took place in the Jorge Teixeira neighborhood."):
        (event,) = extract_document(Document(id="x", text=text), resources, settings)
        assert event.acled_sub_event_type == "Armed clash", text
        assert event.date.start_date is not None


def test_killing_a_gang_member_is_a_clash_but_not_killing_a_neighbourhood_watchman(
        resources, settings):
    gang = ("On 31 March 2022, in Bujari, a member of a gang was shot and killed in the city "
            "centre by five armed members of a rival gang.")
    watch = ("On 29 April 2022, unidentified militia stabbed and killed two members of Nyumba "
             "Kumi (community policing) initiative in Bunyikhu.")
    (event,) = extract_document(Document(id="g", text=gang), resources, settings)
    assert event.acled_sub_event_type == "Armed clash"
    (event,) = extract_document(Document(id="w", text=watch), resources, settings)
    assert event.acled_sub_event_type == "Attack"


def test_killing_villagers_is_an_attack_not_a_clash(resources, settings):
    text = ("On 27 January 2022, a military column of 150 troops killed two villagers and "
            "burned their bodies near Pauk.")
    (event,) = extract_document(Document(id="v", text=text), resources, settings)
    assert (event.acled_event_type, event.acled_sub_event_type) == \
        ("Violence against civilians", "Attack")


def test_a_checkpoint_where_a_civilian_was_shot_is_not_the_target(resources, settings):
    text = ("On 2 April 2022, a rebel fighter shot and killed a civilian at a checkpoint on "
            "the main road in Al Maton district.")
    (event,) = extract_document(Document(id="c", text=text), resources, settings)
    assert event.acled_sub_event_type == "Attack"
    text = ("On 2 April 2022, gunmen opened fire at an army checkpoint on the main road in "
            "Al Maton district.")
    (event,) = extract_document(Document(id="a", text=text), resources, settings)
    assert event.acled_sub_event_type == "Armed clash"


def test_soldiers_beating_youths_is_their_attack_not_mob_violence(resources, settings):
    police = "On 11 May 2022, soldiers beat three youths with sticks in the market of Gao."
    mob = ("On 19 March 2022, a mob of residents beat a suspected thief to death at the "
           "market in Kisumu.")
    (event,) = extract_document(Document(id="p", text=police), resources, settings)
    assert (event.acled_event_type, event.acled_sub_event_type) == \
        ("Violence against civilians", "Attack")
    (event,) = extract_document(Document(id="m", text=mob), resources, settings)
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Mob violence")
