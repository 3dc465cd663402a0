"""Emails that mail programs and people can trust (issue 18).

Every HTML email is a whole document (doctype, language, title) built on one shared layout,
and every link in the text part is a real link in the HTML part. Bulk and recurring emails
carry their recipient's own ``List-Unsubscribe`` link with RFC 8058 one-click, and that link
works with one POST and no cookies. A message sent through a group's contact form can be
answered with "Reply", while the leads' addresses stay hidden from the sender.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns import services as campaigns
from campaigns.models import SupporterPreference
from groups import services as groups
from groups.models import GroupMembership
from sanctuary.models import AuditEvent, OutboundEmail
from sanctuary.notifications import _message
from sanctuary.unsubscribe import unsubscribe_url
from tests.factories import GroupFactory, UserFactory, make_lead
from tests.groups.factories import SignatureFactory
from tests.security.test_escaping_in_emails_and_pdfs import (
    _awards_emails,
    _campaigns_emails,
    _email_templates,
    _groups_emails,
    _la_network_emails,
    _resources_emails,
    _returnee_emails,
    _sanctuary_emails,
)

pytestmark = pytest.mark.django_db

# Emails sent again and again to the same people, not in answer to something they just did:
# each carries a one-click unsubscribe. (Returnee check-in alerts are duties of the role and
# cannot be switched off; an award stream opening is a one-off answer to a registered interest.)
RECURRING_EMAILS = {"groups/emails/weekly_digest", "campaigns/emails/follow_up"}
TEXT_URL = re.compile(r"https?://[^\s<>\"']+")


class _Anatomy(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.lang = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "html":
            self.lang = attrs.get("lang") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _anatomy(html: str) -> _Anatomy:
    parser = _Anatomy()
    parser.feed(html)
    return parser


def _send_every_email(staff) -> list[OutboundEmail]:
    _sanctuary_emails()
    _groups_emails(staff)
    _campaigns_emails()
    _awards_emails(staff)
    _la_network_emails(staff)
    _returnee_emails()
    _resources_emails(staff)
    return list(OutboundEmail.objects.all())


def test_every_html_email_is_a_whole_document_and_links_every_url_of_its_text(national_staff, coordinator):
    emails = _send_every_email(national_staff)
    assert {email.template for email in emails} == _email_templates(), "every template is sent here"
    problems = set()
    for email in emails:
        html = email.body_html
        if not html.lstrip().lower().startswith("<!doctype html>"):
            problems.add(f"{email.template}: no doctype")
        anatomy = _anatomy(html)
        if not anatomy.lang:
            problems.add(f"{email.template}: <html> has no lang")
        if anatomy.title.strip() != email.subject:
            problems.add(f"{email.template}: the title is not the subject")
        for url in TEXT_URL.findall(email.body_text):
            url = url.rstrip(".,;:)")
            if url not in anatomy.hrefs:
                problems.add(f"{email.template}: {url} is not a link in the HTML part")
    assert not problems, "\n".join(sorted(problems))


def test_every_recurring_email_carries_a_one_click_unsubscribe_header(national_staff, coordinator):
    emails = _send_every_email(national_staff)
    recurring = [email for email in emails if email.template in RECURRING_EMAILS]
    assert {email.template for email in recurring} == RECURRING_EMAILS
    for email in recurring:
        link = re.fullmatch(r"<(https?://[^>]+)>", email.headers["List-Unsubscribe"]).group(1)
        assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in email.body_text, "the same link is in the body"
        sent = _message(email).message()
        assert sent["List-Unsubscribe"] == f"<{link}>"
        assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for email in emails:
        if email.template not in RECURRING_EMAILS:
            assert "List-Unsubscribe" not in email.headers, email.template


def test_each_lead_gets_their_own_unsubscribe_link_in_the_digest():
    group = GroupFactory()
    first, second = make_lead(group), make_lead(group)
    SignatureFactory(group=group, confirmed_at=timezone.now() - dt.timedelta(days=1))
    assert groups.digests_send(week_start=timezone.localdate() + dt.timedelta(days=1)) == 1
    links = {
        email.to: email.headers["List-Unsubscribe"]
        for email in OutboundEmail.objects.filter(template="groups/emails/weekly_digest")
    }
    assert set(links) == {first.email, second.email}
    assert links[first.email] != links[second.email]


def _one_click(url: str):
    """What a mail program sends: a POST with no cookie and no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    return client.post(url, {"List-Unsubscribe": "One-Click"})


