"""Who can see which application, review and award."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards import services
from tests.awards.factories import make_award, make_panel, make_submitted
from tests.factories import OrganisationContactFactory

pytestmark = pytest.mark.django_db


def test_applicant_sees_only_their_own_organisations_applications(client_for):
    mine = make_submitted()
    theirs = make_submitted()
    client = client_for(mine.applicant)
    assert client.get(reverse("awards:application", args=[mine.pk])).status_code == 200
    assert client.get(reverse("awards:application", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("awards:application_list")).content.decode()
    assert mine.organisation.name in listing and theirs.organisation.name not in listing


def test_colleague_at_the_same_organisation_sees_the_application(client_for):
    application = make_submitted()
    colleague = OrganisationContactFactory(organisation=application.organisation)
    assert (
        client_for(colleague.user).get(reverse("awards:application", args=[application.pk])).status_code
        == 200
    )


def test_reviewer_sees_only_assigned_applications(client_for, national_staff, assessor):
    assigned = make_submitted()
    other = make_submitted()
    members = make_panel(assigned, national_staff)
    other_members = make_panel(other, national_staff)
    client = client_for(members[0].assessor)
    assert client.get(reverse("awards:review", args=[members[0].pk])).status_code == 200
    assert client.get(reverse("awards:review", args=[other_members[0].pk])).status_code == 404
    assert client.get(reverse("awards:application", args=[assigned.pk])).status_code == 404
    listing = client.get(reverse("awards:review_list")).content.decode()
    assert assigned.organisation.name in listing and other.organisation.name not in listing


def test_staff_pages_are_hidden_from_everyone_else(client_for, assessor):
    application = make_submitted()
    for url in (
        reverse("awards:staff_overview"),
        reverse("awards:staff_application", args=[application.pk]),
        reverse("awards:staff_export"),
    ):
        assert client_for(application.applicant).get(url).status_code == 404
        assert client_for(assessor).get(url).status_code == 404


def test_only_the_groups_lead_can_respond_to_an_endorsement(client_for):
    from tests.factories import GroupFactory, OrganisationFactory, make_lead

    group = GroupFactory()
    lead = make_lead(group)
    outsider = make_lead()
    application = make_submitted(organisation=OrganisationFactory(group=group))
    endorsement = application.endorsement
    assert client_for(outsider).get(reverse("awards:endorsement", args=[endorsement.pk])).status_code == 404
    assert client_for(lead).get(reverse("awards:endorsement", args=[endorsement.pk])).status_code == 200


def test_certificate_and_logo_are_for_the_holder_only(client_for, national_staff):
    award = make_award(national_staff)
    services.certificate_generate(award_id=award.pk)
    stranger = OrganisationContactFactory().user
    assert client_for(stranger).get(reverse("awards:certificate", args=[award.pk])).status_code == 404
    assert client_for(stranger).get(reverse("awards:logo", args=[award.pk])).status_code == 404
    holder = client_for(award.application.applicant)
    response = holder.get(reverse("awards:certificate", args=[award.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_anonymous_visitors_are_sent_to_login_for_applications(client):
    application = make_submitted()
    response = client.get(reverse("awards:application", args=[application.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_a_certificate_whose_task_never_ran_is_made_at_the_first_download_and_kept(
    client_for, national_staff
):
    from awards.models import Award
    from sanctuary.models import AuditEvent

    award = make_award(national_staff)  # the queued task never ran (the broker was down)
    assert not Award.objects.get(pk=award.pk).certificate
    holder = client_for(award.application.applicant)
    url = reverse("awards:certificate", args=[award.pk])
    first = b"".join(holder.get(url).streaming_content)
    assert first.startswith(b"%PDF") and Award.objects.get(pk=award.pk).certificate
    assert b"".join(holder.get(url).streaming_content) == first
    assert (
        AuditEvent.objects.filter(action="awards.certificate_generated", object_id=str(award.pk)).count() == 1
    )
    assert services.certificate_generate(award_id=award.pk) is False
