"""The server-checked review state machine (sync.domain.review.REVIEW_TRANSITIONS). Pure."""

from __future__ import annotations

from sync.domain.review import REVIEW_TRANSITIONS
from sync.domain.typical_cases import TYPICAL_ACTIONS, mark_denial
from sync.domain.vocabulary import ReviewAction, ReviewState, Role

_STATES = {s.value for s in ReviewState}
_ACTIONS = {a.value for a in ReviewAction}


def _state(value: object) -> ReviewState:
    return ReviewState(value) if value in _STATES else ReviewState.DRAFT


def state_change_denial(old: object, new: object, role: Role) -> str | None:
    """Why ``role`` may not move a record's ``review_state`` from ``old`` to ``new`` (None: allowed).

    A missing state counts as draft. Only the moves in REVIEW_TRANSITIONS exist; the automatic
    approved → submitted on a content edit is decided by the caller, not here.
    """
    if new not in _STATES:
        return f"review_state must be one of {', '.join(sorted(_STATES))}"
    before, after = _state(old), ReviewState(str(new))
    if before is after:
        return None
    for (source, _action), (target, roles) in REVIEW_TRANSITIONS.items():
        if source is before and target is after:
            if role in roles:
                return None
            return f"a {role.value} may not move a record from {before.value} to {after.value}"
    return f"no review step leads from {before.value} to {after.value}"


def event_denial(action: object, from_state: object, to_state: object, role: Role,
                 comment: object = "") -> str | None:
    """Why ``role`` may not record a review event taking ``action`` (None: allowed); a typical-case
    mark follows sync.domain.typical_cases."""
    if action in TYPICAL_ACTIONS:
        return mark_denial(action, comment, _state(from_state).value, to_state, role)
    if action not in _ACTIONS:
        return "a review event needs an action (submit, approve or return)"
    before = _state(from_state)
    step = REVIEW_TRANSITIONS.get((before, ReviewAction(str(action))))
    if step is None:
        return f"{action} is not possible from {before.value}"
    target, roles = step
    if role not in roles:
        return f"a {role.value} may not {action} a record"
    if to_state is not None and to_state != target.value:
        return f"{action} from {before.value} leads to {target.value}, not {to_state}"
    return None
