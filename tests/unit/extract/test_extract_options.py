"""Policy-option candidates: the trained model's confidence and its split into likely and also
possible, the model file and the model map, and each option's stance, holder, instrument,
target and paragraph."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from democdash.extract import describe_sentence, extract_article, load_extractor
from democdash.extract.features import (
    cues,
    sentence_features,
    sentence_features_and_context,
    tokens,
)
from democdash.extract.holders import PRONOUN_REACH, Antecedents, holder, holder_and_acting
from democdash.extract.option_model import (
    CONTEXT_PREFIXES,
    FORMAT,
    MODEL_ENV,
    MODEL_MAP_ENV,
    OptionModelError,
    in_context,
    read_model,
    with_context,
    with_given_context,
)
from democdash.extract.options import (
    denies_a_claim,
    leaves_open,
    stance_of,
    states_an_effect,
    target_of,
)
from democdash.extract.speakers import reporting_lead, speaker
from democdash.extract.subjects import subject
from democdash.text import sha256
from democdash.vocab import Instrument, Stance


def options(text: str, **kwargs) -> list[dict]:
    return extract_article(text, published="2022-05-01", **kwargs)["policy_options"]


def _model_file(folder: Path, weights: dict, likely: float, possible: float, **extra) -> Path:
    path = folder / f"model-{len(list(folder.iterdir()))}.json"
    model = {
        "format": FORMAT,
        "bias": -3.0,
        "weights": weights,
        "thresholds": {"likely": likely, "possible": possible},
        **extra,
    }
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Donors should suspend budget support to Uganda.", "recommends"),
        ("The senator proposed a new aid package for Moldova.", "proposes"),
        ("The EU is preparing a fifth package of sanctions against Belarus.", "proposes"),
        ("Japan pledged to fund the electoral commission in Nepal.", "pledges"),
        ("Opposition groups demanded the release of all detainees in Iran.", "demands"),
        ("Rights groups urged the EU to freeze the assets of Belarusian officials.", "demands"),
        ("Ankara threatened to expel the Swedish ambassador.", "threatens"),
        ("Russia warned it would respond if NATO expanded its presence.", "threatens"),
        ("Washington is considering new sanctions on Venezuela.", "weighs"),
        ("The junta refused to hold talks with the mediators.", "refuses"),
        # negated: a step not ruled out is weighed, one that will not be accepted is refused
        ("Washington has not ruled out further measures against Minsk.", "weighs"),
        ("Britain hasn't ruled out new sanctions on Tehran.", "weighs"),
        ("Moscow said it would not accept any Western mediation in Belarus.", "refuses"),
        ("Canada will not recognise the results of the vote in Venezuela.", "refuses"),
    ],
)
def test_stance_verbs_settle_the_stance(sentence, stance):
    feats = sentence_features(sentence)
    assert stance_of(feats, read_model(_committed())) == stance
    found = [o for o in extract_article(sentence)["sentences"] if o["text"] == sentence]
    assert found[0]["stance"] == stance
    assert stance in {s.value for s in Stance}


@pytest.mark.parametrize(
    "sentence",
    [
        "The State Department has urged parliament to reject the bill.",
        "Rights groups called on the EU to veto the deal with Belarus.",
    ],
)
def test_a_demand_to_refuse_is_a_demand(sentence):
    model = read_model(_committed())
    assert stance_of(sentence_features(sentence), model, False, sentence) == "demands"
    # the refusal itself is still one
    refusal = "Parliament rejected the bill on Tuesday, and the EU refused to recognise it."
    assert stance_of(sentence_features(refusal), model, False, refusal) == "refuses"


def _committed() -> Path:
    from democdash.extract.option_model import DEFAULT_MODEL

    return DEFAULT_MODEL


def test_the_committed_model_finds_a_recommendation_and_not_a_report():
    text = (
        "Police arrested the editor of the newspaper on Monday. "
        "The European Union should impose targeted sanctions on the officials responsible."
    )
    result = extract_article(text, published="2022-05-01")
    sentences = {s["text"]: s["option_confidence"] for s in result["sentences"]}
    report, advice = sentences.values()
    assert advice > report
    assert [o["sentence"] for o in result["policy_options"]] == [
        "The European Union should impose targeted sanctions on the officials responsible."
    ]
    assert 0 <= report <= 1 and 0 <= advice <= 1


def test_confidence_splits_likely_from_also_possible(tmp_path):
    path = _model_file(tmp_path, {"cue:oblige": 5.0, "cue:intend": 2.5}, 0.8, 0.3)
    extractor = load_extractor(option_model=path)
    text = (
        "The government should hold a new election soon. "
        "The ministry will publish the figures in May. "
        "The weather in the capital was mild and dry."
    )
    result = extract_article(text, extractor=extractor)
    assert [o["sentence"] for o in result["policy_options"]] == [
        "The government should hold a new election soon."
    ]
    assert [o["sentence"] for o in result["policy_options_also_possible"]] == [
        "The ministry will publish the figures in May."
    ]
    (likely,) = result["policy_options"]
    assert likely["confidence"] == pytest.approx(1 / (1 + 2.718281828**-2.0), abs=1e-3)
    assert [s["option_confidence"] >= 0.3 for s in result["sentences"]] == [True, True, False]


def test_option_items_carry_the_contract_keys():
    text = (
        "Police arrested the editor.\n\n"
        "Brussels should impose sanctions on Serbia by March 2023, the author argues."
    )
    (option,) = options(text)
    assert list(option) == [
        "sentence",
        "start",
        "end",
        "paragraph",
        "stance",
        "holder",
        "acting",
        "instrument",
        "countries",
        "target",
        "date",
        "confidence",
    ]
    assert option["paragraph"] == 2
    assert option["instrument"] == Instrument.SANCTIONS
    assert option["target"] == "SRB" and "SRB" in option["countries"]
    assert option["date"] == "2023-03"
    assert text[option["start"] : option["end"]] == option["sentence"]
    assert set(option["holder"]) == {"text", "kind", "actor_id", "iso3"}


def test_the_environment_names_the_model_file(tmp_path, monkeypatch):
    text = "The weather in the capital was mild and dry all week."
    always = _model_file(tmp_path, {"len:10-24": 9.0}, 0.5, 0.4)
    assert options(text) == []
    monkeypatch.setenv(MODEL_ENV, str(always))
    assert [o["sentence"] for o in options(text)] == [text]


def test_the_model_map_picks_a_model_per_text(tmp_path, monkeypatch):
    one = "The weather in the capital was mild and dry all week."
    two = "The weather in the north was cold and wet all month."
    always = _model_file(tmp_path, {"len:10-24": 9.0}, 0.5, 0.4)
    (tmp_path / "map.json").write_text(json.dumps({sha256(one): always.name}), "utf-8")
    monkeypatch.setenv(MODEL_MAP_ENV, str(tmp_path / "map.json"))
    extractor = load_extractor()
    assert [o["sentence"] for o in options(one, extractor=extractor)] == [one]
    assert options(two, extractor=extractor) == []  # not in the map: the default model


def test_word_scores_add_the_mean_share_of_the_words_that_have_one(tmp_path):
    """The word-vector term: the mean of the word scores of a sentence's words (words without
    one do not count), read from the file's `word_scores` (plain words)."""
    path = _model_file(tmp_path, {}, 0.5, 0.4, word_scores={"embargo": 4.0, "weather": -1.0})
    model = read_model(path)
    assert model.word_scores == {"w:embargo": 4.0, "w:weather": -1.0}
    one = {"w:embargo", "w:zzz", "cue:oblige"}
    both = {"w:embargo", "w:weather"}
    assert model.score(one) == pytest.approx(1 / (1 + math.exp(-(-3.0 + 4.0))))
    assert model.score(both) == pytest.approx(1 / (1 + math.exp(-(-3.0 + 1.5))))
    assert model.score({"w:zzz"}) == pytest.approx(1 / (1 + math.exp(3.0)))
    without = read_model(_model_file(tmp_path, {}, 0.5, 0.4))
    assert without.word_scores == {} and without.score(one) == model.score({"w:zzz"})


