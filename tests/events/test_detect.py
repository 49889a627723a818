"""Event detection and typing on real sentences: what counts as an event, and of which kind."""

from __future__ import annotations

import pytest

from polybius.pipeline import extract_document
from polybius.records import Document


def _events(text, resources, settings):
    return extract_document(Document(id="d", text=text), resources, settings)


@pytest.mark.parametrize("text", [
    "On 8 March 2022, people took to the streets in Prato to defend women's rights.",
    "On 2 February 2022, townspeople stood on the road at Bisri bridge to protest against "
    "increasing power supply cuts.",
    "On 11 February 2022, high school students occupied their school's premises in Torino to "
    "protest against the alleged deficiencies of the education system.",
    "On 12 May 2022, journalists staged a sit-in at the embassy in Beirut.",
    "On 10 January 2022, union members held a press conference with banners in front of "
    "the district office in Busan, criticising the local government.",
    "On 27 May 2022, over a hundred students walked out of Balfour Collegiate in Regina.",
    "On 6 May 2022, nurses held a sit-in in front of the Ministry of Health in Nouakchott.",
])
def test_protests_told_by_their_purpose_or_idiom(text, resources, settings):
    events = _events(text, resources, settings)
    assert [e.event_type for e in events] == ["PROTEST"]
    assert events[0].acled_event_type == "Protests"


@pytest.mark.parametrize("text", [
    "On 15 January 2022, more than 700 people took part in a bicycle ride in Bologna.",
    "The ceremony took place in Bamako on Sunday.",
    "Relatives blocked nothing; they said the hospital was not complying with a prior "
    "agreement.",
    "The party called on its supporters to protest next week.",
])
def test_idioms_and_background_are_not_events(text, resources, settings):
    assert [e.event_type for e in _events(text, resources, settings)
            if e.event_type in ("ASSAULT", "AGREE", "PROTEST")] == []


@pytest.mark.parametrize("text,sub_type", [
    ("On 12 January 2022, separatists and the military engaged in a firefight in Muea town.",
     "Armed clash"),
    ("On 7 April 2022, gunmen opened fire on a council member's car in Sulayman Sari town, "
     "killing him.", None),
])
def test_violence_idioms(text, sub_type, resources, settings):
    events = _events(text, resources, settings)
    assert [e.event_type for e in events] == ["ASSAULT"]
    if sub_type:
        assert events[0].acled_sub_event_type == sub_type


def test_air_strike_is_not_a_labour_strike(resources, settings):
    events = _events("The strike hit a monastery compound where villagers had gathered, "
                     "the resistance group said.", resources, settings)
    assert events and events[0].acled_event_type != "Protests"


@pytest.mark.parametrize("text,status", [
    ("On 5 May 2022, hundreds of students marched in Nairobi against fee increases.",
     "occurred"),
    ("Students may march in Nairobi against fee increases on Friday.", "hypothetical"),
])
def test_the_month_may_is_not_a_modal(text, status, resources, settings):
    assert [e.status for e in _events(text, resources, settings)] == [status]


@pytest.mark.parametrize("follow_up", [
    "Police fired tear gas and dispersed the demonstrators.",
    "Two persons were arrested.",
    "Gendarmes intervened and dispersed the demonstration.",
    "Police arrested 3 protesters.",
])
def test_police_action_on_a_protest_is_one_event(follow_up, resources, settings):
    text = ("On 25 March 2022, interim civil servants protested outside the town hall in "
            f"Cadiz to complain about their poor labour conditions. {follow_up}")
    events = _events(text, resources, settings)
    assert [(e.event_type, e.acled_sub_event_type) for e in events] == [
        ("PROTEST", "Protest with intervention")]


@pytest.mark.parametrize("later", [
    "The security source said at least 100 people were killed.",
    "The attack was the deadliest in the country this year, the source said.",
])
def test_a_restatement_joins_the_event_it_refers_to(later, resources, settings):
    text = ("On 24 August 2024, JNIM militants attacked soldiers and civilians digging "
            f"trenches around Barsalogho, in Burkina Faso. {later}")
    events = _events(text, resources, settings)
    assert [e.event_type for e in events] == ["ASSAULT"]
    assert events[0].evidence.start == 0  # the first telling stands for the event
    assert len(events[0].extras["mentions"]) == 2


def test_a_named_front_is_not_a_liberation(resources, settings):
    text = ("Hundreds of people demonstrated in Mekelle on Tuesday in support of a faction "
            "of the Tigray People's Liberation Front.")
    assert [e.event_type for e in _events(text, resources, settings)] == ["PROTEST"]


