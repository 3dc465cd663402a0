from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import Activity, Group, GroupApplication, GroupInvitation, GroupMembership
from sanctuary.models import AuditEvent
from tests.factories import GroupFactory, GroupMembershipFactory, UserFactory, make_lead
from tests.groups.factories import ActivityFactory, PledgeFactory, SignatureFactory
from tests.helpers import settle_session

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    cache.clear()  # the public counts are cached; count the cold page
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# --- Directory and group page ---------------------------------------------------------------


def test_directory_searches_by_name_or_place_and_filters(client):
    GroupFactory(name="Riverton City of Sanctuary", area_served="Riverton", region="north_west")
    GroupFactory(name="Seaside Sanctuary", area_served="Brightwater bay", region="south_east")
    GroupFactory(name="Old Group", status=Group.Status.CLOSED)
    url = reverse("groups:directory")
    response = client.get(url)
    assert "2 groups found" in response.text and "Old Group" not in response.text
    assert "Seaside" in client.get(url, {"q": "brightwater"}).text
    filtered = client.get(url, {"region": "north_west"}).text
    assert "Riverton City" in filtered and "Seaside" not in filtered
    assert "Old Group" in client.get(url, {"status": "closed"}).text
    assert "1 group found" in client.get(url, {"nation": "england", "q": "river"}).text


def test_directory_shows_groups_per_region_as_svg_and_table(client):
    GroupFactory.create_batch(3, region="london")
    body = client.get(reverse("groups:directory")).text
    assert "<svg" in body and 'role="img"' in body
    assert re.search(
        r'<th scope="row"><a href="\?region=london">London</a></th><td class="text-end">3</td>', body
    )


def test_directory_uses_a_fixed_number_of_queries(client):
    GroupFactory.create_batch(2)
    small = _queries(client, reverse("groups:directory"))
    GroupFactory.create_batch(30)
    SignatureFactory.create_batch(5)
    assert _queries(client, reverse("groups:directory")) == small


def test_group_page_uses_a_fixed_number_of_queries(client_for):
    group = GroupFactory()
    make_lead(group)
    viewer = UserFactory()
    GroupMembershipFactory(group=group, user=viewer)
    ActivityFactory(group=group)
    PledgeFactory(organisation__group=group, status="approved")
    SignatureFactory(group=group)
    client = client_for(viewer)
    settle_session(client)
    url = reverse("groups:detail", args=[group.slug])
    small = _queries(client, url)
    GroupMembershipFactory.create_batch(10, group=group)
    ActivityFactory.create_batch(15, group=group)
    for _ in range(5):
        PledgeFactory(organisation__group=group, status="approved")
    SignatureFactory.create_batch(10, group=group)
    assert _queries(client, url) == small