def test_the_committed_model_has_word_scores_for_the_embedding_vocabulary():
    """Word scores for the whole words of the embedding vocabulary, not only the training
    articles' words (so that a word no article used still counts)."""
    model = read_model(_committed())
    assert len(model.word_scores) > 5000
    assert model.meta["embeddings"]["package"] == "wordllama"
    assert {"w:embargo", "w:parliament", "w:promise"} <= model.word_scores.keys()


def test_a_bad_model_file_is_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(OptionModelError, match=r"bad\.json: the option model is not JSON"):
        read_model(bad)
    bad.write_text(json.dumps({"format": FORMAT, "bias": 0}), encoding="utf-8")
    with pytest.raises(OptionModelError, match=r"bad\.json: option model field missing"):
        read_model(bad)
    with pytest.raises(OptionModelError, match="cannot read"):
        read_model(tmp_path / "missing.json")


def test_holder_is_the_quoted_speaker_the_subject_or_the_author():
    assert speaker('"We will not accept any delay to the elections," Ruto said.') == "Ruto"
    assert speaker("Elections must be held soon, according to the African Union.") == (
        "the African Union"
    )
    assert subject("The African Union called for a return to civilian rule in Guinea.") == (
        "The African Union"
    )
    assert subject("We must act before it is too late.") == "author"
    people = [{"name": "Jane Holloway", "actor_id": "a-7", "mentions": [{"start": 0, "end": 13}]}]
    held = holder("Jane Holloway demanded new talks.", 0, [], people)
    assert held == {"text": "Jane Holloway", "kind": "person", "actor_id": "a-7", "iso3": None}
    author = holder("It is time to end the aid programme.", 0, [], [])
    assert author["kind"] == "author" and author["text"] is None


def test_a_persons_wife_or_lawyer_holds_a_position_of_their_own():
    text = "Kara-Murza's wife, Evgenia, urged the West to impose sanctions on the judges."
    people = [{"name": "Vladimir Kara-Murza", "mentions": [{"start": 100, "end": 110}]}]
    held = holder(text, 100, [], people)
    assert (held["text"], held["kind"]) == ("Kara-Murza's wife", "person")
    # the person himself, named with a possessive of something else, still holds it
    own = "Kara-Murza's call for sanctions was repeated by his lawyer."
    assert holder(own, 100, [], people)["text"] == "Vladimir Kara-Murza"


def test_an_opening_participle_clause_is_not_the_subject():
    assert subject("Filmed from below, President Putin appealed to voters to back it.") == (
        "President Putin"
    )
    assert subject("Wearing a mask, the president said he would step down.") == "the president"
    assert subject("United States officials said they would act.") == "United States officials"


def test_an_opening_span_of_time_or_ordinal_is_not_the_subject():
    assert subject(
        "One month after the military seized power, the junta has shown it will kill."
    ) == ("the junta")
    assert subject("Two years into the war, the EU must do more.") == "the EU"
    assert subject("Second, the world needs to support the people resisting.") == "the world"
    assert subject("Ten opposition leaders, all in exile, said they would return.") == (
        "Ten opposition leaders"
    )


def test_a_number_with_a_comma_does_not_cut_the_clause():
    text = "Despite cases running at nearly 9,000 a day, Mr Putin announced the parade would go on."
    assert subject(text) == "Mr Putin"


def test_the_subject_of_it_is_clear_that_is_inside_the_that_clause():
    assert subject(
        "Whatever the future holds, it is clear that Russia aims to tighten its grip."
    ) == ("Russia")
    assert (
        subject("On September 7, it was reported that Germany would allocate funds.") == "Germany"
    )
    assert subject("It is important that the EU act now.") is None  # the author's voice
    assert subject("With the mission gone, it’s likely that the EU will step back.") == "the EU"


def test_an_irregular_past_verb_ends_the_subject():
    assert subject("The protests began in June to demand that the bill be withdrawn.") == (
        "The protests"
    )
    assert subject("The cabinet fell apart after the vote.") == "The cabinet"


def test_made_clear_and_stressed_lead_what_is_reported():
    lead = reporting_lead(
        "He made clear that the United States and its allies would respond with sanctions."
    )
    assert lead is not None and lead.who == "He"
    stressed = reporting_lead("The minister stressed that Canada will keep its sanctions.")
    assert stressed is not None and stressed.who == "The minister"


