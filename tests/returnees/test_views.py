"""The coordinator's and guardian's journeys through the pages, and list query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from returnees import services
from returnees.models import Case, CheckIn, Escalation, PlanHandover
from tests.factories import make_staff
from tests.helpers import settle_session
from tests.returnees.factories import SECRET_NAME, guardian_of, monitored_case, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client_for):
    coordinator = make_staff("safeguarding_coordinator")
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    client.user = coordinator
    return client


def test_coordinator_creates_a_case_assigns_a_circle_and_starts_monitoring(coordinator_client):
    client = coordinator_client
    guardian = make_staff("guardian")
    response = client.post(
        reverse("returnees:case_create"),
        {
            "full_name": SECRET_NAME,
            "destination_country": "ZW",
            "risk_level": "unassessed",
            "preferred_channels": ["signal"],
            "consent_given_on": "2026-10-01",
            "consent_method": "in_person",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("returnees:circle", args=[case.reference])
    assert case.reference.startswith("RT-") and SECRET_NAME not in response["Location"]
    assert case.preferred_channels == "signal"
    client.post(
        reverse("returnees:circle", args=[case.reference]), {"guardian": guardian.pk, "is_lead": "on"}
    )
    assert case.circle.get().is_lead
    client.post(reverse("returnees:case_start_monitoring", args=[case.reference]))
    case.refresh_from_db()
    assert case.status == Case.Status.MONITORING and case.next_due_at is not None


def test_case_form_keeps_what_was_typed_and_explains_errors(coordinator_client):
    response = coordinator_client.post(
        reverse("returnees:case_create"),
        {
            "full_name": "Typed Name",
            "destination_country": "ZW",
            "risk_level": "high",
            "risk_reason": "",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give the reason for this risk level." in body
    assert 'value="Typed Name"' in body
    assert not Case.objects.exists()


def test_coordinator_edits_risk_level_with_reason_and_it_is_audited(coordinator_client):
    from sanctuary.models import AuditEvent

    case = monitored_case()
    url = reverse("returnees:case_edit", args=[case.reference])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "full_name": case.full_name,
            "destination_country": "ZW",
            "risk_level": "low",
            "risk_reason": "Calmer now",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.risk_level == "low"
    event = AuditEvent.objects.get(action="returnees.case_updated")
    assert event.detail["risk_level"] == ["high", "low"]
    assert "Calmer" not in str(event.detail)


def test_guardian_records_a_quick_check_in_from_the_phone_page(client_for):
    case = monitored_case()
    guardian = guardian_of(case, lead=True)
    client = client_for(guardian)
    page = client.get(reverse("returnees:index")).content.decode()
    assert reverse("returnees:checkin_new", args=[case.reference]) in page
    assert "<script>" not in page.split("</main>")[0]
    response = client.post(
        reverse("returnees:checkin_new", args=[case.reference]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "channel": "whatsapp",
            "reached": "yes",
            "wellbeing": "worried",
            "needs": "Phone credit",
        },
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.recorded_by, checkin.wellbeing, checkin.needs) == (guardian, "worried", "Phone credit")


def test_check_in_form_rejects_contradictory_answers_without_saving(client_for):
    case = monitored_case()
    guardian = guardian_of(case)
    response = client_for(guardian).post(
        reverse("returnees:checkin_new", args=[case.reference]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "channel": "sms",
            "reached": "no",
            "wellbeing": "safe",
            "notes": "kept text",
        },
    )
    assert response.status_code == 200
    assert "kept text" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_in_danger_check_in_from_the_page_opens_an_escalation(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = make_staff("safeguarding_coordinator")
    case = monitored_case()
    guardian = guardian_of(case)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(guardian).post(
            reverse("returnees:checkin_new", args=[case.reference]),
            {
                "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "channel": "phone",
                "reached": "yes",
                "wellbeing": "in_danger",
            },
        )
    assert Escalation.objects.get().reason == "in_danger"
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_coordinator_acknowledges_and_resolves_an_escalation(coordinator_client):
    case = monitored_case()
    escalation = services.escalation_raise(case=case, reason="overdue", reference_date=dt.date(2026, 11, 1))
    ack = reverse("returnees:escalation_acknowledge", args=[case.reference, escalation.pk])
    resolve = reverse("returnees:escalation_resolve", args=[case.reference, escalation.pk])
    coordinator_client.post(ack, {"notes": ""})
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"
    assert coordinator_client.post(resolve, {"notes": ""}).status_code == 200  # notes required
    coordinator_client.post(resolve, {"notes": "Reached through the pastor"})
    escalation.refresh_from_db()
    assert escalation.status == "resolved" and escalation.resolved_by == coordinator_client.user


def test_return_plan_versions_pdf_and_handover_record(client_for):
    case = monitored_case()
    guardian = guardian_of(case)
    client = client_for(guardian)
    client.post(reverse("returnees:plan_new", args=[case.reference]), {"travel": "Fly <b>on</b> Monday"})
    client.post(
        reverse("returnees:plan_new", args=[case.reference]), {"travel": "Fly on Tuesday", "safety": "x"}
    )
    assert list(case.plan_versions.values_list("number", flat=True)) == [2, 1]
    client.post(
        reverse("returnees:plan_handover", args=[case.reference, 1]),
        {
            "recipient": "returnee",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    handover = PlanHandover.objects.get()
    assert (handover.plan.number, handover.recipient) == (1, "returnee")
    reauthenticate(client, guardian)
    response = client.get(reverse("returnees:plan_pdf", args=[case.reference, 1]))
    assert response["Content-Type"] == "application/pdf"
    assert f"{case.reference}-plan-v1.pdf" in response["Content-Disposition"]
    import io

    issued = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(issued)).pages[0].extract_text()
    assert "Fly <b>on</b> Monday" in text  # user text is escaped, not rendered as markup


def test_plan_pdf_is_issued_once_stored_encrypted_and_erased_with_the_case(
    client_for, django_capture_on_commit_callbacks
):
    case = monitored_case(full_name=SECRET_NAME)
    guardian = guardian_of(case)
    client = client_for(guardian)
    reauthenticate(client, guardian)
    plan = services.plan_version_create(actor=guardian, case=case, sections={"travel": "Fly on Monday"})
    url = reverse("returnees:plan_pdf", args=[case.reference, plan.number])
    issued = b"".join(client.get(url).streaming_content)
    plan.refresh_from_db()
    with plan.encrypted_pdf.open("rb") as handle:
        on_disk = handle.read()
    assert issued.startswith(b"%PDF") and not on_disk.startswith(b"%PDF")
    assert SECRET_NAME.encode() not in on_disk
    assert b"".join(client.get(url).streaming_content) == issued  # the same document, not a re-render

    name = plan.encrypted_pdf.name
    from django.core.files.storage import default_storage

    with django_capture_on_commit_callbacks(execute=True):
        services.case_consent_withdraw(actor=guardian, case=case)
    plan.refresh_from_db()
    assert not plan.encrypted_pdf and not default_storage.exists(name)


def test_key_rotation_re_encrypts_issued_plan_pdfs(settings):
    from cryptography.fernet import Fernet

    case = monitored_case()
    guardian = guardian_of(case)
    plan = services.plan_version_create(actor=guardian, case=case, sections={"travel": "Bus"})
    issued = services.plan_pdf(plan=plan)
    new_key = Fernet.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key.decode(), *settings.FIELD_ENCRYPTION_KEYS]
    assert services.documents_rotate_keys() == 1
    plan.refresh_from_db()
    with plan.encrypted_pdf.open("rb") as handle:
        assert Fernet(new_key).decrypt(handle.read()) == issued


def test_empty_plan_is_refused(client_for):
    case = monitored_case()
    response = client_for(guardian_of(case)).post(reverse("returnees:plan_new", args=[case.reference]), {})
    assert response.status_code == 200 and not case.plan_versions.exists()


def test_document_upload_rejects_a_fake_pdf(client_for):
    case = monitored_case()
    fake = SimpleUploadedFile("id.pdf", b"MZ not a pdf")
    response = client_for(guardian_of(case)).post(
        reverse("returnees:documents", args=[case.reference]), {"kind": "identity", "file": fake}
    )
    assert response.status_code == 200
    assert "not a valid PDF" in response.content.decode()
    assert not case.documents.exists()


def test_schedule_form_requires_a_rule_from_day_zero(coordinator_client):
    case = monitored_case()
    url = reverse("returnees:schedule", args=[case.reference])
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "10",
        "form-0-starts_after_days": "5",
        "form-0-interval_days": "2",
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 200 and "day 0" in response.content.decode()
    data["form-0-starts_after_days"] = "0"
    assert coordinator_client.post(url, data).status_code == 302
    assert list(case.cadence_rules.values_list("starts_after_days", "interval_days")) == [(0, 2)]


def test_contacts_and_country_notes_are_added_by_the_circle(client_for):
    case = monitored_case()
    client = client_for(guardian_of(case))
    client.post(
        reverse("returnees:contact_new", args=[case.reference]), {"name": "Local church", "role": "Pastor"}
    )
    client.post(
        reverse("returnees:country_note_new", args=[case.reference]),
        {
            "researched_on": timezone.localdate().isoformat(),
            "notes": "Elections next month",
            "sources": "News",
        },
    )
    assert case.contacts.get().role == "Pastor"
    assert case.country_notes.get().notes == "Elections next month"


def _count(client, url) -> int:
    settle_session(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["coordinator", "guardian"])
def test_case_list_query_count_does_not_grow_with_cases(client_for, django_assert_num_queries, who):
    coordinator = make_staff("safeguarding_coordinator")
    guardian = make_staff("guardian")
    client = client_for(coordinator if who == "coordinator" else guardian)
    url = reverse("returnees:index")

    def add(n):
        for _ in range(n):
            case = monitored_case()
            case.circle.create(guardian=guardian)
            services.escalation_raise(case=case, reason="overdue", reference_date=timezone.localdate())

    add(1)
    small = _count(client, url)
    add(6)
    with django_assert_num_queries(small):
        client.get(url)


@pytest.mark.parametrize("name", ["checkin_list", "plan", "documents", "case_detail"])
def test_case_pages_query_count_does_not_grow(client_for, django_assert_num_queries, name):
    case = monitored_case()
    guardian = guardian_of(case)
    client = client_for(guardian)
    url = reverse(f"returnees:{name}", args=[case.reference])

    def add(n):
        for _ in range(n):
            services.checkin_record(
                actor=guardian,
                case=case,
                occurred_at=timezone.now(),
                channel="sms",
                reached=True,
                wellbeing="safe",
            )
            plan = services.plan_version_create(actor=guardian, case=case, sections={"travel": "x"})
            services.plan_handover_record(
                actor=guardian, plan=plan, recipient="circle", given_on=timezone.localdate()
            )
            pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
            from sanctuary.uploads import clean_upload

            services.document_add(actor=guardian, case=case, upload=clean_upload(pdf), kind="other")
            services.contact_add(actor=guardian, case=case, name="c")

    add(1)
    small = _count(client, url)
    add(5)
    with django_assert_num_queries(small):
        client.get(url)


def test_admin_lists_only_reference_and_status(client_for):
    case = monitored_case()
    staff = make_staff("national_staff", is_staff=True, is_superuser=True)
    response = client_for(staff).get(reverse("admin:returnees_case_changelist"), {"q": SECRET_NAME})
    body = response.content.decode()
    assert response.status_code == 200
    assert "0 results" in body  # the name is not searchable
    listing = client_for(staff).get(reverse("admin:returnees_case_changelist")).content.decode()
    assert case.reference in listing and SECRET_NAME not in listing and "Nkulumane" not in listing
    from returnees.admin import CaseAdmin

    assert CaseAdmin.list_display == ("reference", "status") and CaseAdmin.search_fields == ("reference",)
    detail = client_for(staff).get(reverse("admin:returnees_case_change", args=[case.pk])).content.decode()
    assert SECRET_NAME not in detail


def test_demo_seed_is_idempotent_and_gives_each_guardian_mine_and_not_mine(db):
    from returnees import demo
    from returnees.selectors import visible_to
    from sanctuary import demo as core_demo

    for _ in range(2):
        ctx = core_demo.DemoContext()
        core_demo.seed(ctx)
        demo.seed(ctx)
    assert Case.objects.count() == 3
    g1, g2 = visible_to(ctx.users["guardian1"]), visible_to(ctx.users["guardian2"])
    assert g1.exists() and g2.exists() and not set(g1) & set(g2)
    assert visible_to(ctx.users["coordinator"]).count() == 3
    assert Escalation.objects.filter(status="open").count() == 1
    assert Case.objects.filter(next_due_at__lte=timezone.now()).exists()


@pytest.mark.parametrize("language", ["en-gb", "fr", "cy"])
def test_list_times_read_as_the_date_filter_writes_them(language):
    """The case list formats its times itself (see ShortTimes): the same text as the filter,
    in the reader's time zone either side of the clock change, in any language."""
    from django.template import engines
    from django.utils import translation

    from returnees.views import ShortTimes

    filtered = engines["django"].from_string('{% for m in moments %}{{ m|date:"j M H:i" }}|{% endfor %}')

    start = dt.datetime(2026, 1, 1, 0, 7, tzinfo=dt.UTC)
    moments = [start + dt.timedelta(hours=37 * n) for n in range(240)]  # a year, every hour of day
    with translation.override(language):
        times = ShortTimes()
        assert [times(m) for m in moments] == filtered.render({"moments": moments}).split("|")[:-1]
        assert times(None) == ""
    assert times(dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)).endswith("13:00")  # BST


def test_circle_picker_offers_only_guardians_not_yet_in_the_circle(coordinator_client):
    case = monitored_case()
    member = guardian_of(case)
    outsider = make_staff("guardian")
    page = coordinator_client.get(reverse("returnees:circle", args=[case.reference]))
    choices = {choice.value for choice, _label in page.context["form"].fields["guardian"].choices if choice}
    assert outsider.pk in choices and member.pk not in choices
    # An existing member is made lead from their row instead.
    coordinator_client.post(reverse("returnees:circle", args=[case.reference]), {"make_lead": member.pk})
    assert case.circle.get(guardian=member).is_lead


def test_removing_a_guardian_asks_first(coordinator_client):
    case = monitored_case()
    member = guardian_of(case)
    url = reverse("returnees:circle_remove", args=[case.reference, member.pk])
    page = coordinator_client.post(url)
    assert page.status_code == 200 and "Remove" in page.content.decode()
    assert case.circle.filter(guardian=member).exists()
    coordinator_client.post(url, {"confirmed": "yes"})
    assert not case.circle.filter(guardian=member).exists()
