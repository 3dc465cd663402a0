import pytest

from geography import register, services
from geography.demo import COUNCILS_SAMPLE
from la_network import services as la_services


@pytest.fixture
def sample(db):
    """The shipped real sample: councils, postcodes, constituencies and MPs."""
    la_services.register_import(path=COUNCILS_SAMPLE)
    services.postcodes_import(path=register.SAMPLE_POSTCODES)
    services.members_import(path=register.SAMPLE_MEMBERS)