def test_what_is_said_after_said_is_no_speaker():
    said = "Armenia's prime minister, who chairs the bloc, said the mission would be temporary."
    assert speaker(said) is None
    assert speaker("Sanctions would hurt, said the foreign minister.") == "the foreign minister"
    # a relative clause's verbs are the clause's
    told = "The arrests followed a mutiny, a source who had been briefed by officials told CNN."
    assert speaker(told) == "a source who had been briefed by officials"


def test_a_quotation_in_single_marks_is_a_quotation():
    for text in (
        "Merkel said that 'our opinion is that Nord Stream 2 should be completed'.",
        "NATO chief Jens Stoltenberg condemned the 'shocking' use of a nerve agent.",
        "‘We will act,’ he said.",
        'Merkel said that "our opinion is that the pipeline should be completed".',
    ):
        assert "cue:quote_mark" in sentence_features(text), text
    # and its speaker is named where it closes
    assert speaker("'We must act now,' Dominic Raab said.") == "Dominic Raab"
    # apostrophes open no quotation
    for text in (
        "Russia's protesters' demands were ignored in the '90s.",
        "The rock 'n' roll era's end came.",
    ):
        assert "cue:quote_mark" not in sentence_features(text), text


def test_blocking_and_thwarting_are_refusals():
    for text in (
        "All were blocked by Trump's administration.",
        "Ever since independence the army has thwarted moves towards democracy.",
        "Hungary is obstructing the new package of sanctions.",
    ):
        assert "refuse" in cues(tokens(text)), text


def test_a_present_tense_verb_after_a_name_ends_the_subject():
    assert subject("The Council condemns the order and calls on the authorities to act.") == (
        "The Council"
    )
    assert subject("The EU stands ready to support an inclusive dialogue.") == "The EU"
    # a plural noun after a name names a thing: it stays in the subject
    assert subject("The Hong Kong protests in 2019 could resume.") == "The Hong Kong protests"
    assert subject("The Kremlin's critics should be heard.") == "The Kremlin's critics"


def test_an_infinitive_is_no_reporting_lead():
    # "to maintain" is what the authorities have the right to do, not who says what follows
    text = "The EU recognises the right of the authorities to maintain order, but force must end."
    assert reporting_lead(text) is None
    # a verb of seeming governs its "to": the lead stands
    lead = reporting_lead("GD seems to believe that the new leaders will roll out the carpet.")
    assert lead is not None and lead.who == "GD seems to"


def test_a_should_that_opens_a_condition_recommends_nothing():
    model = read_model(_committed())
    conditional = "The United States is ready to act should the military not change course."
    feats = sentence_features(conditional)
    assert stance_of(feats, model) == "recommends"  # the word alone reads as a recommendation
    assert stance_of(feats, model, False, conditional) == "threatens"
    # the same word as an obligation, or brought forward by a negative, still recommends
    for text in (
        "The United States should act before the military changes course.",
        "Nor should the exiled opposition be left to fend for itself.",
    ):
        assert stance_of(sentence_features(text), model, True, text) == "recommends"


def test_reported_speech_with_an_appositive_a_view_or_a_put_names_the_speaker():
    assert speaker("Sanctions would mean suicide, says Ana Berdze, a member of parliament.") == (
        "Ana Berdze"
    )
    assert speaker("In the Civic Party’s view, the government should hold elections.") == (
        "the Civic Party"
    )
    assert speaker("As Tom Reyes, a lawyer in London, puts it, the rules must change.") == (
        "Tom Reyes"
    )
    assert speaker("In Italy, the government should hold elections.") is None
    # a body's statement or spokesperson speaks for the body
    assert speaker("Sanctions are illegal, the ministry’s spokesman said.") == "the ministry"
    assert speaker("Efforts are needed, the council's statement added.") == "the council"
    # the pipeline looks for such a speaker in a sentence with no reporting verb too
    text = "In the Civic Party’s view, the government should hold elections."
    held = extract_article(text)["sentences"][0]["holder"]
    # as an actor's name, with a capital: the same name as where it opens a sentence
    assert (held["text"], held["kind"]) == ("The Civic Party", "organisation")
    opening = extract_article("The Civic Party called for new elections.")["sentences"][0]
    assert opening["holder"]["text"] == held["text"]


def test_a_speaker_named_by_role_alone_is_the_speaker():
    # no name and no article: a role, a group, or a country's office
    text = "The EU should impose sanctions on Belarus, Lithuania's foreign minister said."
    assert speaker(text) == "Lithuania's foreign minister"
    assert speaker("The Security Council must act, activists said.") == "activists"
    assert speaker("The EU must act, senior European officials said.") == (
        "senior European officials"
    )
    assert speaker("According to diplomats, the EU will weigh new measures.") == "diplomats"
    # words that are not a speaker stay out
    assert speaker("The vote was rigged, but nothing was said.") is None
    assert speaker("According to the plan, the troops leave in May.") is None
    held = extract_article(text)["sentences"][0]["holder"]
    assert (held["text"], held["iso3"]) == ("Lithuania's foreign minister", "LTU")
    # unnamed officials of a step the subject weighs speak for the subject
    weighed = "Washington has not ruled out further sanctions on Minsk, officials said."
    assert extract_article(weighed)["sentences"][0]["holder"]["text"] == "Washington"


def test_a_thing_as_the_subject_holds_no_position():
    # "The answer", "the reality": the article's own voice, with no one named to act
    for text in (
        "The answer is not for the EU to build its own railways.",
        "But the reality is that none of these parties can afford to be hostile.",
    ):
        held, acts = holder_and_acting(text, 0, [], [])
        assert (held["text"], held["kind"], acts) == (None, "author", None), text
    # an actor as the subject still holds it
    held, _ = holder_and_acting("The bloc will weigh new sanctions.", 0, [], [])
    assert held["text"] == "The bloc"


