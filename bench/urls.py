from django.urls import path

from bench.views import baseline
from sanctuary.urls import urlpatterns as site_urlpatterns

# The site's own patterns, not include()d: its Welsh pages come from i18n_patterns, which Django
# allows only in the root URLconf.
urlpatterns = [
    path("_bench/baseline/", baseline, name="bench_baseline"),
    *site_urlpatterns,
]
