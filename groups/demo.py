"""Fictional demo data: two groups, their people and activities, signatures, two organisations."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from groups.models import (
    Activity,
    CharterSignature,
    CharterVersion,
    Group,
    GroupMembership,
    Organisation,
    OrganisationContact,
    OrganisationPledge,
)
from sanctuary.geography import Nation, Region

CHARTER_TEXT = (
    "We want our town to be a place where everyone seeking safety is met with welcome, "
    "dignity and the chance to belong.\n\n"
    "We will learn about what it means to seek sanctuary, take practical steps to include people "
    "in everyday life, and share what we do so that others can follow."
)
PLEDGE_TEXT = (
    "Our organisation will make its spaces welcoming to people seeking sanctuary, listen to people "
    "with lived experience, and tell others what we have learned."
)
# The same words in Welsh (a draft for review, as the README says of all the Welsh).
CHARTER_TITLE_CY = "Siarter Dinas Noddfa"
CHARTER_TEXT_CY = (
    "Rydym am i'n tref fod yn lle mae pawb sy'n chwilio am ddiogelwch yn cael croeso, urddas a'r "
    "cyfle i berthyn.\n\n"
    "Byddwn yn dysgu beth mae'n ei olygu i geisio noddfa, yn cymryd camau ymarferol i gynnwys pobl "
    "ym mywyd bob dydd, ac yn rhannu'r hyn a wnawn fel y gall eraill ddilyn."
)
PLEDGE_TEXT_CY = (
    "Bydd ein sefydliad yn gwneud ei lefydd yn groesawgar i bobl sy'n ceisio noddfa, yn gwrando ar "
    "bobl sydd â phrofiad bywyd, ac yn dweud wrth eraill beth rydym wedi'i ddysgu."
)

GROUPS = [
    (
        "group_riverton",
        "lead1",
        "Riverton City of Sanctuary",
        "riverton",
        "Riverton and the valley",
        Region.NORTH_WEST,
        Nation.ENGLAND,
    ),
    (
        "group_northfield",
        "lead2",
        "Northfield Town of Sanctuary",
        "northfield",
        "Northfield and villages",
        Region.YORKSHIRE,
        Nation.ENGLAND,
    ),
]
ORGS = [
    (
        "org_school",
        "applicant1",
        "Riverton Primary School",
        "riverton-primary-school",
        Organisation.Type.SCHOOL,
        "group_riverton",
        "RV1 4AB",
        Region.NORTH_WEST,
        Organisation.Size.MEDIUM,
        "Rosa Diaz",
    ),
    (
        "org_library",
        "applicant2",
        "Northfield Library",
        "northfield-library",
        Organisation.Type.LIBRARY,
        "group_northfield",
        "NF2 7CD",
        Region.YORKSHIRE,
        Organisation.Size.SMALL,
        "Ben Clarke",
    ),
]
SIGNERS = [
    ("Alex Morgan", "alex.morgan@example.net", "RV1 2XY", "group_riverton", True),
    ("Bea Lindqvist", "bea.l@example.net", "Riverton", "group_riverton", True),
    ("Chinedu Obi", "chinedu@example.net", "NF1 3GH", "group_northfield", False),
    ("Dana Petrova", "dana.p@example.net", "Northfield", "group_northfield", True),
    ("Eli Novak", "eli.novak@example.net", "Leeds", None, False),
]


def seed(ctx) -> None:
    now = timezone.now()
    version, _ = CharterVersion.objects.get_or_create(
        number=1,
        defaults={
            "title": "The City of Sanctuary charter",
            "title_cy": CHARTER_TITLE_CY,
            "text": CHARTER_TEXT,
            "text_cy": CHARTER_TEXT_CY,
            "organisation_pledge": PLEDGE_TEXT,
            "organisation_pledge_cy": PLEDGE_TEXT_CY,
            "published_by": ctx.users["staff"],
        },
    )
    for key, lead_key, name, slug, area, region, nation in GROUPS:
        group, _ = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "area_served": area,
                "region": region,
                "nation": nation,
                "status": Group.Status.ACTIVE,
                "founded_on": dt.date(2019, 5, 1),
                "description": f"{name} brings neighbours, faith groups and newcomers together.",
            },
        )
        GroupMembership.objects.get_or_create(
            group=group, user=ctx.users[lead_key], defaults={"role": GroupMembership.Role.LEAD}
        )
        ctx.objects[key] = group
    riverton = ctx.objects["group_riverton"]
    GroupMembership.objects.get_or_create(group=riverton, user=ctx.users["member1"])
    GroupMembership.objects.get_or_create(group=riverton, user=ctx.users["supporter"])

    activities = [
        ("group_riverton", 20, Activity.Kind.SOCIAL, "Welcome lunch at the community hall", 45, 18),
        ("group_riverton", 50, Activity.Kind.TRAINING, "Talk for local teachers", 30, 3),
        ("group_northfield", 12, Activity.Kind.EVENT, "Refugee Week film night", 60, 10),
        ("group_northfield", 40, Activity.Kind.MEETING, "Open planning meeting", 14, 4),
    ]
    for key, days_ago, kind, title, attendance, lived in activities:
        Activity.objects.get_or_create(
            group=ctx.objects[key],
            title=title,
            defaults={
                "date": timezone.localdate() - dt.timedelta(days=days_ago),
                "kind": kind,
                "attendance": attendance,
                "lived_experience": lived,
            },
        )

    for name, email, place, group_key, public in SIGNERS:
        group = ctx.objects.get(group_key) if group_key else None
        CharterSignature.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "place": place,
                "group": group,
                "region": group.region if group else Region.YORKSHIRE,
                "nation": Nation.ENGLAND,
                "consent_group_contact": group is not None,
                "consent_public_name": public,
                "charter_version": version,
                "confirmed_at": now,
            },
        )

    for key, user_key, name, slug, org_type, group_key, postcode, region, size, contact in ORGS:
        org, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "org_type": org_type,
                "group": ctx.objects[group_key],
                "postcode": postcode,
                "region": region,
                "nation": Nation.ENGLAND,
                "size_band": size,
                "address": f"1 High Street, {name.split()[0]}",
            },
        )
        user = ctx.users[user_key]
        OrganisationContact.objects.get_or_create(
            organisation=org, user=user, defaults={"job_title": "Contact"}
        )
        OrganisationPledge.objects.get_or_create(
            organisation=org,
            defaults={
                "contact_name": contact,
                "contact_email": user.email,
                "signed_by": user,
                "charter_version": version,
                "status": OrganisationPledge.Status.APPROVED,
                "decided_by": ctx.users["staff"],
                "decided_at": now,
            },
        )
        ctx.objects[key] = org