def test_a_sentence_that_opens_with_who_says_it_is_theirs_or_the_actors():
    def held_and_acting(text: str) -> tuple[str | None, str | None]:
        held, acts = holder_and_acting(text, 0, [], [])
        # the pipeline passes the sentence's features, which spare the search without a verb
        assert holder_and_acting(text, 0, [], [], words=sentence_features(text)) == (held, acts)
        return held["text"], (acts or {}).get("text")

    cases = [
        # who says that someone "should" recommends it; the subject of what they say would act
        ("Critics argue that the West should engage with the junta.", "Critics", "The West"),
        ("Ana Berdze has argued that Europe must stop buying potash.", "Ana Berdze", "Europe"),
        (
            "Tom Reyes said as recently as last week that the pipeline should go ahead.",
            "Tom Reyes",
            "The pipeline",
        ),
        ("Tom Reyes told reporters the EU must lift its sanctions.", "Tom Reyes", "The EU"),
        # who says what will be done states it: the position is the speaker's
        ("Ana Berdze told reporters that Europe would not accept it.", "Ana Berdze", "Europe"),
        # one believed to take a step ("will", "may") holds the position
        ("Analysts believe the EU will impose new sanctions.", "The EU", "The EU"),
    ]
    for text, held, acts in cases:
        assert held_and_acting(text) == (held, acts), text
    # the author who argues it is the article's own voice
    held, acts = holder_and_acting("The author argues that the EU should act.", 0, [], [])
    assert (held["kind"], held["text"], acts["text"]) == ("author", None, "The EU")
    # so is "I", and a modal before the verb of saying leaves it a lead ("I would argue")
    for lead in ("I argue", "I would argue", "We must insist"):
        text = f"{lead} that the United States and the EU should sanction the officials."
        held, acts = holder_and_acting(text, 0, [], [])
        assert (held["kind"], acts["text"]) == ("author", "The United States and the EU"), lead
    # "they" in what is said stands for who says it
    assert held_and_acting("Officials in Riga said they might consider further steps.") == (
        "Officials in Riga",
        "Officials in Riga",
    )
    # not a lead: no step ahead in what is said, "it" says it, or who holds a verb
    assert reporting_lead("Critics argue that the vote was rigged.") is None
    assert reporting_lead("It says the EU should act.") is None
    assert reporting_lead("The EU will say that talks should resume.") is None


def test_an_opening_adverb_time_phrase_or_relative_clause_is_not_the_subject():
    assert subject("Consequently, Russia is recalibrating its position.") == "Russia"
    assert subject("A week earlier, the ruling party had asked the court to act.") == (
        "the ruling party"
    )
    # names listed before the verb act together
    assert subject("Italy, France and Germany said they would act.") == "Italy, France and Germany"
    assert subject("After the vote, which surprised many, the party will appeal.") == "the party"
    assert subject("After the vote, whom Mr Reyes condemned, the party will appeal.") == (
        "whom Mr Reyes"
    )  # "whom X ...": X is that clause's subject, and the holder's words still name X
    # a graded "-ly" adverb or a period named by its determiner opens the sentence, not its
    # subject
    assert subject("Most worryingly, he has continued to court China.") == "he"
    assert subject("Early this year, the troika idea was revived.") == "the troika idea"
    assert subject("Late last month, the junta should have freed them.") == "the junta"
    assert subject("Honestly, the EU should tie its budget support to reform.") == "the EU"
    assert subject("The EU cannot force Georgian Dream to change course, and sanctions fail.") == (
        "The EU"
    )
    assert subject("Tonight, for the second year, Hong Kong will not hold its vigil.") == (
        "Hong Kong"
    )


def test_a_verb_whose_past_is_its_present_ends_the_subject_after_a_noun():
    assert subject("Soldiers set fire to 200 homes.") == "Soldiers"
    assert subject("A set of measures will follow.") == "A set of measures"
    # as "soon" and "often" do, and a quotation's opening mark is no word of it
    assert subject("The backers soon hit the streets.") == "The backers"
    assert subject("'As soon as talks start, you can see the change.") == "you"


def test_who_argues_warns_or_owns_the_step_is_the_subject():
    assert subject("Some argue that sanctions only harden Beijing's resolve.") == "Some"
    assert subject("Critics warn that the vote was rigged.") == "Critics"
    # a stance word used as a noun leaves its possessor ("Britain's offer ..."): Britain
    assert subject("Britain's offer of a path to citizenship is a model.") == "Britain"
    assert subject("Probably not soon.") is None  # an adverb alone names no one


def test_advice_with_would_or_incumbent_is_the_author_s():
    held, acts = holder_and_acting(
        "The West would do well to stop distinguishing between the two regimes.", 0, [], []
    )
    assert held["kind"] == "author" and acts["text"] == "The West"
    held = holder("It is incumbent on the United States to grant protected status.", 0, [], [])
    assert held["kind"] == "author"


def test_a_relative_clause_s_verb_is_not_the_modal_of_the_author_s_advice():
    (option,) = extract_article(
        "Governments that have influence over the generals must use it to end the attacks "
        "on civilians in Myanmar.",
        published="2022-03-11",
    )["policy_options"]
    assert option["holder"]["kind"] == "author" and option["acting"]["text"] == "Governments"
    assert option["stance"] == "recommends"


def test_what_we_the_author_will_do_is_a_pledge():
    found = extract_article(
        "We will continue to document violations and will present a full report in June.",
        published="2022-03-11",
    )
    (option,) = found["policy_options"] + found["policy_options_also_possible"]
    assert option["holder"]["kind"] == "author" and option["stance"] == "pledges"


def test_a_sentence_that_presents_what_follows_takes_no_position():
    text = (
        "Belarus marks a year since a rigged election. Here are the steps the EU should take:\n\n"
        "The EU should sanction the officials responsible for the violence."
    )
    found = extract_article(text, published="2021-08-09")
    assert [o["sentence"][:4] for o in found["policy_options"]] == ["The "]
    (folded,) = [o for o in found["policy_options_also_possible"] if o["sentence"][:4] == "Here"]
    assert folded["holder"]["text"] is None


def test_a_question_left_open_is_at_most_also_possible():
    text = (
        "The United States imposed sanctions on Nicaragua on Monday.\n\n"
        "Secretary Blinken did not say whether Washington would target Nicaragua's gold "
        "sector, a major source of export earnings.\n\n"
        "Washington should target Nicaragua's gold sector, a major source of export earnings."
    )
    found = extract_article(text, published="2021-11-15")
    likely = [o["sentence"][:10] for o in found["policy_options"]]
    assert "Washington" in likely and "Secretary " not in likely
    assert leaves_open("It is not clear if Beijing has a red line.")
    assert leaves_open("It is unclear whether the draft agreement sets up an enduring peace.")
    assert not leaves_open("It is clear that Beijing will not back down.")


