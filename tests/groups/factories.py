"""Factories for the groups app's own models (the shared ones live in tests/factories.py)."""

from __future__ import annotations

import datetime as dt
import time

import factory
from django.utils import timezone

from groups.models import Activity, CharterSignature, CharterVersion, OrganisationPledge
from sanctuary.geography import Nation, Region
from tests.factories import GroupFactory, OrganisationFactory


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    number = factory.Sequence(lambda n: n + 1)
    title = "The charter"
    text = "We welcome people seeking sanctuary."
    organisation_pledge = "We will be a welcoming organisation."


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterSignature

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"signer{n}@example.net")
    place = "Testville"
    region = Region.NORTH_WEST
    nation = Nation.ENGLAND
    consent_group_contact = True
    consent_public_name = False
    confirmed_at = factory.LazyFunction(timezone.now)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    group = factory.SubFactory(GroupFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    kind = Activity.Kind.EVENT
    title = factory.Sequence(lambda n: f"Welcome event {n}")
    attendance = 20
    lived_experience = 5


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationPledge

    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "Pat Contact"
    contact_email = factory.Sequence(lambda n: f"org{n}@example.net")
    status = OrganisationPledge.Status.PENDING


def reauthenticate(client, user) -> None:
    """Mark the client's session as having just re-entered the password (allauth's record)."""
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
