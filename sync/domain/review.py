"""The review state machine both the device and the server apply."""

from __future__ import annotations

from typing import Final

from sync.domain.vocabulary import ReviewAction, ReviewState, Role

#: Review state machine: (from state, action) -> (to state, roles allowed to take it).
#: The author submits; a station manager approves or returns. An approved record that is edited
#: goes back to submitted (checked by the server on any content change).
REVIEW_TRANSITIONS: Final[dict[tuple[ReviewState, ReviewAction], tuple[ReviewState, frozenset[Role]]]] = {
    (ReviewState.DRAFT, ReviewAction.SUBMIT): (ReviewState.SUBMITTED, frozenset({Role.SPECIALIST, Role.STATION_MANAGER})),
    (ReviewState.RETURNED, ReviewAction.SUBMIT): (ReviewState.SUBMITTED, frozenset({Role.SPECIALIST, Role.STATION_MANAGER})),
    (ReviewState.SUBMITTED, ReviewAction.APPROVE): (ReviewState.APPROVED, frozenset({Role.STATION_MANAGER})),
    (ReviewState.SUBMITTED, ReviewAction.RETURN): (ReviewState.RETURNED, frozenset({Role.STATION_MANAGER})),
}
