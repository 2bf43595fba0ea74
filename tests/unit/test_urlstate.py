"""URL state: parsing good and bad values, encoding back, one message for what is dropped."""

from datetime import date

from democdash.ui.urlstate import Param, encode, parse, parse_date

SPEC = [
    Param("country", "countries", "country"),
    Param("type", "list", "event type", allowed=lambda: {"coup", "protest"}),
    Param("from", "date", "start date"),
    Param("q", "text", "search"),
    Param("color", "choice", "colouring", allowed=lambda: {"role", "events"}, default="role"),
]


def test_lists_are_comma_separated_and_codes_normalised():
    parsed = parse({"country": "blr, RUS,BLR", "type": "coup,protest"}, SPEC)
    assert parsed.values["country"] == ["BLR", "RUS"]
    assert parsed.values["type"] == ["coup", "protest"]
    assert parsed.problems == []


def test_bad_values_are_dropped_with_one_message():
    parsed = parse({"country": "BLR,XXZ", "type": "coup,riot", "from": "2020-13"}, SPEC)
    assert parsed.values["country"] == ["BLR"]
    assert parsed.values["type"] == ["coup"]
    assert parsed.values["from"] is None
    assert parsed.message() == (
        "Ignored in the link: unknown country code 'XXZ' in 'country'; unknown event type "
        "'riot' in 'type'; from='2020-13' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)."
    )


def test_defaults_apply_when_absent_and_unknown_choice_falls_back():
    assert parse({}, SPEC).values == {
        "country": [],
        "type": [],
        "from": None,
        "q": None,
        "color": "role",
    }
    parsed = parse({"color": "rainbow"}, SPEC)
    assert parsed.values["color"] == "role"
    assert "unknown colouring 'rainbow'" in parsed.message()


def test_dates_at_each_precision():
    assert parse_date("2020") == date(2020, 1, 1)
    assert parse_date("2020-08") == date(2020, 8, 1)
    assert parse_date("2020-08-09") == date(2020, 8, 9)
    assert parse_date("2021-02-30") is None
    assert parse_date("Aug 2020") is None


def test_hostile_text_is_cut_not_crashing():
    parsed = parse({"q": "<script>" + "x" * 500}, SPEC)
    assert len(parsed.values["q"]) == 200
    assert parsed.problems == ["'q' was cut to 200 characters"]


def test_encode_round_trips_and_leaves_defaults_out():
    values = {"country": ["BLR", "RUS"], "type": [], "from": date(2020, 8, 1), "color": "role"}
    assert encode(values, SPEC) == {"country": "BLR,RUS", "from": "2020-08-01"}
    assert parse(encode(values, SPEC), SPEC).values["country"] == ["BLR", "RUS"]
