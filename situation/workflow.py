"""The incident state machine: which change of state is legal, and what each one requires.

Pure rules, no database: services apply them inside their transaction.

    new -> triaged -> assigned -> in_progress -> resolved -> closed
    on_hold pauses the SLA clock and returns to triaged, assigned or in_progress;
    rejected, duplicate and cancelled end an incident that will not be worked on.

A resolved or closed incident is only reopened by its appellant's dispute
(services.incident_dispute), never by an operator's transition.
"""

from situation.models import ResolutionCode, State

TRANSITIONS: dict[str, frozenset[str]] = {
    State.NEW: frozenset(
        {State.TRIAGED, State.ASSIGNED, State.REJECTED, State.DUPLICATE, State.CANCELLED}
    ),
    State.TRIAGED: frozenset(
        {State.ASSIGNED, State.ON_HOLD, State.REJECTED, State.DUPLICATE, State.CANCELLED}
    ),
    State.ASSIGNED: frozenset(
        {State.IN_PROGRESS, State.ON_HOLD, State.RESOLVED, State.DUPLICATE, State.CANCELLED}
    ),
    State.IN_PROGRESS: frozenset({State.RESOLVED, State.ON_HOLD, State.CANCELLED}),
    State.ON_HOLD: frozenset({State.TRIAGED, State.ASSIGNED, State.IN_PROGRESS, State.CANCELLED}),
    State.RESOLVED: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
    State.REJECTED: frozenset(),
    State.DUPLICATE: frozenset(),
    State.CANCELLED: frozenset(),
}

#: States a dispute reopens from.
DISPUTABLE_STATES = frozenset({State.RESOLVED, State.CLOSED})

#: Codes an operator may give when resolving; "duplicate" comes only with the duplicate state.
RESOLVE_CODES = frozenset(ResolutionCode.values) - {ResolutionCode.DUPLICATE}
#: Codes that may explain a rejection.
REJECT_CODES = frozenset(
    {
        ResolutionCode.NOT_OURS,
        ResolutionCode.NOT_REPRODUCIBLE,
        ResolutionCode.WONT_FIX,
        ResolutionCode.REFERRED,
    }
)


def is_legal(from_state: str, to_state: str) -> bool:
    """True when an operator may move an incident from `from_state` to `to_state`."""
    return to_state in TRANSITIONS.get(from_state, frozenset())


def allowed_targets(from_state: str) -> list[str]:
    """The states an operator may move to from `from_state`, in the catalogue's order."""
    targets = TRANSITIONS.get(from_state, frozenset())
    return [state for state in State.values if state in targets]
