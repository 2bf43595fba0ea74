"""How extraction reads documents laid out otherwise than as running prose: a policy memo's
list of recommendations, an interview's "Q:" and "A:", a resolution's numbered clauses, a
headline in title case and a wire report's title naming who leads something."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article, load_extractor
from democdash.extract.headline import headline
from democdash.extract.lists import (
    a_heading,
    headings,
    lead_in,
    line_body,
    lines_of,
    list_items,
)
from democdash.extract.people import find_people
from democdash.extract.pipeline import describe_sentence
from democdash.extract.sentences import asks, split_sentences
from democdash.extract.speakers import speaker
from democdash.extract.subjects import subject
from democdash.extract.transcripts import declared_voice
from democdash.ingest.meta import propose_meta
from democdash.vocab import Stance

MEMO = """Policy memo: keeping Georgia's door open

The government suspended talks on joining the EU on 28 November.

The EU and its member states should:

- suspend visa-free travel for the officials responsible for the violence;
- redirect funds withheld from the government to independent media and civil society;
- refuse to recognise the results of the October elections until an inquiry is completed.

The government has said it will not hold new elections."""

DEMANDS = """The stand-off went on for weeks, and the movement grew to include four demands:

Withdraw the extradition bill

Set up an independent inquiry into police violence

Release those arrested at protests

Implement universal suffrage

The broader demands reflect a long-standing call for full democracy, which the city has never
had, as its leader is chosen by a small committee loyal to Beijing."""


REPORT = """Executive Summary

Three years after the coup, the military controls less of Myanmar than at any time in decades.

Key findings
- The State Administration Council relies on air strikes to hold territory.
- China has hedged, engaging both the junta and the ethnic armed groups.

Recommendations

To ASEAN member states:
1. Suspend the junta's participation in all ASEAN ministerial meetings.
2. Open formal channels to the National Unity Government.

To the United States and the European Union:
3. Sanction Myanma Oil and Gas Enterprise, the junta's main source of foreign currency.
4. The EU should increase cross-border humanitarian aid through local groups.

Conclusion

The junta will not negotiate while it believes it can win."""


DEBATE = """Belarus: Political Prisoners

Alicia Kearns (Rutland and Melton) (Con)
More than 1,000 people are behind bars for their beliefs. I urge the Government to extend
sanctions to every judge who has sentenced a protester.