def test_what_a_step_taken_does_is_at_most_also_possible():
    text = (
        "Treasury sanctions Burmese conglomerates\n\n"
        "As a result of today's action, all property of the designated persons in the "
        "United States must be blocked and reported to OFAC.\n\n"
        "The United States must block all property of the junta's conglomerates."
    )
    found = extract_article(text, published="2021-03-25")
    assert [o["sentence"][:10] for o in found["policy_options"]] == ["The United"]
    folded = [o["sentence"][:10] for o in found["policy_options_also_possible"]]
    assert folded == ["As a resul"]


def test_what_a_law_or_a_ruling_does_is_at_most_also_possible():
    for told in (
        "The law requires media that receive funding from abroad to register as foreign agents.",
        "The conviction bars Khan from running in national elections due by November.",
    ):
        assert states_an_effect(told), told
    # a bill that would do something is still ahead, and a law that someone proposes too
    assert not states_an_effect("The bill would require the president to impose sanctions.")
    assert not states_an_effect("The EU should adopt a law that bans imports from Xinjiang.")


def test_a_cue_word_that_heads_the_subject_names_no_holder():
    # "A promise of aid ... deserves": no one named "A"
    assert (
        subject("A promise of €3bn in support, floated by the Commission, deserves care.") is None
    )
    assert subject("The promise of aid will be kept, the minister said.") is None
    # an imperative item tells the reader to act: no subject ("Support the work" was one)
    assert subject("- Support the work of independent lawyers documenting abuses.") is None
    assert subject("Make any further cooperation conditional on an inquiry;") is None
    assert subject("Support for the opposition has waned.") == "Support for the opposition"
    # a name's abbreviation in brackets keeps its closing bracket
    said = "The Economic Community of West African States (ECOWAS) said it would act."
    assert subject(said) == "The Economic Community of West African States (ECOWAS)"


def test_rejecting_findings_denies_a_claim():
    assert denies_a_claim("The military has rejected our findings.")
    assert denies_a_claim("Minsk dismissed the conclusions of the report.")


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "Between October 2022 and January 2023 the authorities detained 20 activists.",
            "the authorities",
        ),
        ("Last month Marco Rubio, secretary of state, told officials to stop.", "Marco Rubio"),
        ("This week the United States will be hosting a summit.", "the United States"),
        ("In the end the EU agreed to act.", "the EU"),
        # a day counted from another, named by its determiner or its count
        ("The next day he asked the CSTO for help.", "he"),
        ("That night police detained 20 people.", "police"),
        ("Two days later the army said it would act.", "the army"),
        # "the" with a period that is the subject's own word: the subject
        ("The weekend protests must continue, activists said.", "The weekend protests"),
        ("The year ahead will be hard.", "The year ahead"),
        # a span, a year that names what follows, a phrase that ends on no period: not a time
        # phrase before the subject
        ("After years of retreat the MDC's leaders may be tempted to act.", None),
        ("During the 2014 Umbrella Revolution, protesters occupied the centre.", "protesters"),
        ("At the same time, we are supporting the coalition.", "author"),
    ],
)
def test_a_time_phrase_with_no_comma_opens_the_sentence_before_its_subject(sentence, who):
    assert subject(sentence) == who


def test_a_step_named_with_of_is_held_by_whose_it_is():
    assert subject(
        "The decision of the Georgian government to suspend talks runs counter to it."
    ) == ("the Georgian government")
    assert subject("The plan by the EU to impose sanctions is welcome.") == "the EU"


def test_a_personal_pronoun_is_the_whole_subject():
    assert subject('He calls it a "New Kazakhstan".') == "He"
    assert subject("They hiss at the anti-riot forces facing them.") == "They"
    assert subject("He and his allies will resist.") == "He and his allies"


def test_an_adverb_after_the_subject_is_the_verb_s_not_the_subject_s():
    assert subject("Mali previously faced a major rebellion in 2012.") == "Mali"
    assert subject("Peaceful mass marches increasingly descended into clashes.") == (
        "Peaceful mass marches"
    )
    # an initialism keeps its full stop; an adverb inside the noun phrase stays
    assert subject("The U.S. recently gave the Kremlin a gift.") == "The U.S."
    assert subject("The newly elected parliament will vote on Friday.") == (
        "The newly elected parliament"
    )


def test_an_ed_word_after_a_determiner_or_a_linking_verb_is_read_rightly():
    # after "the", "-ed" describes the noun; "remains" and "seems" are the verb, not the subject
    assert subject("The armed forces are traditionally the arbiter of disputes.") == (
        "The armed forces"
    )
    assert subject("The army seized power and will hold elections.") == "The army"
    assert subject("On paper, the government remains committed to joining the EU.") == (
        "the government"
    )
    assert subject("The junta seems ready to negotiate.") == "The junta"


def test_a_name_set_off_after_the_subject_says_who_holds():
    assert subject("One German lawmaker, Norbert Roettgen, told Merkel she should act.") == (
        "One German lawmaker, Norbert Roettgen"
    )
    assert subject("Ahead of the summit, Tom Reyes, the envoy, has been trying to help.") == (
        "Tom Reyes"
    )
    # a list of names is no apposition: the names act together
    assert subject("United States, Great Britain, and France will act.") == (
        "United States, Great Britain, and France"
    )
    text = "One German lawmaker, Norbert Roettgen, called for a halt to the pipeline."
    held = extract_article(text)["sentences"][0]["holder"]
    assert (held["text"], held["kind"], held["iso3"]) == ("Norbert Roettgen", "person", "DEU")


