from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from la_network.models import LocalAuthority


@login_not_required
def baseline(request):
    """The floor every page is compared with: 25 rows of one table, one query, same layout."""
    rows = list(LocalAuthority.objects.order_by("code")[:25])
    return render(request, "bench/baseline.html", {"rows": rows})