def test_one_click_unsubscribe_stops_the_digest_and_pressing_again_changes_nothing():
    lead = make_lead(GroupFactory())
    url = unsubscribe_url(user_id=lead.pk, topic=groups.DIGEST_TOPIC)
    assert _one_click(url).status_code == 200
    lead.refresh_from_db()
    assert lead.weekly_digest_emails is False
    assert AuditEvent.objects.filter(action="groups.digest_preference_set").count() == 1
    assert _one_click(url).status_code == 200
    lead.refresh_from_db()
    assert lead.weekly_digest_emails is False


def test_one_click_unsubscribe_stops_follow_ups():
    person = UserFactory()
    url = unsubscribe_url(user_id=person.pk, topic=campaigns.FOLLOW_UP_TOPIC)
    assert _one_click(url).status_code == 200
    assert _one_click(url).status_code == 200
    assert SupporterPreference.objects.get(user=person).follow_up_emails is False


def test_opening_the_unsubscribe_link_changes_nothing_and_its_button_needs_the_csrf_token():
    person = UserFactory()
    url = unsubscribe_url(user_id=person.pk, topic=groups.DIGEST_TOPIC)
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    person.refresh_from_db()
    assert person.weekly_digest_emails is True
    # A forged form post (not the one-click body) without the page's token is refused.
    assert client.post(url, {}).status_code == 403
    person.refresh_from_db()
    assert person.weekly_digest_emails is True
    token = page.context["csrf_token"]
    assert client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 200
    person.refresh_from_db()
    assert person.weekly_digest_emails is False


def test_a_tampered_or_unknown_unsubscribe_link_is_not_found():
    person = UserFactory()
    url = unsubscribe_url(user_id=person.pk, topic=groups.DIGEST_TOPIC)
    assert _one_click(url.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404
    assert _one_click(unsubscribe_url(user_id=person.pk, topic="nobody.topic")).status_code == 404


def test_an_old_follow_up_link_leads_to_the_new_unsubscribe_page(client):
    from campaigns import tokens

    person = UserFactory()
    response = client.get(reverse("campaigns:unsubscribe", args=[tokens.unsubscribe_token(person)]))
    assert response.status_code == 302
    assert client.post(response["Location"], {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert SupporterPreference.objects.get(user=person).follow_up_emails is False


def test_the_digest_skips_leads_who_opted_out():
    group = GroupFactory()
    stays, leaves = make_lead(group), make_lead(group)
    groups.digest_preference_set(user=leaves, weekly_digest=False)
    SignatureFactory(group=group, confirmed_at=timezone.now() - dt.timedelta(days=1))
    assert groups.digests_send(week_start=timezone.localdate() + dt.timedelta(days=1)) == 1
    sent_to = set(
        OutboundEmail.objects.filter(template="groups/emails/weekly_digest").values_list("to", flat=True)
    )
    assert sent_to == {stays.email}


def test_no_digest_when_every_lead_opted_out():
    group = GroupFactory()
    groups.digest_preference_set(user=make_lead(group), weekly_digest=False)
    SignatureFactory(group=group, confirmed_at=timezone.now() - dt.timedelta(days=1))
    assert groups.digests_send(week_start=timezone.localdate() + dt.timedelta(days=1)) == 0


def test_a_contact_message_can_be_answered_with_reply_and_hides_the_leads_addresses(client):
    group = GroupFactory()
    lead = make_lead(group, email="lead.hidden@example.org")
    GroupMembership.objects.get(user=lead)
    response = client.post(
        reverse("groups:contact", args=[group.slug]),
        {"name": "Sam Sender", "email": "sam@example.org", "message": "Can I help on Saturdays?"},
        follow=True,
    )
    assert response.status_code == 200
    assert lead.email not in response.content.decode()
    (email,) = OutboundEmail.objects.filter(template="groups/emails/contact_message")
    assert email.to == lead.email
    assert email.headers["Reply-To"] == "sam@example.org"
    sent = _message(email)
    assert sent.message()["Reply-To"] == "sam@example.org"
    assert sent.to == [lead.email]


def test_a_lead_turns_the_digest_back_on_from_their_own_page(client_for):
    lead = make_lead(GroupFactory())
    groups.digest_preference_set(user=lead, weekly_digest=False)
    client = client_for(lead)
    page = client.get(reverse("groups:digest_preference"))
    assert page.status_code == 200 and 'name="weekly_digest"' in page.content.decode()
    assert client.post(reverse("groups:digest_preference"), {"weekly_digest": "on"}).status_code == 302
    lead.refresh_from_db()
    assert lead.weekly_digest_emails is True
    client.post(reverse("groups:digest_preference"), {})
    lead.refresh_from_db()
    assert lead.weekly_digest_emails is False
