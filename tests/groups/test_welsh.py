"""Group pages in Welsh (issue 19): the supporter logo, whole sentences with their links and counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import OrganisationPledge
from tests.factories import GroupFactory, OrganisationContactFactory, UserFactory
from tests.groups.factories import PledgeFactory, SignatureFactory
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def _logo(client_for, language: str) -> str:
    contact = OrganisationContactFactory(organisation__name='Theatr "Helpful" & Co')
    PledgeFactory(organisation=contact.organisation, status=OrganisationPledge.Status.APPROVED)
    with translation.override(language):
        response = client_for(contact.user).get(
            reverse("charter:supporter_logo", args=[contact.organisation.slug])
        )
    assert response.status_code == 200
    return response.content.decode()


def test_the_supporter_logo_is_in_the_language_of_the_person_downloading_it(client_for):
    svg = _logo(client_for, "cy")
    assert 'aria-label="Cefnogwr Dinas Noddfa: Theatr &quot;Helpful&quot; &amp; Co"' in svg
    assert ">Dinas Noddfa</text>" in svg and ">Cefnogwr balch</text>" in svg
    english = _logo(client_for, "en-gb")
    assert 'aria-label="City of Sanctuary supporter: Theatr &quot;Helpful&quot; &amp; Co"' in english
    assert ">City of Sanctuary</text>" in english and ">Proud supporter</text>" in english


def test_find_or_start_a_group_is_one_welsh_sentence_with_both_links(client_for):
    client = client_for(UserFactory())
    with translation.override("cy"):
        page = client.get(reverse("dashboard")).text
        find, start = reverse("groups:directory"), reverse("groups:apply")
    assert f'<a href="{find}">Dewch o hyd i un</a> neu <a href="{start}">dechreuwch un</a>.' in page


@pytest.mark.parametrize(
    ("count", "welsh_words", "english_words"),
    [
        (1, "person wedi llofnodi'r siarter", "person has signed the charter"),
        (2, "berson wedi llofnodi'r siarter", "people have signed the charter"),
        (3, "o bobl wedi llofnodi'r siarter", "people have signed the charter"),
    ],
)
def test_the_signature_count_is_part_of_its_sentence(client, count, welsh_words, english_words):
    group = GroupFactory()
    SignatureFactory.create_batch(count, group=group)
    url = reverse("groups:detail", args=[group.slug])
    with translation.override("cy"):
        welsh_page = client.get(reverse("groups:detail", args=[group.slug])).text
    assert f"<strong>{count}</strong> {welsh_words} gyda'r grŵp hwn." in welsh_page
    assert f"<strong>{count}</strong> {english_words} with this group." in client.get(url).text
