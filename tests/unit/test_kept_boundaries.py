"""The app's registry keeps boundaries by file version, without a Streamlit cache's hashing."""

from democdash.ui import data


def test_boundaries_are_made_once_per_key_and_the_oldest_dropped_past_the_limit():
    registry = data._Registry()
    made: list[tuple] = []

    def get(key: tuple):
        return registry.kept_boundaries(key, lambda: made.append(key) or f"value {key}")

    first = ("data", "world.geojson", (1, 100, 7))
    assert get(first) == get(first) == f"value {first}"
    assert made == [first]  # made once, then kept

    changed = ("data", "world.geojson", (2, 120, 7))  # a new version of the file
    assert get(changed) == f"value {changed}"
    assert made == [first, changed]

    for i in range(data.BOUNDARIES_KEPT):
        get(("data", "compact", (i,)))
    assert first not in registry.boundaries  # the oldest went first
    assert len(registry.boundaries) == data.BOUNDARIES_KEPT
    get(first)
    assert made.count(first) == 2  # dropped, so made again
