"""Demonstration bases and projects in the app: their page, their form, and a visit naming one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.domain.records import DemonstrationBase, DemonstrationProject, Visit
from desktop.ui.demonstrations.form import DemonstrationForm
from desktop.ui.forms.visit_form import VisitForm

from .conftest import VILLAGE


def new_form(qtbot, window, button) -> DemonstrationForm:
    window.show_page("demonstrations")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = window.forms.forms[-1]
    assert isinstance(form, DemonstrationForm)
    return form


def test_a_base_is_recorded_on_its_page_and_named_by_a_visit(qtbot, window, ctx, settle, ime, add_household):
    page = window.demonstrations_page
    assert window.nav.item(3).text() == "示范基地和项目"
    form = new_form(qtbot, window, page.new_base)
    assert form.windowTitle().startswith("新建示范基地")
    ime(form.name, "林东镇肉牛养殖示范基地")
    form.kind.setCurrentIndex(form.kind.findData("livestock"))
    form.place.set_value(VILLAGE, notify=True)
    form.industry.set_value("肉牛")
    form.first_year.setValue(2023)
    form.area.setValue(120)
    assert form.specialist.currentData() == ctx.identity.user_id  # the one recording it, to begin with
    with qtbot.waitSignal(ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    [stored] = [d for d in ctx.records.list_demonstrations()]
    base = ctx.records.get(DemonstrationBase, stored.id)
    assert (base.county_code, base.township_code, base.village_code) == (VILLAGE[:6], VILLAGE[:9], VILLAGE)
    assert (base.kind, base.year_established, base.area_mu, base.specialist_id) == (
        "livestock", 2023, 120, ctx.identity.user_id)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "林东镇肉牛养殖示范基地"
    assert page.model.index(0, 2).data() == "养殖" and page.count.text() == "1 个基地，0 个项目"

    household = add_household()
    visit = ctx.records.save(Visit(visit_date=dt.date.today(), village_code=VILLAGE, household_ids=(household.id,),
                                   service_types=("guidance",), industry="肉牛", problem="犊牛腹泻",
                                   advice="补液", duration_hours=2.0))[0]
    window.forms.open_record(Visit, visit.id)
    settle()
    visit_form = window.forms.forms[-1]
    assert isinstance(visit_form, VisitForm)
    visit_form.demonstration.setCurrentIndex(visit_form.demonstration.findData(base.id))
    assert "林东镇肉牛养殖示范基地" in visit_form.demonstration.currentText()
    with qtbot.waitSignal(ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(visit_form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Visit, visit.id).demonstration_id == base.id


def test_a_project_without_a_county_or_with_its_years_reversed_is_refused_at_those_fields(qtbot, window, ctx,
                                                                                          settle, ime):
    form = new_form(qtbot, window, window.demonstrations_page.new_project)
    ime(form.name, "玉米密植高产示范项目")
    form.industry.set_value("玉米")
    form.first_year.setValue(2025)
    form.last_year.setValue(2024)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    messages = form.errors.messages()  # the place's three codes share one line, the two years another
    assert messages["county_code"] == messages["village_code"] == "请从官方名单中选择旗县区。"
    assert messages["end_year"] == "结束年份不能早于起始年份，也不能晚于起始年份 10 年以上。"
    assert set(messages.values()) == {messages["county_code"], messages["end_year"]}, messages
    assert ctx.records.list_demonstrations() == []
    form.place.set_value(VILLAGE[:6], notify=True)
    form.last_year.setValue(2027)
    with qtbot.waitSignal(ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    [item] = ctx.records.list_demonstrations()
    project = ctx.records.get(DemonstrationProject, item.id)
    assert (project.county_code, project.township_code, project.start_year, project.end_year) == (
        VILLAGE[:6], "", 2025, 2027)
    assert window.demonstrations_page.model.index(0, 6).data() == "2025–2027"


def test_a_manager_finds_a_submitted_base_in_the_queue_reads_it_and_approves_it(qtbot, ctx, profile, runner,
                                                                               settings, language, settle):
    from desktop.services.identity import Identity
    from desktop.ui.review.dialog import ReviewDialog
    from desktop.ui.review.page import ReviewPage
    from desktop.ui.shell.context import AppContext
    from sync.domain.vocabulary import Role
    from tests.factories import demo_base
    from tests.ui.conftest import COUNTY, STATION

    base, _ = ctx.records.save(demo_base(specialist_id=ctx.identity.user_id))
    ctx.review.submit("demo_base", base.id)
    manager = AppContext.create(profile, Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", STATION, COUNTY),
                                runner, settings)
    page = ReviewPage(manager)
    qtbot.addWidget(page)
    page.show()
    page.start()
    settle()
    assert page.queue.model.rowCount() == 1
    assert page.queue.model.row_values(0)[1:4] == ("示范基地", "张伟", "林东镇肉牛养殖示范基地")
    dialog = ReviewDialog(manager, "demo_base", base.id, page)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    text = dialog.details.toPlainText()
    assert "示范基地" in text and "养殖" in text and "2023" in text and "巴林左旗" in text
    assert dialog.approve_button.isEnabled()
    with qtbot.waitSignal(manager.runner.changed, timeout=5000):
        qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(DemonstrationBase, base.id).review_state == "approved"


def test_a_conflict_on_a_base_reads_in_words(language):
    from desktop.ui.sync.conflict_text import field_label, record_kind_label, record_label, value_text
    from tests.factories import demo_base

    assert record_kind_label("demo_base") == "示范基地" and record_kind_label("demo_project") == "示范项目"
    assert record_label("demo_base", demo_base()) == "示范基地 林东镇肉牛养殖示范基地"
    assert [field_label(f) for f in ("year_established", "area_mu", "county_code", "specialist_id")] == [
        "建立年份", "面积（亩）", "旗县区", "负责专家"]
    assert value_text("kind", "livestock") == "养殖" and value_text("kind", "industry") == "优势特色产业科技示范"
