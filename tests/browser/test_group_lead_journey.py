"""Journey 3: a group lead edits the group page, invites a member who accepts, records an
activity, corrects it, and deletes it after confirming."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from groups.models import Activity, GroupMembership
from tests.browser.conftest import assert_accessible, link_in_last_email, sign_in
from tests.factories import TEST_PASSWORD, GroupFactory, UserFactory, make_lead

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_edits_the_page_invites_a_member_who_accepts_and_records_an_activity(new_page, mailoutbox):
    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    lead = make_lead(group, email="sam@example.org")
    newcomer = UserFactory(email="joe@example.org", display_name="Joe Bennett")

    page = new_page()
    sign_in(page, lead.email, TEST_PASSWORD)
    page.goto("/groups/riverton/manage/")
    assert_accessible(page)

    page.get_by_role("link", name="Edit the page").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*Description")).fill("We meet every Tuesday at the library.")
    page.get_by_role("button", name="Save").click()
    page.goto("/groups/riverton/")
    assert "We meet every Tuesday at the library." in page.content()
    assert_accessible(page)

    page.goto("/groups/riverton/manage/")
    invite = page.get_by_role("region", name="Invite someone")
    invite.get_by_label(re.compile(r"^\s*Email address")).fill(newcomer.email)
    invite.get_by_label(re.compile(r"^\s*Role")).select_option("member")
    page.get_by_role("button", name="Send invitation").click()
    assert_accessible(page)

    invited = new_page()
    sign_in(invited, newcomer.email, TEST_PASSWORD)
    invited.goto(link_in_last_email(mailoutbox, r"https?://\S+/groups/\S+"))
    assert_accessible(invited)
    invited.get_by_role("button", name="Accept the invitation").click()
    assert GroupMembership.objects.filter(group=group, user=newcomer, role="member").exists()

    page.goto("/groups/riverton/manage/")
    page.get_by_role("link", name="Activities and events").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*Date")).fill((dt.date.today() - dt.timedelta(days=2)).isoformat())
    page.get_by_label(re.compile(r"^\s*Type")).select_option(index=1)
    page.get_by_label(re.compile(r"^\s*Title")).fill("Welcome picnic")
    page.get_by_label(re.compile(r"^\s*People attending")).fill("40")
    page.get_by_label(re.compile(r"^\s*People with lived experience")).fill("12")
    page.get_by_role("button", name="Record").click()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 0, summary.inner_text()
    activity = Activity.objects.get(group=group)
    assert (activity.title, activity.attendance, activity.lived_experience) == ("Welcome picnic", 40, 12)
    assert_accessible(page)

    page.get_by_role("link", name="Change Welcome picnic").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*Title")).fill("Welcome picnic in the park")
    page.get_by_role("button", name="Save the changes").click()
    activity.refresh_from_db()
    assert activity.title == "Welcome picnic in the park"

    # Deleting asks first, on a page of its own (no JavaScript needed); going back keeps it.
    page.get_by_role("button", name="Delete Welcome picnic in the park").click()
    assert_accessible(page)
    page.get_by_role("link", name="No, go back").click()
    assert Activity.objects.filter(pk=activity.pk).exists()
    page.get_by_role("button", name="Delete Welcome picnic in the park").click()
    page.get_by_role("button", name="Yes, delete it").click()
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert "Activity deleted." in page.content()
