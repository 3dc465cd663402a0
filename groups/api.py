"""The group directory in the public JSON API at ``/api/v1/groups/``."""

from __future__ import annotations

from django.urls import reverse

from api.endpoints import Detail, Endpoint, Field, Filter, dataset_fields
from groups import opendata, selectors
from groups.models import Group
from sanctuary.feeds import absolute
from sanctuary.geography import Nation, Region

_URL = {"type": "string", "format": "uri"}
DETAIL_FIELDS = (
    Field("description", "What the group says about itself.", {"type": "string"}),
    Field("facebook_url", "The group's Facebook page.", _URL),
    Field("instagram_url", "The group's Instagram.", _URL),
    Field("other_social_url", "Another social media page of the group.", _URL),
    Field("logo_url", "The group's logo, if it has one.", _URL),
    Field(
        "councils",
        "The councils whose areas the group covers, by name.",
        {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "name"],
                "properties": {
                    "code": {"type": "string", "description": "The council's code in mySociety's register."},
                    "name": {"type": "string", "description": "The council's usual short name."},
                },
            },
        },
        required=True,
    ),
)


def _items(filters: dict[str, str]):
    # The directory's own search and filters; the slug breaks ties so pages never overlap.
    return selectors.directory(**filters).order_by("name", "slug").only(*opendata.ROW_FIELDS)


def _detail(slug: str) -> dict | None:
    group = selectors.public_groups().filter(slug=slug).first()
    if group is None:
        return None
    councils = group.local_authorities.order_by("short_name").values_list("code", "short_name")
    return opendata.row(group) | {
        "description": group.description,
        "facebook_url": group.facebook_url,
        "instagram_url": group.instagram_url,
        "other_social_url": group.other_social_url,
        "logo_url": absolute(reverse("groups:logo", args=[group.slug])) if group.logo else "",
        "councils": [{"code": code, "name": name} for code, name in councils],
    }


def directory() -> Endpoint:
    table = opendata.directory()
    return Endpoint(
        name="groups",
        title=table.title,
        description=(
            "The local groups the public directory lists, by name: every group that has not closed "
            "(ask for status=closed to see those that have)."
        ),
        schema_name="Group",
        fields=dataset_fields(table),
        filters=(
            Filter("q", "Words in the group's name, the area it serves or a council it covers."),
            Filter("nation", "Only groups in this nation.", choices=tuple(Nation.values)),
            Filter("region", "Only groups in this region.", choices=tuple(Region.values)),
            Filter("status", "Only groups with this status.", choices=tuple(Group.Status.values)),
        ),
        items=_items,
        row=opendata.row,
        detail=Detail(key="slug", get=_detail, extra_fields=DETAIL_FIELDS),
        cache_topic=selectors.PUBLIC_FIGURES,
        examples=("nation=wales", "q=leeds&limit=10"),
    )
