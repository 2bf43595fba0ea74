"""How extraction reads a report's text taken from a PDF (lines broken by the width of their
letters, page numbers, a running head, footnotes), a chronology, a thread of numbered posts,
a newsletter with a section per country, and sentences that open with an inverted condition."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article, load_extractor, read_bytes
from democdash.extract.furniture import back_matter, print_spans
from democdash.extract.holders import addressee, names_who_acts
from democdash.extract.lists import line_body
from democdash.extract.pipeline import describe_sentence
from democdash.extract.reflow import unwrap
from democdash.extract.sentences import split_sentences
from democdash.extract.speakers import speaker
from democdash.extract.subjects import opening_condition, subject
from democdash.ingest.meta import propose_meta

#: A report as a PDF's text gives it: lines broken near 95 characters (not where the next word
#: would not fit: its letters have widths), two page numbers, the title repeated as the
#: running head of page 2, footnote numbers after full stops and the notes under a rule.
PDF_TEXT = """KAZAKHSTAN AFTER JANUARY: REFORM OR RESTORATION?
Central Asia Programme Report, April 2022

Page 1 of 14

Executive summary

The unrest of January 2022 in Kazakhstan, in which at least 238 people died, was the country's
gravest crisis since independence. President Tokayev has since promised a stronger parliament
and a weaker presidency.1 Our research finds that the changes made so far are modest.

Western governments should make their engagement conditional on an independent inquiry into
the killings. The European Union should tie the next phase of its partnership agreement to
the steps taken on freedom of assembly and association.2 Donors should fund legal aid
for the thousands of people detained in January.

Page 2 of 14

KAZAKHSTAN AFTER JANUARY: REFORM OR RESTORATION?

The prosecutor general's office has not published a full list of the dead. It said in March
that it was investigating 40 cases of torture by the security services across the country.

