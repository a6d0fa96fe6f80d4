"""The plan's targets that the service log measures, each with the figure reached and whether it is met.

Region-wide targets (100,000 households, 5,000 person-times…) are shown against a league, county or
station report as that area's share, with no verdict: a county does not fail a region's target.
The 60 on-site days apply to each specialist, and 三覆盖 to each county, so those get a verdict at
any level: met when every specialist, industry, township or village of the report is reached.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.export import REGION_CODE, IndicatorReportData

#: Used when targets.json lacks a key (an older profile); the plan's own figures.
DEFAULT_TARGETS = {"households_served": 100_000, "people_trained": 5_000, "grassroots_technicians_trained": 3_000,
                   "technicians_serving": 15_000}


@dataclass(frozen=True)
class TargetProgress:
    """One row of the summary: ``text_key`` names it in desktop/reports/report_text.py."""

    text_key: str
    unit_key: str
    target: float
    actual: int
    #: A region-wide target shown for a smaller area: the row shows a share, not a verdict.
    share_only: bool = False

    @property
    def ratio(self) -> float | None:
        return self.actual / self.target if self.target else None

    @property
    def met(self) -> bool | None:
        if self.share_only or not self.target:
            return None
        return self.actual >= self.target


def target_progress(data: IndicatorReportData) -> list[TargetProgress]:
    figures = data.figures
    values = dict(DEFAULT_TARGETS) | {t.key: t.value for t in data.targets}
    share_only = data.area_code != REGION_CODE or data.station_code is not None
    rows = [
        TargetProgress("t_households_served", "u_households", values["households_served"],
                       figures.households_served, share_only),
        TargetProgress("t_people_trained", "u_person_times", values["people_trained"],
                       figures.local_talent_trained, share_only),
        TargetProgress("t_grassroots_trained", "u_people", values["grassroots_technicians_trained"],
                       figures.grassroots_technicians_trained, share_only),
        TargetProgress("t_technicians_serving", "u_people", values["technicians_serving"],
                       len(figures.specialists), share_only),
        TargetProgress("t_onsite_days", "u_people", len(figures.specialists),
                       sum(1 for s in figures.specialists if not s.below_target)),
    ]
    if figures.coverage:
        coverage = figures.coverage
        rows += [
            TargetProgress("t_industries", "u_industries",
                           sum(len(c.industries_guided) + len(c.industries_unguided) for c in coverage),
                           sum(len(c.industries_guided) for c in coverage)),
            TargetProgress("t_townships", "u_townships", sum(c.townships_total for c in coverage),
                           sum(c.townships_served for c in coverage)),
            TargetProgress("t_villages", "u_villages", sum(c.villages_total for c in coverage),
                           sum(c.villages_served for c in coverage)),
        ]
    return rows
