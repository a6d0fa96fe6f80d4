"""The county map window: the map, and the townships and villages it cannot place yet."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.domain.visit_map import CountyMap
from desktop.services.visit_map import VisitMapService
from desktop.ui.map.map_canvas import MapCanvas
from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.screen_fit import fit_to_screen


class VisitMapDialog(QDialog):
    """The visits of the user's home county on its townships and villages, drawn offline. Divisions
    carry no coordinates, so a village is placed where visits there recorded GPS; the others are listed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, county_code: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.county_code = county_code or ctx.identity.home_county_code or ""
        self.setWindowTitle(self.tr("Map of visits"))
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.canvas = MapCanvas(self)
        self.unplaced = QListWidget(self)
        self.unplaced.setObjectName("unplaced_villages")
        self.unplaced_title = QLabel(self.tr("Villages with visits but no position yet"), self)
        self.side = QWidget(self)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.unplaced_title)
        side.addWidget(self.unplaced, 1)
        body = QHBoxLayout()
        body.addWidget(self.canvas, 3)
        body.addWidget(self.side, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        fit_to_screen(self, 1100, 700)
        self.county_map: CountyMap | None = None
        service = VisitMapService(ctx.profile.store, ctx.identity)
        if self.county_code:
            ctx.runner.run(lambda: service.county_map(self.county_code), on_success=self._show,
                           label="county map", owner=self)
        else:
            self.summary.setText(self.tr("Choose your home county in the settings to see its map."))

    def _show(self, county_map: CountyMap) -> None:
        self.county_map = county_map
        self.canvas.set_map(county_map)
        placed = sum(v.placed for v in county_map.villages)
        drawn = self.tr("%1: %n visit(s) drawn.", "", len(county_map.visits)).replace("%1", county_map.county_name)
        placed_text = (self.tr("%1 of %2 villages and %3 of %4 townships are placed from the GPS positions of "
                               "visits (no map tiles: nothing is downloaded).")
                       .replace("%1", str(placed)).replace("%2", str(len(county_map.villages)))
                       .replace("%3", str(sum(t.placed for t in county_map.townships)))
                       .replace("%4", str(len(county_map.townships))))
        self.summary.setText(f"{drawn} {placed_text}")
        self.unplaced.clear()
        townships = {t.code: t.name for t in county_map.townships}
        for village in county_map.villages:
            if village.visits and not village.placed:
                self.unplaced.addItem(self.tr("%1 / %2: %n visit(s)", "", village.visits)
                                      .replace("%1", townships.get(village.code[:9], ""))
                                      .replace("%2", village.name))
        self.side.setVisible(self.unplaced.count() > 0)  # an empty list would only take the map's room
