"""The team log counts each member's visits, on-site days, households, trainings and photos per period."""

from __future__ import annotations

import datetime as dt

from desktop.services.identity import Identity
from desktop.services.team_log import Period, TeamLogService
from sync.domain.vocabulary import Role
from tests.factories import training, visit


def manager() -> Identity:
    return Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", "WS-045", "150422")


def test_periods_cover_whole_months_quarters_and_years():
    assert (Period("month", 2026, 2).first, Period("month", 2026, 2).last) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert (Period("quarter", 2026, 4).first, Period("quarter", 2026, 4).last) == (
        dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Period("year", 2026).last == dt.date(2026, 12, 31)
    assert Period.containing("quarter", dt.date(2026, 5, 9)) == Period("quarter", 2026, 2)


def test_a_members_figures_count_distinct_onsite_days_and_households(profile, records, specialist):
    june = dt.date(2026, 6, 10)
    records.save(visit(("h-1", "h-2"), visit_date=june, photo_ids=("p1", "p2")))
    records.save(visit(("h-2",), visit_date=june))  # same day: one on-site day, h-2 counted once
    records.save(visit(("h-3",), visit_date=dt.date(2026, 6, 11), mode="phone"))  # not on site
    records.save(visit(("h-4",), visit_date=dt.date(2026, 5, 30)))  # another month
    records.save(training(training_date=dt.date(2026, 6, 12), photo_ids=("p3",)))

    [me] = TeamLogService(profile.store, manager()).members(Period("month", 2026, 6))

    assert (me.name, me.visits, me.onsite_days, me.households, me.trainings, me.photos) == (
        "王芳", 3, 1, 3, 1, 3)


def test_a_timeline_lists_the_members_records_newest_first(profile, records, specialist):
    records.save(visit(visit_date=dt.date(2026, 6, 1), problem="早"))
    records.save(training(training_date=dt.date(2026, 6, 12)))
    gone, _ = records.save(visit(visit_date=dt.date(2026, 6, 5), problem="删掉的"))
    records.delete(type(gone), gone.id)

    entries = TeamLogService(profile.store, manager()).timeline(specialist.user_id, Period("quarter", 2026, 2))

    assert [(e.record_type, e.title) for e in entries] == [("training", "玉米密植高产技术"), ("visit", "早")]


def test_a_specialist_sees_only_their_own_row_and_timeline(profile, records, specialist):
    records.save(visit(visit_date=dt.date(2026, 6, 1)))
    own = TeamLogService(profile.store, specialist)
    assert [m.author_id for m in own.members(Period("year", 2026))] == [specialist.user_id]
    assert own.timeline("someone-else", Period("year", 2026)) == []
