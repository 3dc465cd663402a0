import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns.models import Action, Campaign

pytestmark = pytest.mark.django_db


def test_benchmark_reports_the_same_query_counts_at_two_sizes(settings, capsys):
    settings.DEBUG = True
    call_command("campaigns_benchmark", actions=300, clean=True)
    out = capsys.readouterr().out
    assert "Query counts are the same at both sizes." in out
    assert not Campaign.objects.filter(slug__startswith="benchmark").exists()
    assert not Action.objects.exists()


def test_benchmark_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("campaigns_benchmark", actions=10)