__________________
1 Address to the nation, 16 March 2022.
2 The agreement entered into force on 1 March 2020.
"""


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def _read_as_uploaded(text: str, extractor) -> dict:
    body, _ = read_bytes(text.encode("utf-8"), "report.txt")
    return extract_article(body, published="2022-04-20", extractor=extractor)


def test_an_encyclopedias_citations_end_the_sentence_they_follow():
    text = (
        "The NLD won the election of 8 November 2020, taking 396 of 476 seats.[2] The "
        "military claimed fraud.[3][4] Later that day it refused to rule out a coup."
    )
    assert [s.text for s in split_sentences(text)] == [
        "The NLD won the election of 8 November 2020, taking 396 of 476 seats.[2]",
        "The military claimed fraud.[3][4]",
        "Later that day it refused to rule out a coup.",
    ]


def test_an_encyclopedia_articles_back_matter_is_no_part_of_its_story():
    story = (
        "2021 Myanmar coup\n\nThe coup began on 1 February 2021, when the military detained "
        "the elected leaders.\n\nLarge protests began on 6 February 2021 across the country."
    )
    back = (
        '\n\nReferences\n\n1. "Myanmar military seizes power". BBC News. 2 February 2021. '
        'Retrieved 3 February 2021.\n2. "Protests grow". Reuters. 7 February 2021.'
    )
    found = extract_article(story + back)
    assert [d["text"] for d in found["dates"]] == ["2021", "1 February 2021", "6 February 2021"]
    assert all(e["start"] < len(story) for e in found["events"])
    # a "Notes" heading in the first half heads a part of the article
    assert back_matter("Notes\n\n" + story) is None
    assert back_matter(story + back) == (len(story) + 2, len(story + back))


def test_a_pdfs_lines_are_joined_though_headings_and_page_numbers_stand_between():
    joined = unwrap(PDF_TEXT)
    assert (
        "The European Union should tie the next phase of its partnership agreement to the "
        "steps taken on freedom of assembly and association.2 Donors should fund legal aid for "
        "the thousands of people detained in January." in joined
    )
    assert "\nPage 2 of 14\n" in joined  # the page number stays a line of its own


def test_a_footnotes_number_after_a_full_stop_ends_the_sentence():
    texts = [s.text for s in split_sentences("a weaker presidency.1 Our research finds so.")]
    assert texts == ["a weaker presidency.1", "Our research finds so."]
    quoted = [s.text for s in split_sentences('ordered them to "fire".3 Tokayev said so.')]
    assert quoted == ['ordered them to "fire".3', "Tokayev said so."]
    # a decimal number is no footnote
    assert len(split_sentences("It costs $1.5 billion a year. Then it rose.")) == 2
    assert len(split_sentences("It cost $1.5 Billion in all.")) == 1


def test_page_numbers_running_heads_and_footnotes_are_the_pages_furniture():
    text = unwrap(PDF_TEXT)
    found = [text[a:b] for a, b in print_spans(text)]
    assert "Page 1 of 14" in found and "Page 2 of 14" in found
    # the title's repeat on page 2 is the running head; the title itself is not furniture
    assert found.count("KAZAKHSTAN AFTER JANUARY: REFORM OR RESTORATION?") == 1
    assert "1 Address to the nation, 16 March 2022." in found
    # a rule line with prose under it holds no footnotes
    assert print_spans("Intro.\n\n-----\nThe EU should act now.\n") == []


def test_a_reports_recommendations_are_read_whole_and_its_footnotes_give_no_event(extractor):
    result = _read_as_uploaded(PDF_TEXT, extractor)
    likely = {o["sentence"]: o for o in result["policy_options"]}
    donors = "Donors should fund legal aid for the thousands of people detained in January."
    assert donors in likely
    assert likely[donors]["acting"]["text"] == "Donors"
    assert likely[donors]["holder"]["kind"] == "author"
    candidates = [o["sentence"] for o in result["policy_options_also_possible"]]
    candidates += [e["sentence"] for e in result["events"]] + list(likely)
    assert not any(s.startswith(("2 The agreement", "Page", "1 Address")) for s in candidates)
    # a footnote's date is still the text's date
    assert "2022-03-16" in {d["iso"] for d in result["dates"]}


def test_a_chronologys_date_a_threads_number_and_a_newsroom_label_open_no_subject():
    assert line_body("9 August 2020 - Lukashenko claims a sixth term") == (
        "Lukashenko claims a sixth term"
    )
    assert line_body("Aug. 9, 2020: The EU responds") == "The EU responds"
    assert line_body("2/ The EU calls on all sides to refrain from violence.") == (
        "The EU calls on all sides to refrain from violence."
    )
    assert line_body("What comes next: EU ministers will discuss it.") == (
        "EU ministers will discuss it."
    )
    # a date that is the sentence's own subject or a number that is a name stays
    assert line_body("May 2021 was the month of the landing.").startswith("May 2021")
    assert line_body("9/11 changed American policy.").startswith("9/11")
    assert subject("23 May 2021 - A Ryanair flight is forced to land in Minsk.") == (
        "A Ryanair flight"
    )


def test_a_threads_posts_are_held_by_who_posts_not_by_their_numbers(extractor):
    thread = (
        "Thread by the EU ambassador to Kazakhstan, 8 January 2022\n\n"
        "1/ Deeply saddened by the loss of life in Almaty.\n\n"
        "2/ The EU calls on all sides to exercise restraint and refrain from violence.\n\n"
        "4/ The EU stands ready to support a genuine dialogue between the government and "
        "society."
    )
    assert propose_meta(thread).published == "2022-01-08"
    result = extract_article(thread, published="2022-01-08", extractor=extractor)
    holders = {o["holder"]["text"] for o in result["policy_options"]}
    assert holders == {"The EU"}


CHRONOLOGY = """Timeline: Belarus since the disputed election

10 August 2021

16 August 2020 - More than 100,000 people march in Minsk, the largest protest in years.

2 October 2020 - The EU imposes sanctions on 40 officials over the vote and the crackdown.

