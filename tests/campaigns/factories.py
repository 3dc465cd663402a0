"""Factories for campaigns. Action types come from the data migration (write-to-mp etc.)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from campaigns.models import Action, ActionType, Campaign, PledgeSignature
from sanctuary.geography import Nation, Region
from tests.factories import UserFactory


def action_type(slug: str = "write-to-mp") -> ActionType:
    return ActionType.objects.get(slug=slug)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Speak up campaign {n}")
    slug = factory.Sequence(lambda n: f"speak-up-{n}")
    summary = "Take one small action where you live."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    status = Campaign.Status.OPEN
    goal_target = 100

    @factory.post_generation
    def types(obj, create, extracted, **kwargs):
        if create:
            obj.action_types.set(ActionType.objects.all() if extracted is None else extracted)


MP_DETAILS = {"recipient": "A. Member", "constituency": "Riverton North", "sent_on": "2026-01-05"}


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    campaign = factory.SubFactory(CampaignFactory)
    action_type = factory.LazyFunction(lambda: action_type("write-to-mp"))
    user = factory.SubFactory(UserFactory)
    done_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    place = "Riverton"
    nation = Nation.ENGLAND
    region = Region.NORTH_WEST
    details = factory.LazyFunction(lambda: dict(MP_DETAILS))
    breakdown_value = "Riverton North"
    is_public = False


class PledgeSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeSignature

    campaign = factory.SubFactory(CampaignFactory, pledge_statement="We stand for welcome.")
    name = "Test Signer"
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
