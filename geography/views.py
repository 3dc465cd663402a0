"""The "find near me" block that the group directory and the council register include."""

from __future__ import annotations

from geography.forms import NearMeForm
from geography.postcodes import postcode_parse
from geography.selectors import near_me


def near_me_context(request) -> dict:
    """``near_me_form`` and, once a postcode was given, ``near_me`` (see selectors.near_me)."""
    if "postcode" not in request.GET:
        return {"near_me_form": NearMeForm(), "near_me": None}
    form = NearMeForm(request.GET)
    if not form.is_valid():
        return {"near_me_form": form, "near_me": None}
    query = postcode_parse(form.cleaned_data["postcode"])
    return {"near_me_form": form, "near_me": near_me(query, council_code=form.cleaned_data["council"])}
