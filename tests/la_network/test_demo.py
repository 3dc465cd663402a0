import pytest

from la_network import demo
from la_network.models import Application, CouncilContact, Membership
from sanctuary import demo as core_demo
from tests.factories import GroupFactory, make_lead

pytestmark = pytest.mark.django_db


def run(with_groups: bool) -> core_demo.DemoContext:
    ctx = core_demo.DemoContext()
    core_demo.seed(ctx)
    if with_groups:
        riverton = GroupFactory(slug="riverton")
        make_lead(riverton)
        ctx.objects.update({"group_riverton": riverton, "group_northfield": GroupFactory(slug="northfield")})
    demo.seed(ctx)
    return ctx


@pytest.mark.parametrize("with_groups", [True, False])
def test_demo_makes_one_member_and_one_application_in_progress_and_is_idempotent(with_groups):
    ctx = run(with_groups)
    demo.seed(ctx)
    assert CouncilContact.objects.filter(user__in=[ctx.users["council1"], ctx.users["council2"]]).count() == 2
    assert Membership.objects.count() == 1
    assert Application.objects.filter(status=Application.Status.DRAFT).count() == 1
    if with_groups:
        assert ctx.objects["group_riverton"].local_authorities.count() == 1
