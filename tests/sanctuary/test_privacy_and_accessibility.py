"""The privacy notice (staff-edited, versioned, audited) and the accessibility statement, and the
link to the notice from every form that asks for personal data."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from sanctuary.models import AuditEvent, PrivacyNoticeVersion
from sanctuary.templatetags.notices import notice_html
from tests.campaigns.factories import CampaignFactory
from tests.factories import GroupFactory


def seed_first_notice() -> None:
    from django.apps import apps

    migration = import_module("sanctuary.migrations.0008_privacy_notice_first_version")
    migration.publish_first(apps, None)


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def first_notice():
    """The version the data migration publishes (run again here: a transactional test elsewhere
    may have emptied the table since the migrations ran)."""
    seed_first_notice()


# Every template of a form that asks someone for personal data (the sign-up form is allauth's,
# given the note by templates/allauth/elements/form.html when tagged "signup").
PERSONAL_DATA_FORMS = [
    "groups/templates/groups/charter_sign.html",
    "groups/templates/groups/organisation_sign.html",
    "groups/templates/groups/apply.html",
    "groups/templates/groups/contact.html",
    "campaigns/templates/campaigns/act_form.html",
    "campaigns/templates/campaigns/pledge.html",
    "sanctuary/templates/sanctuary/invitations/set_password.html",
    "returnees/templates/returnees/case_form.html",
]


def test_a_first_privacy_notice_is_published_when_the_platform_is_installed(client):
    notice = PrivacyNoticeVersion.objects.get()
    assert notice.number == 1
    html = client.get(reverse("privacy")).content.decode()
    assert "Version 1, published on" in html
    for heading in ("Who is responsible for your information", "Your rights", "Complaints"):
        assert f"<h2>{heading}</h2>" in html
    assert '<a href="https://ico.org.uk/make-a-complaint/"' in html
    assert "[Name of the organisation that runs this platform]" in html, "the operator fills it in"


def test_the_notice_lists_retention_periods_from_the_settings(client, settings):
    settings.GROUP_CONTACT_MESSAGE_DAYS = 45
    settings.RETURNEE_RETENTION_DAYS = 400
    html = client.get(reverse("privacy")).content.decode()
    assert "45 days" in html
    assert "anonymised 400 days after the case closes" in html


def test_staff_publish_a_new_version_in_the_admin_and_the_old_one_is_kept(admin_client, client):
    first = PrivacyNoticeVersion.objects.get()
    form = admin_client.get(reverse("admin:sanctuary_privacynoticeversion_add"))
    assert "Who is responsible for your information" in form.content.decode(), "starts from the current text"
    response = admin_client.post(
        reverse("admin:sanctuary_privacynoticeversion_add"),
        {"text": "## Who we are\n\nRiverton Trust.", "summary_of_changes": "Named the controller."},
    )
    assert response.status_code == 302
    latest = PrivacyNoticeVersion.objects.order_by("-number").first()
    assert latest.number == 2
    assert AuditEvent.objects.filter(
        action="sanctuary.privacy_notice_published", object_id=str(latest.pk)
    ).exists()
    html = client.get(reverse("privacy")).content.decode()
    assert "Riverton Trust." in html and "Version 2, published on" in html and "Named the controller." in html
    # A published version cannot be edited or deleted.
    admin_client.post(
        reverse("admin:sanctuary_privacynoticeversion_change", args=[first.pk]), {"text": "Rewritten"}
    )
    first.refresh_from_db()
    assert first.text.startswith("## Who is responsible")
    assert admin_client.post(
        reverse("admin:sanctuary_privacynoticeversion_delete", args=[first.pk]), {"post": "yes"}
    ).status_code in (302, 403)
    assert PrivacyNoticeVersion.objects.filter(pk=first.pk).exists()


def test_the_notice_text_is_shown_as_text_not_markup():
    html = notice_html(
        '## <b>Title</b>\n\n- <script>alert(1)</script>\n- two\n\nSee https://ico.org.uk/ "now"'
    )
    assert "<h2>&lt;b&gt;Title&lt;/b&gt;</h2>" in html
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li><li>two</li>" in html
    assert '<a href="https://ico.org.uk/" rel="nofollow">https://ico.org.uk/</a>' in html
    assert "<script>" not in html


def test_the_accessibility_statement_says_how_accessible_the_site_is_and_where_to_complain(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@sanctuary.example"
    html = client.get(reverse("accessibility")).content.decode()
    for text in (
        "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2, level AA",
        "Problems we know about",
        'href="mailto:access@sanctuary.example"',
        "Equality and Human Rights Commission (EHRC)",
        "Equality Advisory and Support Service",
        "Equality Commission for Northern Ireland",
        "This statement was prepared on",
    ):
        assert text in html


def test_every_form_asking_for_personal_data_links_the_privacy_notice():
    for path in PERSONAL_DATA_FORMS:
        source = (Path(settings.BASE_DIR) / path).read_text()
        form = source[source.index("<form") : source.index("</form>")]
        assert '{% include "includes/privacy_note.html" %}' in form, path


def _form_html(html: str) -> str:
    return "".join(re.findall(r"<form method=\"post\".*?</form>", html, re.S))


def test_public_forms_show_the_privacy_link_inside_the_form(client):
    group = GroupFactory(slug="riverton")
    campaign = CampaignFactory(slug="safe-place", pledge_statement="We welcome.")
    for url in (
        reverse("charter:sign"),
        reverse("charter:organisation_sign"),
        reverse("groups:contact", args=[group.slug]),
        reverse("campaigns:pledge", args=[campaign.slug]),
        reverse("account_signup"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'href="/privacy/"' in _form_html(response.content.decode()), url