def test_a_closing_attribution_names_the_speaker_with_when_where_or_whom_told():
    step = "Washington should impose sanctions on the generals, "
    for said, who in (
        ("Senator Marco Rubio said on Tuesday.", "Senator Marco Rubio"),
        ("Senator Marco Rubio said in a statement.", "Senator Marco Rubio"),
        ("Senator Marco Rubio told reporters.", "Senator Marco Rubio"),
        ("several senators said.", "several senators"),
        (
            "several members of Congress argued in a letter to the president.",
            ("several members of Congress"),
        ),
        ("diplomats in Brussels said.", "diplomats in Brussels"),
        ("a group of 40 MEPs said in an open letter.", "a group of 40 MEPs"),
    ):
        assert speaker(step + said) == who, said
    # what follows the verb is a clause of its own: the sentence opens with who says it
    assert speaker("In Brussels, officials said on Monday that Minsk must go.") is None
    assert speaker("After the talks, the minister said the EU would act.") is None
    # the pipeline reads the holder from it, also after a verb the cue list leaves out
    text = step + "several members of Congress argued in a letter to the president."
    held = extract_article(text)["sentences"][0]["holder"]
    assert held["text"] == "Several members of Congress"


def test_a_step_said_to_be_needed_with_no_one_named_is_the_authors():
    text = (
        "Efforts are also urgently needed to keep the talks alive. "
        "Peace is not guaranteed and will require significant support. "
        "The government will require new powers to hold the vote."
    )
    extractor = load_extractor()
    efforts, peace, government = (
        (found["holder"], found["acting"])
        for at in (0, text.index("Peace"), text.index("The government"))
        if (found := describe_sentence(text, at, extractor=extractor))
    )
    assert efforts == ({"text": None, "kind": "author", "actor_id": None, "iso3": None}, None)
    assert peace[0]["kind"] == "author" and peace[1] is None
    assert government[0]["kind"] == "government"  # a named subject still holds


def test_they_or_it_holds_as_the_group_that_is_the_subject_before():
    extractor = load_extractor()
    text = (
        "The pro-democracy movement forced the president to quit.\n\n"
        "They wanted the army disbanded and will demand elections."
    )
    found = describe_sentence(text, text.index("They"), extractor=extractor)
    assert found["holder"]["text"] == "The pro-democracy movement"
    assert found["holder"]["kind"] == "movement"
    assert found["acting"]["text"] == "The pro-democracy movement"
    skipped = (
        "Beijing is already paying a price for its crackdown.\n\n"
        "Whether the gamble will pay off is too early to tell.\n\n"
        "Its promise to keep the city’s freedoms will not be kept."
    )
    held = describe_sentence(skipped, skipped.index("Its"), extractor=extractor)["holder"]
    assert held["text"] == "Beijing" and held["iso3"] == "CHN"
    # a person is not a group: "they" stays unresolved
    person = "Tom Reyes spoke on Monday.\n\nThey will demand new elections."
    held = describe_sentence(person, person.index("They"), extractor=extractor)["holder"]
    assert held["kind"] == "unknown"


def test_a_conjunction_or_a_contraction_before_the_subject_is_not_the_subject():
    assert subject("But the EU will impose sanctions.") == "the EU"
    assert subject("But so far, Mr Reyes has refused to resign.") == "Mr Reyes"
    assert subject("These powerful partners can also pressure the junta.") == (
        "These powerful partners"
    )
    assert subject("This week, the EU will meet.") == "the EU"
    assert subject("But they’ve shown no sign of leaving.") == "they"
    assert subject("We’re going to act.") == "author"
    assert subject("Now it’s up to all of us to act.") is None


def test_a_quotation_without_its_speaker_is_held_by_the_speaker_named_around_it():
    extractor = load_extractor()
    text = (
        "Ana Berdze, a member of parliament, spoke in Tbilisi.\n\n"
        "“We need to be pragmatic,” she says. “We must manage our expectations.”"
    )
    held = describe_sentence(text, text.index("“We must"), extractor=extractor)["holder"]
    assert held["text"] == "Ana Berdze" and held["kind"] == "person"
    introduced = (
        "In a message on Monday, the opposition leader Tom Reyes said:\n\n"
        "“We appeal to the army to stand with the people.”"
    )
    held = describe_sentence(introduced, introduced.index("“We"), extractor=extractor)["holder"]
    assert held["text"] == "Tom Reyes" and held["kind"] == "person"
    closed_later = (
        '"The government calls for calm. There are no problems that cannot be solved in '
        'dialogue," the prime minister wrote.'
    )
    held = describe_sentence(closed_later, 0, extractor=extractor)["holder"]
    assert held["text"] == "The prime minister" and held["kind"] == "government"
    alone = "The talks ended.\n\n“We must manage our expectations.”"
    held = describe_sentence(alone, alone.index("“We"), extractor=extractor)["holder"]
    assert held["kind"] == "author"  # no speaker named around it: the sentence's own reading


def test_us_in_capitals_is_the_united_states_not_first_person():
    text = "At a meeting in New Delhi, US officials said Washington would coordinate its response."
    assert subject(text) == "US officials"
    assert subject("Us and our partners will act.") == "author"


def _named(article: str, *names: tuple[str, str | None]) -> Antecedents:
    """Antecedents of an article's person mentions, as the pipeline gives them."""
    named = sorted((article.index(n), n, actor, article.index(n) + len(n)) for n, actor in names)
    return Antecedents(named, [start for start, *_ in named])


def test_he_or_she_holds_as_the_person_named_last_before():
    article = "Vladimir Putin spoke on Tuesday. He promised the perpetrators would be punished."
    sentence = article[article.index("He") :]
    people = _named(article, ("Vladimir Putin", "a-putin"))
    held = holder(sentence, article.index("He"), [], [], antecedents=people)
    assert held == {"text": "Vladimir Putin", "kind": "person", "actor_id": "a-putin", "iso3": None}
    far = "Vladimir Putin spoke." + " " * PRONOUN_REACH + "He promised new elections would follow."
    people = _named(far, ("Vladimir Putin", None))
    alone = holder(far[far.index("He") :], far.index("He"), [], [], antecedents=people)
    assert alone["kind"] != "person"


def test_a_person_named_in_the_holders_words_is_the_holder_by_name():
    text = (
        "Lithuania's president Gitanas Nauseda demanded that the EU close its airspace. "
        "Gitanas Nauseda later vowed to expel Belarusian diplomats."
    )
    holders = [s["holder"] for s in extract_article(text)["sentences"]]
    assert [h["text"] for h in holders] == ["Gitanas Nauseda", "Gitanas Nauseda"]
    assert holders[0]["iso3"] == "LTU"  # the country named with the person is kept


