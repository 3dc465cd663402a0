"""Every sensitive read leaves an access-log row (issue 8, SECURITY.md 7): who, what, when, from
where. Exports of every app, downloads of documents, evidence and certificates, and the pages
that show returnee data, award applications or the members' network.

Every view that asks for re-authentication is either a read listed here or a change listed in
``CHANGES`` (whose service writes the audit row, test_audit_coverage.py): a new export cannot
be added without its row. tests/returnees/test_access.py covers the returnee reads in depth.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from sanctuary.models import AccessLog, AuditEvent
from tests.returnees.factories import reauthenticate
from tests.security.fixtures import as_role, world  # noqa: F401  (fixtures)
from tests.security.matrix import load_matrix

MATRIX = load_matrix()

# url name -> (role that reads, the kind of row its read must write)
READS = {
    "charter:export": ("national_staff", "export"),
    "groups:export": ("lead_this", "export"),
    "campaigns:export": ("national_staff", "export"),
    "campaigns:dashboard": ("national_staff", "list"),
    "awards:staff_export": ("national_staff", "export"),
    "awards:staff_applications": ("national_staff", "list"),
    "awards:staff_application": ("national_staff", "view"),
    "awards:application": ("applicant_this", "view"),
    "awards:evidence": ("assessor_this", "download"),
    "awards:certificate": ("applicant_this", "download"),
    "awards:review": ("assessor_this", "view"),
    "la_network:application_document": ("applicant_this", "download"),
    "la_network:certificate": ("applicant_this", "download"),
    "la_network:logo": ("applicant_this", "download"),
    "la_network:network": ("applicant_this", "list"),
    "la_network:review": ("national_staff", "view"),
    "returnees:index": ("guardian_this", "list"),
    "returnees:statistics": ("coordinator", "view"),
    "returnees:statistics_export": ("coordinator", "export"),
    "returnees:case_detail": ("guardian_this", "view"),
    "returnees:case_edit": ("coordinator", "view"),
    "returnees:case_export": ("guardian_this", "export"),
    "returnees:checkin_list": ("guardian_this", "list"),
    "returnees:documents": ("guardian_this", "list"),
    "returnees:document_download": ("guardian_this", "download"),
    "returnees:plan": ("guardian_this", "view"),
    "returnees:plan_pdf": ("guardian_this", "download"),
    "my_data_download": ("supporter", "export"),
}

# Views behind re-authentication that change a case rather than read it: their services write
# audit rows (test_audit_coverage.py).
CHANGES = {
    "account_delete",  # sanctuary.account_deleted
    "returnees:case_create",
    "returnees:case_start_monitoring",
    "returnees:case_close",
    "returnees:case_consent_withdraw",
    "returnees:circle",
    "returnees:circle_remove",
    "returnees:schedule",
}


def test_every_view_behind_re_authentication_is_a_logged_read_or_an_audited_change():
    guarded = {name for name, entry in MATRIX.items() if entry.reauth}
    assert guarded - set(READS) - CHANGES == set()
    assert guarded >= CHANGES


@pytest.mark.parametrize("name", sorted(READS))
def test_the_read_leaves_an_access_log_row(world, as_role, name):  # noqa: F811
    role, kind = READS[name]
    user = world["users"][role]
    client = as_role(role)
    reauthenticate(client, user)
    last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse(name, kwargs=MATRIX[name].kwargs(world["a"])), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200, response.status_code
    rows = list(AccessLog.objects.filter(pk__gt=last))
    assert [(r.kind, r.user_id, r.view_name, r.ip_address) for r in rows] == [
        (kind, user.pk, name, "203.0.113.9")
    ]


@pytest.mark.django_db
def test_rotating_the_encryption_keys_leaves_an_audit_row():
    call_command("rotate_encryption_keys", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AuditEvent.objects.filter(action="sanctuary.encryption_keys_rotated").count() == 1
