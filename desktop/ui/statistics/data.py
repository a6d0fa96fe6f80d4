"""What the statistics page loads on the worker: the areas a user may report on, and a year's figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.ui.shell.context import AppContext
from sync.indicators import Area, YearIndicators
from sync.domain.vocabulary import Role

REGION = "15"
#: The plan's region-wide targets the cards compare with (resources/reference/targets.json).
TARGET_KEYS = ("households_served", "people_trained", "grassroots_technicians_trained")


@dataclass(frozen=True)
class AreaChoice:
    level: str  # "station", "county", "league" or "region"
    area: Area
    name: str


@dataclass(frozen=True)
class StatisticsData:
    choice: AreaChoice
    approved_only: bool
    figures: YearIndicators
    targets: dict[str, float]
    names: dict[str, str]
    #: The year-end evaluation shown for the area (sync.domain.evaluation_document.document).
    evaluation: dict[str, Any] | None = None


def area_choices(ctx: AppContext) -> list[AreaChoice]:
    """A specialist or manager sees their station and county; an admin their county, league or the region."""
    identity, reference = ctx.identity, ctx.reference
    county = identity.home_county_code
    station = identity.station_code
    station_item = next((s for s in reference.stations() if s.code == station), None) if station else None
    county = county or (station_item.county_code if station_item else None)

    def name(code: str) -> str:
        division = reference.division(code)
        return division.name if division else code

    choices: list[AreaChoice] = []
    if station and identity.role in (Role.SPECIALIST, Role.STATION_MANAGER):
        choices.append(AreaChoice("station", Area(county or REGION, station),
                                  station_item.name if station_item else station))
    if county and identity.role is not Role.REGION_ADMIN:
        choices.append(AreaChoice("county", Area(county), name(county)))
    if county and identity.role in (Role.LEAGUE_ADMIN, Role.REGION_ADMIN):
        choices.append(AreaChoice("league", Area(county[:4]), name(county[:4])))
    if identity.role is Role.REGION_ADMIN:
        choices.append(AreaChoice("region", Area(REGION), name(REGION) if reference.division(REGION) else "内蒙古自治区"))
    return choices


def load_statistics(ctx: AppContext, year: int, choice: AreaChoice, approved_only: bool) -> StatisticsData:
    figures = ctx.indicators.year(year, choice.area, approved_only)
    targets = {t.key: t.value for t in ctx.reference.service.targets() if t.key in TARGET_KEYS}
    # A station is evaluated with its county (where its specialists are ranked), not the user's home county.
    evaluated = next((s.county_code for s in ctx.reference.stations() if s.code == choice.area.station_id),
                     choice.area.division_code) if choice.level == "station" else choice.area.division_code
    evaluation = ctx.evaluation.document(year, evaluated, approved_only)
    return StatisticsData(choice, approved_only, figures, targets, ctx.team_log.display_names(), evaluation)
