"""Fictional campaigns, actions, outcomes and pledge signatures for the demo.

Idempotent: campaigns and types are got-or-created by slug, and the demo actions are made
only when the demo people have none on the campaign yet.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from campaigns import services
from campaigns.action_types import DEFAULT_TYPES
from campaigns.models import Action, ActionType, Campaign, PledgeSignature, ProgressStep, ProgressTick
from groups.models import GroupMembership

SPEAK_UP = {
    "title": "Speak up for sanctuary",
    "summary": "Turn caring into doing: one conversation, letter or event at a time, where you live.",
    "body": (
        "Attitudes change when people hear from someone they know. This campaign asks everyone in the "
        "network to take small, local actions and to log them, so that together we can see how far our "
        "voices reach.\n\nStart with why you care, talk to someone close to you, then write to your MP "
        "or your local paper. Every action counts towards the goal."
    ),
    "goal_kind": Campaign.GoalKind.ACTIONS,
    "goal_target": 500,
    # Welsh beside the English (a draft for review, as the README says of all the Welsh).
    "title_cy": "Codi llais dros noddfa",
    "summary_cy": "Troi gofal yn weithred: un sgwrs, llythyr neu ddigwyddiad ar y tro, lle rydych chi'n byw.",
}

SAFE_HARBOUR = {
    "title": "Safe harbour pledge",
    "summary": "Add your name to a public promise that this country stays a place of safety.",
    "body": (
        "People who have survived violence and persecution need safety, fair treatment and time to "
        "recover. Sign the pledge, then back it up by writing to your MP about it."
    ),
    "goal_kind": Campaign.GoalKind.PLEDGES,
    "goal_target": 1000,
    "title_cy": "Addewid harbwr diogel",
    "summary_cy": "Ychwanegwch eich enw at addewid cyhoeddus y bydd y wlad hon yn parhau'n lle diogel.",
    "pledge_statement": (
        "I believe our country should remain somewhere people fleeing harm can find safety and a fair "
        "hearing, and I will say so to those who represent me."
    ),
    "pledge_principles": "\n".join(
        [
            "Protection for everyone fleeing persecution and violence.",
            "Decisions on asylum that are careful, fair and made without long delays.",
            "Care and support so that people who have suffered can recover.",
            "No locking up of people who have already survived detention or abuse.",
            "Standing up to governments that abuse their own people.",
        ]
    ),
    "pledge_statement_cy": (
        "Rwy'n credu y dylai ein gwlad barhau'n lle y gall pobl sy'n ffoi rhag niwed gael diogelwch a "
        "gwrandawiad teg, a byddaf yn dweud hynny wrth y rhai sy'n fy nghynrychioli."
    ),
    "pledge_principles_cy": "\n".join(
        [
            "Amddiffyniad i bawb sy'n ffoi rhag erledigaeth a thrais.",
            "Penderfyniadau lloches sy'n ofalus, yn deg ac yn cael eu gwneud heb oedi hir.",
            "Gofal a chymorth fel y gall pobl sydd wedi dioddef wella.",
            "Dim carcharu pobl sydd eisoes wedi goroesi cadw neu gamdriniaeth.",
            "Sefyll yn erbyn llywodraethau sy'n cam-drin eu pobl eu hunain.",
        ]
    ),
}

# (user key, type slug, days ago, region, place, public, outcome or None)
_PLAN = [
    (
        "supporter",
        "write-to-mp",
        40,
        "north_west",
        "Riverton",
        True,
        {"reply": "yes", "stance": "supportive"},
    ),
    ("supporter", "conversation", 35, "north_west", "Riverton", False, None),
    ("supporter", "local-press-letter", 30, "north_west", "RV2", True, {"published": "yes"}),
    ("supporter", "social-media-post", 12, "north_west", "Riverton", True, None),
    ("supporter", "write-to-mp", 20, "north_west", "Riverton", False, None),
    ("supporter", "visual-stunt", 8, "north_west", "Riverton", True, None),
    ("member1", "write-to-mp", 45, "yorkshire_humber", "Northfield", False, {"reply": "no"}),
    ("member1", "conversation", 28, "yorkshire_humber", "Northfield", True, None),
    (
        "member1",
        "meet-mp",
        25,
        "yorkshire_humber",
        "Northfield",
        True,
        {"commitment": "yes", "stance": "neutral"},
    ),
    ("member1", "community-event", 18, "yorkshire_humber", "NF1", True, None),
    ("member1", "hustings-question", 16, "yorkshire_humber", "Northfield", False, None),
    ("member1", "write-to-mp", 5, "yorkshire_humber", "Northfield", False, None),
    ("lead1", "community-event", 50, "north_west", "Riverton", True, None),
    ("lead1", "visual-stunt", 42, "north_west", "Riverton", True, None),
    ("lead1", "write-to-mp", 38, "north_west", "Riverton", True, {"reply": "yes", "stance": "unsupportive"}),
    ("lead1", "local-press-letter", 33, "north_west", "Riverton", False, {"published": "no"}),
    ("lead1", "conversation", 21, "north_west", "Riverton", False, None),
    ("lead1", "community-event", 14, "north_west", "Riverton", True, None),
    ("lead1", "meet-mp", 10, "north_west", "Riverton", False, None),
    ("lead1", "social-media-post", 3, "north_west", "Riverton", True, None),
    ("supporter", "conversation", 2, "wales", "Cardiff", False, None),
    ("member1", "social-media-post", 1, "scotland", "Glasgow", True, None),
    ("lead1", "write-to-mp", 60, "london", "Camden", True, {"reply": "yes", "stance": "supportive"}),
    ("supporter", "hustings-question", 55, "north_west", "Riverton", True, None),
]

_DETAILS = {
    "write-to-mp": {"recipient": "Jo Whitfield MP", "constituency": "Riverton and Dale", "method": "email"},
    "local-press-letter": {"publication": "Riverton Evening Post"},
    "visual-stunt": {"description": "A chain of paper boats along the river path", "people": 12},
    "community-event": {"event_name": "Welcome supper at the community hall", "attendance": 60},
    "meet-mp": {"recipient": "Jo Whitfield MP", "constituency": "Riverton and Dale"},
    "hustings-question": {
        "constituency": "Riverton and Dale",
        "question": "What would you do to speed up fair decisions?",
    },
    "conversation": {"with_whom": "family"},
    "social-media-post": {"platform": "A neighbourhood forum"},
}


def _campaign(slug: str, values: dict, starts_on: dt.date) -> Campaign:
    campaign, created = Campaign.objects.get_or_create(
        slug=slug, defaults={**values, "starts_on": starts_on, "status": Campaign.Status.OPEN}
    )
    if created:
        campaign.action_types.set(ActionType.objects.all())
    return campaign


def seed(ctx) -> None:
    today = timezone.localdate()
    for position, definition in enumerate(DEFAULT_TYPES, start=1):
        values = {k: v for k, v in definition.items() if k != "slug"}
        values.update(expects_outcome=bool(values.get("outcome_fields")), position=position * 10)
        ActionType.objects.get_or_create(slug=definition["slug"], defaults=values)

    speak_up = _campaign("speak-up-for-sanctuary", SPEAK_UP, today - dt.timedelta(days=90))
    harbour = _campaign("safe-harbour-pledge", SAFE_HARBOUR, today - dt.timedelta(days=30))
    ctx.objects["campaign_speak_up"] = speak_up
    ctx.objects["campaign_safe_harbour"] = harbour

    people = {key: ctx.users[key] for key in ("supporter", "member1", "lead1") if key in ctx.users}
    group = ctx.objects.get("group_riverton")
    lead1 = people.get("lead1")
    leads_group = bool(
        group is not None
        and lead1 is not None
        and GroupMembership.objects.filter(group=group, user=lead1, role=GroupMembership.Role.LEAD).exists()
    )

    if not Action.objects.filter(campaign__in=[speak_up, harbour], user__in=people.values()).exists():
        types = {t.slug: t for t in ActionType.objects.all()}
        for index, (key, slug, days_ago, region, place, public, outcome) in enumerate(_PLAN * 2):
            user = people.get(key)
            if user is None or slug not in types:
                continue
            # The second round goes to the pledge campaign, a little later, so both have figures.
            second = index >= len(_PLAN)
            campaign = harbour if second else speak_up
            done_on = today - dt.timedelta(days=max(0, days_ago - 30) if second else days_ago)
            details = dict(_DETAILS[slug])
            if slug == "write-to-mp" or slug == "local-press-letter":
                details["sent_on"] = done_on.isoformat()
            action = services.action_log(
                campaign=campaign,
                action_type=types[slug],
                user=user,
                done_on=done_on,
                region=region,
                place=place,
                details=details,
                is_public=public,
                group=group if (key == "lead1" and leads_group) else None,
            )
            if outcome and types[slug].expects_outcome:
                services.action_outcome_record(action=action, outcome=outcome, actor=user)

    supporter = people.get("supporter")
    if supporter is not None:
        ProgressTick.objects.get_or_create(user=supporter, step=ProgressStep.WHY_I_CARE)
        ProgressTick.objects.get_or_create(user=supporter, step=ProgressStep.SHORT_PITCH)

    for number, (name, town) in enumerate(
        [
            ("Alex Moreno", "Riverton"),
            ("Bea Li", "Northfield"),
            ("Chris Adeyemi", "Leeds"),
            ("Dee Walsh", ""),
        ],
        start=1,
    ):
        PledgeSignature.objects.get_or_create(
            campaign=harbour,
            email=f"pledge{number}@example.org",
            defaults={"name": name, "town": town, "confirmed_at": timezone.now()},
        )
    PledgeSignature.objects.get_or_create(
        campaign=harbour, email="pledge-unconfirmed@example.org", defaults={"name": "Eli Unconfirmed"}
    )
