import pytest

from campaigns import demo as campaigns_demo
from campaigns.models import Action, Campaign, PledgeSignature
from groups.models import GroupMembership
from sanctuary import demo
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_links_the_riverton_group():
    ctx = demo.DemoContext()
    demo.seed(ctx)
    riverton = GroupFactory(slug="riverton")
    GroupMembership.objects.create(group=riverton, user=ctx.users["lead1"], role=GroupMembership.Role.LEAD)
    ctx.objects["group_riverton"] = riverton
    campaigns_demo.seed(ctx)
    counts = (Campaign.objects.count(), Action.objects.count(), PledgeSignature.objects.count())
    campaigns_demo.seed(ctx)
    assert (Campaign.objects.count(), Action.objects.count(), PledgeSignature.objects.count()) == counts
    assert counts[0] == 2
    assert counts[1] >= 36
    assert Action.objects.filter(group=riverton).exists()
    assert Action.objects.filter(is_public=True).exists()
    assert Action.objects.filter(outcome_recorded_at__isnull=False).exists()
    for key in ("supporter", "member1", "lead1"):
        assert Action.objects.filter(user=ctx.users[key]).count() >= 2


def test_demo_seed_works_without_the_groups_demo():
    ctx = demo.DemoContext()
    demo.seed(ctx)
    campaigns_demo.seed(ctx)
    assert Action.objects.filter(group__isnull=False).count() == 0
