"""The evaluation as one plain document (JSON), and the words its workbook and PDF print.

The server's ``report evaluation`` and the app's 统计 page both write from this document, so the
JSON, the workbook and the PDF carry the same figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sync.domain.counting import RULE_LABELS, CountingRule
from sync.domain.evaluation import UNIT_KINDS, Evaluation, UnitScore

#: (Chinese, English) for every heading and criterion the files print.
LABELS: dict[str, tuple[str, str]] = {
    "title": ("年度考核", "Year-end evaluation"), "kind": ("类别", "Kind"),
    "specialist": ("科技特派员", "Specialists"), "station": ("工作站", "Workstations"), "county": ("旗县区", "Counties"),
    "unit_id": ("编号", "Id"), "name": ("名称", "Name"), "county_code": ("旗县区代码", "County code"),
    "score": ("得分", "Score"), "rank_in_league": ("盟市内排名", "Rank in league"),
    "rank_in_region": ("全区排名", "Rank in region"), "recommended": ("建议后补助", "Recommended for subsidy"),
    "confirmed": ("已确认", "Confirmed"), "recommendations": ("后补助建议名单", "Follow-up subsidy recommendations"),
    "weights": ("权重", "Weights"), "counting": ("计入规则", "Records counted"), "year": ("年度", "Year"),
    "area": ("范围", "Area"), "yes": ("是", "yes"), "no": ("否", "no"), "target": ("目标", "target"),
    "onsite_days": ("现场服务天数", "On-site days"), "households": ("服务农牧户", "Households served"),
    "people_trained": ("培训技术骨干等(人次)", "Local talent trained (person-times)"),
    "onsite_share": ("达到现场服务天数的专家占比", "Share of specialists reaching the on-site days"),
    "industries": ("技术指导覆盖主导产业", "Leading industries guided"),
    "townships": ("驻点服务覆盖乡镇", "Townships with on-site service"),
    "villages": ("科技服务覆盖行政村", "Administrative villages served"),
    "workstations": ("工作站数", "Workstations"),
    "plan": ("规划指标", "Plan figures"), "plan_workstations": ("旗县区工作站", "Workstations per county"),
    "counties_reaching": ("达到目标的旗县区", "Counties reaching the target"),
    "counties_without": ("未达到的旗县区", "Counties short of it"),
    "key_counties": ("重点旗县三覆盖", "Key counties: three coverages (三覆盖)"), "none_set": ("未设定", "none set"),
    "not_entered": ("未填报", "not entered"), "achieved": ("完成", "achieved"),
    "grassroots_technicians_trained": ("培训基层农技人员骨干(人)", "Grassroots technicians trained (people)"),
    "collaborative_teams": ("农业重大技术协同推广团队", "Collaborative extension teams"),
    "results_transferred": ("科技成果转化落地", "S&T results transferred"),
    "demonstration_bases": ("基层农技推广示范基地", "Extension demonstration bases"),
    "demonstration_projects": ("优势特色产业科技示范项目", "Leading-industry demonstration projects"),
    "plan_bases": ("旗县区示范基地", "Demonstration bases per county"),
    "records": ("按已审核记录", "from the records"), "typed": ("填报数", "as typed"),
    "demo_base": ("示范基地", "demonstration base"), "demo_project": ("示范项目", "demonstration project"),
    "typical_cases": ("典型案例", "Typical cases"), "date": ("日期", "Date"), "record_type": ("类型", "Record"),
    "visit": ("走访", "visit"), "training": ("培训", "training"), "author": ("科技特派员", "Specialist"),
    "village_code": ("村代码", "Village code"), "industry": ("产业", "Industry"), "write_up": ("简介", "Write-up"),
}


def label(key: str, language: str) -> str:
    zh, en = LABELS.get(key, (key, key))
    return en if language.startswith("en") else zh


def document(evaluation: Evaluation, area_code: str, area_name: str, names: Mapping[str, Mapping[str, str]],
             confirmed: Collection[tuple[str, str]], generated_at: dt.datetime,
             plan: Mapping[str, Any] | None = None, typical_cases: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The evaluation within ``area_code`` as JSON values; ``names`` by unit kind, then id; ``plan``
    the plan's own figures (sync.domain.evaluation_plan.plan_section); ``typical_cases`` the year's
    典型案例 in the area (the server keeps them)."""
    shown = evaluation.within(area_code)

    def unit(u: UnitScore) -> dict[str, Any]:
        return {"unit_id": u.unit_id, "name": names.get(u.kind, {}).get(u.unit_id, u.unit_id),
                "county_code": u.county_code, "score": u.score, "rank_in_league": u.rank_in_league,
                "rank_in_region": u.rank_in_region, "recommended": u.recommended,
                "confirmed": (u.kind, u.unit_id) in confirmed,
                "criteria": {c.key: {"achieved": c.achieved, "target": c.target} for c in u.criteria}}

    rule = CountingRule(evaluation.counting_rule)
    return {
        "report": "evaluation", "year": evaluation.year, "area_code": area_code, "area_name": area_name,
        "generated_at": generated_at.isoformat(), "counting_rule": rule.value, "counting_label": RULE_LABELS[rule],
        "weights": dict(evaluation.weights), "targets": dataclasses.asdict(evaluation.targets),
        "units": {kind: [unit(u) for u in shown.units.get(kind, ())] for kind in UNIT_KINDS},
        "recommendations": [{"kind": u.kind, **unit(u)} for u in shown.recommendations()],
        "plan": dict(plan or {}),
        "typical_cases": [dict(c) for c in typical_cases],
    }
