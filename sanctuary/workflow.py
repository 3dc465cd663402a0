"""State guards: one table per lifecycle, read by its services, its pages and its tests.

A lifecycle names its states and, for each action, the states it may be taken from. Services
call ``check`` (or ``move``) before they change anything, so no view, task or admin action can
walk around a rule; pages ask ``allowed`` so they never offer an action that would be refused;
tests walk every (state, action) pair from the same table, so a new state or action is covered
the moment it is declared.

Refusals are ``sanctuary.errors.Refused``: one exception, shown to people one way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from sanctuary.errors import Refused

_BY_MODEL: dict[type, Lifecycle] = {}


def lifecycle_of(obj: Any) -> Lifecycle:
    """The lifecycle declared for ``obj``'s model (``Lifecycle(..., model=...)``)."""
    for model in type(obj).__mro__:
        if model in _BY_MODEL:
            return _BY_MODEL[model]
    raise LookupError(f"no lifecycle is declared for {type(obj).__name__}")


@dataclass(frozen=True)
class Transition:
    """An action allowed from ``sources``; it moves the record to ``target`` (None: no move).

    ``refusal`` is the message for every other state, or a mapping from state to message with
    ``None`` for the rest, when the reason differs by state.
    """

    sources: frozenset[str]
    target: str | None
    refusal: str | Promise | Mapping

    def __init__(self, sources: Iterable[str], target: str | None, refusal: str | Promise | Mapping) -> None:
        object.__setattr__(self, "sources", frozenset(str(source) for source in sources))
        object.__setattr__(self, "target", None if target is None else str(target))
        object.__setattr__(self, "refusal", refusal)

    def refusal_for(self, state: str) -> str | Promise:
        if isinstance(self.refusal, Mapping):
            return self.refusal.get(state, self.refusal.get(None, ""))
        return self.refusal


class Lifecycle:
    """The states of one kind of record and the actions allowed from each.

    ``state`` reads a record's state (the ``status`` field unless told otherwise; a function
    may derive it, e.g. "anonymised" from a date). ``states`` lists every state the function
    can answer, so tests can try each action from each of them.
    """

    def __init__(
        self,
        name: str,
        *,
        states: Iterable[Any],
        transitions: Mapping[str, Transition],
        state: Callable[[Any], str] | None = None,
        field: str = "status",
        model: type | None = None,
    ) -> None:
        self.name = name
        self.states: tuple[str, ...] = tuple(str(getattr(s, "value", s)) for s in states)
        self.transitions = dict(transitions)
        self.field = field
        self._state = state or (lambda obj: getattr(obj, field))
        for action, transition in self.transitions.items():
            unknown = (transition.sources | {transition.target or self.states[0]}) - set(self.states)
            if unknown:
                raise ValueError(f"{name}: action {action!r} names unknown states {sorted(unknown)}")
        if model is not None:
            _BY_MODEL[model] = self

    def __repr__(self) -> str:
        return f"<Lifecycle {self.name}>"

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(self.transitions)

    def state_of(self, obj: Any) -> str:
        return str(self._state(obj))

    def _transition(self, action: str) -> Transition:
        try:
            return self.transitions[action]
        except KeyError:
            raise ValueError(f"{self.name}: no action {action!r}") from None

    def allowed(self, obj: Any, action: str) -> bool:
        return self.state_of(obj) in self._transition(action).sources

    def allowed_actions(self, obj: Any) -> frozenset[str]:
        """The actions a page may offer for ``obj`` (as far as its state goes)."""
        state = self.state_of(obj)
        return frozenset(action for action, t in self.transitions.items() if state in t.sources)

    def check(self, obj: Any, action: str) -> None:
        """Refuse ``action`` unless ``obj`` is in one of the states it may be taken from."""
        transition = self._transition(action)
        state = self.state_of(obj)
        if state not in transition.sources:
            raise Refused(transition.refusal_for(state), code=f"{action}_refused")

    def move(self, obj: Any, action: str) -> list[str]:
        """Check ``action`` and set the record's state field to its target.

        Returns the fields changed, for ``save(update_fields=...)`` by the caller.
        """
        self.check(obj, action)
        target = self._transition(action).target
        if target is None or getattr(obj, self.field) == target:
            return []
        setattr(obj, self.field, target)
        return [self.field]
