"""Concurrency rules that only a real PostgreSQL can show."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from groups import services
from groups.models import GroupMembership
from tests.factories import GroupFactory, make_lead


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_leads_demoting_each_other_at_once_leave_one_lead():
    group = GroupFactory()
    first, second = make_lead(group), make_lead(group)
    a = GroupMembership.objects.get(user=first)
    b = GroupMembership.objects.get(user=second)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(target, actor):
        try:
            barrier.wait()
            services.membership_set_role(membership=target, actor=actor, role=GroupMembership.Role.MEMBER)
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(b, first)),
        threading.Thread(target=demote, args=(a, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes) == ["done", "refused"]
    assert GroupMembership.objects.filter(group=group, role=GroupMembership.Role.LEAD).count() == 1
