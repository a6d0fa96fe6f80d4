"""``fieldbook --demo``: a station team's year recorded and synced through a real local server, reviewed,
with conflicts waiting, opened as the specialist or the manager, and all of it removed at the end."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt

from desktop.domain.records import Visit
from desktop.demo.world import COUNTY, MANAGER, SPECIALIST, STATION, TEAM, build_demo
from desktop.services.indicators import IndicatorService
from desktop.services.store_check import StoreCheckService
from desktop.ui.shell.context import AppContext
from desktop.demo.launch import DemoChooser, demo_settings
from desktop.ui.shell.main_window import MainWindow
from sync.indicators import Area
from sync.domain.vocabulary import Role

TODAY = dt.date(2026, 6, 15)
SPECIALISTS = [m for m in TEAM if m.role is Role.SPECIALIST]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    steps = []
    built = build_demo(tmp_path_factory.mktemp("demo") / "world", today=TODAY,
                       progress=lambda step, done, total: steps.append((step, done, total)))
    built.steps = steps
    yield built
    built.close()


def queue_states(laptop) -> Counter:
    return Counter(item.review_state for item in laptop.review().queue(None))


def test_the_build_reports_each_step_and_every_laptop_store_is_sound(world):
    assert [done for _step, done, _total in world.steps] == [0, 1, 2, 3, 4, 5]
    for laptop in world.laptops.values():
        report = StoreCheckService(laptop.profile.store).check()
        assert report.ok, report.problems


def test_the_manager_holds_every_synced_record_of_the_team(world):
    manager = world.laptop(Role.STATION_MANAGER)
    report = StoreCheckService(manager.profile.store).check()
    assert report.visits == sum(m.visits for m in SPECIALISTS)  # the specialist's last draft is not synced
    assert report.trainings == sum(m.trainings for m in SPECIALISTS)
    assert report.households == sum(m.households for m in SPECIALISTS)
    assert manager.identity.role is Role.STATION_MANAGER and manager.identity.station_code == STATION


def test_the_year_has_approved_returned_and_waiting_records(world):
    states = queue_states(world.laptop(Role.STATION_MANAGER))
    assert states["approved"] > 200 and states["returned"] > 0 and states["submitted"] > 0
    mine = world.laptop(Role.SPECIALIST).review().queue("returned")
    assert mine and all(item.last_comment for item in mine)  # returned with the manager's comment
    assert {item.author_name for item in mine} == {SPECIALIST.display_name}


def test_two_same_field_edits_wait_as_conflicts_and_one_change_waits_to_sync(world):
    overview = world.laptop(Role.SPECIALIST).sync.overview()
    assert sorted(c.field for c in overview.open_conflicts) == ["advice", "phone"]
    assert overview.pending_changes >= 1
    assert len(world.laptop(Role.STATION_MANAGER).sync.overview().open_conflicts) == 2


def test_a_specialist_is_flagged_under_sixty_on_site_days(world):
    year = IndicatorService(world.laptop(Role.STATION_MANAGER).profile.store).year(
        TODAY.year, Area("150422", STATION), with_coverage=False)
    names = {m.username: m for m in TEAM}
    below = {s.author_id for s in year.specialists_below_target}
    lizhiqiang = world.laptops["lizhiqiang"].identity.user_id
    assert lizhiqiang in below and len(year.specialists) == len(SPECIALISTS)
    assert names["lizhiqiang"].visits < 60


def test_the_window_opens_on_the_demo_and_syncs_the_waiting_change(qtbot, world, runner, settle, language):
    laptop = world.laptop(Role.SPECIALIST)
    ctx = AppContext.create(laptop.profile, laptop.identity, runner, demo_settings(world, "zh_CN"))
    ctx.sync, ctx.demo = laptop.sync, True
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle()
    assert "演示" in window.windowTitle()
    assert window.visits_page.model.total == SPECIALIST.visits + 1
    manager = world.laptop(Role.STATION_MANAGER)
    before = set(_visit_ids(manager))
    waiting = [i for i in _visit_ids(laptop) if laptop.records(TODAY).get(Visit, i).problem == "母牛产后食欲下降"]
    report, _changes = ctx.sync.sync_now()
    assert report.finished and report.error is None and report.still_pending == 0
    manager.sync_ok()
    arrived = [manager.records(TODAY).get(Visit, i) for i in waiting]
    assert [(v.problem, v.review_state) for v in arrived] == [("母牛产后食欲下降", "draft")]
    assert set(_visit_ids(manager)) == before  # a member's draft is theirs until submitted: not listed


def test_the_specialists_map_shows_the_demo_year_at_its_gps_positions_with_no_label_overlapping(
        qtbot, world, runner, settle, language):
    from desktop.ui.map.visit_map_dialog import VisitMapDialog

    laptop = world.laptop(Role.SPECIALIST)
    onsite = [v for v in (laptop.records(TODAY).get(Visit, i) for i in laptop.visits) if v.mode == "onsite"]
    with_gps = [v for v in onsite if v.latitude is not None]
    assert len(with_gps) >= 0.7 * len(onsite) and len(with_gps) < len(onsite)  # a few phones had GPS off
    ctx = AppContext.create(laptop.profile, laptop.identity, runner, demo_settings(world, "zh_CN"))
    dialog = VisitMapDialog(ctx, county_code=COUNTY)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()
    settle()
    m = dialog.county_map
    assert m is not None and sum(v.own_position for v in m.visits) == len(with_gps)
    assert {v.code for v in m.villages if v.placed} == {v.village_code for v in with_gps}
    labels = dialog.canvas.placed_labels()
    assert any(label.township for label in labels) and any(not label.township for label in labels)
    for a, b in itertools.combinations(labels, 2):
        assert not a.rect.intersects(b.rect), (a.text, b.text)
    dialog.close()


def _visit_ids(laptop) -> list[str]:
    return [row.id for row in laptop.records(TODAY).list_visits(_everything(), limit=1000)]


def _everything():
    from desktop.domain.filters import RecordFilter

    return RecordFilter()


def test_closing_stops_the_server_and_removes_every_file(tmp_path):
    world = build_demo(tmp_path / "short-lived", today=TODAY)
    url = world.url
    assert requests.get(url + "/api/v1/health", timeout=5).status_code == 200
    world.close()
    assert not (tmp_path / "short-lived").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/api/v1/health", timeout=2)


def test_the_chooser_answers_with_the_role_picked(qtbot, language):
    chooser = DemoChooser()
    qtbot.addWidget(chooser)
    chooser.show()
    assert MANAGER.display_name in chooser.as_manager.text()
    qtbot.mouseClick(chooser.as_manager, Qt.MouseButton.LeftButton)
    assert chooser.result() == DemoChooser.DialogCode.Accepted and chooser.role is Role.STATION_MANAGER


def test_fieldbook_demo_self_test_runs_headless_and_leaves_nothing_behind(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--demo", "--demo-as", "manager", "--self-test"],
                            capture_output=True, text=True, timeout=300, env=env, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test ok (demo as station_manager" in result.stdout
    assert not list(tmp_path.glob("fieldbook-demo-*"))
