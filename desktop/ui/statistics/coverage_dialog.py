"""三覆盖 drill-down: a county's unguided leading industries, unserved townships and unreached villages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import list_separator
from desktop.ui.widgets.screen_fit import fit_to_screen
from desktop.ui.widgets.industry_names import industry_labels
from sync.domain.coverage import Coverage


def uncovered_names(ctx: AppContext, coverage: Coverage) -> dict[str, str]:
    """Names of the county's townships and of the villages not reached (read on the worker)."""
    names = {t.code: t.name for t in ctx.reference.children(coverage.county_code)}
    for township in sorted({code[:9] for code in coverage.villages_unserved}):
        names.update((v.code, v.name) for v in ctx.reference.children(township))
    return names


class CoverageDialog(QDialog):
    """Lists what coverage has not reached in one county; names load on the worker."""

    def __init__(self, ctx: AppContext, coverage: Coverage, parent: QWidget | None = None):
        super().__init__(parent)
        self.coverage = coverage
        self.setWindowTitle(self.tr("Coverage of %1").replace("%1", coverage.name))
        fit_to_screen(self, 760, 540)
        c = coverage
        summary = QLabel(self.tr("Leading industries guided: %1 of %2. Townships with on-site service: %3 of %4. "
                                 "Villages served: %5 of %6.")
                         .replace("%1", str(len(c.industries_guided)))
                         .replace("%2", str(len(c.industries_guided) + len(c.industries_unguided)))
                         .replace("%3", str(c.townships_served)).replace("%4", str(c.townships_total))
                         .replace("%5", str(c.villages_served)).replace("%6", str(c.villages_total)), self)
        summary.setWordWrap(True)
        guided = QLabel(self.tr("Guided: %1").replace("%1", list_separator().join(industry_labels(c.industries_guided)) or "–"), self)
        guided.setWordWrap(True)
        self.industries = QListWidget(self)
        self.industries.addItems(industry_labels(c.industries_unguided))
        self.townships = QListWidget(self)
        self.villages = QListWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.industries, self.tr("Unguided industries (%1)").replace(
            "%1", str(len(c.industries_unguided))))
        self.tabs.addTab(self.townships, self.tr("Townships without on-site service (%1)").replace(
            "%1", str(len(c.townships_unserved))))
        self.tabs.addTab(self.villages, self.tr("Villages not reached (%1)").replace(
            "%1", str(len(c.villages_unserved))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(guided)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        ctx.runner.run(lambda: uncovered_names(ctx, coverage), on_success=self._names_loaded,
                       label="coverage names", owner=self)

    def _names_loaded(self, names: dict[str, str]) -> None:
        self.townships.addItems([f"{names.get(code, code)}  ({code})" for code in self.coverage.townships_unserved])
        self.villages.addItems([f"{names.get(code[:9], '')} {names.get(code, code)}  ({code})"
                                for code in self.coverage.villages_unserved])