def test_a_two_letter_name_holds_as_the_person_it_names():
    text = "Xi Jinping met Carrie Lam in Beijing.\n\nXi has demanded an end to the violence."
    found = describe_sentence(text, text.index("Xi has"), extractor=load_extractor())
    assert found["holder"]["kind"] == "person"
    [xi] = [p for p in extract_article(text)["people"] if p["name"] == "Xi Jinping"]
    assert [m["text"] for m in xi["mentions"]] == ["Xi Jinping", "Xi"]


def test_the_pipeline_resolves_a_pronoun_holder_in_review():
    text = (
        "Sviatlana Tsikhanouskaya addressed the European Parliament on Monday.\n\n"
        "She urged the EU to impose sanctions on Belarusian officials."
    )
    found = describe_sentence(text, text.index("She urged"), extractor=load_extractor())
    assert found["holder"]["text"] == "Sviatlana Tsikhanouskaya"
    assert found["holder"]["kind"] == "person"


def test_holder_kinds_from_the_holders_words():
    result = extract_article(
        "Lithuania's president demanded new sanctions on Belarus. "
        "The opposition movement vowed to boycott the vote. "
        "The ruling party refused to hold talks with the opposition. "
        "The BNP wants elections to be held quickly."
    )
    kinds = {s["text"].split()[1]: s["holder"] for s in result["sentences"]}
    assert kinds["president"]["kind"] == "government" and kinds["president"]["iso3"] == "LTU"
    assert kinds["opposition"]["kind"] == "movement"
    assert kinds["ruling"]["kind"] == "organisation"
    assert kinds["BNP"]["kind"] == "organisation"  # a body known by its initials
    # a body's name of capitalised words is not a person's
    for body in ("Reporters Without Borders", "Freedom House", "Transparency International"):
        said = extract_article(f"{body} said democracies must not stay silent.")
        held = said["sentences"][0]["holder"]
        assert (held["text"], held["kind"]) == (body, "organisation")
    said = extract_article("Jane Holloway said democracies must not stay silent.")
    assert said["sentences"][0]["holder"]["kind"] == "person"


def test_features_mask_names_and_countries():
    feats = sentence_features("Officials in Kyiv said Maria Petrova should resign.", [(13, 17)])
    assert "w:<country>" in feats and "w:<cap>" in feats
    assert not any("petrova" in f or "kyiv" in f for f in feats)
    assert {"cue:oblige", "cue:report", "cue:oblige+report"} <= feats


def test_headings_are_never_options(tmp_path):
    always = _model_file(tmp_path, {"len:1-4": 9.0, "len:5-9": 9.0}, 0.5, 0.4)
    result = extract_article(
        "Sanctions\n\nThe vote will be held in May.", extractor=load_extractor(option_model=always)
    )
    assert [o["sentence"] for o in result["policy_options"]] == ["The vote will be held in May."]


def test_a_word_with_a_weight_and_a_word_share_counts_both(tmp_path):
    path = _model_file(
        tmp_path, {"w:embargo": 0.5, "cue:oblige": 1.0}, 0.5, 0.4, word_scores={"embargo": 4.0}
    )
    model = read_model(path)
    expected = 1 / (1 + math.exp(-(-3.0 + 0.5 + 1.0 + 4.0)))
    assert model.score({"w:embargo", "cue:oblige", "w:zzz"}) == pytest.approx(expected)


def test_cue_phrases_are_found_only_with_their_words_in_order_and_together():
    def found(text: str) -> set[str]:
        return cues(tokens(text))

    assert "oblige" in found("It is time to act.")  # three words
    assert "oblige" in found("Officials said it is time to act.")  # not at the start
    assert "oblige" not in found("It is a time of change.")
    assert "oblige" not in found("Is it time?")
    assert "oblige" not in found("It is.")  # a phrase cut short at the end
    assert "necessity" in found("The time for talks has come.")  # two words
    assert "necessity" not in found("For the time being.")
    assert "necessity" in found("This is crucial.")  # one word


def test_context_features_add_every_pair_of_a_sentences_own_cues():
    [feats] = with_context([{"w:a", "cue:oblige", "cue:sanctions", "cue:past", "subj:country"}])
    pairs = {f for f in feats if f.startswith("x:")}
    assert pairs == {
        "x:cue:oblige|cue:sanctions", "x:cue:oblige|cue:past", "x:cue:past|cue:sanctions"
    }  # fmt: skip


def test_context_features_carry_the_neighbours_cues_and_are_streamed():
    own = [{"w:a", "cue:oblige"}, {"w:b", "subj:country"}, {"w:c", "shape:question"}]
    taken: list[int] = []

    def sentences():
        for n, feats in enumerate(own):
            taken.append(n)
            yield feats

    streamed = with_context(sentences())
    first = next(streamed)
    assert first == {"w:a", "cue:oblige", "next:subj:country"}
    assert taken == [0, 1]  # one sentence of lookahead, not the whole text
    assert next(streamed) == {
        "w:b", "subj:country", "prev:cue:oblige", "next:shape:question"
    }  # fmt: skip
    assert list(streamed) == [{"w:c", "shape:question", "prev:subj:country"}]


# one sentence for each kind of feature a neighbour sees: cues and their pairs, stance with an
# instrument, past and progressive verbs, quotes, questions, headings, list items after a colon
CONTEXT_SENTENCES = [
    ("Key demands:", None),
    ("Release all political prisoners", "Key demands:"),
    ("Withdraw the bill", "Release all political prisoners"),
    ("Should the EU impose new sanctions on Belarus?", "Withdraw the bill"),
    ("“We will not negotiate,” the minister said, warning of consequences.", "x."),
    ("Washington is considering cutting aid, officials reported.", "x."),
    ("They were debating whether talks could resume if the army withdrew.", "x."),
    ("We must fund independent media before it is too late.", None),
]


@pytest.mark.parametrize(("text", "previous"), CONTEXT_SENTENCES)
def test_the_features_a_neighbour_sees_are_made_apart_and_complete(text, previous):
    feats, context = sentence_features_and_context(text, previous=previous)
    assert context == {f for f in feats if f.startswith(CONTEXT_PREFIXES)}


