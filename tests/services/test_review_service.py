"""Review steps: who may take them, the trail they leave, and what an edit after approval does."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from desktop.domain.records import ReviewEvent, Visit
from desktop.domain.validation import ValidationError
from desktop.services.identity import Identity
from desktop.services.records import RecordService
from desktop.services.review import ReviewService
from desktop.store.review_queries import REVIEWED_TYPES
from sync.domain.vocabulary import Role
from tests.factories import TODAY, visit


@pytest.fixture
def manager(profile) -> Identity:
    return Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", "WS-045", "150422")


def states(records, visit_id):
    return records.get(Visit, visit_id).review_state


def test_submit_approve_and_the_trail_it_leaves(profile, records, specialist, manager):
    v, _ = records.save(visit())
    assert states(records, v.id) == "draft"
    ReviewService(profile.store, specialist).submit("visit", v.id)
    changes = ReviewService(profile.store, manager).approve("visit", v.id)
    assert changes.reviews and changes.visits
    assert states(records, v.id) == "approved"
    trail = ReviewService(profile.store, specialist).trail(v.id)
    assert [(e.action, e.from_state, e.to_state, e.author_id) for e in trail] == [
        ("submit", "draft", "submitted", specialist.user_id), ("approve", "submitted", "approved", "mgr-1")]
    assert all(isinstance(e, ReviewEvent) and e.station_id == "WS-045" for e in trail)


def test_a_specialist_cannot_approve_or_return(profile, records, specialist):
    v, _ = records.save(visit())
    own = ReviewService(profile.store, specialist)
    own.submit("visit", v.id)
    for attempt in (lambda: own.approve("visit", v.id), lambda: own.return_for_fixes("visit", v.id, "改")):
        with pytest.raises(ValidationError):
            attempt()
    assert states(records, v.id) == "submitted"
    assert len(own.trail(v.id)) == 1


def test_a_return_needs_a_comment_and_the_author_sees_it_in_their_queue(profile, records, specialist, manager):
    v, _ = records.save(visit())
    ReviewService(profile.store, specialist).submit("visit", v.id)
    reviewer = ReviewService(profile.store, manager)
    with pytest.raises(ValidationError) as caught:
        reviewer.return_for_fixes("visit", v.id, "  ")
    assert caught.value.field == "comment"
    reviewer.return_for_fixes("visit", v.id, "请补充用药剂量")
    [item] = ReviewService(profile.store, specialist).queue(state="returned")
    assert (item.record_id, item.last_comment, item.title) == (v.id, "请补充用药剂量", "犊牛腹泻")


def test_the_managers_queue_holds_the_stations_submitted_records(profile, records, specialist, manager):
    mine, _ = records.save(visit())
    records.save(visit(problem="还没提交"))
    ReviewService(profile.store, specialist).submit("visit", mine.id)
    queue = ReviewService(profile.store, manager).queue()
    assert [(i.record_id, i.author_name) for i in queue] == [(mine.id, "王芳")]


def test_saving_a_form_as_submitted_takes_the_submit_step_with_its_event(profile, records, specialist):
    v, _ = records.save(visit(review_state="submitted"))
    assert states(records, v.id) == "submitted"
    assert [e.action for e in ReviewService(profile.store, specialist).trail(v.id)] == ["submit"]


def test_a_form_cannot_approve_by_saving_a_state(records):
    v, _ = records.save(visit())
    records.save(v.with_changes(review_state="approved"))
    assert states(records, v.id) == "draft"


def test_editing_an_approved_record_sends_it_back_for_review(profile, records, specialist, manager):
    v, _ = records.save(visit())
    ReviewService(profile.store, specialist).submit("visit", v.id)
    ReviewService(profile.store, manager).approve("visit", v.id)
    approved = records.get(Visit, v.id)
    records.save(approved.with_changes(advice="改用新的方案"))
    assert states(records, v.id) == "submitted"


def test_a_returned_record_can_be_fixed_and_submitted_again(profile, records, specialist, manager):
    v, _ = records.save(visit())
    ReviewService(profile.store, specialist).submit("visit", v.id)
    ReviewService(profile.store, manager).return_for_fixes("visit", v.id, "补充剂量")
    fixed, _ = RecordService(profile.store, specialist, today=lambda: TODAY).save(
        records.get(Visit, v.id).with_changes(advice="每头口服补液盐 2 升", review_state="submitted"))
    assert fixed.review_state == "submitted"
    actions = [e.action for e in ReviewService(profile.store, specialist).trail(v.id)]
    assert actions == ["submit", "return", "submit"]


def _statements(store, call):
    """The SQL statements ``call`` sent to the store's read connection."""
    sent: list[str] = []
    engine = store._read_engine  # noqa: SLF001 - the queue reads there
    listener = lambda _conn, _cursor, statement, *_rest: sent.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return result, sent


def test_the_queue_reads_every_rows_last_comment_in_the_same_few_statements(profile, records, specialist,
                                                                             manager):
    author, reviewer = ReviewService(profile.store, specialist), ReviewService(profile.store, manager)
    first, _ = records.save(visit(problem="问题0"))
    author.submit("visit", first.id)
    reviewer.return_for_fixes("visit", first.id, "先写用药剂量")
    one, few = _statements(profile.store, lambda: reviewer.queue(state=None))
    assert [i.last_comment for i in one] == ["先写用药剂量"]
    for n in range(1, 220):
        v, _ = records.save(visit(problem=f"问题{n}"))
        author.submit("visit", v.id)
        if n % 2:
            reviewer.return_for_fixes("visit", v.id, f"第一次{n}")
            author.submit("visit", v.id)
            reviewer.return_for_fixes("visit", v.id, f"第二次{n}")
    items, many = _statements(profile.store, lambda: reviewer.queue(state=None))
    assert len(items) == 220
    assert len(many) == len(few) <= 1 + len(REVIEWED_TYPES), many  # one per kind, not one more per row
    comments = {i.title: i.last_comment for i in items}
    assert comments["问题0"] == "先写用药剂量" and comments["问题7"] == "第二次7" and comments["问题8"] == ""
