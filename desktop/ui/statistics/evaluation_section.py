"""The 统计 page's year-end evaluation: the area's units with score and ranks, its typical cases, and its export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGroupBox, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.plain_table_model import PlainTableModel
from sync.domain.evaluation import UNIT_KINDS


class EvaluationSection(QGroupBox):
    """Shows the evaluation document the statistics page loaded, and writes it as XLSX or JSON
    (the server's ``report evaluation`` writes the same document, and the PDF)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(self.tr("Year-end evaluation (scores under the plan's default weights)"), parent)
        self.ctx = ctx
        self.doc: dict[str, Any] | None = None
        self.kinds = {"specialist": self.tr("Specialist"), "station": self.tr("Workstation"),
                      "county": self.tr("County")}
        self.model = PlainTableModel([self.tr("Kind"), self.tr("Name"), self.tr("Score"), self.tr("Rank in league"),
                                      self.tr("Rank in region"), self.tr("Recommended for subsidy")], self)
        self.table = QTableView(self)
        self.table.setObjectName("evaluation_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        self.summary = QLabel(self)
        self.summary.setObjectName("evaluation_summary")
        self.export_button = QPushButton(self.tr("Export evaluation…"), self)
        self.export_button.setObjectName("export_evaluation")
        self.export_button.clicked.connect(self.export)
        self.cases_heading = QLabel(self)
        self.cases_heading.setObjectName("typical_cases_heading")
        self.cases_model = PlainTableModel([self.tr("Date"), self.tr("Kind"), self.tr("Author"), self.tr("Village"),
                                            self.tr("Industry"), self.tr("Write-up")], self)
        self.cases = QTableView(self)
        self.cases.setObjectName("typical_cases_table")
        self.cases.setModel(self.cases_model)
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.verticalHeader().hide()
        self.cases.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cases.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.cases.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.cases_heading)
        layout.addWidget(self.cases)
        layout.addWidget(self.export_button)

    def show_document(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        yes, no = self.tr("yes"), self.tr("no")
        rows = [(self.kinds[kind], u["name"], u["score"], u["rank_in_league"], u["rank_in_region"],
                 "" if kind == "specialist" else (yes if u["recommended"] else no))
                for kind in reversed(UNIT_KINDS) for u in doc["units"][kind]]
        self.model.set_rows(rows, [(kind, u["unit_id"]) for kind in reversed(UNIT_KINDS) for u in doc["units"][kind]])
        self.summary.setText(self.tr("%1 recommended for follow-up subsidy (an office confirms on the server)")
                             .replace("%1", str(len(doc["recommendations"]))))
        cases = doc.get("typical_cases") or []
        kinds = {"visit": self.tr("Service visit"), "training": self.tr("Training session")}
        self.cases_heading.setText(self.tr("Typical cases (%1)").replace("%1", str(len(cases))) if cases else
                                   self.tr("Typical cases: none marked yet (a station manager marks them in Review)"))
        self.cases_model.set_rows([(c["date"], kinds.get(c["record_type"], c["record_type"]), c["author"],
                                    c["village_code"], c["industry"], c["write_up"]) for c in cases],
                                  [(c["record_type"], c["record_id"]) for c in cases])

    def export(self) -> None:
        if self.doc is None:
            return
        xlsx, data = self.tr("Excel workbook (*.xlsx)"), self.tr("JSON data (*.json)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export evaluation"),
                                                   f"evaluation-{self.doc['year']}.xlsx", f"{xlsx};;{data}")
        if path:
            self.run_export(path, "json" if chosen == data or path.lower().endswith(".json") else "xlsx")

    def run_export(self, path: str, fmt: str) -> None:
        from sync.evaluation_files import write

        doc, language = self.doc, self.ctx.settings.language
        self.ctx.runner.run(lambda: write(doc, fmt, Path(path), language),
                            on_success=lambda _r: self.summary.setText(self.tr("Exported to %1").replace("%1", path)),
                            label="export evaluation", owner=self)
