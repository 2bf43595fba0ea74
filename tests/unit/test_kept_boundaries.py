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


def test_the_apps_boundary_files_are_read_once_into_the_registry(monkeypatch):
    reads: list[str] = []
    real = data._read_boundary_file

    def counted(data_dir: str, name: str):
        reads.append(name)
        return real(data_dir, name)

    monkeypatch.setattr(data, "_read_boundary_file", counted)
    registry = data._Registry()
    monkeypatch.setattr(data, "_run_registry", lambda: registry)
    first = data.boundary_file("world.geojson")
    assert data.boundary_file("world.geojson") is first
    assert reads == ["world.geojson"]
    assert [key[1] for key in registry.boundaries] == ["world.geojson"]
    assert data.boundaries("compact") is data.boundaries("compact")
    assert [key[1] for key in registry.boundaries] == ["world.geojson", "compact"]
