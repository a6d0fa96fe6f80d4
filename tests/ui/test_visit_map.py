"""The county map: villages placed from visits' GPS, the visits drawn on them, offline, and the
villages that cannot be placed listed beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from desktop.domain.visit_map import CountyMap, MapVisit, Place
from desktop.ui.map.map_canvas import _AT_VILLAGE, _OWN, MapCanvas
from desktop.ui.map.visit_map_dialog import VisitMapDialog

from .conftest import VILLAGE

#: Another village of 林东镇, 巴林左旗.
OTHER_VILLAGE = "150422100201"


def _with_gps(ctx, visit, latitude, longitude, village=None):
    changed = dataclasses.replace(visit, latitude=latitude, longitude=longitude,
                                  village_code=village or visit.village_code)
    saved, _ = ctx.records.save(changed, base=visit)
    return saved


def _pixel(image: QImage, point) -> QColor:
    return image.pixelColor(int(point.x()), int(point.y()))


def test_the_map_draws_visits_at_their_gps_and_at_their_village_and_lists_unplaced_villages(
        qtbot, window, ctx, settle, add_household, add_visit):
    household = add_household()
    _with_gps(ctx, add_visit((household.id,)), 43.98, 119.39)
    _with_gps(ctx, add_visit((household.id,)), 43.99, 119.41)
    add_visit((household.id,))  # no GPS: drawn at its village, placed by the two above
    other = add_visit((household.id,))
    _with_gps(ctx, other, None, None, village=OTHER_VILLAGE)  # a village nobody recorded a position in
    window.show_page("visits")
    qtbot.mouseClick(window.visits_page.map_button, Qt.MouseButton.LeftButton)
    dialog = window.visits_page.findChildren(VisitMapDialog)[-1]
    settle()
    m = dialog.county_map
    assert m is not None and m.county_name == "巴林左旗"
    assert len(m.visits) == 3 and m.unplaced_visits == 1
    village = next(v for v in m.villages if v.code == VILLAGE)
    assert (round(village.latitude, 3), round(village.longitude, 3), village.visits) == (43.985, 119.4, 3)
    assert next(t for t in m.townships if t.code == VILLAGE[:9]).placed
    assert [dialog.unplaced.item(r).text() for r in range(dialog.unplaced.count())] == [
        f"林东镇 / {next(v.name for v in m.villages if v.code == OTHER_VILLAGE)}：1 次服务"]
    assert dialog.summary.text().startswith("巴林左旗：已绘出 3 次服务。")
    dialog.resize(1000, 640)
    image = dialog.canvas.grab().toImage()
    own = [v for v in m.visits if v.own_position]
    at_village = [v for v in m.visits if not v.own_position]
    assert len(own) == 2 and len(at_village) == 1
    for visit in own:
        assert _pixel(image, dialog.canvas.to_screen(visit.latitude, visit.longitude)) == _OWN
    assert _pixel(image, dialog.canvas.to_screen(at_village[0].latitude, at_village[0].longitude)) == _AT_VILLAGE
    dialog.close()


def test_a_county_without_any_position_says_how_to_get_one(qtbot, window, ctx, settle, add_household, add_visit):
    add_visit((add_household().id,))
    dialog = window.visits_page.open_map()
    settle()
    assert dialog.county_map is not None and dialog.county_map.bounds() is None
    assert dialog.county_map.unplaced_visits == 1
    assert dialog.unplaced.count() == 1
    dialog.close()


def _crowded_county(villages: int, spread: float) -> CountyMap:
    """``villages`` villages of three townships packed within ``spread`` degrees, each visited."""
    places = [Place(f"150422{100 + n % 3:03d}{200 + n:03d}", f"测试{n}号村委会", 43.9 + spread * ((n * 7) % 11) / 11,
                    119.3 + spread * ((n * 5) % 13) / 13, visits=n % 4 + 1) for n in range(villages)]
    townships = tuple(Place(f"150422{100 + t:03d}", f"第{t}镇", 43.9 + spread * t / 3, 119.3 + spread / 2)
                      for t in range(3))
    visits = tuple(MapVisit(f"v{n}", dt.date(2026, 5, 1), p.latitude, p.longitude, True) for n, p in enumerate(places))
    return CountyMap("150422", "巴林左旗", townships, tuple(places), visits)


@pytest.mark.parametrize("villages, spread", [(60, 0.05), (25, 0.4), (8, 1.0)])
def test_map_labels_never_overlap_each_other_a_village_marker_or_the_edge(qtbot, villages, spread):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(760, 520)
    canvas.set_map(_crowded_county(villages, spread))
    labels = canvas.placed_labels()
    assert labels, "some names are drawn"
    for a, b in itertools.combinations(labels, 2):
        assert not a.rect.intersects(b.rect), (a.text, b.text)
    markers = [canvas.to_screen(v.latitude, v.longitude) for v in canvas.county_map.villages]
    for label in labels:
        assert canvas.rect().contains(label.rect.toAlignedRect())
        assert not any(label.rect.contains(p) for p in markers), label.text
    assert sum(label.township for label in labels) == 3  # townships are named first, so always


def test_a_sparse_map_names_every_village_with_its_visit_count(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 620)
    canvas.set_map(_crowded_county(8, 1.0))
    names = {label.text for label in canvas.placed_labels() if not label.township}
    assert names == {f"测试{n}号村委会 ({n % 4 + 1})" for n in range(8)}
    canvas.grab()  # paints without error



def test_with_every_visited_village_placed_the_map_takes_the_whole_width(qtbot, window, ctx, settle, add_household,
                                                                          add_visit):
    _with_gps(ctx, add_visit((add_household().id,)), 43.98, 119.39)
    dialog = window.visits_page.open_map()
    settle()
    dialog.resize(1000, 640)
    settle()
    assert not dialog.side.isVisible() and dialog.canvas.width() > 900
    dialog.close()
