import pytest

from tests.campaigns.factories import CampaignFactory


@pytest.fixture
def campaign(db):
    return CampaignFactory(title="A safe place", slug="a-safe-place")
