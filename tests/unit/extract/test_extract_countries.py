"""Country rules: names, aliases, demonyms, capitals as state vs place, territories, blocs."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article
from democdash.extract.countries import find_mentions


def codes(text: str) -> set[str]:
    return {m.iso3 for m in find_mentions(text) if m.iso3}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resumed between Ecuador and Peru.", {"ECU", "PER"}),  # pycountry names
        ("The Republic of Moldova voted.", {"MDA"}),  # official name
        ("Sanctions on Burma were eased.", {"MMR"}),  # alias
        ("The U.S. and the UK issued a joint note.", {"USA", "GBR"}),
        ("Britain's envoy met America's ambassador.", {"GBR", "USA"}),
        ("A Belarusian court jailed two Kyrgyz activists.", {"BLR", "KGZ"}),  # demonyms
        ("Malian and Nigerien troops patrolled together.", {"MLI", "NER"}),
        ("Sino-Indian relations cooled.", {"CHN", "IND"}),  # prefix form
        ("Anglo-French talks began; Anglo-Saxon law did not.", {"GBR", "FRA"}),
        ("Hong Kong and Macau reopened their borders.", {"HKG", "MAC"}),  # territories
        ("Shelling continued in Donetsk and Crimea.", {"UKR"}),
        ("Reports from Xinjiang and Tibet were censored.", {"CHN"}),
        ("Voters in Taiwan went to the polls.", {"TWN"}),
        ("Officials in the mainland objected.", {"CHN"}),
    ],
)
def test_names_aliases_demonyms_territories(text, expected):
    assert codes(text) == expected


def test_possessive_is_part_of_the_mention():
    mention = find_mentions("Zambia's debt grew.")[0]
    assert (mention.iso3, mention.text) == ("ZMB", "Zambia's")
    curly = find_mentions("Lithuania’s border guards waited.")[0]
    assert curly.text == "Lithuania’s"


def test_longest_match_wins():
    assert codes("South Sudan's army moved north.") == {"SSD"}
    assert codes("Niger and Nigeria share a border.") == {"NER", "NGA"}
    assert codes("Papua New Guinea held a vote.") == {"PNG"}


def test_blocs_are_recognised_and_kept_apart():
    text = "The EU, NATO, the UN and the West watched Central Asia and the Soviet Union."
    mentions = find_mentions(text)
    assert {m.kind for m in mentions} == {"bloc"}
    assert codes(text) == set()
    assert codes("Latin America and Europe") == set()


def test_ethnic_groups_are_not_countries():
    assert codes("Kurds and Uyghurs protested.") == set()


def test_case_rules():
    assert codes("Let us meet.") == set()  # "us" is not the US
    assert codes("The US will respond.") == {"USA"}
    assert codes("She bought fine china and a turkey.") == set()


def test_capital_standing_for_the_state_counts():
    assert codes("Moscow said it would respond.") == {"RUS"}
    assert codes("Beijing's policy has hardened.") == {"CHN"}
    assert codes("The Kremlin denied it; the White House disagreed.") == {"RUS", "USA"}
    assert codes("Ties to Paris and Berlin matter.") == {"FRA", "DEU"}
    # "Delhi" for India's government, as South Asian outlets write it; as a place it is not
    assert codes("Dhaka and Delhi signed a deal.") == {"BGD", "IND"}
    assert codes("Protests in Delhi grew.") == set()
    # seats of power and parliaments, as the Duma and the Knesset already were
    assert codes("Whitehall and the Quai d'Orsay disagreed.") == {"GBR", "FRA"}
    assert codes("The Bundestag, the Sejm and the Saeima voted.") == {"DEU", "POL", "LVA"}
    assert codes("Tourists filled Westminster Abbey.") == set()
    # a list of capitals is no "City, Country" ("Minsk, Belarus")
    assert codes("Vilnius, Warsaw and Riga condemned Minsk.") == {"LTU", "POL", "LVA", "BLR"}


def test_capital_used_as_a_place_does_not_count():
    assert codes("He was held in a jail on Minsk's Okrestina Street.") == set()
    assert codes("Crowds gathered in Nairobi on Sunday.") == set()
    assert codes("The mutiny began outside Bamako.") == set()
    assert codes("A camp in Kati, Mali, was seized.") == {"MLI"}


def test_a_capital_that_dates_a_text_on_its_own_line_is_a_place():
    # a dateline with a date after the comma: where the text was written
    assert codes("Interview\nVilnius, 2 October 2020\n\nShe left Belarus.") == {"BLR"}
    assert codes("Statement\nLondon, May 5\n\nWe met today.") == set()
    # a release's dateline in brackets ("(Berlin) –"), as Human Rights Watch writes it
    assert codes("Kazakhstan: Investigate\n\n(Berlin) – Kazakh authorities should act.") == {"KAZ"}
    assert codes("Talks (Berlin) – a venue") == {"DEU"}
    # a line that opens with capitals listed, acting, still counts them
    assert codes("Note\nVilnius, Riga and Tallinn condemned the vote.") == {"LTU", "LVA", "EST"}


def test_person_names_do_not_count_as_countries():
    assert codes("The striker Michael Jordan retired.") == set()
    assert codes("Chad Wolf spoke to reporters.") == set()
    assert codes("Refugees crossed into Jordan.") == {"JOR"}


def test_ignore_phrases_shadow_country_names():
    assert codes("The Washington Post reported it.") == set()
    assert codes("Voters in New Mexico cast ballots.") == set()


def test_countries_contract_groups_mentions():
    result = extract_article("Ghana's leader met Ghanaian students. Ghana wins.")
    (ghana,) = result["countries"]
    assert ghana["iso3"] == "GHA" and ghana["name"] == "Ghana"
    assert [m["text"] for m in ghana["mentions"]] == ["Ghana's", "Ghanaian", "Ghana"]
    text = "Ghana's leader met Ghanaian students. Ghana wins."
    for m in ghana["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


def test_gazetteer_csv_extends_pycountry(tmp_path, monkeypatch):
    (tmp_path / "gazetteer.csv").write_text(
        "iso3,kind,pattern,case_sensitive,note\nFRA,alias,Hexagone,1,\n", encoding="utf-8"
    )
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path))
    assert codes("The Hexagone and Spain.") == {"FRA", "ESP"}


def test_all_capitals_headings_match_longer_names():
    assert codes("ONE YEAR ON IN RUSSIA AND UKRAINE") == {"RUS", "UKR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another city's or another country's "White House": not the United States
        ("Crowds stormed the White House in Bishkek after the vote.", set()),
        ("Russia's White House, the seat of its government, signed it.", {"RUS"}),
        ("The Russian White House said nothing.", {"RUS"}),
        # the usual one, wherever or whenever it is placed
        ("Officials at the White House in Washington said so.", {"USA"}),
        ("The White House in January said so.", {"USA"}),
        ("Biden's White House said so.", {"USA"}),
    ],
)
def test_a_seat_of_government_placed_elsewhere_is_not_its_usual_state(text, expected):
    assert codes(text) == expected


def test_the_hksar_is_hong_kong():
    assert codes("The HKSAR Government strongly disapproved of the remarks.") == {"HKG"}
