"""Demo data: the shipped real sample of postcodes, constituencies and MPs, the councils they
need, and two fictional groups placed on the map so "find near me" has something to find."""

from __future__ import annotations

import datetime as dt

from geography import register, services
from geography.models import Postcode
from geography.selectors import point_for_postcode
from groups.models import Group, GroupMembership
from la_network import services as la_services
from la_network.models import LocalAuthority

COUNCILS_SAMPLE = register.DATA_DIR / "councils_sample.csv"

DEMO_GROUPS = [
    # slug, name, area served, postcode, council GSS, region, nation
    (
        "granite-welcome-demo",
        "Granite City Welcome (demo)",
        "Aberdeen",
        "AB11 5AA",
        "S12000033",
        "scotland",
        "scotland",
    ),
    (
        "central-welcome-demo",
        "Central Welcome Circle (demo)",
        "Manchester city centre",
        "M1 1AD",
        "E08000003",
        "north_west",
        "england",
    ),
]


def seed(ctx) -> None:
    if not LocalAuthority.objects.filter(gss_code="S12000033").exists():
        la_services.register_import(path=COUNCILS_SAMPLE)
    if not Postcode.objects.exists():
        services.postcodes_import(path=register.SAMPLE_POSTCODES)
        services.members_import(path=register.SAMPLE_MEMBERS)
    for slug, name, area, postcode, council, region, nation in DEMO_GROUPS:
        latitude, longitude = point_for_postcode(postcode)
        group, _ = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "area_served": area,
                "region": region,
                "nation": nation,
                "status": Group.Status.ACTIVE,
                "founded_on": dt.date(2021, 3, 1),
                "postcode": postcode,
                "latitude": latitude,
                "longitude": longitude,
                "description": f"{name} is a fictional group of the demo, placed to show 'find near me'.",
            },
        )
        group.local_authorities.add(*LocalAuthority.objects.filter(gss_code=council))
        GroupMembership.objects.get_or_create(
            group=group, user=ctx.users["lead1"], defaults={"role": GroupMembership.Role.LEAD}
        )