6 November 2020 - The EU adds Lukashenko to its sanctions list."""


def test_sanctions_imposed_over_a_crackdown_are_a_sanctions_event(extractor):
    result = extract_article(CHRONOLOGY, published="2021-08-10", extractor=extractor)
    kinds = {e["date"]: e["type"] for e in result["events"]}
    assert kinds["2020-10-02"] == "sanction"
    assert kinds["2020-08-16"] == "protest"


DIGEST = (
    "Eurasia Weekly: 14 January 2022\n\n"
    "KAZAKHSTAN\n"
    "Human Rights Watch urged the authorities to investigate the use of lethal force. The EU's "
    "foreign policy chief said the bloc was ready to help with an independent inquiry.\n\n"
    "BELARUS\n"
    "A court in Minsk jailed three bloggers on Wednesday. The US State Department called the "
    "verdict a travesty and said Washington would continue to press for the release of all "
    "political prisoners.\n\n"
    "ALSO WORTH READING\n"
    "Human rights groups urged donors to fund independent media in exile."
)


def test_a_digests_country_heading_is_what_its_paragraphs_are_aimed_at(extractor):
    assert propose_meta(DIGEST).published == "2022-01-14"
    result = extract_article(DIGEST, published="2022-01-14", extractor=extractor)
    targets = {o["sentence"][:20]: o["target"] for o in result["policy_options"]}
    assert targets["Human Rights Watch u"] == "KAZ"
    assert targets["The US State Departm"] == "BLR"
    # a heading that names no country ends the section: the article's focus again
    assert targets["Human rights groups "] != "BLR"


def test_an_inverted_condition_is_not_the_subject():
    assert subject("Should the generals agree to talks, Washington could reconsider.") == (
        "Washington"
    )
    assert subject("Had the West acted earlier, the junta would have fallen.") == "the junta"
    assert subject("Were Russia to invade, the EU would impose sanctions.") == "the EU"
    assert subject("Short of that, the EU should open a channel to the NUG.") == "the EU"
    assert subject("Diplomats say the EU is preparing sanctions on potash.") == "Diplomats"


def test_will_not_hesitate_is_a_threat_with_a_condition_and_never_a_refusal(extractor):
    text = (
        "Russia will not hesitate to take retaliatory measures if the European Union adopts "
        "new sanctions, the foreign ministry said on Wednesday.\n\n"
        "The government said it would not hesitate to support the opposition's call for new "
        "elections."
    )
    result = extract_article(text, published="2022-03-16", extractor=extractor)
    stances = {o["sentence"][:12]: o["stance"] for o in result["policy_options"]}
    assert stances["Russia will "] == "threatens"
    assert stances["The governme"] == "pledges"


def test_an_opening_should_with_a_comma_is_a_condition():
    condition = opening_condition("Should the generals agree to talks, Washington could act.")
    assert condition is not None and condition.group() == "Should the generals agree to talks, "
    assert opening_condition("Should the EU impose sanctions?") is None
    assert opening_condition("The EU should impose sanctions, and soon.") is None
    assert opening_condition("If sanctions fail, and they may, the EU must act.") is None


def test_a_condition_that_opens_the_sentence_holds_no_subject(extractor):
    assert subject("If the junta refuses to free them, the EU will impose sanctions.") == "the EU"
    assert subject("Should the junta refuse, the EU will impose new sanctions.") == "the EU"
    assert subject("If this was revenge, that sends a message to his loyalists.") is None
    text = (
        "The talks resumed on Monday.\n\n"
        "Should the junta refuse to free the prisoners, the EU will impose new sanctions on its "
        "leaders.\n\n"
        "If Moscow keeps its troops there, Western governments must respond with sanctions."
    )
    result = extract_article(text, published="2022-03-16", extractor=extractor)
    likely = {o["sentence"][:8]: o for o in result["policy_options"]}
    assert likely["Should t"]["stance"] == "threatens"
    assert likely["Should t"]["acting"]["text"] == "The EU"
    # the author's "must" after the condition: the author recommends, the West would act
    assert likely["If Mosco"]["holder"]["kind"] == "author"
    assert likely["If Mosco"]["acting"]["text"] == "Western governments"


def test_it_after_who_says_it_is_who_would_act(extractor):
    text = (
        "Belarus forced a plane to land in Minsk on Sunday.\n\n"
        "The White House said it would coordinate with the EU on new sanctions against Belarus."
    )
    result = extract_article(text, published="2021-05-25", extractor=extractor)
    option = next(o for o in result["policy_options"] if o["sentence"].startswith("The White"))
    assert option["holder"]["text"] == "The White House"
    assert option["acting"]["text"] == "The White House"


LETTER = """Letter to Secretary Blinken on Hong Kong

