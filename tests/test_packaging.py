"""An installed copy works outside the source tree: the wheel carries the data and migrations."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_bundles_data_and_migrations(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("democdash-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in (REPO / "data").rglob("*"):
        if data_file.is_file():
            relative = data_file.relative_to(REPO / "data").as_posix()
            assert f"democdash/_bundled_data/{relative}" in names
    for migration in (REPO / "democdash/store/migrations/versions").glob("*.py"):
        assert f"democdash/store/migrations/versions/{migration.name}" in names
    assert "democdash/store/migrations/env.py" in names
    assert "democdash/ui/assets/icon.png" in names
