"""Audit and access logs are append-only, in the application and in PostgreSQL itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from sanctuary.audit import access_record, audit_record
from sanctuary.models import AccessLog, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_actor_action_object_and_address(user):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    event = audit_record(
        actor=user, action="groups.application_approved", obj=user, detail={"to": "active"}, request=request
    )
    event.refresh_from_db()
    assert (event.actor, event.action, event.object_type, event.object_id) == (
        user,
        "groups.application_approved",
        "sanctuary.user",
        str(user.pk),
    )
    assert event.ip_address == "203.0.113.9"
    assert event.detail == {"to": "active"}


def test_audit_rows_cannot_be_changed_or_deleted_by_the_application(user):
    event = audit_record(actor=user, action="groups.group_updated", obj=user)
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_access_log_records_who_read_what(client_for, user):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Probe/1.0")
    request.user = user
    row = access_record(request=request, kind=AccessLog.Kind.EXPORT, obj=user)
    assert (row.user, row.kind, row.ip_address, row.user_agent) == (
        user,
        "export",
        "198.51.100.7",
        "Probe/1.0",
    )
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=row.pk).delete()


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["sanctuary_auditevent", "sanctuary_accesslog"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET object_id = 'x'", "DELETE FROM {table}"])
def test_postgresql_rejects_changes_to_audit_rows_even_in_raw_sql(user, table, statement):
    audit_record(actor=user, action="groups.group_updated", obj=user)
    request = RequestFactory().get("/")
    request.user = user
    access_record(request=request, kind="view", obj=user)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table))
