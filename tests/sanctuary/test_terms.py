"""One calendar arithmetic and one staged-reminder rule for every term that ends."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctuary.terms import Reminders, add_months, add_years

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 31), -6, D(2025, 11, 30)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
        (D(2026, 5, 10), 36, D(2029, 5, 10)),
    ],
)
def test_months_are_calendar_months_ending_on_the_last_day_when_shorter(day, months, expected):
    assert add_months(day, months) == expected


def test_a_leap_day_moves_to_the_last_day_of_february_in_a_common_year():
    assert add_years(D(2028, 2, 29), 3) == D(2031, 2, 28)
    assert add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)


SCHEDULE = Reminders.of((("one_month", 1), ("on_the_day", 0), ("six_months", 6), ("three_months", 3)))
ENDS = D(2027, 6, 30)


def test_stages_are_ordered_and_the_window_opens_with_the_first():
    assert [s.rule for s in SCHEDULE.stages] == ["six_months", "three_months", "one_month", "on_the_day"]
    assert SCHEDULE.window_months == 6
    assert SCHEDULE.window_opens_on(ENDS) == D(2026, 12, 30)
    assert not SCHEDULE.in_window(ENDS, D(2026, 12, 29))
    assert SCHEDULE.in_window(ENDS, D(2026, 12, 30))
    assert SCHEDULE.horizon(D(2026, 12, 30)) == D(2027, 6, 30)


@pytest.mark.parametrize(
    ("today", "rule"),
    [
        (D(2026, 12, 29), None),
        (D(2026, 12, 30), "six_months"),
        (D(2027, 3, 29), "six_months"),
        (D(2027, 3, 30), "three_months"),
        (D(2027, 5, 30), "one_month"),
        (D(2027, 6, 30), "on_the_day"),
        (D(2027, 9, 1), "on_the_day"),
    ],
)
def test_only_the_latest_due_stage_is_sent(today, rule):
    stage = SCHEDULE.due(ENDS, today)
    assert (stage.rule if stage else None) == rule


@pytest.mark.parametrize("stages", [(), (("a", 3), ("b", 3)), (("a", -1),)])
def test_a_schedule_that_cannot_be_followed_is_refused_when_declared(stages):
    with pytest.raises(ValueError):
        Reminders.of(stages)


def test_awards_and_the_network_use_the_same_rule(settings):
    from awards.models import REACCREDITATION_REMINDERS, Award
    from la_network.models import Membership
    from la_network.workflow import renewal_opens_on

    award = Award(expires_on=ENDS)
    assert award.renewal_opens_on == REACCREDITATION_REMINDERS.window_opens_on(ENDS) == D(2027, 3, 30)
    settings.LA_RENEWAL_REMINDER_MONTHS = (4, 0)
    assert renewal_opens_on(Membership(ends_on=ENDS)) == D(2027, 2, 28)