def test_a_curfew_is_coded_and_a_plain_press_conference_is_not(resources, settings):
    curfew = _events("On 5 January 2022, the government of Kenya declared a 30-day "
                     "dusk-to-dawn curfew in Lamu county.", resources, settings)
    assert [(e.event_type, e.acled_sub_event_type) for e in curfew] == [
        ("COERCE", "Change to group/activity")]
    assert _events("The minister held a press conference in Nairobi on Monday.",
                   resources, settings) == []


def test_a_security_operation_with_detentions_is_not_an_attack(resources, settings):
    events = _events("On 7 January 2022, QSD launched a security operation and detained a "
                     "number of people in Basira town in Deir ez Zor countryside.",
                     resources, settings)
    assert [e.acled_sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_killing_and_abducting_is_an_attack(resources, settings):
    events = _events("On 10 January 2022, ISWAP militants killed a merchant, abducted his son "
                     "and pillaged a shop in the village of Gargada.", resources, settings)
    assert [e.acled_sub_event_type for e in events] == ["Attack"]


def test_background_in_a_relative_clause_is_not_news(resources, settings):
    text = ("The ADF, which has killed thousands of civilians in North Kivu over the past "
            "decade, denied any role.")
    assert [e for e in _events(text, resources, settings) if e.event_type == "ASSAULT"] == []


def test_repelling_the_attack_is_the_attack(resources, settings):
    text = ("Ukrainian drones struck an oil depot in Bryansk overnight, the governor said. "
            "Russia's Defence Ministry claimed on Saturday that it had repelled the attack.")
    assert [e.event_type for e in _events(text, resources, settings)] == ["ASSAULT"]


def test_pulling_troops_back_is_a_retreat(resources, settings):
    text = "Burundi began pulling troops back towards the border town of Uvira on Monday."
    assert [e.event_type for e in _events(text, resources, settings)] == ["RETREAT"]


def test_nothing_happened_is_not_an_event(resources, settings):
    text = "Police said the gathering was peaceful and that no one was detained."
    assert [e for e in _events(text, resources, settings) if e.event_type == "COERCE"] == []


def test_a_toll_for_the_whole_country_joins_the_protest_in_its_capital(resources, settings):
    text = ("NAIROBI — Police fired tear gas at thousands of protesters in Nairobi on "
            "Tuesday. The Kenya National Commission on Human Rights later put the number of "
            "people killed across Kenya at 22.")
    events = _events(text, resources, settings)
    assert len(events) == 1 and events[0].event_type == "PROTEST"


@pytest.mark.parametrize("text,event_type", [
    ("On 9 June 2022, a Turkish forces convoy arrived at Tell Abiad district in Ar Raqqa "
     "countryside.", "MOBILIZE"),
    ("On 14 April 2022, people barricaded roads with burning tires in Fochville.", "PROTEST"),
    ("On 28 February 2022, an unidentified armed group torched ten houses at Kyehoro "
     "landing site.", None),
])
def test_movements_barricades_and_arson(text, event_type, resources, settings):
    events = _events(text, resources, settings)
    assert len(events) == 1
    if event_type:
        assert events[0].event_type == event_type


def test_an_aid_convoy_is_not_a_troop_movement(resources, settings):
    events = _events("An aid convoy of 20 trucks carrying food reached El Fasher on Monday.",
                     resources, settings)
    assert [e.event_type for e in events if e.event_type == "MOBILIZE"] == []


@pytest.mark.parametrize("text", [
    "Organisers called for a fresh march on State House on Thursday.",
    "Activists said they would return to the streets on 7 July.",
])
def test_protests_ahead(text, resources, settings):
    events = _events(text, resources, settings)
    assert [(e.event_type, e.status) for e in events] == [("PROTEST", "planned")]


def test_returning_home_is_not_a_protest(resources, settings):
    assert _events("Thousands of refugees returned home to Kherson on Monday.",
                   resources, settings) == []


def test_an_actors_own_account_joins_the_event_it_claims(resources, settings):
    text = ("A drone strike on a car near Nabatieh killed one man on Monday, Lebanon's health "
            "ministry said. The Israeli military said it had killed a Hezbollah operative.")
    events = _events(text, resources, settings)
    assert [e.event_type for e in events] == ["ASSAULT"]
    assert len(events[0].extras["mentions"]) == 2


@pytest.mark.parametrize("text,sub_type", [
    ("On 14 January 2022, FPRC militiamen collectively raped 14 girls in Nzako village.",
     "Sexual violence"),
    ("On 10 February 2022, unknown gunmen targeted a regime checkpoint in Majadel town with "
     "an RPG.", None),
    ("On 25 January 2022, four Syrian regime helicopters targeted IS positions in the "
     "Ithariyah desert.", None),
    ("On 17 June 2022, protesters blocked the R71 near Polokwane.", None),
    ("On 15 January 2022, local residents took the streets in front of the association.", None),
])
def test_lemmatizer_slips_and_weapon_words(text, sub_type, resources, settings):
    events = _events(text, resources, settings)
    assert len(events) == 1
    if sub_type:
        assert events[0].acled_sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "The ADF has killed thousands of civilians in North Kivu over the past decade.",
    "He led the faction of former rebels that rejected the 2016 peace agreement.",
    "Rights groups warned of reprisals against Fulani civilians, often accused of "
    "sympathising with jihadists.",
])
def test_history_and_hearsay_are_not_news_events(text, resources, settings):
    assert [e.event_type for e in _events(text, resources, settings)
            if e.event_type in ("ASSAULT", "AGREE", "ACCUSE")] == []