The Minister for Europe (James Cleverly)
The UK has already sanctioned more than 100 individuals in Belarus. We will provide more
funding for independent Belarusian media next year."""


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def _likely(text: str, extractor, **kwargs) -> dict[str, dict]:
    result = extract_article(text, published="2024-12-12", extractor=extractor, **kwargs)
    return {o["sentence"]: o for o in result["policy_options"]}


def test_the_items_under_a_lead_in_that_names_a_position_are_its_options(extractor):
    likely = _likely(MEMO, extractor, title="Policy memo: keeping Georgia's door open")
    items = [s for s in likely if s.startswith("- ")]
    assert len(items) == 3
    for sentence in items:
        option = likely[sentence]
        # the memo's author recommends what the lead-in says the EU should do
        assert (option["stance"], option["holder"]["kind"]) == (Stance.RECOMMENDS, "author")
        assert option["acting"]["text"] == "The EU and its member states"
        assert option["target"] == "GEO"
    funds = next(s for s in items if "redirect funds" in s)
    assert likely[funds]["instrument"] == "funding"


def test_unmarked_short_lines_under_a_lead_in_are_items_and_prose_ends_the_list(extractor):
    sentences = split_sentences(DEMANDS)
    items = list_items(DEMANDS, sentences)
    texts = [sentences[i].text for i in items]
    assert texts == [
        "Withdraw the extradition bill",
        "Set up an independent inquiry into police violence",
        "Release those arrested at protests",
        "Implement universal suffrage",
    ]
    assert set(items.values()) == {0}
    likely = _likely(DEMANDS, extractor)
    assert all(likely[t]["stance"] == Stance.DEMANDS for t in texts)
    # the lead-in states the position its items spell out: a likely option too
    lead = "What the marchers want comes down to four demands:"
    assert lead in _likely(DEMANDS.replace(sentences[0].text, lead), extractor)


def test_a_list_needs_a_lead_in_that_names_a_position():
    layouts = [
        "The six largest projects are:\n\nThe Middle Corridor\n\nThe Northern Route\n",
        "Two rivals are laying claim to the post:\n\nTilek Toktogaziyev\n\nSadyr Japarov\n",
        # one short line after a colon is as often a quotation or a slogan
        "The opposition leader said the government should resign:\n\nNot one step back\n",
        # hard-wrapped prose after a lead-in: lines of one paragraph, not items
        "The council made two demands:\nthe first was to withdraw the bill and the\n"
        "second an inquiry into the police, which the government refused\n",
    ]
    for text in layouts:
        assert list_items(text, split_sentences(text)) == {}
    assert lead_in("The EU and its member states should:")
    assert lead_in("We recommend the following steps:")
    assert not lead_in("The EU and its member states should act.")


def test_a_label_bullet_or_number_that_opens_a_line_is_not_its_subject():
    assert line_body("Q: Should Asean invite the junta?") == "Should Asean invite the junta?"
    assert line_body("- impose targeted sanctions;") == "impose targeted sanctions;"
    assert line_body("2. Calls on the Council to act") == "Calls on the Council to act"
    assert subject("A: Beijing will probably block any resolution.") == "Beijing"
    assert subject("Summary: The government will not hold new elections.") == "The government"
    # a transcript's speaker in capitals: "We" after "MR PRICE:" is the speaker's own voice
    assert line_body("MR PRICE: We call on the authorities.") == "We call on the authorities."
    assert subject("MR PRICE: We have questions about the request.") == "author"
    assert subject("QUESTION: Ned, will there be sanctions?") == "Ned"
    # a live page's time stamp is when the entry was posted
    assert line_body("09:30 GMT — US urges restraint") == "US urges restraint"
    assert subject("Yesterday 22:00 GMT - The government will resign.") == "The government"
    # a resolution's numbered clause opens with its verb: its subject is left out
    assert subject("2. Calls on the Council to impose sanctions on those responsible;") is None
    # "Calls for ..." opening a sentence of prose is the subject
    assert subject("Calls for new sanctions will grow louder.") == "Calls for new sanctions"


def test_a_live_report_s_entry_title_is_a_subheading_not_a_position():
    text = (
        "Kazakhstan unrest live\n\n"
        "Yesterday 22:00 GMT — Government resigns\n"
        "President Tokayev accepted the government's resignation.\n\n"
        "9 January 2022 - EU threatens sanctions\n"
        "10 January 2022 - EU threatens sanctions again\n"
    )
    sentences = split_sentences(text)
    by_text = {s.text: s for s in sentences}
    assert a_heading(text, by_text["Yesterday 22:00 GMT — Government resigns"])
    # the entry's report is no heading; a chronology's entry, followed by the next entry
    # (a stamp of its own), is an entry, not the title of the line after it
    assert not a_heading(text, by_text["President Tokayev accepted the government's resignation."])
    assert not a_heading(text, by_text["9 January 2022 - EU threatens sanctions"])


def test_a_resolutions_citations_are_no_candidates_but_keep_their_dates(extractor):
    text = (
        "The European Parliament,\n\n"
        "– having regard to the statement by the High Representative of 9 August 2021,\n\n"
        "A. whereas on 9 August 2020 a presidential election was held in Belarus;\n\n"
        "2. Calls on the Council to impose sanctions on the officials responsible;\n"
    )
    found = extract_article(text, published="2021-10-07", extractor=extractor)
    assert [d["iso"] for d in found["dates"]] == ["2021-08-09", "2020-08-09"]
    assert [e["date"] for e in found["events"]] == ["2020-08-09"]
    every = found["policy_options"] + found["policy_options_also_possible"]
    assert not [o for o in every if "having regard" in o["sentence"]]


def test_a_numbered_clause_is_one_sentence_and_reads_as_without_its_number(extractor):
    text = (
        "The European Parliament,\n\n"
        "2. Calls on the Council to impose sanctions on the officials responsible for the "
        "repression in Belarus;\n"
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[-1].startswith("2. Calls on the Council")
    (option,) = [
        o for o in _likely(text, extractor).values() if o["sentence"].startswith("2. Calls")
    ]
    assert option["stance"] == Stance.DEMANDS
    # held by the body the resolution opens with, whose line is no candidate of its own
    assert option["holder"]["text"] == "The European Parliament"
    found = extract_article(text, published="2021-10-07", extractor=extractor)
    every = found["policy_options"] + found["policy_options_also_possible"]
    assert [o["sentence"][:8] for o in every] == ["2. Calls"]
    # without the body's line, no one is named
    alone = text.replace("The European Parliament,\n\n", "")
    (option,) = _likely(alone, extractor).values()
    assert option["holder"]["text"] is None
    # a number that ends a sentence of prose still ends it
    assert len(split_sentences("The court jailed 12. Then it adjourned.")) == 2


def test_a_question_is_at_most_also_possible(extractor):
    text = "Should Asean invite the junta's foreign minister to its next summit in Laos?"
    result = extract_article(text, published="2021-03-15", extractor=extractor)
    assert result["policy_options"] == []
    assert [o["sentence"] for o in result["policy_options_also_possible"]] == [text]
    quoted = '"Should the EU really impose sanctions on Minsk?" the minister asked on Monday.'
    assert asks(quoted) and not asks('"We will impose sanctions," she said.')
    # a statement closed by its speaker's question states; a reported question still asks
    refused = (
        "He rejected calls for talks with protesters, saying: "
        '"What negotiations can there be with criminals?"'
    )
    text = f"Kazakhstan unrest\n\n{refused}"
    result = extract_article(text, published="2022-01-07", extractor=extractor)
    assert [o["sentence"] for o in result["policy_options"]] == [refused]
    assert asks('The minister asked: "Will the EU impose sanctions?"')


def test_a_name_after_its_lower_case_title_is_the_speaker():
    quoted = (
        '"We urge the authorities to refrain from violence," State Department spokesman '
        "Ned Price told reporters."
    )
    assert speaker(quoted) == "State Department spokesman Ned Price"
    assert speaker('"We will respond," said Kremlin spokesman Dmitry Peskov.') == (
        "Kremlin spokesman Dmitry Peskov"
    )
    assert speaker("Sanctions must follow, EU foreign policy chief Josep Borrell said.") == (
        "EU foreign policy chief Josep Borrell"
    )
    # named after the verb, with who he is and when or where he said it
    tagged = (
        "Washington should tighten them further, said Daniel Russel, a former assistant "
        "secretary of state, in an interview last month."
    )
    assert speaker(tagged) == "Daniel Russel"
    assert speaker("Washington should act, said Daniel Russel in an interview.") == (
        "Daniel Russel"
    )
    # or with where the speaker works
    affiliated = (
        "Western donors should condition their budget support on the release of the "
        "journalists, argued Erica Marat of the National Defense University."
    )
    assert speaker(affiliated) == "Erica Marat"


def test_the_quoted_spokesman_holds_the_position(extractor):
    text = (
        "Unrest in Kazakhstan\n\n"
        "Protesters stormed the mayor's office in Almaty on Wednesday.\n\n"
        '"We urge the authorities and the protesters alike to refrain from violence," State '
        "Department spokesman Ned Price told reporters."
    )
    result = extract_article(text, published="2022-01-06", extractor=extractor)
    (option,) = [o for o in result["policy_options"] if "refrain" in o["sentence"]]
    assert (option["holder"]["text"], option["holder"]["kind"]) == ("Ned Price", "person")
    assert option["target"] == "KAZ"


def test_a_country_named_as_who_leads_is_not_the_articles_focus(extractor):
    title = "Russian-led troops arrive in Kazakhstan"
    text = (
        f"{title}\n\n"
        "Troops from a Russian-led alliance arrived on Thursday. Russia's defence ministry said "
        "paratroopers had flown in overnight. Protests over fuel prices began on Sunday and "
        "spread across the country."
    )
    result = extract_article(text, title=title, published="2022-01-06", extractor=extractor)
    (protest,) = [e for e in result["events"] if e["type"] == "protest"]
    assert protest["country"] == "KAZ"


def test_a_run_of_capitals_only_in_a_title_case_headline_is_no_person(extractor):
    text = (
        "Sanctioning Officials Responsible for the Crackdown in Hong Kong\n\n"
        "Today the Treasury sanctioned 11 individuals, among them Chief Executive Carrie Lam."
    )
    people = extract_article(text, published="2020-08-07", extractor=extractor)["people"]
    assert [p["name"] for p in people] == ["Carrie Lam"]
    named = "Carrie Lam Faces Sanctions\n\nThe Treasury sanctioned Carrie Lam on Friday."
    people = extract_article(named, published="2020-08-07", extractor=extractor)["people"]
    assert [p["name"] for p in people] == ["Carrie Lam"]


def test_a_briefings_title_dates_it_and_let_me_is_the_author():
    text = (
        "Department Press Briefing, January 6, 2022\n\n"
        "MR PRICE: Let me start with Kazakhstan. We call on the authorities to restore "
        "internet access.\n\nQUESTION: Will there be sanctions?"
    )
    assert propose_meta(text).published == "2022-01-06"
    conference = "Spokesperson Wang Wenbin's Regular Press Conference on March 22, 2021\n\nQ"
    assert propose_meta(conference).published == "2021-03-22"
    # a title that remembers a date is not dated by it
    assert propose_meta("Lest we forget: June 4, 1989\n\nThe square was cleared.").published is None
    assert propose_meta("Tiananmen (June 4, 1989)\n\nThe square was cleared.").published is None
    # a statement's first line that ends with its date in brackets
    statement = (
        "Russia - Sentencing of Vladimir Kara-Murza (17 April 2023)\n\nStatement by the "
        "Spokesperson of the Ministry for Europe and Foreign Affairs\n\nFrance condemns it."
    )
    assert propose_meta(statement).published == "2023-04-17"
    assert subject("Let me start with Kazakhstan.") == "author"


def test_a_recommendations_heading_makes_its_items_the_authors_recommendations(extractor):
    result = extract_article(REPORT, published="2024-02-01", extractor=extractor)
    likely = {o["sentence"]: o for o in result["policy_options"]}
    numbered = sorted(s for s in likely if s[:1].isdigit())
    assert len(numbered) == 4
    acting = [likely[s]["acting"]["text"] for s in numbered]
    # grouped by addressee: who would act is whom the group is addressed to, unless the item
    # names who acts itself
    assert acting[:2] == ["ASEAN member states"] * 2
    assert acting[2].lower() == "the united states and the european union"
    assert acting[3] == "The EU"
    for sentence in numbered:
        assert likely[sentence]["stance"] == Stance.RECOMMENDS
        assert likely[sentence]["holder"]["kind"] == "author"
    candidates = likely | {o["sentence"]: o for o in result["policy_options_also_possible"]}
    # the heading and the addressee lines are the list's structure, not positions; findings
    # under a heading of their own are no recommendations
    assert not any(s.startswith(("Recommendations", "To ")) for s in candidates)
    assert not any(s.startswith("- ") for s in likely)


def _headings_of(text: str) -> dict[str, tuple[str, str | None]]:
    sentences = split_sentences(text)
    heads = headings(sentences, lines_of(text, sentences))
    return {sentences[i].text.strip(): (h.stance, h.to) for i, h in heads.items()}


def test_a_heading_of_recommendations_is_found_with_its_addressees():
    assert _headings_of(REPORT) == {
        "Recommendations": ("recommends", None),
        "To ASEAN member states:": ("recommends", "ASEAN member states"),
        "To the United States and the European Union:": (
            "recommends",
            "the United States and the European Union",
        ),
    }
    assert _headings_of("Our demands\n\n- Free all political prisoners\n") == {
        "Our demands": ("demands", None)
    }
    # an addressee named at length, as human rights reports name partners
    partners = (
        "Recommendations\n\nTo Kazakhstan's international partners, including the European "
        "Union and the United States:\n- Support independent lawyers documenting abuses.\n"
    )
    assert list(_headings_of(partners).values())[-1] == (
        "recommends",
        "Kazakhstan's international partners, including the European Union and the United States",
    )
    # an addressee line without a heading above it is no heading
    assert _headings_of("To the editor:\n- thank you for the article") == {}


def test_a_reports_sections_and_a_companys_name_are_no_people(extractor):
    people = {p["name"] for p in extract_article(REPORT, extractor=extractor)["people"]}
    assert not people & {"Summary", "Sanction Myanma Oil", "Myanma Oil"}


def test_in_a_transcript_the_first_person_is_the_speaker_of_the_paragraph(extractor):
    result = extract_article(
        DEBATE.replace("\nsanctions", " sanctions").replace("\nfunding", " funding"),
        published="2022-03-10",
        extractor=extractor,
    )
    candidates = result["policy_options"] + result["policy_options_also_possible"]
    held = {
        o["sentence"].split()[0] + " " + o["sentence"].split()[1]: o["holder"] for o in candidates
    }
    assert held["I urge"]["text"] == "Alicia Kearns"
    assert held["We will"]["text"] == "James Cleverly"
    assert {h["kind"] for h in held.values()} == {"person"}
    # the speaker lines are the transcript's layout, no candidates
    assert not any(o["sentence"].startswith(("Alicia", "The Minister")) for o in candidates)


def test_one_named_line_or_a_heading_naming_someone_makes_no_transcript(extractor):
    signed = (
        "Sviatlana Tsikhanouskaya:\nWe should fund independent media in Belarus now.\n\n"
        "We must also sanction the officials who rigged the vote."
    )
    headed = (
        "What Alexander Lukashenko wants\n\nWe should fund independent media in Belarus."
        "\n\nWhat Vladimir Putin wants\n\nWe must also sanction the officials who rigged "
        "the vote."
    )
    for text in (signed, headed):
        for option in extract_article(text, extractor=extractor)["policy_options"]:
            assert option["holder"]["kind"] == "author", text


def test_a_statement_that_names_its_we_holds_its_positions_by_that_name(extractor):
    statement = (
        "G7 Foreign Ministers' Statement on Belarus\n\n"
        "We, the G7 Foreign Ministers of Canada, France and Japan, condemn the forced landing "
        "of a Ryanair flight in Minsk.\n\n"
        "We call on the Belarusian authorities to release all political prisoners at once. "
        "We will step up our support for independent media in Belarus."
    )
    likely = extract_article(statement, published="2021-06-14", extractor=extractor)[
        "policy_options"
    ]
    held = {o["sentence"][:7]: o["holder"] for o in likely}
    assert held["We call"]["text"].lower() == "the g7 foreign ministers"
    assert held["We will"]["kind"] != "author"
    # without the naming opening, "we" is the article's author
    unnamed = statement.replace("We, the G7 Foreign Ministers of Canada, France and Japan,", "We")
    for option in extract_article(unnamed, extractor=extractor)["policy_options"]:
        assert option["holder"]["kind"] == "author"


def test_an_item_of_a_list_of_demands_is_no_event(extractor):
    letter = (
        "Joint letter on Belarus\n\nOn 18 May 2021 the authorities detained 15 journalists in "
        "Belarus.\n\nWe call on the Council to:\n\n1. Demand the release of all journalists "
        "detained in Belarus for their work;\n2. Expand sanctions on the judges who jailed them."
    )
    found = extract_article(letter, published="2021-09-28", extractor=extractor)
    assert [e["sentence"][:9] for e in found["events"]] == ["On 18 May"]
    assert sum(o["sentence"][:2] in ("1.", "2.") for o in found["policy_options"]) == 2


def test_a_statement_whose_title_says_whose_it_is_holds_its_we_by_that_name(extractor):
    declaration = (
        "Georgia: Declaration by the High Representative on behalf of the EU on the adoption "
        'of the law on "transparency of foreign influence" by the Parliament of Georgia\n\n'
        "Brussels, 15 May 2024\n\n"
        "We urge Georgia's leadership to withdraw the law and to respect civil society."
    )
    found = extract_article(declaration, published="2024-05-15", extractor=extractor)
    (option,) = found["policy_options"]
    assert (option["holder"]["text"], option["holder"]["kind"]) == ("The EU", "organisation")
    # a long official title (25 words) is still the text's headline, not a candidate
    assert headline(declaration)[0].startswith("Georgia: Declaration by")
    # a statement named inside a sentence says nothing of the text's "we"
    reported = declaration.replace(
        "Georgia: Declaration by the High Representative on behalf of the EU on",
        "In a statement by the EU on Monday, officials criticised",
    )
    assert declared_voice(reported) is None


WEB_COPY = """Georgia passes 'foreign agents' law despite protests