def test_context_from_given_neighbour_features_is_the_context_from_the_sets():
    made = [sentence_features_and_context(t, previous=p) for t, p in CONTEXT_SENTENCES]
    expected = list(with_context([set(f) for f, _ in made]))
    assert list(with_given_context(made)) == expected
    assert any(f.startswith(("prev:", "next:", "x:")) for f in expected[3])


def test_the_model_weighs_a_context_as_the_features_it_would_name():
    model = read_model(_committed())
    made = [sentence_features_and_context(t, previous=p) for t, p in CONTEXT_SENTENCES]
    named = list(with_given_context((set(f), c) for f, c in made))
    weighed = list(in_context((set(f), c) for f, c in made))
    assert [own | set(context.features()) for own, context in weighed] == named
    for (own, context), full in zip(weighed, named, strict=True):
        assert model.score(own, context) == pytest.approx(model.score(full), abs=1e-12)
        assert model.stance(own, context) == model.stance(full)
    # the context weighs: without it most of these sentences score otherwise
    moved = [model.score(own, context) != model.score(own) for own, context in weighed]
    assert sum(moved) >= len(moved) - 1


def test_the_target_is_the_articles_country_unless_another_is_named_alone():
    # the article's main country when the sentence names it, whatever comes first
    assert target_of(["LAO", "MMR"], None, "MMR") == "MMR"
    # a sentence naming only the actor's own country is about the article's country
    assert target_of(["USA"], "USA", "BLR") == "BLR"
    assert target_of([], None, "BLR") == "BLR"
    # another country named on its own is the target
    assert target_of(["USA", "RUS"], "USA", "BLR") == "RUS"
    # the main country acting on itself is not its own target
    assert target_of(["BLR", "RUS"], "BLR", "BLR") == "RUS"
    assert target_of(["BLR"], "BLR", "BLR") == "BLR"
    assert target_of([], None, None) is None
    # every country named among those who act is not the target ("Germany and France")
    assert target_of(["DEU", "FRA", "RUS"], "DEU", "BLR", {"DEU", "FRA"}) == "RUS"
    assert target_of(["DEU", "FRA", "RUS"], "DEU", "BLR") == "FRA"


def test_countries_that_act_together_are_not_the_target():
    text = (
        "Talks in Minsk collapsed. Protests in Minsk went on.\n\n"
        "Germany and France urged Russia to press for the release of the prisoners."
    )
    found = extract_article(text)
    assert found["sentences"][-1]["holder"]["text"] == "Germany and France"
    assert [o["target"] for o in found["policy_options"]] == ["RUS"]


def test_an_option_naming_only_its_actors_country_targets_the_articles_country():
    text = (
        "Belarus forced a plane to land in Minsk. Belarus arrested a journalist on board.\n\n"
        "Washington should coordinate any response with its allies, the author argues."
    )
    (option,) = options(text)
    assert option["countries"] == ["USA"]
    assert option["target"] == "BLR"


def test_denying_a_claim_is_never_a_likely_option():
    text = "Carrie Lam rejected suggestions that the government was targeting the press."
    result = extract_article(text, published="2021-06-24")
    assert result["policy_options"] == []
    refused = "Chief Executive Carrie Lam rejected calls for an independent inquiry."
    assert extract_article(refused, published="2021-06-24")["policy_options"]


def test_what_the_author_says_someone_should_do_is_the_authors_recommendation():
    text = "Member states should refuse to extradite Kazakh activists who have fled abroad."
    option = extract_article(text, published="2022-03-15")["sentences"][0]
    assert (option["holder"]["kind"], option["stance"]) == ("author", "recommends")


def test_who_imposed_a_step_named_after_by_is_not_its_target():
    text = (
        "China's foreign ministry condemned sanctions imposed by the European Union, Britain, "
        "Canada and the United States, and said Beijing would take further reactions."
    )
    (option,) = extract_article(text, published="2021-03-23")["policy_options"]
    assert option["target"] == "CHN"


def test_names_listed_before_the_verb_act_together_and_none_is_the_target():
    text = (
        "Myanmar junta extends emergency rule\n\n"
        "The United States, Britain, Canada and Australia announced new sanctions on Tuesday, "
        "and Washington said further measures against the junta were being prepared."
    )
    result = extract_article(
        text, title="Myanmar junta extends emergency rule", published="2023-02-01"
    )
    sentence = result["sentences"][-1]
    assert subject(sentence["text"]) == "The United States, Britain, Canada and Australia"
    assert subject("In Minsk, Grodno and Brest crowds gathered.") != "In Minsk, Grodno and Brest"
    options = [o for o in result["policy_options"] + result["policy_options_also_possible"]]
    assert [o["target"] for o in options] == ["MMR"]


def test_let_us_is_the_author():
    assert subject("Let us be clear: none of this will bring down the regime.") == "author"
    assert subject("Let's not pretend that sanctions alone will work.") == "author"


def test_who_acts_beside_the_actor_is_not_the_target():
    title = "Georgia: what Brussels can still do"
    text = (
        f"{title}\n\nMember states should coordinate sanctions with Britain and the United "
        "States against the officials responsible."
    )
    (option,) = extract_article(text, title=title, published="2024-12-05")["policy_options"]
    assert option["target"] == "GEO"
    together = (
        "The EU, together with the United States, should freeze the assets of Belarusian officials."
    )
    (option,) = extract_article(together, published="2024-12-05")["policy_options"]
    assert option["target"] == "BLR"
    # the partners named after "allies and partners, including"
    partners = (
        "Myanmar's junta\n\nWe will continue to look at all the tools available to us against "
        "the junta, and we will coordinate closely with our allies and partners, including "
        "Japan, India and the member states of ASEAN."
    )
    (option,) = extract_article(partners, published="2021-03-09")["policy_options"]
    assert option["target"] == "MMR"


def test_whose_step_it_is_holds_it():
    assert subject("Beijing's move to impose the law drew condemnation.") == "Beijing"
    text = "The government's decision of 28 November to suspend talks set off protests."
    assert subject(text) == "The government"
    # a person's title or a body's statement is not a step
    assert subject("Russia's foreign minister said talks would resume.") == (
        "Russia's foreign minister"
    )