def test_explosions_heard_are_the_strike_already_told(resources, settings):
    text = ("U.S. air strikes hit Houthi positions in Sanaa overnight, residents said. "
            "Explosions were heard in the Shuub district of northern Sanaa.")
    assert [e.event_type for e in _events(text, resources, settings)] == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "On 27 February 2022, a few dozen students lined both sides of Ste-Catherine West in "
    "Montreal to raise awareness about international students unable to finish their studies.",
    "On 31 January 2022, citizens cut the EP-2702 road traffic in Pazos de Borben, demanding "
    "improvements in the road.",
    "On 1 June 2022, around 120 Indigenous people set up a protest camp at Armas square in "
    "Asuncion to demand the opening of roads.",
])
def test_an_action_with_a_protest_purpose_is_a_protest_that_happened(text, resources,
                                                                      settings):
    events = _events(text, resources, settings)
    assert [(e.event_type, e.status) for e in events] == [("PROTEST", "occurred")]


def test_a_statement_with_a_demand_is_not_a_protest(resources, settings):
    text = ("The paramilitary group said in a video statement on Sunday, calling on residents "
            "to leave the camp, that its fighters controlled the area.")
    assert all(e.event_type != "PROTEST" for e in _events(text, resources, settings))


def test_an_announced_rally_stays_planned(resources, settings):
    events = _events("Opposition parties announced a rally in Nairobi on Friday.",
                     resources, settings)
    assert [e.status for e in events] == ["planned"]


@pytest.mark.parametrize("text", [
    "On 28 January 2022, IS exchanged shelling with regime forces in the village of Saalu "
    "in the countryside of Deir ez Zor.",
    "On 8 June 2022, shelling exchange with rockets took place between Turkish forces and "
    "the SDF in Tawileh town in Al Hasakeh countryside.",
])
def test_an_exchange_of_fire_is_an_armed_clash(text, resources, settings):
    assert [e.acled_sub_event_type for e in _events(text, resources, settings)] == \
        ["Armed clash"]


def test_an_exchange_of_prisoners_stays_an_agreement(resources, settings):
    events = _events("On 3 May 2022, Russia and Ukraine exchanged prisoners near Zaporizhzhia.",
                     resources, settings)
    assert [e.acled_sub_event_type for e in events] == ["Agreement"]


@pytest.mark.parametrize("text, day", [
    ("On 18 February 2022, people gathered outside the police headquarters in Houston to "
     "protest the death of a Black man who was shot by police on 7 February 2022.",
     "2022-02-18"),
    ("On 15 March 2022, health workers staged a silent protest in front of the hospital in "
     "Verin to condemn the Russian forces' bombardment of a maternity hospital in Mariupol.",
     "2022-03-15"),
])
def test_the_violence_a_protest_is_about_is_not_an_event_of_its_own(text, day, resources,
                                                                     settings):
    events = _events(text, resources, settings)
    assert [(e.event_type, e.date.start_date) for e in events] == [("PROTEST", day)]


def test_violence_at_a_protest_stays_an_event(resources, settings):
    events = _events("On 3 May 2022, protesters marched to the ministry in Nairobi, where "
                     "police shot two of them.", resources, settings)
    assert any(e.acled_event_type == "Protests" for e in events)
    assert any("police" in (e.actor2.name or e.actor1.name or "").lower() for e in events)