Listen to this article · 4 min

Share this article

TBILISI — Georgia's parliament passed the law on Tuesday, overriding weeks of protests.

Advertisement

Image caption: Protesters marched outside parliament in Tbilisi on 13 May. Photo: Getty Images

Washington could impose visa restrictions on officials who undermine democracy.

Read more: Why protesters in 2020 feared a Russian-style law

© 2024 Caucasus Wire. All rights reserved."""


def test_a_pages_furniture_gives_no_candidate_date_or_person(extractor):
    result = extract_article(WEB_COPY, published="2024-05-14", extractor=extractor)
    candidates = [
        o["sentence"] for o in result["policy_options"] + result["policy_options_also_possible"]
    ]
    candidates += [e["sentence"] for e in result["events"]]
    assert candidates, "the article's own sentences are still read"
    for furniture in ("Listen", "Share", "Advertisement", "Image caption", "Read more", "©"):
        assert not any(s.startswith(furniture) for s in candidates), furniture
    assert {d["iso"] for d in result["dates"]} == {"2024-05-14"}  # not 13 May, 2020 or 2024
    assert "Getty Images" not in {p["name"] for p in result["people"]}
    options = {o["sentence"][:10]: o for o in result["policy_options"]}
    assert options["Washington"]["holder"]["text"] == "Washington"


def test_a_subheading_is_no_likely_option(extractor):
    text = (
        "Belarus after the vote\n\nThe crackdown has gone on for months.\n\n"
        "Sanctions the EU should impose on Belarusian officials\n\n"
        "The bloc has waited too long.\n\n"
        "The EU should sanction Belarusian officials without delay."
    )
    result = extract_article(text, published="2021-03-01", extractor=extractor)
    likely = {o["sentence"] for o in result["policy_options"]}
    possible = {o["sentence"] for o in result["policy_options_also_possible"]}
    assert "The EU should sanction Belarusian officials without delay." in likely
    assert "Sanctions the EU should impose on Belarusian officials" in possible


INTERVIEW = """Sviatlana Tsikhanouskaya spoke to us in Vilnius three years after the election.

