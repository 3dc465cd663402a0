"""The public pages and the workspace read their figures and lists from the cache, and a
service that changes the data under them is seen on the very next request."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Activity, GroupApplication
from sanctuary.geography import Nation, Region
from tests.factories import GroupFactory, GroupMembershipFactory, UserFactory, make_lead
from tests.groups.factories import ActivityFactory, PledgeFactory, SignatureFactory
from tests.helpers import page_queries, settle_session

pytestmark = pytest.mark.django_db


def cold_and_warm(client, url: str) -> tuple[int, int]:
    """Queries of a page drawn from nothing, then drawn again with its figures cached."""
    cache.clear()
    return page_queries(client, url), page_queries(client, url)


def grow_group(group, n: int) -> None:
    GroupMembershipFactory.create_batch(n, group=group)
    ActivityFactory.create_batch(n, group=group)
    SignatureFactory.create_batch(n, group=group, consent_public_name=True)
    for _ in range(n):
        PledgeFactory(organisation__group=group, status="approved")
        PledgeFactory(organisation__group=group)


# --- Query counts at two sizes, cold and warm ---------------------------------------------------


def test_directory_reads_no_table_once_drawn_at_any_size(client):
    url = reverse("groups:directory")
    GroupFactory.create_batch(2)
    small = cold_and_warm(client, url)
    GroupFactory.create_batch(45)  # three pages
    SignatureFactory.create_batch(10)
    assert cold_and_warm(client, url) == small
    assert small[1] == 0
    for page in ("2", "3"):
        page_queries(client, f"{url}?page={page}")
        assert page_queries(client, f"{url}?page={page}") == 0
    # Free text and far-off page numbers are looked up each time: visitors cannot fill the cache.
    assert page_queries(client, f"{url}?q=town") > 0
    assert page_queries(client, f"{url}?page=999") > 0
    assert page_queries(client, f"{url}?page=x") > 0
    assert "Page 3 of 3" in client.get(f"{url}?page=999").text


def test_group_page_queries_are_the_same_at_two_sizes(client):
    group = GroupFactory()
    url = reverse("groups:detail", args=[group.slug])
    grow_group(group, 1)
    small = cold_and_warm(client, url)
    grow_group(group, 25)
    assert cold_and_warm(client, url) == small
    # The group itself and the councils it covers (for the councils' section).
    assert small[1] <= 3


def test_group_page_for_a_member_adds_one_query_for_their_standing(client_for):
    group = GroupFactory()
    member = GroupMembershipFactory(group=group).user
    url = reverse("groups:detail", args=[group.slug])
    anonymous = cold_and_warm(client_for(UserFactory()), url)
    page = client_for(member).get(url)
    assert b"Leave the group" in page.content and b"Manage this group" not in page.content
    assert cold_and_warm(client_for(member), url)[1] == anonymous[1]


def test_workspace_queries_are_the_same_at_two_sizes(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    settle_session(client)
    url = reverse("groups:workspace", args=[group.slug])
    grow_group(group, 1)
    small = cold_and_warm(client, url)
    grow_group(group, 25)
    services.invitation_create(
        group=group, actor=group.memberships.first().user, email="a@example.org", role="member"
    )
    assert cold_and_warm(client, url) == small


def test_home_reads_the_groups_figures_from_the_cache(client):
    GroupFactory.create_batch(2)
    url = reverse("home")
    small = cold_and_warm(client, url)
    GroupFactory.create_batch(20)
    SignatureFactory.create_batch(20)
    assert cold_and_warm(client, url) == small


# --- Never stale: the services forget what they change ------------------------------------------


def test_group_page_shows_a_new_activity_and_a_deleted_one_goes_at_once(client):
    group = GroupFactory()
    lead = make_lead(group)
    url = reverse("groups:detail", args=[group.slug])
    assert "Welcome picnic" not in client.get(url).text
    activity = services.activity_record(
        group=group,
        actor=lead,
        data={
            "date": timezone.localdate(),
            "kind": Activity.Kind.SOCIAL,
            "title": "Welcome picnic",
            "description": "",
            "attendance": 30,
            "lived_experience": 10,
        },
    )
    assert "Welcome picnic" in client.get(url).text
    services.activity_delete(activity=activity, actor=lead)
    assert "Welcome picnic" not in client.get(url).text


def test_group_page_counts_a_signature_as_soon_as_it_is_confirmed(client):
    group = GroupFactory()
    url = reverse("groups:detail", args=[group.slug])
    assert "<strong>0</strong>" in client.get(url).text
    signature = services.signature_create(
        name="Ada Signer",
        email="ada@example.net",
        place="Testville",
        group=group,
        consent_group_contact=False,
        consent_public_name=True,
    )
    assert "<strong>0</strong>" in client.get(url).text  # not confirmed yet
    services.signature_confirm(token=services.confirmation_token(signature))
    page = client.get(url).text
    assert "<strong>1</strong>" in page and "Ada Signer" in page


def test_group_page_follows_an_edit_and_an_approved_organisation(client, national_staff):
    group = GroupFactory(description="Old words.")
    lead = make_lead(group)
    url = reverse("groups:detail", args=[group.slug])
    pledge = PledgeFactory(organisation__group=group, organisation__name="Riverside Library")
    assert "Old words." in client.get(url).text and "Riverside Library" not in client.get(url).text
    services.group_update(group=group, actor=lead, data={"description": "New words."})
    services.organisation_pledge_decide(pledge=pledge, actor=national_staff, approve=True)
    page = client.get(url).text
    assert "New words." in page and "Old words." not in page and "Riverside Library" in page


def test_directory_and_its_map_follow_new_and_edited_groups(client, national_staff):
    url = reverse("groups:directory")
    group = GroupFactory(name="Alpha Town of Sanctuary", region=Region.LONDON)
    assert "1 group found" in client.get(url).text
    application = GroupApplication.objects.create(
        applicant=UserFactory(),
        name="Beta City of Sanctuary",
        area_served="Beta",
        nation=Nation.ENGLAND,
        region=Region.LONDON,
        why="Because",
        who_involved="Friends",
    )
    services.group_application_approve(application=application, actor=national_staff)
    page = client.get(url).text
    assert "2 groups found" in page and "Beta City of Sanctuary" in page
    assert '<a href="?region=london">London</a></th><td class="text-end">2</td>' in page
    services.group_update(group=group, actor=national_staff, data={"name": "Alpha City of Sanctuary"})
    assert "Alpha City of Sanctuary" in client.get(url).text
    services.group_update(group=group, actor=national_staff, data={"status": "closed"})
    page = client.get(url).text
    assert "1 group found" in page and "Alpha City" not in page
    assert "Alpha City" in client.get(url, {"status": "closed"}).text


def test_workspace_lists_a_pledge_while_it_waits_and_counts_it_once_approved(client_for, national_staff):
    group = GroupFactory()
    client = client_for(make_lead(group))
    url = reverse("groups:workspace", args=[group.slug])
    assert dict(client.get(url).context["figures"])["Supporting organisations"] == 0
    pledge = services.organisation_pledge_sign(
        name="Hillside School",
        org_type="school",
        website="",
        address="",
        postcode="",
        region="",
        size_band="",
        group=group,
        contact_name="Pat",
        contact_email="pat@example.net",
    )
    page = client.get(url)
    assert "Hillside School" in page.text
    services.organisation_pledge_decide(pledge=pledge, actor=national_staff, approve=True)
    page = client.get(url)
    assert "Hillside School" not in page.text.split('id="pledges-title"')[-1].split("</section>")[0]
    assert dict(page.context["figures"])["Supporting organisations"] == 1


def test_workspace_member_rows_post_to_each_members_own_addresses(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    member = GroupMembershipFactory(group=group)
    page = client.get(reverse("groups:workspace", args=[group.slug])).text
    row = page.split(f'id="role-{member.pk}"')[0].rsplit("<form", 1)[1]
    assert f'action="{reverse("groups:member_role", args=[group.slug, member.pk])}"' in row
    remove = reverse("groups:member_remove", args=[group.slug, member.pk])
    assert f'formaction="{remove}"' in page
    assert '<option value="member" selected>Member</option>' in page.split(f'id="role-{member.pk}"')[1]