@pytest.mark.parametrize("text, family", [
    ("On 13 January 2022, in Merida state, protesters demanded access to running water, "
     "labor rights, and justice.", "PROTEST"),
    ("On 29 March 2022, in Fortaleza (Ceara), app drivers and delivery workers carried out a "
     "motorcade to demand better fees.", "PROTEST"),
    ("On 19 June 2022, the Ministry of Defense of Azerbaijan reported that the Armenian "
     "forces fired in the direction of Azerbaijani positions near Zivel, Kalbajar region.",
     "ASSAULT"),
])
def test_what_protesters_do_and_firing_towards_positions_are_events(text, family, resources,
                                                                    settings):
    assert [e.event_type for e in _events(text, resources, settings)] == [family]


def test_a_defused_bomb_is_disrupted_weapons_use_not_an_explosion(resources, settings):
    events = _events("On 3 May 2022, soldiers discovered and defused two IEDs planted by "
                     "insurgents on the road near Gao.", resources, settings)
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"]
    for text in ("On 3 May 2022, police found the bodies of two men near Gao.",
                 "On 3 May 2022, two herders were injured when a device they found near Gao "
                 "exploded."):
        found = _events(text, resources, settings)
        assert "Disrupted weapons use" not in [e.acled_sub_event_type for e in found], text


def test_shelling_told_alongside_an_attack_does_not_replace_it(resources, settings):
    events = _events("On 13 June 2022, rebels attacked army soldiers in the hills near the "
                     "border, in conjunction with artillery shelling by the army.",
                     resources, settings)
    assert [e.acled_event_type for e in events] == ["Battles"]
    alone = _events("On 13 June 2022, the army carried out artillery shelling of rebel "
                    "positions near the border.", resources, settings)
    assert [e.acled_sub_event_type for e in alone] == ["Shelling/artillery/missile attack"]


def test_refugees_arriving_is_a_displacement_but_a_rescue_team_is_not(resources, settings):
    events = _events("On 9 March 2022, about 3,000 refugees from Sudan arrived in Adre and "
                     "were registered by the authorities.", resources, settings)
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in events] == \
        [("Strategic developments", "Other")]
    team = _events("On 9 March 2022, a rescue team of 37 people arrived in Mandalay.",
                   resources, settings)
    assert [e.acled_sub_event_type for e in team] == []


def test_a_shooting_a_vigil_is_held_after_is_not_an_event_of_the_vigil(resources, settings):
    vigil = _events("On 9 April 2022, relatives held a vigil in Leeds to demand justice, after "
                    "two teenagers were fatally shot at a party the week before.",
                    resources, settings)
    assert [e.event_type for e in vigil] == ["PROTEST"]
    far = _events("On 9 April 2022, neighbours rallied outside the courthouse in Leeds to call "
                  "for justice in the death of a young man who was stabbed on 2 March after "
                  "he was lured to a flat and beaten by two men there.", resources, settings)
    assert [e.event_type for e in far] == ["PROTEST"]
    # violence where the protest is, as it happens, stays (test_violence_at_a_protest_...)


@pytest.mark.parametrize("text", [
    "The group accused the army of shelling the camp and of using it as a base.",
    "The truce halted more than a year of cross-border fighting.",
    "Mobilisation has pulled thousands of men out of the workforce.",
    "The crew abandoned ship and were picked up by a navy destroyer.",
])
def test_allegations_history_and_idioms_are_not_violent_events(text, resources, settings):
    assert [e.event_type for e in _events(text, resources, settings)
            if e.event_type in ("ASSAULT", "RETREAT")] == []


def test_troops_pulling_out_is_still_a_withdrawal(resources, settings):
    events = _events("On 2 May 2022, the army pulled its troops out of Kidal.", resources,
                     settings)
    assert [e.event_type for e in events] == ["RETREAT"]


def test_a_tally_or_a_characterisation_refers_back_to_attacks_told(resources):
    from polybius.events.detect import detect_mentions
    doc = resources.nlp("Gunmen attacked a police post in Jamundi on Tuesday. Authorities "
                        "counted more than 20 attacks in the province. It was the deadliest "
                        "attack this year. Rebels launched a new attack on Corinto.")
    kinds = {m.sent_index: m.refers_back for m in detect_mentions("d", doc, resources.lexicon)}
    assert kinds == {0: None, 1: "definite", 2: "definite", 3: None}


def test_a_hedged_report_of_an_abduction_is_still_the_abduction(resources, settings):
    events = _events("On 2 March 2022, vigilante members are accused of abducting a truck "
                     "driver near Durban.", resources, settings)
    assert [e.acled_event_type for e in events] == ["Violence against civilians"]
