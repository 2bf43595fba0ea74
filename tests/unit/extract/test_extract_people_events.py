"""People (titles stripped, surnames linked, known actors) and candidate events."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article
from democdash.extract.countries import Mention, find_mentions
from democdash.extract.people import find_people


def people(text: str, actors=None) -> dict[str, dict]:
    return {p["name"]: p for p in find_people(text, find_mentions(text), actors)}


def test_full_names_with_titles_stripped():
    found = people("President Alexander Lukashenko met Prof. Anna Petrova in Minsk.")
    assert set(found) == {"Alexander Lukashenko", "Anna Petrova"}
    mention = found["Alexander Lukashenko"]["mentions"][0]
    assert mention["text"] == "Alexander Lukashenko"


def test_an_abbreviated_title_with_its_full_stop_and_two_particles():
    found = people("Mr. Lukashenko met Ursula von der Leyen. Gen. Min Aung Hlaing stayed away.")
    assert set(found) == {"Lukashenko", "Ursula von der Leyen", "Min Aung Hlaing"}
    assert found["Lukashenko"]["mentions"][0]["text"] == "Lukashenko"
    # a movement's name is no person
    assert people("Black Lives Matter protests spread.") == {}


def test_a_country_or_demonym_before_a_title_is_not_part_of_the_name():
    found = people(
        "Chinese President Xi Jinping's grip is tight. Xi has demanded an end to the violence. "
        "United States Senator Tom Cotton urged a halt, and the British Governor Maj. Gen. "
        "Charles Gordon refused to leave."
    )
    assert set(found) == {"Xi Jinping", "Tom Cotton", "Charles Gordon"}
    assert [m["text"] for m in found["Xi Jinping"]["mentions"]] == ["Xi Jinping", "Xi"]
    assert people("Belarusian opposition leaders met in Vilnius.") == {}


def test_later_surname_mentions_join_the_person():
    found = people("Sviatlana Tsikhanouskaya left the country. Later, Tsikhanouskaya spoke.")
    assert len(found["Sviatlana Tsikhanouskaya"]["mentions"]) == 2


def test_a_title_inside_a_run_of_capitals_is_cut_with_what_precedes_it():
    found = people("Enlargement Commissioner Olivér Várhelyi urged Georgia to withdraw it.")
    assert list(found) == ["Olivér Várhelyi"]
    found = people("Treasury Secretary Steven Mnuchin questioned the idea.")
    assert list(found) == ["Steven Mnuchin"]
    # a title in the plural before names: the names follow it; alone, it names a group
    found = people("U.S. Senators Jeanne Shaheen and Thom Tillis introduced a bill.")
    assert list(found) == ["Jeanne Shaheen", "Thom Tillis"]
    assert people("The G7 Foreign Ministers met in London.") == {}


def test_the_first_half_of_a_bodys_name_and_a_documents_name_are_no_people():
    text = (
        "He urged sanctions on Myanma Foreign Trade Bank and Myanma Investment and Commercial "
        "Bank. The new Basic Law extends the term. Tom Andrews is part of the Special "
        "Procedures of the Council."
    )
    assert list(people(text)) == ["Tom Andrews"]
    # a name before a body's word in lower case names the body, not a leader's government
    assert people("Court dissolves Move Forward party") == {}
    assert list(people("Critics of the Hun Sen government were jailed.")) == ["Hun Sen"]


def test_a_name_that_ends_a_longer_one_is_that_person():
    found = people("Suu Kyi urges protest\n\nA statement attributed to Aung San Suu Kyi said so.")
    assert list(found) == ["Aung San Suu Kyi"]
    assert [m["text"] for m in found["Aung San Suu Kyi"]["mentions"]] == [
        "Suu Kyi",
        "Aung San Suu Kyi",
    ]
    # a name that begins a longer one is someone else (her father)
    found = people("General Aung San founded the army. Aung San Suu Kyi is his daughter.")
    assert set(found) == {"Aung San", "Aung San Suu Kyi"}


def test_titled_single_surname_is_a_person():
    assert "Okonkwo" in people("Critics said Mr Okonkwo had lied.")


def test_organisations_places_and_sentence_words_are_not_people():
    found = people("The Electoral Commission and the National Assembly met in South Africa.")
    assert found == {}
    assert people("But Nigeria said no.") == {}


def test_known_actors_are_linked_by_name_or_alias():
    actors = [{"id": "A7", "name": "Aleksandr Lukashenka", "aliases": ["Alexander Lukashenko"]}]
    found = people("Alexander Lukashenko refused.", actors)
    assert found["Alexander Lukashenko"]["actor_id"] == "A7"
    assert people("Maria Kolesnikova was jailed.", actors)["Maria Kolesnikova"]["actor_id"] is None


def test_events_are_typed_dated_and_placed():
    text = (
        "Soldiers seized power in Mali on 18 August 2020. "
        "Thousands protested in Belarus on Sunday. "
        "Analysts think the outlook is uncertain."
    )
    events = extract_article(text, published="2020-08-19")["events"]
    assert [(e["type"], e["country"], e["date"]) for e in events] == [
        ("coup", "MLI", "2020-08-18"),
        ("protest", "BLR", "2020-08-16"),
    ]
    for e in events:
        assert text[e["start"] : e["end"]] == e["sentence"]


def test_undated_statements_are_not_events():
    events = extract_article("The minister said the talks were useful.")["events"]
    assert all(e["type"] != "statement" for e in events)


def test_a_step_still_ahead_is_not_an_event():
    ahead = (
        "“This was a hijacking,” he said. “Europe must answer it with sanctions this week.” "
        "The EU will impose sanctions on Belarus in June 2021."
    )
    events = extract_article(ahead, published="2021-05-24")["events"]
    assert [e["type"] for e in events] == ["crackdown"]  # the hijacking, said
    done = "The EU imposed sanctions on Belarus this week, as it said it would."
    assert [e["type"] for e in extract_article(done, published="2021-05-24")["events"]] == [
        "sanction"
    ]
    said = "“We will act,” the ministry said in a statement on Tuesday."
    assert [e["type"] for e in extract_article(said, published="2021-05-24")["events"]] == [
        "statement"
    ]
    # a name ending in "-ed" ("United") is no past verb
    named = "The United States should expand sanctions on Belarusian state companies."
    assert extract_article(named, published="2021-05-24")["events"] == []
    # a statement whose only date is the step's ("must act before the summer") is none
    deadline = "Lithuania's foreign minister said the bloc must act before the summer."
    assert extract_article(deadline, published="2021-05-24")["events"] == []
    # a step weighed or not ruled out is ahead too, its "-ed" verb no past ("ruled", "need")
    for weighed in (
        "Washington has not ruled out further sanctions on Minsk, officials said.",
        "Washington is considering new sanctions on Minsk.",
        "We are examining further measures against Minsk, including targeted sanctions.",
        "Here is what you need to know about the protests in Minsk.",
        # a step asked for or refused in the past has not happened: the asking is past
        "Lithuania's president urged the EU to impose tougher sanctions on Belarus.",
        "Lukashenko rejected calls for talks with the opposition.",
        # "involved" qualifies a noun: nothing done
        "Rights groups urged London to impose sanctions on the judges involved.",
        # nor does what the step lasts until
        "She urged the EU to keep its sanctions on Belarus until all prisoners were freed.",
    ):
        assert extract_article(weighed, published="2021-05-24")["events"] == [], weighed
    # a step taken beside one asked for still happened
    urged = "The EU imposed sanctions on Belarus after Lithuania urged it to act."
    assert [e["type"] for e in extract_article(urged, published="2021-05-24")["events"]] == [
        "sanction"
    ]


def test_a_participle_that_qualifies_a_noun_is_no_past_verb():
    # the "-ed" words belong to the step ahead or to a noun, not to anything done
    for ahead in (
        "Washington should impose targeted sanctions on the generals, senators said.",
        "Washington should coordinate with its allies on targeted sanctions against officials.",
        "The so-called referendum will be held under martial law.",
        "A vote is to be held on a newly drafted constitution.",
        "The junta will hold elections with its hand-picked candidates.",
    ):
        assert extract_article(ahead, published="2021-05-24")["events"] == [], ahead
    # the same words as the sentence's verb are past
    for done in (
        "The US imposed targeted sanctions on the generals.",
        "The so-called referendum was held under martial law.",
        "Police detained activists at a rally in Minsk.",
    ):
        assert extract_article(done, published="2021-05-24")["events"], done


def test_events_rebuild_the_folded_text_from_sentences():
    from democdash.extract.events import find_events
    from democdash.extract.sentences import folded_text, split_sentences

    text = (
        "Troops fired on protesters in Belarus on 9 August 2020.\n\n"
        "The EU should impose sanctions on Minsk."
    )
    sentences = split_sentences(text)
    assert folded_text(sentences) == text.lower().replace("\n", " ")
    mentions = find_mentions(text)
    dates = extract_article(text)["dates"]
    folded = text.lower()
    events = find_events(sentences, dates, mentions)
    assert events and events == find_events(sentences, dates, mentions, folded=folded)


PLANE = (
    "Belarus forced a Ryanair plane to land in Minsk on Sunday and arrested the journalist "
    "Roman Protasevich. The United States condemned the crackdown on Monday. "
    "Lithuania protested against the landing on Monday. "
    "Al Jazeera and the United Nation reported the arrest on Monday."
)


def test_outlets_and_organisations_are_not_people():
    names = {p["name"] for p in extract_article(PLANE, published="2021-05-24")["people"]}
    assert names == {"Roman Protasevich"}


def test_a_name_after_a_word_for_a_news_medium_is_no_person_anywhere():
    text = (
        "Police arrested eleven employees of the investigative outlet Temirov Live. "
        "Temirov Live, founded by Bolot Temirov, reported on corruption. The news agency "
        "Kabar Today quoted Sadyr Japarov."
    )
    assert [p["name"] for p in find_people(text)] == ["Bolot Temirov", "Sadyr Japarov"]


def test_a_bodys_name_with_for_or_a_plurals_possessive_names_no_person():
    text = (
        "More than 4,000 civilians have been killed, according to the Assistance Association "
        "for Political Prisoners. The Foreign Correspondents' Club said it was concerned, "
        "and Chief Executive John Lee disagreed."
    )
    assert [p["name"] for p in find_people(text)] == ["John Lee"]


def test_a_statement_is_not_a_protest_and_a_reaction_does_not_move_the_event():
    events = extract_article(PLANE, published="2021-05-24", title="Belarus forces plane down")[
        "events"
    ]
    by_start = {e["sentence"].split()[0]: e for e in events}
    assert by_start["Lithuania"]["type"] == "statement"
    assert (by_start["The"]["type"], by_start["The"]["country"]) == ("crackdown", "BLR")


def test_the_forced_landing_and_the_arrest_are_found():
    (first, *_) = extract_article(PLANE, published="2021-05-24")["events"]
    assert first["type"] == "crackdown" and first["country"] == "BLR"
    assert first["date"] == "2021-05-23" and first["trigger"] == "plane to land"


def test_thousands_protesting_are_a_protest():
    (event,) = extract_article("Thousands protested in Belarus on Monday.", published="2021-05-24")[
        "events"
    ]
    assert event["type"] == "protest"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # what is done to protesters is the event
        ("Police arrested 20 protesters in Minsk on 3 May 2021.", "crackdown"),
        ("Hundreds of protesters were arrested in Minsk on 3 May 2021.", "crackdown"),
        ("More than 100 demonstrators have been detained in Minsk since 3 May 2021.", "crackdown"),
        # and so is violence done to them, where a protest word outranked it
        ("On 6 January 2021, troops killed 20 protesters in Almaty.", "crackdown"),
        ("On 6 January 2021, police opened fire on protesters in Almaty.", "crackdown"),
        ("Two protesters have been shot with live rounds since 3 May 2021.", "crackdown"),
        ("On 6 January 2021, rebels fired on army positions in Myanmar.", "violence"),
        # protesters acting, or the act of protest named, stay a protest
        ("Protesters demanded the release of those arrested on 3 May 2021.", "protest"),
        ("Thousands protested against the arrest of Navalny on 3 May 2021.", "protest"),
        ("Thousands of protesters marched and police detained 200 on 3 May 2021.", "protest"),
        ("On 6 January 2021, protesters attacked the city hall in Almaty.", "protest"),
    ],
)
def test_a_crackdown_on_protesters_is_a_crackdown(sentence, kind):
    (event,) = extract_article(sentence, published="2021-05-24")["events"]
    assert event["type"] == kind


def test_a_blacklist_is_a_sanction_aimed_at_the_focus_not_where_it_was_decided():
    found = extract_article(
        "EU foreign ministers meeting in Luxembourg added 78 officials to the bloc's "
        "blacklist on Monday, freezing their assets. Lithuania's foreign minister said the EU "
        "should now consider banning all flights.",
        # the country a title names as what the step is aimed at is the article's focus,
        # not the first country it names
        title="EU, Britain and Canada impose new sanctions on Belarus over plane diversion",
        published="2021-06-21",
    )
    (event,) = found["events"]
    assert (event["type"], event["country"], event["date"]) == ("sanction", "BLR", "2021-06-21")
    (option,) = found["policy_options"]
    assert option["target"] == "BLR"


def test_a_country_a_title_names_as_who_acts_is_not_the_focus():
    text = (
        "The UK has today sanctioned eight senior officials under its human rights regime. "
        "The UK continues to call for a new presidential election overseen by the OSCE."
    )
    title = "UK sanctions Belarusian officials over rigged election and crackdown"
    found = extract_article(text, title=title, published="2020-09-29")
    assert [o["target"] for o in found["policy_options"]] == ["BLR"]
    # named alone, the country that acts is still the focus
    alone = extract_article(text, title="UK sanctions eight officials", published="2020-09-29")
    assert [o["target"] for o in alone["policy_options"]] == ["GBR"]


def test_a_title_country_something_is_modelled_on_is_not_the_focus():
    text = (
        "Kyrgyzstan's parliament on Thursday approved the bill. The U.S. Embassy urged "
        "President Japarov not to sign the law."
    )
    title = "Kyrgyz parliament passes 'foreign representatives' law modelled on Russia's"
    found = extract_article(text, title=title, published="2024-03-14")
    assert {o["target"] for o in found["policy_options"]} == {"KGZ"}


def test_where_a_statement_was_made_is_not_what_it_is_about():
    text = (
        "Statement of the Office of Sviatlana Tsikhanouskaya on the release of prisoners\n\n"
        "Vilnius, 11 September 2025\n\n"
        "We welcome the release of 52 political prisoners in Belarus. The regime in Belarus "
        "has not changed. Any relief must be conditioned on the release of all prisoners."
    )
    found = extract_article(text, published="2025-09-11")
    relief = [o for o in found["policy_options"] if o["sentence"].startswith("Any relief")]
    assert [o["target"] for o in relief] == ["BLR"]
    # the statement's "we" is the office its title names
    assert {o["holder"]["text"] for o in relief} == {"The Office of Sviatlana Tsikhanouskaya"}


def test_a_partner_named_with_with_is_not_where_a_crackdown_happened():
    found = extract_article(
        "Between October 2022 and January 2023 the authorities detained more than two dozen "
        "activists who had opposed a border deal with Uzbekistan. He won the presidency in "
        "January 2021.",
        title="Kyrgyzstan's slide",
        published="2023-03-14",
    )["events"]
    assert [(e["type"], e["country"]) for e in found] == [
        ("crackdown", "KGZ"),
        ("election", "KGZ"),  # winning the presidency is an election's result
    ]


@pytest.mark.parametrize(
    ("sentence", "meeting"),
    [
        ("US and Russian negotiators met in Geneva on 10 January 2022.", True),
        (
            "Yunus met Pakistani Prime Minister Shehbaz Sharif in New York on 23 September 2024.",
            True,
        ),
        ("The foreign minister met his Russian counterpart in Moscow on 3 May 2021.", True),
        # what was met is a demand or a target, not someone
        ("The government said on 3 May 2021 that the targets had been met in Belarus.", False),
        ("Belarus met its export target on 3 May 2021.", False),
    ],
)
def test_meeting_someone_is_diplomacy(sentence, meeting):
    found = extract_article(sentence, published="2024-10-01")["events"]
    assert any(e["type"] == "diplomacy" and e["trigger"] == "met" for e in found) is meeting


def test_only_the_word_met_is_held_to_a_meeting_s_test():
    # "met with", and a short event word after "was" ("was war"), stay event words
    found = extract_article(
        "Ministers met with their Thai counterpart in Bangkok on 3 May 2021. What followed "
        "was war in the east of Ukraine from April 2014.",
        published="2021-06-01",
    )["events"]
    assert [(e["type"], e["trigger"]) for e in found] == [
        ("diplomacy", "met with"),
        ("violence", "war"),
    ]


def test_air_strikes_and_setting_fire_to_homes_are_violence():
    found = extract_article(
        "The army carried out air strikes on villages in Myanmar on 7 March 2022. Soldiers "
        "set fire to 200 homes in Myanmar on 8 March 2022.",
        published="2022-03-11",
    )["events"]
    # "strikes" inside "air strikes" is no strike of its own
    assert [(e["type"], e["trigger"]) for e in found] == [
        ("violence", "air strike"),
        ("violence", "set fire"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Protests spread to Almaty on Wednesday. The internet was cut across the country "
        "the same day.",
        "Protests spread to Almaty on Wednesday. NetBlocks reported a nationwide internet "
        "blackout the same day.",
        "Protests spread to Almaty on Wednesday. The authorities shut off the internet the "
        "same day.",
    ],
)
def test_cutting_the_internet_is_a_crackdown(sentence):
    found = extract_article(sentence, title="Unrest in Kazakhstan", published="2022-01-07")
    (cut,) = [e for e in found["events"] if e["type"] == "crackdown"]
    assert cut["country"] == "KAZ" and cut["date"] == "2022-01-05"


def test_people_taken_into_custody_is_an_arrest():
    (event,) = extract_article(
        "Seven organisers were taken into custody by Georgian police on May 14, 2024.",
        published="2024-05-16",
    )["events"]
    assert event["type"] == "crackdown" and event["trigger"] == "taken into custody"


@pytest.mark.parametrize(
    ("sentence", "kind", "trigger"),
    [
        (
            "A court in Minsk sentenced the blogger to 15 years on 14 December 2021.",
            "crackdown",
            "sentenced",
        ),
        ("The journalist was abducted in Nairobi on 16 November 2024.", "crackdown", "abduct"),
        ("Russia invaded Georgia in August 2008.", "violence", "invad"),
        ("The opposition leader was poisoned on a flight on 20 August 2020.", "violence", "poison"),
        ("China brokered a ceasefire in Myanmar in January 2024.", "diplomacy", "ceasefire"),
        ("The prime minister of Kyrgyzstan resigned on 6 October 2020.", "other", "resign"),
        ("Lukashenko pardoned the German citizen on 30 July 2024.", "other", "pardon"),
        ("Lukashenko was sworn in for a sixth term on 23 September 2020.", "other", "sworn in"),
        ("The new president was inaugurated on 20 January 2021.", "other", "inaugurat"),
    ],
)
def test_sentencings_abductions_invasions_ceasefires_and_resignations_are_events(
    sentence, kind, trigger
):
    (event,) = extract_article(sentence, published="2024-12-01")["events"]
    assert (event["type"], event["trigger"]) == (kind, trigger)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("The German citizen was sentenced to death in Belarus on 24 June 2024.", "BLR"),
        ("French President Emmanuel Macron made a visit to Kazakhstan on 1 November 2023.", "KAZ"),
        (
            "Russia's president visited Kazakhstan on 9 November 2023, with Russian ministers.",
            "KAZ",
        ),
        # named as the place before a reporting verb: still where it happened, not who reacts
        (
            "When Ana Berdze, a Ugandan lawyer, was arrested in Tanzania in May 2025, she says "
            "she was beaten.",
            "TZA",
        ),
        # the place named right after the event word, not the one an earlier clause names
        (
            "On 1 June 2021, the Coordination Council met in Vilnius to plan its next steps "
            "after the crackdown in Belarus.",
            "BLR",
        ),
        # sanctions are where they are aimed, not where they are decided
        ("In October 2023, the US sanctioned the Myanmar Oil and Gas Enterprise.", "MMR"),
        ("On 7 August 2020, America imposed sanctions on 11 Hong Kong officials.", "HKG"),
        ("On 6 July 2020, Britain announced its first Magnitsky sanctions.", "GBR"),
        # who leads or backs something is not where it happened
        (
            "On 1 March 2024, Armenia froze its participation in the Russia-led Collective "
            "Security Treaty Organisation.",
            "ARM",
        ),
        # declared the winner (a passive) is no reaction: the winner's country held the vote
        (
            "Nicaraguan President Daniel Ortega was declared the winner of the election of 7 "
            "November 2021, in a vote the United States dismissed as a sham.",
            "NIC",
        ),
        # where someone went is not where a coup at home happened
        (
            "Min Aung Hlaing's trip to Jakarta was his first abroad since the Myanmar military "
            "seized power on 1 February 2021.",
            "MMR",
        ),
    ],
)
def test_the_country_named_as_the_place_is_where_the_event_happened(sentence, country):
    (event,) = extract_article(sentence, published="2025-12-01")["events"]
    assert event["country"] == country


def test_where_what_was_bought_came_from_is_not_where_a_coup_happened():
    text = (
        "Myanmar's arms trade\n\nThe junta has imported weapons since the coup of 1 February "
        "2021, much of it from Russia, China and Singapore."
    )
    (event,) = extract_article(text, published="2023-05-17")["events"]
    assert (event["type"], event["country"]) == ("coup", "MMR")


def test_an_event_word_in_a_body_name_is_no_event():
    """ "Treaty" in the Collective Security Treaty Organization and "Election" in the Election
    Committee name a body: no treaty was signed and no election held."""
    assert (
        extract_article(
            "On 4 March 2021, the Election Committee was given the right to nominate candidates.",
            published="2021-03-12",
        )["events"]
        == []
    )
    (event,) = extract_article(
        "Kazakhstan in turmoil\n\nOn 6 January 2022, troops from the Russian-led Collective "
        "Security Treaty Organization arrived at the Kazakh president's request.",
        title="Kazakhstan in turmoil",
        published="2022-01-07",
    )["events"]
    assert (event["type"], event["trigger"], event["country"]) == ("other", "troops", "KAZ")
    # the word opening a sentence, or not followed by a body's name, is still an event word
    (treaty,) = extract_article(
        "On 8 August 2025, Armenia and Azerbaijan signed a treaty in Washington.",
        published="2025-08-10",
    )["events"]
    assert treaty["type"] == "diplomacy"


def test_a_capital_named_as_the_city_places_the_event_in_its_country():
    text = (
        "Last year a court in Minsk sentenced the blogger Ihar Losik to 15 years in prison, and "
        "it was reported that Poland would offer visas to his family."
    )
    (event,) = extract_article(text, published="2021-05-24")["events"]
    assert (event["country"], event["place"]) == ("BLR", "Minsk")
    (said,) = extract_article(
        "Minsk said on 3 May 2021 that the sanctions were illegal.", published="2021-05-24"
    )["events"]
    assert said["place"] is None  # the capital standing for the state is no place


def people_with_places(text: str) -> set[str]:
    """People as the pipeline finds them: the capitals named as the city passed along."""
    places: list[Mention] = []
    mentions = find_mentions(text, places=places)
    return {p["name"] for p in find_people(text, mentions, None, places)}


def test_a_capital_named_as_the_city_is_no_person():
    assert people_with_places("Ministers met at a retreat in New Delhi, the host said.") == set()
    assert people_with_places("Thailand backed the junta in Nay Pyi Taw during the war.") == set()
    said = extract_article("Ministers met at a retreat in New Delhi, the host said.")
    assert said["people"] == []
    # a name that only starts with a capital's name is still a person's
    assert people_with_places("As set out in Victoria Nuland's testimony, it stalled.") == {
        "Victoria Nuland"
    }
    # the place is handed over only for a capital that names the city, with its country
    places: list[Mention] = []
    find_mentions("New Delhi said no; talks in New Delhi ended.", places=places)
    assert [(p.start, p.end, p.iso3) for p in places] == [(28, 37, "IND")]


def test_titles_alone_and_an_honorific_cut_from_its_name_are_no_person():
    text = "US Assistant Secretary of State said so."
    assert people(text) == {}
    found = people("It was a blow to the President’s Chief Adviser Dr.Muhammad Yunus.")
    assert set(found) == {"Muhammad Yunus"}
    assert set(people("It was Nobel Laureate Prof. Ann Lee.")) == {"Ann Lee"}
    assert set(people("Prime Minister Hun Sen met Senator Ann Lee.")) == {"Hun Sen", "Ann Lee"}


def test_a_long_title_is_stripped_from_the_name_it_stands_before():
    found = people("First Deputy Prime Minister Alexei Overchuk met Attorney General Tarek Saab.")
    assert set(found) == {"Alexei Overchuk", "Tarek Saab"}
    # the longer run that lets titles through is no licence for longer names
    assert people("Jailed Activist Maria Kolesnikova Wins Sakharov Award") == {}


def test_number_words_days_and_named_things_are_no_person():
    text = (
        "The bloc's Five-Point Consensus, the Victory Day parade, the Nord Stream pipeline, "
        "the Transport Corridor and the Sochi Winter Olympics were discussed. Overall Turkey "
        "gained. In Chapter Four the Executive spoke of Putin's Novichok poisonings."
    )
    assert people(text) == {}


def test_a_name_only_ever_after_a_preposition_of_place_is_no_person():
    found = people(
        "Readers queued overnight in Mong Kok and near Causeway Bay. A staffer in Alexei "
        "Navalny's foundation fled. Observers had little faith in Carrie Lam, and Carrie Lam "
        "knew it."
    )
    assert "Mong Kok" not in found and "Causeway Bay" not in found
    # a possessive is someone's, and a name also used elsewhere is a person's
    assert {"Alexei Navalny", "Carrie Lam"} <= set(found)


def test_chief_executive_is_a_title():
    assert set(people("Chief Executive Carrie Lam rejected the criticism.")) == {"Carrie Lam"}


def test_an_event_is_dated_by_the_date_nearest_its_word():
    text = (
        "Apple Daily, the tabloid founded by Jimmy Lai in 1995, was raided by police on "
        "17 June 2021."
    )
    events = extract_article(text, published="2021-06-24")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", "2021-06-17")]


def test_an_election_that_is_when_or_why_something_else_happened_is_not_the_event():
    def kinds(text: str) -> list[tuple[str, str | None]]:
        found = extract_article(text, published="2021-06-24")["events"]
        return [(e["type"], e["date"]) for e in found]

    arrested = (
        "In January, police detained 53 opposition politicians over an unofficial primary "
        "election held in July 2020."
    )
    assert kinds(arrested) == [("crackdown", "2021-01")]
    assert kinds("Thousands rallied in Minsk after the disputed election.")[0][0] == "protest"
    assert kinds("Voters went to the polls on Sunday.") == [("election", "2021-06-20")]


def test_an_event_feared_or_risked_has_not_happened():
    for feared in (
        "Canada and Australia have already warned their citizens about the risk of arbitrary "
        "detention in the city.",
        "Many of its journalists, who fear arrest, left Hong Kong last week.",
        "The threat of sanctions hung over Minsk in 2020.",
    ):
        assert extract_article(feared, published="2021-06-24")["events"] == [], feared
    happened = "Police detained two of its journalists in Hong Kong last week."
    assert [e["type"] for e in extract_article(happened, published="2021-06-24")["events"]] == [
        "crackdown"
    ]


def test_an_event_referred_back_to_is_not_found_again():
    text = (
        "Police raided the newsroom of Apple Daily on 17 June 2021. "
        "Britain's foreign secretary said the raid showed that Beijing was crushing dissent."
    )
    events = extract_article(text, published="2021-06-24")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", "2021-06-17")]
    # with no such event before, the same words are one
    alone = "Britain's foreign secretary said the raid showed that Beijing was crushing dissent."
    assert [e["type"] for e in extract_article(alone, published="2021-06-24")["events"]] == [
        "crackdown"
    ]


def test_an_event_word_in_the_name_of_a_law_is_no_event():
    text = "Parliament adopted a new law, the Sanctions and Anti-Money Laundering Act, in 2018."
    events = extract_article(text, published="2021-06-24")["events"]
    assert [e["type"] for e in events] == ["legislation_reform"]
    # a word that opens the sentence has its capital anyway
    opening = "Sanctions on the Communist Party were imposed in 2020."
    assert [e["type"] for e in extract_article(opening, published="2021-06-24")["events"]] == [
        "sanction"
    ]


def test_a_sanction_with_no_country_after_its_word_is_not_the_imposers():
    text = (
        "Washington froze $1 billion of Myanmar government funds and sanctioned ten military "
        "officials on Thursday."
    )
    events = extract_article(text, published="2021-03-02")["events"]
    assert [(e["type"], e["country"]) for e in events] == [("sanction", "MMR")]
    # with only the imposers named, the article's country; a sanctioned subject stays
    article = (
        "Myanmar's army killed 18 protesters in Yangon on Sunday. "
        "Britain and Canada followed with asset freezes of their own on Monday. "
        "Russia, long excluded from Western markets, was sanctioned again on Monday."
    )
    events = extract_article(article, published="2021-03-02")["events"]
    assert [(e["type"], e["country"]) for e in events if e["type"] == "sanction"] == [
        ("sanction", "MMR"),
        ("sanction", "RUS"),
    ]
    # who imposed it, named after "by", is not its target
    condemned = (
        "China's foreign ministry on Tuesday condemned sanctions imposed by the European Union, "
        "Britain, Canada and the United States over its treatment of Uyghurs."
    )
    events = extract_article(condemned, published="2021-03-23")["events"]
    assert [(e["type"], e["country"]) for e in events] == [("sanction", "CHN")]
    # the partners it was coordinated with are imposers too: the article's country
    partners = (
        "The army has carried out airstrikes on villages across Myanmar since the coup. In "
        "February 2023 we sanctioned suppliers of aviation fuel to Myanmar's armed forces. "
        "Our sanctions were coordinated with the United States and Canada in March 2023."
    )
    events = extract_article(partners, published="2024-03-18")["events"]
    assert {e["country"] for e in events if e["type"] == "sanction"} == {"MMR"}


def test_a_wire_report_dates_its_events_by_what_it_says_not_its_dateline():
    text = (
        "MOSCOW, Jan 18 (Wire Service) - Russian police detained Kremlin critic Alexei Navalny "
        "at a Moscow airport on Sunday minutes after he flew home from Germany."
    )
    events = extract_article(text, published="2021-01-18")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", "2021-01-17")]
    held = "A judge ordered on Monday that Navalny be held in custody for 30 days."
    assert [e["type"] for e in extract_article(held, published="2021-01-18")["events"]] == [
        "crackdown"
    ]


def test_a_threat_a_call_and_a_condition_are_not_events_but_a_surmise_is():
    for ahead in (
        "The prison service said last month that he would be arrested if he returned.",
        "His allies called for nationwide protests on January 23.",
    ):
        assert extract_article(ahead, published="2021-01-18")["events"] == [], ahead
    surmised = "The scientist said Navalny may have been poisoned with novichok in August."
    found = extract_article(surmised, published="2021-01-18")["events"]
    assert [e["type"] for e in found] == ["violence"]


def test_a_step_recommended_or_dated_after_publication_has_not_happened():
    brief = (
        "A referendum on constitutional amendments is expected in June. We do not recommend "
        "sectoral sanctions: they would push Astana closer to Moscow, whose troops helped "
        "restore order in January."
    )
    assert extract_article(brief, published="2022-03-15")["events"] == []
    # the same referendum reported after it was held
    held = "A referendum on constitutional amendments was held in June."
    assert [e["type"] for e in extract_article(held, published="2022-07-15")["events"]] == [
        "election"
    ]
    assert people("The Enhanced Partnership and Cooperation Agreement was signed.") == {}


def test_a_month_or_year_published_counts_to_its_last_day():
    def dated(text: str, published: str) -> list[str | None]:
        return [e["date"] for e in extract_article(text, published=published)["events"]]

    assert dated("Police detained activists on 15 June 2021.", "2021-06") == ["2021-06-15"]
    assert dated("Police detained activists on 15 July 2021.", "2021-06") == []
    assert dated("Police detained activists on 15 July 2021.", "2021") == ["2021-07-15"]


def test_a_date_counted_from_the_event_is_not_its_date():
    def dated(text: str) -> list[tuple[str, str | None]]:
        result = extract_article(text, published="2025-08-20")
        return [(e["type"], e["date"]) for e in result["events"]]

    # "five years after the election" is counted from the election: it is not when it was
    assert dated("Five years after the stolen election of August 2020, little has changed.") == [
        ("election", "2020-08")
    ]
    assert dated("Apple Daily closed on June 24, a week after the raid on June 17.") == [
        ("crackdown", "2025-06-17")
    ]
    # a date counted from another event still dates this one
    assert dated(
        "Police raided the paper on June 17. A week later, police arrested its editor."
    ) == [
        ("crackdown", "2025-06-17"),
        ("crackdown", "2025-06-24"),
    ]


def test_a_junta_or_an_election_commission_named_is_no_coup_or_election():
    text = (
        "The United States, Britain, Canada and Australia announced new sanctions on Tuesday, "
        "targeting the junta's energy ministry and members of the election commission."
    )
    (event,) = extract_article(text, published="2023-02-01")["events"]
    assert (event["type"], event["date"]) == ("sanction", "2023-01-31")


def test_a_title_in_the_plural_and_the_rest_of_a_bodys_name_are_no_person():
    text = (
        "We, the G7 Foreign Ministers of Canada and Japan, condemn the arrest. The Treasury's "
        "Office of Foreign Assets Control designated two generals, Tun Lin and Aung Kyaw."
    )
    names = [p["name"] for p in find_people(text)]
    assert "Ministers" not in names and "Assets Control" not in names
    assert names == ["Tun Lin", "Aung Kyaw"]


def test_a_name_after_a_bodys_title_is_the_person():
    text = (
        "Foreign Ministry Spokesperson Hua Chunying said on Monday that China opposes the "
        "sanctions. State Department Spokesman Ned Price said Washington would respond."
    )
    assert [p["name"] for p in find_people(text)] == ["Hua Chunying", "Ned Price"]
    # a title and a body alone name no one
    assert find_people("The Foreign Ministry Spokesperson declined to comment.") == []


def test_a_name_stands_on_one_line_and_a_heading_is_no_person():
    text = (
        "By Nino Kapanadze\nPublished: 5 December 2024\n\n"
        "Prime Minister Irakli Kobakhidze said talks would stay frozen.\n\n"
        "Regional Impact\n\nRussia welcomed the decision."
    )
    assert [p["name"] for p in find_people(text)] == ["Irakli Kobakhidze"]
    # one named on a line of their own and in a sentence is a person
    named = "Paul Whelan\n\nPaul Whelan has spent almost six years in Russian prisons."
    assert [p["name"] for p in find_people(named)] == ["Paul Whelan"]


def test_a_run_before_a_number_names_a_document_not_a_person():
    text = (
        "The administration imposed sanctions under Executive Order 14038 and cited "
        "Resolution 2231. President Joe Biden signed it."
    )
    assert [p["name"] for p in find_people(text)] == ["Joe Biden"]


def test_a_special_rapporteur_is_a_title_not_a_name():
    text = "The Special Rapporteur, Anaïs Marin, said so. The Special Rapporteur urges calm."
    assert [p["name"] for p in find_people(text)] == ["Anaïs Marin"]


def test_burmese_honorifics_and_a_title_of_a_country_stand_before_a_name():
    text = (
        "A court sentenced ousted State Counselor Daw Aung San Suu Kyi in Myanmar. U Win Myint "
        "was sentenced too. Vladimir Putin called President of Belarus Alexander Lukashenko."
    )
    found = extract_article(text, published="2022-01-10")
    names = [p["name"] for p in found["people"]]
    assert names == ["Aung San Suu Kyi", "Win Myint", "Vladimir Putin", "Alexander Lukashenko"]
    # a body's word and "of" before a country do not make a title
    assert find_people("The Museum of Belarus Free Art opened in Minsk.") == []


def test_ousted_before_whom_it_names_tells_no_coup():
    told = extract_article(
        "U Win Myint, the ousted president of Myanmar, was sentenced to four years in December.",
        published="2022-01-10",
    )["events"]
    assert [(e["type"], e["date"]) for e in told] == [("crackdown", "2021-12")]
    coup = extract_article(
        "The military ousted the elected government of Myanmar on 1 February 2021.",
        published="2022-01-10",
    )["events"]
    assert [e["type"] for e in coup] == ["coup"]


def test_a_title_case_headline_or_heading_names_no_one():
    # a headline in title case, short words and "over" in lower case
    title = (
        "Security Council Fails to Adopt Resolution on Myanmar Violence, as Members Differ "
        "over Sanctions\n\nNoeleen Heyzer, the Special Envoy, urged the Council to act."
    )
    assert [p["name"] for p in find_people(title)] == ["Noeleen Heyzer"]
    # in sentence case a headline's name is someone's: whose statement it is
    issued = (
        "Statement by Sviatlana Tsikhanouskaya on the release of prisoners\n\n"
        "We welcome the release of 52 political prisoners."
    )
    assert [p["name"] for p in find_people(issued)] == ["Sviatlana Tsikhanouskaya"]
    # a short heading line in title case, whatever else it holds ("in 2022")
    report = (
        "Kazakhstan: Freedom in the World 2023\n\nKey Developments in 2022\n\n"
        "President Kassym-Jomart Tokayev called in Russian-led troops.\n\n"
        "B. Political Pluralism and Participation\n\nParties are refused registration."
    )
    assert [p["name"] for p in find_people(report)] == ["Kassym-Jomart Tokayev"]
    # a line that labels or introduces a name names a person: a profile, a speaker, an asker
    for line in ("Paul Whelan, 54", "Spokesperson: Ravina Shamdasani", "Asked by Lord Alton"):
        named = find_people(f"Prisoners freed\n\n{line}\n\nHe was freed on Thursday.")
        assert named, line


def test_a_travel_ban_imposed_is_a_sanction():
    text = "The Baltic states imposed travel bans on Georgian officials on Monday."
    (event,) = extract_article(text, published="2024-12-05")["events"]
    assert (event["type"], event["country"], event["date"]) == ("sanction", "GEO", "2024-12-02")


def test_entry_bans_imposed_are_a_sanction_and_a_partnership_suspended_is_diplomacy():
    text = "Lithuania, Latvia and Estonia imposed entry bans on Georgian officials on Monday."
    (event,) = extract_article(text, published="2024-12-05")["events"]
    assert (event["type"], event["country"]) == ("sanction", "GEO")
    text = "The United States suspended its strategic partnership with Georgia on 30 November."
    (event,) = extract_article(text, published="2024-12-05")["events"]
    assert (event["type"], event["date"]) == ("diplomacy", "2024-11-30")
    # the partnership named, not suspended, is none
    named = "Turkey's strategic partnership with Azerbaijan was instrumental in its rise."
    assert extract_article(named, published="2024-12-05")["events"] == []


def test_detained_for_protesting_is_a_crackdown_not_a_protest():
    for text in (
        "More than 35,000 people have been detained since August 2020 for peacefully protesting.",
        "Two students were jailed on 3 May 2021 for taking part in the protests.",
    ):
        found = extract_article(text, published="2021-10-07")["events"]
        assert [e["type"] for e in found] == ["crackdown"], text
    # detained at a protest: the protest is told
    at = "Police detained 30 people on 3 May 2021 at a protest in Minsk."
    assert [e["type"] for e in extract_article(at, published="2021-10-07")["events"]] == ["protest"]


def test_a_hunger_strike_is_a_protest_and_prosecutors_no_crackdown():
    found = extract_article(
        "On 15 June 2021 his lawyer said he went on hunger strike in protest at his detention.",
        published="2021-06-24",
    )["events"]
    assert [(e["type"], e["trigger"]) for e in found] == [("protest", "hunger strike")]
    # the people who prosecute are no prosecution; a criminal investigation opened is one
    said = "On 2 July 2024 prosecutors said the plan was to win a majority in the council."
    assert "crackdown" not in {e["type"] for e in extract_article(said)["events"]}
    opened = "On 5 August 2024 the attorney general opened a criminal investigation into them."
    assert [e["type"] for e in extract_article(opened)["events"]] == ["crackdown"]
    condemned = "France condemns the sentencing of Kara-Murza by a Moscow court on 17 April 2023."
    assert [e["type"] for e in extract_article(condemned)["events"]] == ["crackdown"]


def test_a_date_in_a_relative_clause_about_another_noun_is_not_the_events():
    lead = (
        "A Hong Kong court has sentenced 45 activists to prison terms of up to 10 years in the "
        "largest case brought under the law that Beijing imposed on the city in 2020."
    )
    events = extract_article(lead, published="2024-11-19")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", None)]
    # right after the event's own noun, the clause tells of the event
    own = "The street protests that rocked Hong Kong in 2019 have all but ceased."
    events = extract_article(own, published="2020-08-22")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("protest", "2019")]


def test_a_question_a_promise_and_a_state_of_emergency():
    # a question asks, a promise looks ahead: neither tells anything that happened
    for none in (
        "How many people died in Almaty in January 2022?",
        '"What negotiations can there be with criminals who killed police?" he asked.',
        "Tokayev rejected calls from abroad for talks with the protesters in Almaty.",
        "The rapporteur, who has repeatedly called for an arms embargo on Myanmar, spoke.",
        "He declined to say whether sanctions on Georgia were under consideration.",
        "Kobakhidze accused the opposition of organising violence in Georgia on Monday.",
        "Mr Tokayev has promised political reforms in Kazakhstan.",
        "Georgia pledged not to help Russia evade Western sanctions on Monday.",
    ):
        assert extract_article(none, published="2022-01-10")["events"] == [], none
    # declaring a state of emergency or martial law is a crackdown; lifting it is none
    declared = "On 5 January Tokayev declared a state of emergency in Kazakhstan."
    events = extract_article(declared, published="2022-01-10")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", "2022-01-05")]
    lifted = "On 31 July 2025 the junta lifted the state of emergency in Myanmar."
    assert extract_article(lifted, published="2025-08-18")["events"] == []
    # a party dissolved under an election law: a crackdown, the law no election
    dissolved = (
        "The NLD was dissolved in Myanmar in 2023 after it refused to register under a new "
        "election law."
    )
    events = extract_article(dissolved, published="2025-08-18")["events"]
    assert [(e["type"], e["date"]) for e in events] == [("crackdown", "2023")]


def test_an_election_commission_opening_a_sentence_is_a_body_not_an_election():
    text = "Election commissions should be formed in an inclusive manner in Belarus in 2019."
    assert extract_article(text, published="2019-11-18")["events"] == []


def test_the_month_may_is_no_modal():
    for text, when in (
        ("On 23 May 2021 police detained activists in Minsk.", "2021-05-23"),
        ("In May 2021 police detained activists in Minsk.", "2021-05"),
    ):
        events = extract_article(text, published="2021-08-09")["events"]
        assert [(e["type"], e["date"]) for e in events] == [("crackdown", when)], text
    # the modal still looks ahead
    ahead = "Police may detain activists in Minsk on 5 May."
    assert extract_article(ahead, published="2021-08-09")["events"] == []


def test_with_no_country_in_the_title_the_leads_first_country_is_the_focus():
    text = (
        "An airstrike by Myanmar's military on a village on 11 April 2023 killed at least 100 "
        "people, residents said.\n\n"
        "The U.S. State Department urged all countries to stop selling arms to the junta.\n\n"
        "The UN Secretary-General condemned the strike on 11 April 2023, and the junta "
        "confirmed the attack on 12 April 2023."
    )
    title = "Junta airstrike on Sagaing village kills dozens"
    events = extract_article(text, title=title, published="2023-04-12")["events"]
    # the U.S. is named twice ("U.S.", "State Department"), Myanmar once, but first
    assert {e["country"] for e in events} == {"MMR"}
    # named far less often than another, the first country is not the focus
    aside = (
        "Myanmar's team left early. The United States objected. The United States asked why. "
        "The United States got no answer. Police detained 20 protesters on 1 May 2023."
    )
    events = extract_article(aside, published="2023-05-02")["events"]
    assert [e["country"] for e in events] == ["USA"]


def test_found_guilty_and_in_custody_are_a_crackdown_in_the_city_not_its_ruler():
    text = (
        "Jimmy Lai was found guilty on 15 December 2025 in a landmark trial in the "
        "Chinese-ruled city of Hong Kong. He has been in custody since December 2020."
    )
    events = extract_article(text, published="2025-12-15")["events"]
    assert [(e["type"], e["country"], e["date"]) for e in events] == [
        ("crackdown", "HKG", "2025-12-15"),
        ("crackdown", "HKG", "2020-12"),
    ]


def test_where_someone_went_is_not_where_they_were_detained():
    text = (
        "Belarus held its election on 9 August 2020. On 11 August 2020 Tsikhanouskaya left "
        "for Lithuania after being detained for several hours."
    )
    events = extract_article(text, published="2020-08-12")["events"]
    assert [(e["type"], e["country"]) for e in events][-1] == ("crackdown", "BLR")


def test_what_someone_is_charged_with_is_no_event_of_its_own():
    for text in (
        'In June 2024 a court in Minsk sentenced him on charges of "conspiracy to seize power".',
        "He was kidnapped in Nairobi in June 2024 and is accused of plotting to overthrow Uganda's "
        "government.",
    ):
        events = extract_article(text, published="2024-07-03")["events"]
        assert [e["type"] for e in events] == ["crackdown"], text