June 3, 2021

The Honorable Antony J. Blinken
Secretary of State
Washington, DC 20520

Dear Secretary Blinken:

Since June 2020, more than 100 pro-democracy activists have been arrested in Hong Kong.

We respectfully request that the Department designate additional officials under the Hong Kong
Autonomy Act. We urge the Hong Kong authorities to release all political prisoners.

Sincerely,

Jim McGovern
Chair, Congressional-Executive Commission on China"""


def test_a_letters_signature_holds_its_we_and_an_appeal_names_who_would_act(extractor):
    text = LETTER.replace("Kong\nAutonomy", "Kong Autonomy")
    result = extract_article(text, published="2021-06-03", extractor=extractor)
    likely = {o["sentence"][:12]: o for o in result["policy_options"]}
    assert likely["We respectfu"]["holder"]["text"] == "Jim McGovern"
    assert likely["We respectfu"]["acting"]["text"] == "The Department"
    assert likely["We urge the "]["acting"]["text"] == "The Hong Kong authorities"
    # the address block, the salutation and the signature are no candidates, no people
    candidates = [o["sentence"] for o in result["policy_options_also_possible"]] + list(
        o["sentence"] for o in result["policy_options"]
    )
    assert not any(s.startswith(("Secretary of State", "Chair,", "Dear")) for s in candidates)
    names = {p["name"] for p in result["people"]}
    assert "Antony J. Blinken" in names
    assert not any(name.startswith(("Dear", "Honorable")) for name in names)


def test_a_posts_reply_line_and_counts_are_furniture(extractor):
    post = (
        "@sviatlana · Sep 8, 2020\n\n"
        "We call on the EU to impose sanctions on those responsible for the violence.\n\n"
        "1.2K Reposts · 3,400 Likes\n\n"
        "Replying to @eu_eeas\n\n"
        "Translate post"
    )
    result = extract_article(post, published="2020-09-08", extractor=extractor)
    candidates = [o["sentence"] for o in result["policy_options"]]
    candidates += [o["sentence"] for o in result["policy_options_also_possible"]]
    assert candidates[0].startswith("We call on the EU")
    assert not any(s.startswith(("Replying", "1.2K", "Translate")) for s in candidates)


def test_an_appeal_under_a_modal_is_the_step_not_whom_it_addresses():
    assert addressee("The US called on Russia to withdraw its troops.") == "Russia"
    assert addressee("I would urge the administration to work with Japan.") == "the administration"
    # pressing is what Washington should do: it would act, not Tokayev
    assert addressee("First, Washington should press Tokayev to allow an inquiry.") is None
    assert addressee("The EU will continue to urge Minsk to free them.") is None


def test_an_appeal_names_whom_it_asks_even_over_its_list_and_after_a_passive_ask():
    # a lead-in whose items say what to do addresses its list
    assert addressee("We call on the Council to:") == "the Council"
    assert addressee("5. The Special Rapporteur urges the Government of Belarus:") == (
        "the Government of Belarus"
    )
    # "had been asked to intervene" names no one: the appeal after it does
    text = (
        'Blinken said Washington had "questions" about why the CSTO had been asked to intervene '
        "and called on the authorities to respect the rights of peaceful protesters."
    )
    assert addressee(text) == "the authorities"
    # an item that opens with a verb and its clause names no one who would act
    assert not names_who_acts("4. Ensure that visas are issued swiftly to journalists.")
    assert names_who_acts("4. The EU should ensure that visas are issued swiftly.")
    letter = (
        "We, the undersigned organisations, write about Belarus.\n\nWe call on the Council "
        "to:\n\n1. Expand targeted sanctions on the judges of Belarus;\n"
        "2. Ensure that visas are issued swiftly to journalists at risk in Belarus."
    )
    items = extract_article(letter, published="2021-09-28")["policy_options"]
    acting = [o["acting"]["text"] for o in items if o["sentence"][:1].isdigit()]
    assert acting == ["The Council", "The Council"]


def _opening(found: dict, words: str) -> dict:
    """The sentence record of an extraction that opens with `words`."""
    return next(s for s in found["sentences"] if s["text"].startswith(words))


def test_a_sentence_going_on_with_an_open_quotation_is_its_speakers():
    text = (
        "Foreign Secretary Dominic Raab said:\n\n"
        '"We do not accept the results of this rigged election in Belarus. We will hold those '
        'responsible for violence to account and stand ready to take further measures."'
    )
    found = extract_article(text, published="2020-09-29")
    assert _opening(found, "We will hold")["holder"]["text"] == "Dominic Raab"
    # a sentence outside any quotation is not drawn in
    plain = text.replace('"We do not', "We do not").replace('measures."', "measures.")
    outside = _opening(extract_article(plain, published="2020-09-29"), "We will hold")
    assert outside["holder"]["text"] != "Dominic Raab"


def test_it_saying_or_asking_is_the_body_the_sentence_before_opens_with():
    text = (
        "The National Unity Government said the verdict in Myanmar was another step in the "
        "military's plan. It called on the international community to stop recognising the "
        "junta."
    )
    found = extract_article(text, published="2022-01-10")
    assert _opening(found, "It called")["holder"]["text"] == "The National Unity Government"
    # an impersonal "it" is no body's
    assert subject("It is time to act on Myanmar.") is None
    # nor only in the past: "It will continue to call on ..." is the body's too
    release = (
        "The EU remains determined to support the Belarusian people. It will continue to call "
        "on the Belarusian authorities to release all political prisoners."
    )
    found = extract_article(release, published="2025-02-24")
    assert _opening(found, "It will continue")["holder"]["text"] == "The EU"


def test_they_after_things_named_in_the_plural_is_no_body_further_back():
    text = (
        "The European Union said it would review the case. The measures were first "
        "introduced in October 2020. They currently apply to 261 individuals and would be "
        "extended."
    )
    found = extract_article(text, published="2025-02-24")
    sentence = next(s for s in found["sentences"] if s["text"].startswith("They"))
    described = describe_sentence(text, sentence["start"], extractor=load_extractor())
    assert described["acting"]["text"] == "They"
    # with a body the nearest subject, "they" is that body
    body = "The European Union met in Brussels. They would impose sanctions on Minsk."
    option = _opening(extract_article(body, published="2025-02-24"), "They would")
    assert option["acting"]["text"] == "The European Union"


def test_a_word_of_time_after_the_subject_is_not_part_of_it():
    assert subject("The Council today decided to prolong the restrictive measures.") == (
        "The Council"
    )
    assert subject("The world today is facing pressing challenges.") == "The world"


def test_a_countrys_name_lends_its_words_no_kind_of_body():
    text = (
        "The representative of the Russian Federation said his country would not support "
        "new sanctions on Myanmar."
    )
    (option,) = extract_article(text, published="2022-12-21")["policy_options"]
    assert (option["holder"]["kind"], option["holder"]["iso3"]) == ("government", "RUS")


def test_he_or_she_saying_more_is_the_speaker_of_the_sentence_before():
    text = (
        "Myanmar's envoy said the military had killed 2,500 civilians, including Aung San Suu "
        "Kyi's aides.\n\nThe representative of the United States said Washington would "
        "work with partners to cut off the junta's access to arms. She added that the United "
        "States was prepared to consider further sanctions on Myanmar if the regime did not "
        "change course."
    )
    found = extract_article(text, published="2022-12-21")
    added = _opening(found, "She added")
    assert added["holder"]["text"] == "The representative of the United States"
    assert added["acting"]["iso3"] == "USA"
    # "..., he said." closing reported speech is the speaker before too
    tagged = text.replace(
        "She added that the United States",
        "Washington would review its aid to Myanmar, she said. The United States",
    )
    said = _opening(extract_article(tagged, published="2022-12-21"), "Washington would review")
    assert said["holder"]["text"] == "The representative of the United States"
    # and after a sentence whose subject says something, with no clause a lead would read
    plain = (
        "The representative of the United Kingdom said his delegation had tabled a draft "
        "resolution on Myanmar. The Council must not stay silent, he said."
    )
    silent = _opening(extract_article(plain, published="2022-12-21"), "The Council must")
    assert silent["holder"]["text"] == "The representative of the United Kingdom"


def test_a_datelines_capital_is_where_the_report_was_filed_not_a_country(extractor):
    text = (
        "BANGKOK (AP) — Myanmar's military leader said Monday that elections would be held in "
        "August 2023.\n\nKYIV — Ukraine's president said talks would resume."
    )
    result = extract_article(text, published="2022-03-28", extractor=extractor)
    codes = {c["iso3"] for c in result["countries"]}
    assert codes == {"MMR", "UKR"}  # Bangkok filed the report; Thailand is not in it
    assert "THA" not in {o["target"] for o in result["policy_options"]}


def test_a_speaker_with_an_abbreviation_in_their_title_is_found():
    said = (
        '"There is no way these elections can be free," a U.S. State Department spokesperson said.'
    )
    assert speaker(said) == "a U.S. State Department spokesperson"
    assert speaker("The EU will act, a U.S. official said.") == "a U.S. official"


def test_a_date_on_a_line_of_its_own_is_no_candidate_and_discussing_is_weighing(extractor):
    text = (
        "Georgia's president refuses to step down\n\nDecember 3, 2024\n\n"
        "EU foreign ministers will discuss possible sanctions against Georgian officials at a "
        "meeting on Dec. 16, diplomats said."
    )
    result = extract_article(text, published="2024-12-03", extractor=extractor)
    options = result["policy_options"] + result["policy_options_also_possible"]
    assert not any(o["sentence"].startswith("December 3") for o in options)
    assert "2024-12-03" in {d["iso"] for d in result["dates"]}  # still a date of the text
    (ministers,) = [o for o in options if o["sentence"].startswith("EU foreign")]
    assert ministers["stance"] == "weighs"


APPEAL = """URGENT ACTION: Jailed journalist denied medical care

TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER

Dear Prosecutor General,

I urge you to release the journalist immediately and drop all charges against him.

Yours sincerely,

ADDITIONAL INFORMATION

Since the disputed election of 9 August 2020, the authorities have detained 35,000 people.

PREFERRED LANGUAGE TO ADDRESS TARGET: Belarusian, Russian, English
You can also write in your own language."""


def test_lines_in_capitals_are_headings_and_no_one_signs_an_unsigned_model_letter(extractor):
    result = extract_article(APPEAL, published="2021-06-24", extractor=extractor)
    likely = {o["sentence"]: o for o in result["policy_options"]}
    # a call to the reader in capitals, or a form's label, is the page's, not a position
    assert not any(s.startswith(("TAKE ACTION", "PREFERRED")) for s in likely)
    # the heading under the closing signs nothing: the letter is the author's
    urged = likely[
        "I urge you to release the journalist immediately and drop all charges against him."
    ]
    assert urged["holder"]["kind"] == "author"


def test_a_wire_reports_credits_and_a_pages_updated_ago_stamp_are_furniture(extractor):
    text = (
        "Russia jails Kremlin critic for 25 years\n\n"
        "April 17, 2023 1:12 PM GMT+1 Updated 2 years ago\n\n"
        "MOSCOW, April 17 (Reuters) - A Moscow court on Monday sentenced Vladimir Kara-Murza "
        "to 25 years in prison. Foreign Secretary James Cleverly said the sentence was "
        "politically motivated.\n\n"
        "Reporting by Reuters; Editing by Andrew Osborn"
    )
    result = extract_article(text, published="2023-04-17", extractor=extractor)
    # "2 years ago" counts from when the page is read, not from publication
    assert "2 years ago" not in {d["text"] for d in result["dates"]}
    # the editor is no one of the article
    assert {p["name"] for p in result["people"]} == {"Vladimir Kara-Murza", "James Cleverly"}
