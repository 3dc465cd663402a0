"""What national staff change in the Django admin is audited, through the same services the
pages use: organisations and their contacts, council contacts, activities, a group's councils,
streams and criteria, assessor profiles and accounts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards.models import AssessorProfile, Criterion, Stream
from groups.models import Activity, Organisation, OrganisationContact
from la_network.models import CouncilContact
from sanctuary.models import AuditEvent
from tests.awards.factories import StreamFactory
from tests.factories import GroupFactory, LocalAuthorityFactory, OrganisationFactory, UserFactory
from tests.groups.factories import ActivityFactory
from tests.untouched import untouched

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(user)
    client.user = user
    return client


def _audited(action: str, obj, actor) -> bool:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk), actor=actor).exists()


def _post_form(client, url: str, **changes):
    """Send the admin form as the page drew it, with ``changes``."""
    data = untouched(client.get(url).content.decode())
    data.pop("_addanother", None), data.pop("_continue", None)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_organisation_created_changed_and_deleted_in_the_admin_is_audited(staff):
    _post_form(
        staff,
        reverse("admin:groups_organisation_add"),
        name="Hillside Library",
        slug="hillside-library",
        org_type=Organisation.Type.LIBRARY,
    )
    organisation = Organisation.objects.get(slug="hillside-library")
    assert _audited("groups.organisation_created", organisation, staff.user)
    _post_form(
        staff, reverse("admin:groups_organisation_change", args=[organisation.pk]), name="Hillside Lib"
    )
    assert _audited("groups.organisation_updated", organisation, staff.user)
    staff.post(reverse("admin:groups_organisation_delete", args=[organisation.pk]), {"post": "yes"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert _audited("groups.organisation_deleted", organisation, staff.user)


def test_organisation_contacts_added_and_removed_in_the_admin_are_audited(staff):
    organisation, person = OrganisationFactory(), UserFactory()
    _post_form(
        staff,
        reverse("admin:groups_organisationcontact_add"),
        organisation=str(organisation.pk),
        user=str(person.pk),
        job_title="Librarian",
    )
    contact = OrganisationContact.objects.get(user=person)
    assert _audited("groups.organisation_contact_added", contact, staff.user)
    staff.post(reverse("admin:groups_organisationcontact_delete", args=[contact.pk]), {"post": "yes"})
    assert not OrganisationContact.objects.exists()
    assert _audited("groups.organisation_contact_removed", contact, staff.user)


def test_council_contacts_added_and_removed_in_the_admin_are_audited(staff):
    council, person = LocalAuthorityFactory(), UserFactory()
    _post_form(
        staff,
        reverse("admin:la_network_councilcontact_add"),
        user=str(person.pk),
        local_authority=str(council.pk),
        role=CouncilContact.Role.COUNCILLOR,
    )
    contact = CouncilContact.objects.get(user=person)
    assert not contact.verified
    assert _audited("la_network.contact_added", contact, staff.user)
    staff.post(reverse("admin:la_network_councilcontact_delete", args=[contact.pk]), {"post": "yes"})
    assert _audited("la_network.contact_removed", contact, staff.user)


def test_activities_recorded_corrected_and_deleted_in_the_admin_are_audited(staff):
    group = GroupFactory()
    _post_form(
        staff,
        reverse("admin:groups_activity_add"),
        group=str(group.pk),
        date="2026-10-01",
        kind=Activity.Kind.EVENT,
        title="Harvest supper",
        attendance="30",
    )
    activity = Activity.objects.get(title="Harvest supper")
    assert activity.created_by == staff.user
    assert _audited("groups.activity_recorded", activity, staff.user)
    _post_form(staff, reverse("admin:groups_activity_change", args=[activity.pk]), attendance="35")
    activity.refresh_from_db()
    assert activity.attendance == 35 and _audited("groups.activity_updated", activity, staff.user)
    other = ActivityFactory()
    staff.post(
        reverse("admin:groups_activity_changelist"),
        {"action": "delete_selected", "_selected_action": [activity.pk, other.pk], "post": "yes"},
    )
    assert not Activity.objects.exists()
    assert _audited("groups.activity_deleted", other, staff.user)


def test_a_groups_councils_changed_in_the_admin_are_audited_with_what_changed(staff):
    group = GroupFactory()
    kept, added = LocalAuthorityFactory(code="KEPT"), LocalAuthorityFactory(code="ADDED")
    group.local_authorities.add(kept)
    _post_form(
        staff,
        reverse("admin:groups_group_change", args=[group.pk]),
        local_authorities=[str(kept.pk), str(added.pk)],
    )
    event = AuditEvent.objects.get(action="groups.councils_changed", object_id=str(group.pk))
    assert event.actor == staff.user and event.detail == {"added": ["ADDED"], "removed": []}


def test_streams_and_criteria_saved_in_the_admin_are_audited(staff):
    stream = StreamFactory()
    url = reverse("admin:awards_stream_change", args=[stream.pk])
    _post_form(
        staff,
        url,
        summary="A new summary.",
        **{
            "criteria-TOTAL_FORMS": "1",
            "criteria-0-principle": "learn",
            "criteria-0-title": "Staff training",
            "criteria-0-description": "Staff learn about sanctuary.",
            "criteria-0-order": "1",
            "criteria-0-is_minimum": "on",
            "criteria-0-is_active": "on",
            "criteria-0-stream": str(stream.pk),
        },
    )
    stream = Stream.objects.get(pk=stream.pk)
    assert stream.summary == "A new summary." and _audited("awards.stream_updated", stream, staff.user)
    criterion = Criterion.objects.get(stream=stream, title="Staff training")
    assert _audited("awards.criterion_created", criterion, staff.user)


def test_assessor_profile_and_account_access_changed_in_the_admin_are_audited(staff):
    person = UserFactory()
    _post_form(staff, reverse("admin:awards_assessorprofile_add"), user=str(person.pk), lived_experience="on")
    profile = AssessorProfile.objects.get(user=person)
    assert profile.lived_experience and _audited("awards.assessor_profile_set", profile, staff.user)
    _post_form(staff, reverse("admin:sanctuary_user_change", args=[person.pk]), is_staff="on")
    event = AuditEvent.objects.get(action="sanctuary.account_updated", object_id=str(person.pk))
    assert event.actor == staff.user and event.detail["fields"] == ["is_staff"]
