"""Terms that end on a date (awards, network memberships) and the reminders before they end.

One month arithmetic, one renewal window and one answer to "which staged reminder is due"; the
stages are data each app declares, so awards and the Local Authority Network cannot drift apart.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months (negative goes back); the 31st becomes the month's
    last day when the month is shorter, so 31 January plus one month is the end of February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Stage:
    """One reminder: ``rule`` names it in the reminder log, sent ``months_before`` the end."""

    rule: str
    months_before: int

    def due_on(self, ends_on: dt.date) -> dt.date:
        return add_months(ends_on, -self.months_before)


@dataclass(frozen=True)
class Reminders:
    """The staged reminders before a term ends; renewal opens with the first of them."""

    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        if not self.stages:
            raise ValueError("A reminder schedule needs at least one stage.")
        ordered = tuple(sorted(self.stages, key=lambda s: -s.months_before))
        if (
            len({s.months_before for s in ordered}) != len(ordered)
            or min(s.months_before for s in ordered) < 0
        ):
            raise ValueError("Reminder stages need distinct, non-negative months.")
        object.__setattr__(self, "stages", ordered)

    @classmethod
    def of(cls, stages: Iterable[tuple[str, int]]) -> Reminders:
        return cls(tuple(Stage(rule, months) for rule, months in stages))

    @property
    def window_months(self) -> int:
        return self.stages[0].months_before

    def window_opens_on(self, ends_on: dt.date) -> dt.date:
        """The first day renewal is open (and the first reminder goes)."""
        return add_months(ends_on, -self.window_months)

    def in_window(self, ends_on: dt.date, today: dt.date) -> bool:
        return self.window_opens_on(ends_on) <= today

    def horizon(self, today: dt.date) -> dt.date:
        """Terms ending on or before this day may have a reminder due ``today``."""
        return add_months(today, self.window_months)

    def due(self, ends_on: dt.date, today: dt.date) -> Stage | None:
        """The latest stage that has come due by ``today``, or None. Only the latest: a sweep
        that first sees a term late sends one reminder, not a burst of stale ones."""
        due = [stage for stage in self.stages if stage.due_on(ends_on) <= today]
        return due[-1] if due else None
