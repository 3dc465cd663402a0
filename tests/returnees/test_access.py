"""Who may open which returnee page: the permission matrix (SECURITY.md 2, 3, 5, 7, 8)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from returnees import services
from returnees.models import Escalation, PlanVersion
from returnees.urls import urlpatterns
from sanctuary.models import AccessLog
from tests.factories import UserFactory, make_staff
from tests.returnees.factories import SECRET_NAME, CaseFactory, guardian_of, monitored_case, reauthenticate

pytestmark = pytest.mark.django_db


def _case_urls(case, *, document_id, escalation_id) -> dict[str, str]:
    """Every URL of one case, by name; a new case URL must be added here (or this fails)."""
    ref = case.reference
    urls = {
        "case_detail": reverse("returnees:case_detail", args=[ref]),
        "case_edit": reverse("returnees:case_edit", args=[ref]),
        "case_start_monitoring": reverse("returnees:case_start_monitoring", args=[ref]),
        "case_close": reverse("returnees:case_close", args=[ref]),
        "case_consent_withdraw": reverse("returnees:case_consent_withdraw", args=[ref]),
        "case_export": reverse("returnees:case_export", args=[ref]),
        "circle": reverse("returnees:circle", args=[ref]),
        "circle_remove": reverse("returnees:circle_remove", args=[ref, 1]),
        "schedule": reverse("returnees:schedule", args=[ref]),
        "checkin_list": reverse("returnees:checkin_list", args=[ref]),
        "checkin_new": reverse("returnees:checkin_new", args=[ref]),
        "contact_new": reverse("returnees:contact_new", args=[ref]),
        "country_note_new": reverse("returnees:country_note_new", args=[ref]),
        "plan": reverse("returnees:plan", args=[ref]),
        "plan_new": reverse("returnees:plan_new", args=[ref]),
        "plan_pdf": reverse("returnees:plan_pdf", args=[ref, 1]),
        "plan_handover": reverse("returnees:plan_handover", args=[ref, 1]),
        "documents": reverse("returnees:documents", args=[ref]),
        "document_download": reverse("returnees:document_download", args=[ref, document_id]),
        "escalation_acknowledge": reverse("returnees:escalation_acknowledge", args=[ref, escalation_id]),
        "escalation_resolve": reverse("returnees:escalation_resolve", args=[ref, escalation_id]),
    }
    return urls


def test_every_case_url_is_in_the_matrix():
    case_names = {p.name for p in urlpatterns if "<str:reference>" in str(p.pattern)}
    listed = set(
        _case_urls(CaseFactory.build(reference="RT-XXXXXX"), document_id=uuid.uuid4(), escalation_id=1)
    )
    assert case_names == listed


@pytest.fixture
def two_cases(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sanctuary.uploads import clean_upload

    coordinator = make_staff("safeguarding_coordinator")
    case_a = monitored_case()
    case_b = monitored_case()
    guardian_a = guardian_of(case_a, lead=True)
    guardian_b = guardian_of(case_b, lead=True)
    plan = services.plan_version_create(actor=coordinator, case=case_b, sections={"travel": "Bus"})
    pdf = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    document = services.document_add(
        actor=coordinator, case=case_b, upload=clean_upload(pdf), kind="identity", description=""
    )
    escalation = Escalation.objects.create(case=case_b, reason="overdue", reference_date="2026-11-01")
    return {
        "coordinator": coordinator,
        "a": case_a,
        "b": case_b,
        "guardian_a": guardian_a,
        "guardian_b": guardian_b,
        "plan": plan,
        "b_urls": _case_urls(case_b, document_id=document.pk, escalation_id=escalation.pk),
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_guardian_of_case_a_gets_404_on_every_url_of_case_b(client_for, two_cases, method):
    guardian = two_cases["guardian_a"]
    client = client_for(guardian)
    reauthenticate(client, guardian)  # even freshly re-authenticated, another case stays hidden
    for name, url in two_cases["b_urls"].items():
        response = getattr(client, method)(url)
        assert response.status_code in (404, 405), (name, response.status_code)
        assert SECRET_NAME not in response.content.decode(errors="ignore")


def test_unknown_reference_is_404_like_a_hidden_one(client_for, two_cases):
    client = client_for(two_cases["coordinator"])
    assert client.get(reverse("returnees:case_detail", args=["RT-NOPE00"])).status_code == 404


@pytest.mark.parametrize("role", [None, "national_staff", "assessor"])
def test_people_without_a_returnee_role_get_404_everywhere(client_for, two_cases, role):
    person = make_staff(role) if role else UserFactory()
    client = client_for(person)
    reauthenticate(client, person)
    assert client.get(reverse("returnees:index")).status_code == 404
    for name, url in two_cases["b_urls"].items():
        assert client.get(url).status_code == 404, name


def test_guardian_sees_own_case_and_not_others_in_the_list(client_for, two_cases):
    response = client_for(two_cases["guardian_a"]).get(reverse("returnees:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert two_cases["a"].reference in body
    assert two_cases["b"].reference not in body


def test_coordinator_sees_every_case(client_for, two_cases):
    body = client_for(two_cases["coordinator"]).get(reverse("returnees:index")).content.decode()
    assert two_cases["a"].reference in body and two_cases["b"].reference in body


def test_guardian_cannot_use_coordinator_actions_on_own_case(client_for, two_cases):
    guardian = two_cases["guardian_b"]
    client = client_for(guardian)
    reauthenticate(client, guardian)
    for name in (
        "case_edit",
        "case_close",
        "case_consent_withdraw",
        "circle",
        "schedule",
        "escalation_resolve",
    ):
        assert client.get(two_cases["b_urls"][name]).status_code == 404, name


def test_circle_member_can_open_case_pages(client_for, two_cases):
    guardian = two_cases["guardian_b"]
    client = client_for(guardian)
    for name in ("case_detail", "checkin_list", "checkin_new", "plan", "documents", "contact_new"):
        assert client.get(two_cases["b_urls"][name]).status_code == 200, name


@pytest.mark.parametrize("name", ["case_edit", "case_export", "plan_pdf", "document_download", "circle"])
def test_sensitive_actions_ask_for_recent_reauthentication(client_for, two_cases, name):
    client = client_for(two_cases["coordinator"])
    response = client.get(two_cases["b_urls"][name])
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    reauthenticate(client, two_cases["coordinator"])
    assert client.get(two_cases["b_urls"][name]).status_code == 200


def test_staff_role_without_second_factor_never_reaches_case_data(client_for):
    from returnees.models import CircleMember

    case = monitored_case()
    guardian = make_staff("guardian", with_mfa=False)
    CircleMember.objects.create(case=case, guardian=guardian)
    client = client_for(guardian)
    for url in (reverse("returnees:index"), reverse("returnees:case_detail", args=[case.reference])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        assert SECRET_NAME not in response.content.decode(errors="ignore")


def test_every_returnee_response_says_no_store(client_for, two_cases):
    client = client_for(two_cases["coordinator"])
    reauthenticate(client, two_cases["coordinator"])
    urls = [
        reverse("returnees:index"),
        reverse("returnees:statistics"),
        reverse("returnees:statistics_export"),
    ]
    urls += [
        two_cases["b_urls"][n]
        for n in (
            "case_detail",
            "case_edit",
            "checkin_list",
            "plan",
            "plan_pdf",
            "documents",
            "document_download",
            "case_export",
            "circle",
        )
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    # Even a 404 for someone else's case is not cached.
    other = client_for(two_cases["guardian_a"]).get(two_cases["b_urls"]["case_detail"])
    assert other.status_code == 404
    assert "no-store" in other["Cache-Control"]
    outsider = client_for(UserFactory()).get(reverse("returnees:index"))
    assert outsider.status_code == 404 and "no-store" in outsider["Cache-Control"]


@pytest.mark.parametrize(
    "name,kind",
    [
        ("case_detail", "view"),
        ("checkin_list", "list"),
        ("plan", "view"),
        ("documents", "list"),
        ("plan_pdf", "download"),
        ("document_download", "download"),
        ("case_export", "export"),
        ("case_edit", "view"),
    ],
)
def test_every_view_of_case_data_writes_an_access_log_row(client_for, two_cases, name, kind):
    coordinator = two_cases["coordinator"]
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    before = AccessLog.objects.count()
    assert client.get(two_cases["b_urls"][name], REMOTE_ADDR="203.0.113.9").status_code == 200
    row = AccessLog.objects.exclude(pk__in=[]).order_by("-pk").first()
    assert AccessLog.objects.count() == before + 1
    assert (row.user, row.kind, row.ip_address) == (coordinator, kind, "203.0.113.9")


def test_case_list_and_search_are_access_logged(client_for, two_cases):
    client = client_for(two_cases["coordinator"])
    client.get(reverse("returnees:index"))
    client.get(reverse("returnees:index"), {"reference": two_cases["a"].reference})
    kinds = list(AccessLog.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == ["list", "search"]


def test_statistics_are_for_coordinators_and_national_staff_only(client_for, two_cases):
    url = reverse("returnees:statistics")
    assert client_for(make_staff("national_staff")).get(url).status_code == 200
    assert client_for(two_cases["coordinator"]).get(url).status_code == 200
    assert client_for(two_cases["guardian_a"]).get(url).status_code == 404
    assert client_for(UserFactory()).get(url).status_code == 404


def test_plan_version_of_another_case_is_404(client_for, two_cases):
    guardian = two_cases["guardian_a"]
    client = client_for(guardian)
    reauthenticate(client, guardian)
    assert PlanVersion.objects.filter(case=two_cases["a"]).count() == 0
    assert client.get(reverse("returnees:plan_pdf", args=[two_cases["a"].reference, 1])).status_code == 404


def test_coordinator_can_open_every_page_of_any_case(client_for, two_cases):
    coordinator = two_cases["coordinator"]
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    post_only = {"case_start_monitoring", "circle_remove", "plan_handover"}
    for name, url in two_cases["b_urls"].items():
        expected = 405 if name in post_only else 200
        assert client.get(url).status_code == expected, name


# Pages that are not about one case: role -> expected status (after re-authentication).
GENERAL_MATRIX = {
    "index": {
        None: 404,
        "national_staff": 404,
        "assessor": 404,
        "guardian": 200,
        "safeguarding_coordinator": 200,
    },
    "statistics": {
        None: 404,
        "national_staff": 200,
        "assessor": 404,
        "guardian": 404,
        "safeguarding_coordinator": 200,
    },
    "statistics_export": {
        None: 404,
        "national_staff": 200,
        "assessor": 404,
        "guardian": 404,
        "safeguarding_coordinator": 200,
    },
    "case_create": {
        None: 404,
        "national_staff": 404,
        "assessor": 404,
        "guardian": 404,
        "safeguarding_coordinator": 200,
    },
}


def test_every_url_of_the_app_is_in_a_matrix():
    general = {p.name for p in urlpatterns if "<str:reference>" not in str(p.pattern)}
    assert general == set(GENERAL_MATRIX)


@pytest.mark.parametrize("name", sorted(GENERAL_MATRIX))
@pytest.mark.parametrize("role", [None, "national_staff", "assessor", "guardian", "safeguarding_coordinator"])
def test_general_pages_answer_each_role_as_the_matrix_says(client_for, db, name, role):
    person = make_staff(role) if role else UserFactory()
    client = client_for(person)
    reauthenticate(client, person)
    assert client.get(reverse(f"returnees:{name}")).status_code == GENERAL_MATRIX[name][role]


def test_typed_personal_data_is_never_parked_in_the_session_when_reauthentication_lapses(client_for, db):
    from django.contrib.sessions.models import Session

    coordinator = make_staff("safeguarding_coordinator")
    case = monitored_case()
    client = client_for(coordinator)
    url = reverse("returnees:case_edit", args=[case.reference])
    response = client.post(
        url, {"full_name": "Typed Secretname", "destination_country": "ZW", "risk_level": "low"}
    )
    assert response.status_code == 302 and response["Location"] == url
    for session in Session.objects.all():
        assert "Secretname" not in str(session.get_decoded())
    case.refresh_from_db()
    assert case.full_name == SECRET_NAME


def test_a_form_opened_after_reauthentication_can_be_sent_a_while_later(client_for, db, settings):
    import time_machine
    from django.utils import timezone

    settings.STAFF_SESSION_IDLE_TIMEOUT = 3600
    coordinator = make_staff("safeguarding_coordinator")
    case = monitored_case()
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    url = reverse("returnees:case_edit", args=[case.reference])
    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=12)):
        response = client.post(
            url, {"full_name": "New Name", "destination_country": "ZW", "risk_level": "unassessed"}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.full_name == "New Name"
