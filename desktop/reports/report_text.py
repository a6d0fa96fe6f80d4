"""The words of exported files in Chinese or English: headings, column headers and vocabulary labels.

Vocabulary labels (service types, attendee categories, modes, review states…) come from
desktop/services/vocabulary.py and are translated by the app's own Qt translation (context
"Vocabulary", resources/translations/fieldbook_zh_CN.qm). The translator is private to the export
rather than installed in the application, so a Chinese report can be written while the window
shows English, and the other way round.

Headings and column headers are the wording of the year-end evaluation forms, kept here in both
languages side by side: a report's language is chosen per file (``--lang``), not by the UI.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QTranslator

from desktop.domain.industries import IndustryCatalogue
from desktop.services import vocabulary
from resources import resource_path
from sync.domain.counting import RULE_LABELS, CountingRule
from sync.indicators import ONSITE_DAYS_TARGET

CHINESE, ENGLISH = "zh_CN", "en"
LANGUAGES = (CHINESE, ENGLISH)

#: key -> (Chinese, English)
TEXTS: dict[str, tuple[str, str]] = {
    # report and sheet titles
    "report_title": ("科技特派员服务年度考评报告", "Year-end evaluation report of S&T specialists' service"),
    "sheet_summary": ("指标汇总", "Summary"),
    "sheet_breakdown": ("分类统计", "Breakdown"),
    "sheet_specialists": ("专家现场服务", "Specialists"),
    "sheet_coverage": ("三覆盖", "Coverage"),
    "sheet_uncovered": ("未覆盖村", "Villages not reached"),
    "sheet_visits": ("服务记录", "Visits"),
    "sheet_trainings": ("培训记录", "Trainings"),
    "sheet_households": ("服务对象", "Households"),
    # report facts
    "area": ("区域", "Area"),
    "station": ("工作站", "Station"),
    "year": ("年度", "Year"),
    "year_value": ("{year}年度", "{year}"),
    "produced_on": ("生成日期", "Produced on"),
    "records_counted": ("统计范围", "Records counted"),
    "approved_only": (RULE_LABELS[CountingRule.APPROVED]["zh_CN"], RULE_LABELS[CountingRule.APPROVED]["en"]),
    "all_records": (RULE_LABELS[CountingRule.WITH_SUBMITTED]["zh_CN"], RULE_LABELS[CountingRule.WITH_SUBMITTED]["en"]),
    "produced_by": ("由科技特派员服务日志（Fieldbook）生成", "Produced by Fieldbook"),
    "page": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    # summary
    "target": ("指标", "Indicator"),
    "target_value": ("目标值", "Target"),
    "actual": ("完成值", "Actual"),
    "unit": ("单位", "Unit"),
    "percent": ("完成比例", "% of target"),
    "met": ("是否达标", "Met"),
    "region_target_note": ("全区目标，本表为本区域完成数", "Region-wide target; the area's share"),
    "indicators_vs_targets": ("指标完成情况", "Indicators against targets"),
    "visits_total": ("服务记录总数", "Visits recorded"),
    "onsite_visits": ("现场服务次数", "On-site visits"),
    "trainings_total": ("培训场次", "Training sessions"),
    "key_figures": ("主要数据", "Key figures"),
    # targets measured from the log
    "t_households_served": ("科技特派员服务农牧户", "Farming and herding households served"),
    "t_people_trained": ("培训技术骨干、土专家、技术明白人", "Technical backbones, local experts and skilled farmers trained"),
    "t_grassroots_trained": ("培训基层农技人员", "Grassroots extension technicians trained"),
    "t_technicians_serving": ("提供技术服务的科技人员", "Specialists who recorded service"),
    "t_onsite_days": ("现场服务满{days}天的专家", "Specialists with {days} on-site days"),
    "t_industries": ("技术指导覆盖主导产业", "Leading industries given technical guidance"),
    "t_townships": ("驻点服务覆盖乡镇", "Townships with on-site service"),
    "t_villages": ("科技服务覆盖行政村", "Administrative villages served"),
    "u_households": ("户", "households"), "u_person_times": ("人次", "person-times"),
    "u_people": ("人", "people"), "u_industries": ("个", "industries"), "u_townships": ("个", "townships"),
    "u_villages": ("个", "villages"),
    # breakdowns
    "by_service_type": ("按服务类型统计服务次数", "Visits by service type"),
    "by_industry": ("按产业统计服务次数", "Visits by industry"),
    "by_category": ("按类别统计培训人次", "People trained by category"),
    "service_type": ("服务类型", "Service type"),
    "industry": ("产业", "Industry"),
    "category": ("类别", "Category"),
    "count": ("次数", "Count"),
    "people": ("人次", "People"),
    # specialists
    "specialist": ("专家", "Specialist"),
    "visits": ("服务次数", "Visits"),
    "onsite_days": ("现场服务天数", "On-site days"),
    "below_60": ("不足{days}天", "Under {days} days"),
    "onsite_days_chart": ("专家现场服务天数（目标{days}天）", "On-site days per specialist (target {days})"),
    "per_member": ("专家服务情况", "Service by team member"),
    "yes": ("是", "yes"), "no": ("否", "no"),
    # coverage
    "coverage": ("三覆盖情况", "Coverage (三覆盖)"),
    "county": ("旗县区", "County"),
    "county_code": ("旗县区代码", "County code"),
    "industries_guided": ("已指导主导产业", "Leading industries guided"),
    "industries_unguided": ("未指导主导产业", "Leading industries not guided"),
    "townships_served": ("驻点服务乡镇数", "Townships served"),
    "townships_total": ("乡镇总数", "Townships"),
    "villages_served": ("服务行政村数", "Villages served"),
    "villages_total": ("行政村总数", "Villages"),
    "townships_unserved": ("未驻点服务乡镇", "Townships without on-site service"),
    "villages_unserved": ("未覆盖行政村", "Villages not reached"),
    "uncovered_list": ("未覆盖乡镇和行政村名单", "Townships and villages not yet reached"),
    "none": ("无", "none"),
    "all_reached": ("所有乡镇均有驻点服务，所有行政村均已覆盖。", "Every township has on-site service and every village is reached."),
    "legend_target": ("虚线：目标{days}天", "Dashed line: target of {days} days"),
    "legend_met": ("已达标", "Target met"),
    "legend_below": ("不足目标", "Below target"),
    "township": ("乡镇", "Township"),
    "village": ("行政村", "Village"),
    "code": ("代码", "Code"),
    # record lists
    "date": ("日期", "Date"),
    "mode": ("服务方式", "Mode"),
    "village_name": ("村", "Village"),
    "village_code": ("村代码", "Village code"),
    "households": ("服务户数", "Households"),
    "service_types": ("服务类型", "Service types"),
    "problem": ("发现问题", "Problem found"),
    "review_state": ("审核状态", "Review state"),
    "author": ("记录人", "Recorded by"),
    "topic": ("培训主题", "Topic"),
    "hours": ("学时", "Hours"),
    "attendees": ("参训人数", "Attendees"),
    "name": ("户主或主体名称", "Head of household or entity"),
    "kind": ("类型", "Kind"),
    "phone": ("电话", "Phone"),
    "industries": ("产业", "Industries"),
    "record_id": ("记录编号", "Record id"),
    "end_date": ("结束日期", "Last day"),
    "duration_hours": ("服务时长（小时）", "Duration (hours)"),
    "household_names": ("服务对象", "Households served"),
    "advice": ("建议与措施", "Advice and measures"),
    "follow_up_date": ("回访日期", "Follow-up date"),
    "latitude": ("纬度", "Latitude"),
    "longitude": ("经度", "Longitude"),
    "photos": ("照片数", "Photos"),
    "place": ("培训地点", "Place"),
    "trainers": ("授课人", "Trainers"),
    "attendees_backbone": ("技术骨干（人）", "Technical backbones"),
    "attendees_local_expert": ("土专家（人）", "Local experts"),
    "attendees_tech_savvy": ("技术明白人（人）", "Tech-savvy villagers"),
    "attendees_farmer": ("农牧民（人）", "Farmers and herders"),
    "attendees_extension_staff": ("基层农技人员（人）", "Grassroots extension staff"),
    "named_count": ("实名参训户数", "Named attendees"),
    "attendee_names": ("实名参训户", "Named attendees' households"),
    "livestock_head": ("牲畜存栏（头）", "Livestock (head)"),
    "land_mu": ("耕地面积（亩）", "Land (mu)"),
    "contact_consent": ("知情同意", "Consent"),
    "consent_date": ("同意日期", "Consent date"),
    "notes": ("备注", "Notes"),
}


class ReportText:
    """The words of one exported file in ``language`` (zh_CN or en)."""

    def __init__(self, language: str = CHINESE):
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r}: choose zh_CN or en")
        self.language = language
        #: The on-site days target the texts name; set to the report's own before writing it.
        self.onsite_days = ONSITE_DAYS_TARGET
        #: The reference industries, for their English names; set by the exporter from the store.
        self.industries: IndustryCatalogue | None = None
        self._translator: QTranslator | None = None
        if language == CHINESE:
            translator = QTranslator()
            path = resource_path("translations", "fieldbook_zh_CN.qm")
            if not translator.load(str(path)):
                raise FileNotFoundError(f"the Chinese translation is missing: {path}")
            self._translator = translator

    @property
    def chinese(self) -> bool:
        return self.language == CHINESE

    def __call__(self, key: str, **values: object) -> str:
        chinese, english = TEXTS[key]
        text = chinese if self.chinese else english
        if "{days}" in text:  # the on-site days target of the report at hand
            values = {"days": self.onsite_days, **values}
        return text.format(**values) if values else text

    def vocab(self, vocabulary_map: dict[str, str], code: str | StrEnum) -> str:
        """A vocabulary code's label, translated ("guidance" -> 技术指导 / Technical guidance)."""
        source = vocabulary.label(vocabulary_map, code)
        if self._translator is None:
            return source
        return self._translator.translate(vocabulary.CONTEXT, source) or source

    def industry(self, name: str) -> str:
        """A stored industry in the file's language: a reference industry's English name in English."""
        return self.industries.display(name, not self.chinese) if self.industries else name

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return ("、" if self.chinese else ", ").join(items)

    @staticmethod
    def number(value: float | int) -> str:
        """A figure with thousands separators, as both languages write them: 100000 -> "100,000"."""
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")

    def percent(self, ratio: float | None) -> str:
        return "—" if ratio is None else f"{ratio * 100:.1f}%"
