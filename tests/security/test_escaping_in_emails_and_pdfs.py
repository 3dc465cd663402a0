"""User text is escaped in emails and PDFs too, not only on pages (issue 8, SECURITY.md 12).

Every email the platform sends is rendered from a template trio when a service queues it
(``sanctuary.notifications``), so the stored outbox shows exactly what people receive. Here
every service that emails someone is run on records whose names and free text are markup;
the HTML part of each email shows that text escaped, and the plain-text part and subject show
it as typed (no HTML entities in a text email). A new email template must be added to one of
the two lists below, so none is forgotten.

PDFs (award certificate, LA membership certificate, return plan) are rendered with the same
hostile records; their text, extracted with pypdf, shows the markup literally: nothing was
interpreted, and no resource named in the markup was fetched.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import threading
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from awards import services as awards
from awards.models import Award, PanelMember
from campaigns import services as campaigns
from groups import services as groups
from groups.models import GroupMembership
from la_network import services as la_network
from la_network.models import Requirement
from returnees import services as returnees
from returnees.models import PlanVersion
from sanctuary import services as sanctuary
from sanctuary.models import OutboundEmail
from sanctuary.pdf import render_pdf
from sanctuary.terms import add_months
from tests.awards.factories import (
    CriterionFactory,
    StreamFactory,
    complete_minimum,
    make_assessor,
    make_draft,
    make_panel,
    review_all,
)
from tests.campaigns.factories import ActionFactory, CampaignFactory
from tests.factories import (
    GroupFactory,
    LocalAuthorityFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    UserFactory,
    make_lead,
    make_staff,
)
from tests.groups.factories import CharterVersionFactory, SignatureFactory
from tests.la_network.factories import CouncilContactFactory, complete_values, verify_all
from tests.returnees.factories import guardian_of, monitored_case, reauthenticate
from tests.security.hostile import RAW

pytestmark = pytest.mark.django_db

BOLD = "<b>bold</b>"
# Short enough for every name field (group names take 150 characters, council names 120).
HOSTILE = f'{BOLD} "><img src=x onerror=alert(1)> <script>alert(1)</script>'
QUOTED_EMAIL = '"<b>bold</b>"@example.org'
ENTITIES = ("&lt;", "&gt;", "&quot;", "&#x27;", "&amp;")

# Emails that show text someone typed (a name, an organisation, a reason, a note...).
USER_TEXT_EMAILS = {
    "sanctuary/emails/staff_invitation",
    "groups/emails/confirm_signature",
    "groups/emails/already_signed",
    "groups/emails/invitation",
    "groups/emails/contact_message",
    "groups/emails/application_approved",
    "groups/emails/application_declined",
    "groups/emails/pledge_received",
    "groups/emails/pledge_to_approve",
    "groups/emails/pledge_decided",
    "groups/emails/weekly_digest",
    "campaigns/emails/follow_up",
    "campaigns/emails/pledge_confirm",
    "awards/emails/submitted",
    "awards/emails/endorsement_request",
    "awards/emails/panel_invite",
    "awards/emails/review_reminder",
    "awards/emails/review_reopened",
    "awards/emails/more_evidence",
    "awards/emails/evidence_due",
    "awards/emails/resubmitted",
    "awards/emails/decision",
    "awards/emails/stream_open",
    "awards/emails/reaccreditation",
    "la_network/emails/endorsement_request",
    "la_network/emails/endorsement_answered",
    "la_network/emails/submitted",
    "la_network/emails/changes_requested",
    "la_network/emails/decided",
    "la_network/emails/renewal_reminder",
    "resources/emails/suggestion_approved",
    "resources/emails/suggestion_declined",
}
# Emails that carry no typed text at all: a link to staff, or only a case reference (returnee
# emails never name the person, see tests/returnees/test_privacy_logs.py).
NO_USER_TEXT_EMAILS = {
    "sanctuary/emails/staff_invitation",
    "sanctuary/emails/failed_logins",
    "awards/emails/conflict",
    "returnees/emails/checkin_due",
    "returnees/emails/checkin_overdue",
    "returnees/emails/escalation",
}


def _email_templates() -> set[str]:
    root = Path(settings.BASE_DIR)
    return {
        str(path.relative_to(path.parents[2]).with_suffix(""))
        for path in root.glob("*/templates/*/emails/*.html")
    }


def test_every_email_template_is_in_one_of_the_lists():
    assert _email_templates() == USER_TEXT_EMAILS | NO_USER_TEXT_EMAILS


def _groups_emails(staff) -> None:
    CharterVersionFactory()
    group = GroupFactory(name=HOSTILE)
    lead = make_lead(group, display_name=HOSTILE)
    signature = groups.signature_create(
        name=HOSTILE,
        email="signer@example.org",
        place="Riverton",
        group=group,
        consent_group_contact=True,
        consent_public_name=False,
    )
    groups.signature_confirm(token=groups.confirmation_token(signature))
    groups.signature_create(
        name="Again",
        email="signer@example.org",
        place="Riverton",
        consent_group_contact=False,
        consent_public_name=False,
    )
    groups.invitation_create(
        group=group, actor=lead, email="new@example.org", role=GroupMembership.Role.MEMBER
    )
    groups.group_contact_send(group=group, sender_name=HOSTILE, sender_email=QUOTED_EMAIL, message=HOSTILE)
    for decide in ("approve", "decline"):
        application = groups.group_application_submit(
            applicant=UserFactory(),
            name=HOSTILE,
            area_served=HOSTILE,
            nation="england",
            region="north_west",
            why=HOSTILE,
            who_involved=HOSTILE,
        )
        if decide == "approve":
            groups.group_application_approve(application=application, actor=staff)
        else:
            groups.group_application_decline(application=application, actor=staff, reason=HOSTILE)
    pledge = groups.organisation_pledge_sign(
        name=HOSTILE,
        org_type="school",
        website="",
        address=HOSTILE,
        postcode="RV1 1AA",
        region="north_west",
        size_band="",
        group=group,
        contact_name=HOSTILE,
        contact_email="org@example.org",
    )
    groups.organisation_pledge_decide(pledge=pledge, actor=lead, approve=False, reason=HOSTILE)
    SignatureFactory(group=group, confirmed_at=timezone.now() - dt.timedelta(days=1))
    assert groups.digests_send(week_start=timezone.localdate() + dt.timedelta(days=1))


def _resources_emails(staff) -> None:
    from resources import services as resources

    for approve in (True, False):
        suggestion = resources.suggestion_make(
            user=make_lead(), title=HOSTILE, summary=HOSTILE, url="https://example.org/guide"
        )
        if approve:
            resources.suggestion_approve(
                suggestion=suggestion,
                actor=staff,
                data={"title": HOSTILE, "summary": HOSTILE, "audience": "public"},
            )
        else:
            resources.suggestion_decline(suggestion=suggestion, actor=staff, reason=HOSTILE)


def _sanctuary_emails() -> None:
    inviter = make_staff("national_staff", display_name=HOSTILE)
    invitation = sanctuary.staff_invitation_create(
        actor=inviter, email="invited@example.org", role="assessor"
    )
    sanctuary.staff_invitation_resend(invitation=invitation, actor=inviter)
    assert sanctuary.failed_logins_notify(email=inviter.email)


def _campaigns_emails() -> None:
    campaign = CampaignFactory(title=HOSTILE, pledge_statement=HOSTILE)
    campaigns.pledge_sign(campaign=campaign, name=HOSTILE, email="pledge@example.org")
    ActionFactory(
        campaign=campaign,
        user=UserFactory(display_name=HOSTILE),
        done_on=timezone.localdate() - dt.timedelta(days=settings.CAMPAIGN_FOLLOW_UP_DAYS + 1),
    )
    assert campaigns.follow_ups_send() == {"sent": 1, "skipped": 0}


def _awards_emails(staff) -> None:
    group = GroupFactory(name=HOSTILE)
    make_lead(group)
    stream = StreamFactory(name=HOSTILE, award_title=HOSTILE)
    for principle in ("learn", "embed"):
        CriterionFactory(stream=stream, principle=principle, title=HOSTILE)
    contact = OrganisationContactFactory(organisation=OrganisationFactory(name=HOSTILE, group=group))
    application = make_draft(stream, contact=contact)
    complete_minimum(application)
    application = awards.application_submit(application=application, user=contact.user)
    members = make_panel(application, staff)
    conflicted = awards.panel_member_add(application=application, assessor=make_assessor(), actor=staff)
    awards.conflict_declare(member=conflicted, has_conflict=True)
    application = awards.review_start(application=application, actor=staff)
    assert awards.reviewer_remind(member=PanelMember.objects.get(pk=members[0].pk))
    due_on = timezone.localdate() + dt.timedelta(days=2)
    awards.evidence_request(
        application=application,
        answers=list(application.answers.all()),
        note=HOSTILE,
        due_on=due_on,
        actor=staff,
    )
    assert awards.evidence_due_remind(today=timezone.localdate())
    application.refresh_from_db()
    for answer in application.answers.all():
        awards.answer_save(
            application=application,
            criterion=answer.criterion,
            user=contact.user,
            account=HOSTILE,
            links="",
            complete=True,
        )
    application = awards.application_submit(application=application, user=contact.user)
    reviewers = [m for m in members if m.conflict == PanelMember.Conflict.NONE]
    review_all(application, reviewers)
    awards.review_reopen(member=reviewers[0], reason=HOSTILE, actor=staff)
    review_all(application, reviewers[:1])
    awards.application_decide(application=application, awarded=True, feedback=HOSTILE, actor=staff)
    award = Award.objects.get(application=application)
    assert awards.reaccreditation_remind(today=add_months(award.expires_on, -1))
    awards.interest_register(
        stream=stream,
        organisation=OrganisationContactFactory(
            organisation=OrganisationFactory(name=HOSTILE), user=contact.user
        ).organisation,
        user=contact.user,
    )
    assert awards.interest_notify()


def _la_network_emails(staff) -> None:
    group = GroupFactory(name=HOSTILE)
    lead = make_lead(group)
    council = LocalAuthorityFactory(short_name=HOSTILE, official_name=HOSTILE)
    contact = CouncilContactFactory(local_authority=council)
    application = la_network.application_start(user=contact.user, local_authority=council, role=contact.role)
    values = complete_values()
    for section, names in la_network.SECTION_FIELDS.items():
        la_network.application_section_save(
            application=application,
            section=section,
            actor=contact.user,
            values={name: values[name] for name in names if name in values},
            groups=[group] if section == Requirement.LOCAL_GROUP else None,
        )
    la_network.endorsement_decide(
        endorsement=application.endorsements.get(), actor=lead, endorse=True, statement=HOSTILE
    )
    la_network.application_submit(application=application, actor=contact.user)
    la_network.application_request_changes(application=application, actor=staff, note=HOSTILE)
    la_network.application_submit(application=application, actor=contact.user)
    verify_all(application, staff)
    membership = la_network.application_approve(application=application, actor=staff, reason=HOSTILE)
    assert la_network.memberships_remind(memberships=[membership], today=membership.ends_on)


def _returnee_emails() -> None:
    case = monitored_case(full_name=HOSTILE, known_as=HOSTILE)
    guardian_of(case)
    returnees.checkin_sweep(now=timezone.now() + dt.timedelta(days=30))


def test_every_email_shows_typed_markup_as_text(national_staff, coordinator):
    _sanctuary_emails()
    _groups_emails(national_staff)
    _campaigns_emails()
    _awards_emails(national_staff)
    _la_network_emails(national_staff)
    _returnee_emails()
    _resources_emails(national_staff)
    sent = list(OutboundEmail.objects.all())
    missing = USER_TEXT_EMAILS - {email.template for email in sent}
    assert missing == set(), f"no scenario here sends {sorted(missing)}"
    for email in sent:
        for raw in RAW:
            assert raw not in email.body_html, f"{email.template}: unescaped {raw!r} in the HTML part"
        for entity in ENTITIES:
            assert entity not in email.subject, f"{email.template}: {entity} in the subject"
        if email.template in USER_TEXT_EMAILS:
            assert escape(BOLD) in email.body_html, f"{email.template}: the typed text is not shown"
            assert BOLD in email.body_text, f"{email.template}: the text part is escaped like HTML"
        else:
            assert BOLD not in email.body_text + email.body_html, f"{email.template} shows typed text"


# --- PDFs ---------------------------------------------------------------------------------------


@pytest.fixture
def listener():
    """A local web server that records every request: a PDF must never call it."""
    calls: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            calls.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", calls
    server.shutdown()
    server.server_close()


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _shows_literally(text: str, value: str) -> None:
    """The value appears character for character (line breaks aside): no tag was interpreted."""
    assert "".join(value.split()) in text


def _hostile_with_image(base: str) -> str:
    return f'{HOSTILE} <img src="{base}/leak.png">'


def test_award_certificate_shows_markup_as_text(national_staff, listener):
    base, calls = listener
    name = _hostile_with_image(base)
    contact = OrganisationContactFactory(organisation=OrganisationFactory(name=name[:200]))
    stream = StreamFactory(award_title=HOSTILE)
    for principle in ("learn", "embed"):
        CriterionFactory(stream=stream, principle=principle)
    application = make_draft(stream, contact=contact)
    complete_minimum(application)
    application = awards.application_submit(application=application, user=contact.user)
    members = make_panel(application, national_staff)
    awards.review_start(application=application, actor=national_staff)
    review_all(application, members)
    awards.application_decide(application=application, awarded=True, feedback="", actor=national_staff)
    award = Award.objects.get(application=application)
    assert awards.certificate_generate(award_id=award.pk)
    award.refresh_from_db()
    with award.certificate.open("rb") as handle:
        data = handle.read()
    text = _pdf_text(data)
    _shows_literally(text, name[:200])
    _shows_literally(text, HOSTILE)
    # The document's title and subject (its metadata) carry the same text, also as typed.
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert HOSTILE in metadata.title and name[:200] in metadata.subject
    assert calls == []


def test_la_membership_certificate_shows_markup_as_text(client_for, listener):
    from tests.la_network.factories import make_membership

    base, calls = listener
    name = _hostile_with_image(base)
    contact = CouncilContactFactory(local_authority=LocalAuthorityFactory(official_name=name))
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1), contact=contact)
    response = client_for(contact.user).get(reverse("la_network:certificate", args=[membership.pk]))
    assert response.status_code == 200
    _shows_literally(_pdf_text(response.content), name)
    assert name in PdfReader(io.BytesIO(response.content)).metadata.title
    assert calls == []


def test_return_plan_shows_markup_as_text(client_for, listener):
    base, calls = listener
    text = _hostile_with_image(base)
    case = monitored_case(known_as=text[:120])
    guardian = guardian_of(case)
    sections = {name: f"{name}: {text}" for name, _label in PlanVersion.SECTIONS}
    plan = returnees.plan_version_create(actor=guardian, case=case, sections=sections)
    client = client_for(guardian)
    reauthenticate(client, guardian)
    response = client.get(reverse("returnees:plan_pdf", args=[case.reference, plan.number]))
    assert response.status_code == 200
    shown = _pdf_text(b"".join(response.streaming_content))
    for value in (text[:120], *sections.values()):
        _shows_literally(shown, value)
    assert calls == []


def test_the_pdf_renderer_fetches_nothing_a_template_names_outside_the_static_files(
    settings, tmp_path, listener
):
    """Even markup that reached a template unescaped could not make the renderer call out."""
    base, calls = listener
    # The listener does hear requests (the URL is our own local server).
    with urllib.request.urlopen(f"{base}/probe") as answer:  # noqa: S310
        assert answer.status == 200
    assert calls.pop() == "/probe"
    (tmp_path / "security").mkdir()
    (tmp_path / "security" / "remote.html").write_text(
        "<html><head><link rel='stylesheet' href='{{ base }}/style.css'>"
        "<style>@import url('{{ base }}/import.css'); body { background: url('{{ base }}/bg.png') }</style>"
        "</head><body><p>Still rendered</p><img src='{{ base }}/img.png'>"
        "<img src='file:///etc/passwd'><object data='{{ base }}/object'></object></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    text = _pdf_text(render_pdf("security/remote.html", {"base": base}))
    assert "Stillrendered" in text
    assert calls == []
