from django.urls import include, path

from bench.views import baseline

urlpatterns = [
    path("_bench/baseline/", baseline, name="bench_baseline"),
    path("", include("sanctuary.urls")),
]
