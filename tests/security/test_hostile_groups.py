"""Hostile input to the group forms: the group page a lead edits, activities, invitations and
applications to start a group (issue 8, SECURITY.md 11).

Each form either saves exactly what was typed (text stripped) and every page that shows it
escapes it, or comes back with the error beside the field, everything typed still there, and
nothing saved.
"""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from groups.models import Activity, Group, GroupApplication, GroupInvitation
from sanctuary.geography import Nation, Region
from tests.factories import GroupFactory, make_lead
from tests.groups.factories import ActivityFactory
from tests.security.hostile import (
    EXAMPLES,
    GOOD_URLS,
    MARKUP,
    assert_pages_escape,
    date_text,
    mostly,
    number_text,
    past_date,
    short_text,
    submit,
    text,
    url_text,
)

pytestmark = pytest.mark.django_db

# Valid email addresses can carry markup in a quoted local part.
EMAILS = mostly(
    st.sampled_from(['"<b>bold</b>"@example.org', '"<script>alert(1)</script>"@example.org']),
    st.one_of(st.emails(), text(80)),
)


@pytest.fixture
def lead_client(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    return client_for(lead), group


def _group_row(group) -> dict:
    row = Group.objects.get(pk=group.pk)
    return {**model_to_dict(row, exclude=["logo"]), "logo": row.logo.name}


@EXAMPLES
@given(
    name=mostly(short_text(), text(200)),
    area=mostly(short_text(), text(250)),
    description=text(3000),
    website=mostly(GOOD_URLS, url_text()),
    facebook=mostly(GOOD_URLS, url_text()),
    founded_on=mostly(past_date(), date_text()),
)
def test_a_lead_editing_the_group_page(lead_client, name, area, description, website, facebook, founded_on):
    client, group = lead_client
    data = {
        "name": name,
        "area_served": area,
        "nation": group.nation,
        "region": group.region,
        "description": description,
        "website": website,
        "facebook_url": facebook,
        "instagram_url": "",
        "other_social_url": "",
        "status": group.status,
        "founded_on": founded_on,
    }
    url = reverse("groups:edit", args=[group.slug])
    response = submit(client, url, data, snapshot=lambda: _group_row(group))
    if response.status_code != 302:
        return
    saved = Group.objects.get(pk=group.pk)
    assert saved.name == name.strip() and saved.area_served == area.strip()
    assert saved.description == description.strip()
    for link in (saved.website, saved.facebook_url):
        assert not link or link.lower().startswith(("http://", "https://", "ftp://", "ftps://"))
    detail = reverse("groups:detail", args=[group.slug])
    assert_pages_escape(client, [detail], [name, area, description])
    assert_pages_escape(client, [reverse("groups:workspace", args=[group.slug])], [name])


@EXAMPLES
@given(
    when=mostly(past_date(), date_text()),
    kind=st.sampled_from([*Activity.Kind.values, "<b>bold</b>"]),
    title=mostly(short_text(), text(300)),
    description=text(2000),
    attendance=mostly(st.just("12"), number_text()),
    lived=mostly(st.just("3"), number_text()),
)
def test_recording_an_activity(lead_client, when, kind, title, description, attendance, lived):
    client, group = lead_client
    data = {
        "date": when,
        "kind": kind,
        "title": title,
        "description": description,
        "attendance": attendance,
        "lived_experience": lived,
    }
    before = set(Activity.objects.filter(group=group).values_list("pk", flat=True))
    response = submit(
        client,
        reverse("groups:activities", args=[group.slug]),
        data,
        snapshot=lambda: Activity.objects.filter(group=group).count(),
    )
    if response.status_code != 302:
        return
    activity = Activity.objects.filter(group=group).exclude(pk__in=before).get()
    assert (activity.title, activity.description) == (title.strip(), description.strip())
    assert activity.lived_experience >= 0 and 0 <= activity.attendance < 2**31
    assert_pages_escape(client, [reverse("groups:activities", args=[group.slug])], [title])


@EXAMPLES
@given(email=EMAILS, role=st.sampled_from(["member", "lead", "admin", "<b>bold</b>", ""]))
def test_inviting_someone(lead_client, email, role):
    client, group = lead_client
    response = submit(
        client,
        reverse("groups:invite", args=[group.slug]),
        {"email": email, "role": role},
        snapshot=lambda: GroupInvitation.objects.filter(group=group).count(),
    )
    if response.status_code != 302:
        return
    invitation = GroupInvitation.objects.filter(group=group).latest("pk")
    assert invitation.role in ("member", "lead")
    assert_pages_escape(client, [reverse("groups:workspace", args=[group.slug])], [invitation.email])


@EXAMPLES
@given(
    name=mostly(short_text(), text(200)),
    area=mostly(short_text(), text(250)),
    why=mostly(short_text(), text(3000)),
    who=mostly(short_text(), text(3000)),
    region=st.sampled_from([*Region.values, "atlantis"]),
)
def test_applying_to_start_a_group(client_for, national_staff, name, area, why, who, region):
    from tests.factories import UserFactory

    applicant = UserFactory()
    data = {
        "name": name,
        "area_served": area,
        "nation": Nation.ENGLAND,
        "region": region,
        "why": why,
        "who_involved": who,
        "accept_guidelines": "on",
    }
    response = submit(
        client_for(applicant),
        reverse("groups:apply"),
        data,
        snapshot=lambda: GroupApplication.objects.filter(applicant=applicant).count(),
    )
    if response.status_code != 302:
        return
    application = GroupApplication.objects.get(applicant=applicant)
    assert (application.name, application.why) == (name.strip(), why.strip())
    staff = client_for(national_staff)
    decide = reverse("groups:application_decide", args=[application.pk])
    assert_pages_escape(staff, [decide], [name, why, who])
    assert_pages_escape(staff, [reverse("groups:applications")], [name])


def test_markup_in_every_group_field_is_shown_as_text_to_the_public(client, lead_client):
    """One deterministic pass with every kind of markup at once, on the public pages too."""
    _lead, group = lead_client
    payload = " ".join(MARKUP)
    Group.objects.filter(pk=group.pk).update(
        name=payload[:150], area_served=payload[:200], description=payload
    )
    Activity.objects.create(group=group, date="2026-01-01", kind="event", title=payload[:200])
    assert_pages_escape(client, [reverse("groups:detail", args=[group.slug])], [payload[:150], payload])
    assert_pages_escape(client, [reverse("groups:directory")], [payload[:150]])


@EXAMPLES
@given(
    when=mostly(past_date(), date_text()),
    kind=st.sampled_from([*Activity.Kind.values, "", "<b>bold</b>"]),
    title=mostly(short_text(), text(300)),
    description=text(2000),
    attendance=mostly(st.just("12"), number_text()),
    lived=mostly(st.just("3"), number_text()),
)
def test_correcting_an_activity(lead_client, when, kind, title, description, attendance, lived):
    client, group = lead_client
    activity = Activity.objects.filter(group=group).first() or ActivityFactory(group=group)
    data = {
        "date": when,
        "kind": kind,
        "title": title,
        "description": description,
        "attendance": attendance,
        "lived_experience": lived,
    }
    response = submit(
        client,
        reverse("groups:activity_edit", args=[group.slug, activity.pk]),
        data,
        snapshot=lambda: model_to_dict(Activity.objects.get(pk=activity.pk)),
    )
    if response.status_code != 302:
        return
    activity.refresh_from_db()
    assert (activity.title, activity.description) == (title.strip(), description.strip())
    assert activity.lived_experience >= 0 and 0 <= activity.attendance < 2**31
    pages = [reverse("groups:activities", args=[group.slug]), reverse("groups:detail", args=[group.slug])]
    assert_pages_escape(client, pages, [title])