Interviewer: What do you ask of Western governments?

Tsikhanouskaya: We need them to close the loopholes in the sanctions on potash.

Interviewer: Some say sanctions hurt ordinary Belarusians.

Tsikhanouskaya: I understand the concern. Democracies must keep supporting independent media,
because without it Belarusians only hear propaganda."""


def test_an_interviews_labelled_turns_are_their_speakers(extractor):
    result = extract_article(INTERVIEW.replace(",\n", ", "), extractor=extractor)
    likely = {o["sentence"][:11]: o for o in result["policy_options"]}
    assert likely["Democracies"]["holder"]["text"] == "Sviatlana Tsikhanouskaya"
    # the label is no word of the line: not who would act
    assert line_body("Tsikhanouskaya: We need sanctions.") == "We need sanctions."
    assert subject("Interviewer: What do you ask of Western governments?") != "Interviewer"


def _held_by_ending(text: str, published: str, extractor) -> dict[str, str | None]:
    """Who holds each likely option, by the last nine characters of its sentence."""
    result = extract_article(text, published=published, extractor=extractor)
    return {o["sentence"][-9:]: o["holder"]["text"] for o in result["policy_options"]}


def test_an_interviews_answers_are_the_interviewees(extractor):
    interview = (
        "An interview with Sviatlana Tsikhanouskaya\n\n"
        "Sviatlana Tsikhanouskaya left Belarus in August.\n\n"
        "Q: Would you meet Lukashenko?\n\n"
        "A: We are ready for negotiations about new elections. We ask the EU to sanction "
        "the companies that pay for the repression.\n\n"
        "Q: Is that enough?\n\n"
        "A: No. Europe must support the strikers."
    )
    held = _held_by_ending(interview, "2020-10-02", extractor)
    assert held["pression."] == "Sviatlana Tsikhanouskaya"
    assert held["strikers."] == "Sviatlana Tsikhanouskaya"


def test_a_debates_inline_labels_name_their_member(extractor):
    debate = (
        "Belarus: Political Situation\n\n"
        "The Minister for Europe (Wendy Morton): We will announce sanctions in the coming "
        "days.\n\n"
        "Stephen Doughty (Cardiff South and Penarth) (Lab/Co-op): The Government must move "
        "faster on sanctions against Minsk.\n\n"
        "Wendy Morton: We are not ruling anyone out."
    )
    held = _held_by_ending(debate, "2020-09-24", extractor)
    assert held["st Minsk."] == "Stephen Doughty"
    assert held["ing days."] == "Wendy Morton"
    assert line_body("Alicia Kearns (Rutland and Melton) (Con): Russia lent Minsk money.") == (
        "Russia lent Minsk money."
    )


def test_a_briefings_titled_labels_name_their_speaker(extractor):
    briefing = (
        "Department Press Briefing\n\n"
        "MR PRICE: Good afternoon. We call on the military to release all those unjustly "
        "detained.\n\n"
        "QUESTION: Will the administration consider sanctions on the oil and gas sector?\n\n"
        "MR PRICE: What I can tell you is that we will continue to look at all the tools "
        "available to us against the junta."
    )
    result = extract_article(briefing, published="2021-03-09", extractor=extractor)
    held = {o["sentence"][:10]: o["holder"] for o in result["policy_options"]}
    assert held["We call on"]["text"] == "Mr Price" and held["We call on"]["kind"] == "person"
    described = describe_sentence(
        briefing, briefing.index("What I can"), extractor=extractor, published="2021-03-09"
    )
    assert described["holder"]["text"] == "Mr Price"
    # "What I can tell you is that we ...": the clause after it has the subject
    assert subject("What I can tell you is that we will continue to act.") == "author"


def test_a_statements_dateline_place_is_no_person_and_a_secretary_general_is(extractor):
    statement = (
        "Statement by the Spokesperson for the Secretary-General on Myanmar\n\n"
        "New York, 1 February 2021\n\n"
        "The Secretary-General urges the military leadership to respect the will of the "
        "people of Myanmar and to release all detained leaders at once."
    )
    result = extract_article(statement, extractor=extractor)
    assert "New York" not in {p["name"] for p in result["people"]}
    (option,) = result["policy_options"]
    assert option["holder"]["kind"] == "person"
    # a name that opens a line of prose is still a person
    people = find_people("Jane Roe, 1 February 2021, was the day she was arrested.\n")
    assert "Jane Roe" in {p["name"] for p in people}
