"""A tiny URLconf for the core's refusal and confirmation tests."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused
from sanctuary.urls import urlpatterns as site_urls

DELETED: list[str] = []


@login_not_required
def refuse(request):
    raise Refused("Only a draft can be sent.")


@login_not_required
def delete(request):
    if response := confirmation_required(
        request, title="Delete this note?", consequence="It cannot be brought back.", cancel_url="/back/"
    ):
        return response
    DELETED.append(request.POST["note"])
    return HttpResponse("deleted")


# The site's own URLs stay, so the base layout can link to them.
urlpatterns = [path("refuse/", refuse), path("delete/", delete), *site_urls]
