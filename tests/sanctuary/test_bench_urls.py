"""`make bench` serves the site through its own URLconf (the baseline page beside every page of
the site): it must load with the site's Welsh pages, which Django allows only in a root URLconf."""

import pytest
from django.test import override_settings
from django.urls import resolve

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_bench_serves_its_baseline_beside_the_sites_pages_in_both_languages(client):
    assert resolve("/_bench/baseline/").url_name == "bench_baseline"
    assert client.get("/").status_code == 200
    assert client.get("/cy/").status_code == 200
