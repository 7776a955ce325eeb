"""At start the app merges the conflict copies a sync tool left of month files, in a worker,
and says once where a routine, the settings or the support plan has a conflict copy."""

from __future__ import annotations

from pathlib import Path

from tests.store.test_sync_folder import SYNCTHING_COPY, month_file, mood
from tests.tui.harness import make_app, settle
from tests.tui.test_data_notices import messages


async def test_the_app_merges_month_copies_and_names_config_copies_once(
        tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    data, config = tmp_path / "data", coach_dirs["config"]
    month_file(data / SYNCTHING_COPY, [mood("b" * 32, 7, device="ab23cd45")])
    config.mkdir()
    (config / "settings.sync-conflict-20261207-120000-ABCDEFG.yaml").write_text("")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = messages(app)
        assert said.count(f"Merged 1 record from the conflict copy {SYNCTHING_COPY}; the "
                          "copy is now in conflicts-merged/") == 1
        assert said.count(
            f"settings.sync-conflict-20261207-120000-ABCDEFG.yaml in {config} is a copy a sync "
            "tool made of settings.yaml, when it was changed on two devices. coach reads only "
            "settings.yaml: compare the two, keep what you want in it, and delete the "
            "copy.") == 1
    assert (data / "conflicts-merged" / SYNCTHING_COPY).exists()
    assert [r["uid"] for r in app.store.well_formed()] == ["b" * 32]
