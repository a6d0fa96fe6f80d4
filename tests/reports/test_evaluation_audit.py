"""The year's weights, key counties, plan counts and 后补助 confirmations go to the audit log, which a
region admin reads (a county admin reads their county's entries only)."""

from __future__ import annotations

import requests

from sync.domain.vocabulary import Role
from sync.server.scope import Viewer
from sync.server.services import delegation
from tests.reports import hand_counted as hc
from tests.reports.test_evaluation import server_cli


def test_weights_and_plan_edits_are_in_the_audit_log_a_region_admin_reads(world, server):
    db = ("--db", server.database_url)
    assert server_cli("evaluation", "weights", "--year", "2024", "specialist.onsite_days=3", *db).returncode == 0
    assert server_cli("evaluation", "key-counties", "--year", "2024", hc.COUNTY, *db).returncode == 0
    admin = world.device(Role.REGION_ADMIN)
    county_admin = world.device(Role.COUNTY_ADMIN, county=hc.COUNTY)
    url = server.url("/api/v1/evaluation/2024/plan")
    assert requests.put(url, json={"counts": {"collaborative_teams": 12}}, headers=admin.headers,
                        timeout=30).status_code == 200
    assert requests.put(url, json={"counts": {"collaborative_teams": 99}}, headers=county_admin.headers,
                        timeout=30).status_code == 403
    assert requests.put(url, json={"counts": {"teams": 1}}, headers=admin.headers, timeout=30).status_code == 422

    entries = delegation.audit_entries(world.db, Viewer("region", Role.REGION_ADMIN), None)
    found = [(e.action, e.target, e.detail) for e in entries if e.action.startswith("evaluation_")]
    assert found == [  # newest first; the refused and the bad edit are not there
        ("evaluation_plan_set", "2024", {"counts": {"collaborative_teams": 12}}),
        ("evaluation_plan_set", "2024", {"key_counties": [hc.COUNTY], "counts": {}}),
        ("evaluation_weights_set", "2024", {"values": {"specialist.onsite_days": 3.0}}),
    ]
    latest = next(e for e in entries if e.action == "evaluation_plan_set")
    assert latest.actor.startswith("user:") and latest.source.startswith("app, device ")
    by_shell = next(e for e in entries if e.action == "evaluation_weights_set")
    assert by_shell.actor.startswith("console:") and by_shell.source.startswith("command line on ")
    county_view = delegation.audit_entries(world.db, Viewer("county", Role.COUNTY_ADMIN, county_code=hc.COUNTY), None)
    assert not [e for e in county_view if e.action.startswith("evaluation_")]  # region-wide edits