def test_workspace_uses_a_fixed_number_of_queries(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    client = client_for(lead)
    settle_session(client)
    url = reverse("groups:workspace", args=[group.slug])
    small = _queries(client, url)
    GroupMembershipFactory.create_batch(25, group=group)
    ActivityFactory.create_batch(8, group=group)
    PledgeFactory.create_batch(3, organisation__group=group)
    assert _queries(client, url) == small


def test_group_page_shows_activities_and_never_the_leads_addresses(client):
    group = GroupFactory(description="We meet every Tuesday.")
    make_lead(group, email="secret-lead@example.org")
    ActivityFactory(group=group, title="Welcome picnic")
    body = client.get(reverse("groups:detail", args=[group.slug])).text
    assert "Welcome picnic" in body and "We meet every Tuesday." in body
    assert "secret-lead@example.org" not in body


def test_contact_form_emails_the_leads(client, mailoutbox, django_capture_on_commit_callbacks):
    group = GroupFactory()
    make_lead(group, email="lead-a@example.org")
    make_lead(group, email="lead-b@example.org")
    url = reverse("groups:contact", args=[group.slug])
    assert "Enter a valid email" in client.post(url, {"name": "X", "email": "bad", "message": "Hi"}).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Visitor", "email": "visitor@example.net", "message": "Can I help?"})
    assert sorted(m.to[0] for m in mailoutbox) == ["lead-a@example.org", "lead-b@example.org"]
    assert "Can I help?" in mailoutbox[0].body


# --- Starting a group -----------------------------------------------------------------------


APPLICATION = {
    "name": "Hilltown City of Sanctuary",
    "area_served": "Hilltown",
    "nation": "wales",
    "region": "wales",
    "why": "To welcome families arriving here.",
    "who_involved": "Two churches and the library.",
    "accept_guidelines": "on",
}


def test_signed_in_person_applies_and_staff_approval_makes_them_lead(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = UserFactory()
    assert client_for(applicant).post(reverse("groups:apply"), APPLICATION).status_code == 302
    application = GroupApplication.objects.get()
    assert application.status == GroupApplication.Status.PENDING
    staff = client_for(national_staff)
    assert "Hilltown" in staff.get(reverse("groups:applications")).text
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("groups:application_decide", args=[application.pk]), {"decision": "approve"})
    group = Group.objects.get(slug="hilltown-city-of-sanctuary")
    assert group.status == Group.Status.FORMING
    assert GroupMembership.objects.get(group=group).user == applicant
    assert GroupMembership.objects.get(group=group).role == GroupMembership.Role.LEAD
    assert mailoutbox[-1].to == [applicant.email]
    assert client_for(applicant).get(reverse("groups:workspace", args=[group.slug])).status_code == 200


def test_application_needs_guidelines_and_consistent_region(client_for):
    client = client_for(UserFactory())
    data = {**APPLICATION, "region": "london"}
    data.pop("accept_guidelines")
    body = client.post(reverse("groups:apply"), data).text
    assert "accept the guidelines" in body and "not in the nation you chose" in body
    assert GroupApplication.objects.count() == 0


def test_staff_decline_needs_a_reason_and_creates_no_group(client_for, national_staff):
    application = GroupApplication.objects.create(
        applicant=UserFactory(), **{k: v for k, v in APPLICATION.items() if k != "accept_guidelines"}
    )
    client = client_for(national_staff)
    url = reverse("groups:application_decide", args=[application.pk])
    assert "Give a reason" in client.post(url, {"decision": "decline"}).text
    client.post(url, {"decision": "decline", "reason": "Please join the nearby group first."})
    application.refresh_from_db()
    assert application.status == GroupApplication.Status.DECLINED
    assert Group.objects.count() == 0


def test_people_without_the_staff_role_cannot_see_applications(client_for):
    lead = make_lead()
    assert client_for(lead).get(reverse("groups:applications")).status_code == 404


# --- Workspace ---------------------------------------------------------------------------------


def test_lead_of_one_group_cannot_open_another_groups_workspace(client_for):
    mine, theirs = GroupFactory(), GroupFactory()
    lead = make_lead(mine)
    member = GroupMembershipFactory(group=theirs).user
    client = client_for(lead)
    for name in ("groups:workspace", "groups:edit", "groups:invite", "groups:activities"):
        assert client.get(reverse(name, args=[theirs.slug])).status_code == 404, name
    assert client_for(member).get(reverse("groups:workspace", args=[theirs.slug])).status_code == 404
    target = GroupMembership.objects.get(user=member)
    assert client.post(reverse("groups:member_remove", args=[theirs.slug, target.pk])).status_code == 404
    assert client.post(reverse("groups:member_remove", args=[mine.slug, target.pk])).status_code == 404
    assert GroupMembership.objects.filter(pk=target.pk).exists()


def test_lead_edits_the_group_page(client_for):
    group = GroupFactory(name="Old name")
    lead = make_lead(group)
    response = client_for(lead).post(
        reverse("groups:edit", args=[group.slug]),
        {
            "name": "New name",
            "area_served": "Testville",
            "nation": "england",
            "region": "north_west",
            "status": "active",
            "description": "Hello",
            "website": "https://example.org",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "New name" and group.website == "https://example.org"
    assert AuditEvent.objects.filter(action="groups.group_updated", object_id=str(group.pk)).exists()


def test_invitation_link_adds_the_invited_person(client_for, mailoutbox, django_capture_on_commit_callbacks):
    group = GroupFactory()
    lead = make_lead(group)
    invitee = UserFactory(email="newbie@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(lead).post(
            reverse("groups:invite", args=[group.slug]), {"email": "Newbie@example.org", "role": "member"}
        )
    token = re.search(r"/groups/invitations/([^/\s]+)/", mailoutbox[0].body).group(1)
    client = client_for(invitee)
    assert client.get(reverse("groups:invitation_accept", args=[token])).status_code == 200
    client.post(reverse("groups:invitation_accept", args=[token]))
    assert GroupMembership.objects.get(group=group, user=invitee).role == GroupMembership.Role.MEMBER
    again = client.post(reverse("groups:invitation_accept", args=[token]))
    assert again.status_code == 400 and "already been used" in again.text


def _invitation_token(group, email, role="member"):
    from groups import services

    invitation = GroupInvitation.objects.create(group=group, email=email, role=role)
    return services.invitation_token(invitation)


def test_invitation_accepted_by_another_signed_in_account_changes_nothing(client_for):
    group = GroupFactory()
    token = _invitation_token(group, "intended@example.org", role="lead")
    intruder = UserFactory(email="someone-else@example.org")
    response = client_for(intruder).post(reverse("groups:invitation_accept", args=[token]))
    assert response.status_code == 400
    assert "another email address" in response.text
    assert not GroupMembership.objects.filter(user=intruder).exists()
    assert GroupInvitation.objects.get().accepted_at is None


def test_expired_invitation_is_refused(client_for, settings):
    group = GroupFactory()
    invitee = UserFactory(email="late@example.org")
    token = _invitation_token(group, "late@example.org")
    with time_machine.travel(timezone.now() + dt.timedelta(days=settings.GROUP_INVITATION_DAYS + 1)):
        response = client_for(invitee).post(reverse("groups:invitation_accept", args=[token]))
    assert response.status_code == 400 and "expired" in response.text
    assert not GroupMembership.objects.filter(user=invitee).exists()


def test_the_last_lead_cannot_leave_be_removed_or_step_down(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    membership = GroupMembership.objects.get(user=lead)
    client = client_for(lead)
    response = client.post(reverse("groups:leave", args=[group.slug]), {"confirmed": "yes"}, follow=True)
    assert "at least one lead" in response.text
    client.post(reverse("groups:member_remove", args=[group.slug, membership.pk]), {"confirmed": "yes"})
    client.post(reverse("groups:member_role", args=[group.slug, membership.pk]), {"role": "member"})
    membership.refresh_from_db()
    assert membership.role == GroupMembership.Role.LEAD

    second = make_lead(group)
    client.post(reverse("groups:leave", args=[group.slug]), {"confirmed": "yes"})
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    assert GroupMembership.objects.get(group=group).user == second


def test_lead_promotes_and_removes_members(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    member = GroupMembershipFactory(group=group)
    other = GroupMembershipFactory(group=group)
    client = client_for(lead)
    client.post(reverse("groups:member_role", args=[group.slug, member.pk]), {"role": "lead"})
    member.refresh_from_db()
    assert member.role == GroupMembership.Role.LEAD
    client.post(reverse("groups:member_remove", args=[group.slug, other.pk]), {"confirmed": "yes"})
    assert not GroupMembership.objects.filter(pk=other.pk).exists()
    assert AuditEvent.objects.filter(action="groups.member_removed").count() == 1


def test_lead_records_an_activity_and_bad_figures_are_explained(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    url = reverse("groups:activities", args=[group.slug])
    data = {
        "date": "2026-06-20",
        "kind": "event",
        "title": "Refugee Week picnic",
        "description": "",
        "attendance": "10",
        "lived_experience": "12",
    }
    client = client_for(lead)
    response = client.post(url, data)
    assert "cannot be more than the number of people attending" in response.text
    assert 'value="Refugee Week picnic"' in response.text
    assert Activity.objects.count() == 0
    # Beyond any real gathering, and beyond what PostgreSQL's integer column holds.
    response = client.post(url, {**data, "attendance": "2147483648", "lived_experience": "4"})
    assert "less than or equal to 100000" in response.text
    assert 'value="2147483648"' in response.text
    assert Activity.objects.count() == 0
    client.post(url, {**data, "lived_experience": "4"})
    activity = Activity.objects.get()
    assert activity.group == group and activity.lived_experience == 4 and activity.created_by == lead


def test_workspace_shows_figures_from_other_apps(client_for):
    from sanctuary import hooks

    group = GroupFactory()
    lead = make_lead(group)

    def provider(g):
        return [("Campaign actions", 42)]

    hooks.register("group_figures")(provider)
    try:
        body = client_for(lead).get(reverse("groups:workspace", args=[group.slug])).text
    finally:
        hooks._registry["group_figures"].remove(provider)
    assert "Campaign actions" in body and "42" in body


# --- Contributions to core pages -----------------------------------------------------------------


def test_home_dashboard_and_header_show_groups_contributions(client, client_for):
    group = GroupFactory(name="Brookside Sanctuary")
    lead = make_lead(group)
    SignatureFactory()
    home = client.get(reverse("home")).text
    assert "local groups" in home and "charter signatures" in home
    dashboard = client_for(lead).get(reverse("dashboard")).text
    assert "Brookside Sanctuary" in dashboard and "Group lead" in dashboard


def test_group_page_lists_the_councils_it_covers(client):
    from tests.factories import LocalAuthorityFactory

    group = GroupFactory()
    group.local_authorities.add(LocalAuthorityFactory(short_name="Riverton"))
    assert "Councils covered: Riverton" in client.get(reverse("groups:detail", args=[group.slug])).text


def test_directory_finds_a_group_by_a_council_it_covers(client):
    from tests.factories import LocalAuthorityFactory

    group = GroupFactory(name="Valley Sanctuary", area_served="The valley")
    group.local_authorities.add(LocalAuthorityFactory(short_name="Millbrook"))
    GroupFactory(name="Elsewhere")
    body = client.get(reverse("groups:directory"), {"q": "millbrook"}).text
    assert "Valley Sanctuary" in body and "Elsewhere" not in body and "1 group found" in body


def test_signed_in_supporter_joins_and_leaves_a_group(client_for):
    group = GroupFactory()
    make_lead(group)
    supporter = UserFactory()
    client = client_for(supporter)
    assert "Join this group" in client.get(reverse("groups:detail", args=[group.slug])).text
    client.post(reverse("groups:join", args=[group.slug]))
    client.post(reverse("groups:join", args=[group.slug]))  # twice: still one membership
    membership = GroupMembership.objects.get(group=group, user=supporter)
    assert membership.role == GroupMembership.Role.MEMBER
    client.post(reverse("groups:leave", args=[group.slug]), {"confirmed": "yes"})
    assert not GroupMembership.objects.filter(group=group, user=supporter).exists()


def test_nobody_joins_a_closed_group(client_for):
    group = GroupFactory(status=Group.Status.CLOSED)
    assert client_for(UserFactory()).post(reverse("groups:join", args=[group.slug])).status_code == 404


def test_group_page_shows_sections_other_apps_contribute(client, settings, tmp_path):
    from sanctuary import hooks
    from sanctuary.hooks import Panel

    (tmp_path / "award_holders.html").write_text("<h2>Award holders</h2><p>{{ panel.holder }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    group = GroupFactory()

    def provider(g):
        return Panel(template="award_holders.html", context={"holder": f"School near {g.name}"})

    hooks.register("group_sections")(provider)
    try:
        body = client.get(reverse("groups:detail", args=[group.slug])).text
    finally:
        hooks._registry["group_sections"].remove(provider)
    assert f"School near {group.name}" in body


def test_old_contact_messages_are_deleted_by_the_daily_purge(settings):
    from groups.models import GroupContactMessage
    from groups.tasks import purge_unconfirmed_signatures

    group = GroupFactory()
    old = GroupContactMessage.objects.create(
        group=group,
        sender_name="A",
        sender_email="a@example.net",
        message="Hi",
        created_at=timezone.now() - dt.timedelta(days=settings.GROUP_CONTACT_MESSAGE_DAYS + 1),
    )
    recent = GroupContactMessage.objects.create(
        group=group, sender_name="B", sender_email="b@example.net", message="Hello"
    )
    assert purge_unconfirmed_signatures()["contact_messages_deleted"] == 1
    assert list(GroupContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
