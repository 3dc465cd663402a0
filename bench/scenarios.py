"""What `make bench` measures: the dataset, the pages, the sweeps, the PDFs and the export.

The small dataset is the demo data (each app's ``demo.seed``: a few of everything, with the
people every role needs). The full call grows it to national scale with bulk inserts and a
fixed random seed, so two runs measure the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

SEED = 2026
REAL_REGISTER = Path("/work/shared/data/uk_local_authorities_current.csv")
BATCH = 2000
UNUSABLE = "!bench-no-password"

# National scale (scale=1.0).
GROUPS = 150
GROUP_MEMBERS = 1_500
SIGNATURES = 20_000
ORGANISATIONS = 400
LA_APPLICATIONS = 150
LA_MEMBERSHIPS = 120
CAMPAIGNS = 10
ACTIONS = 50_000
CASES = 2_000
CHECKINS = 100_000
# TODO(awards): 12 award streams, 3,000 applications, 1,200 current awards. The awards app is
# being merged separately; add its bulk build, its stream listing page and its
# re-accreditation sweep here once it has models (awards/models.py is empty on this branch).


@dataclass
class Page:
    name: str
    url: Callable[[], str]
    user: Callable[[], object | None]
    post_data: Callable[[], dict[str, str]] | None = None


@dataclass
class Job:
    name: str
    run: Callable[[], object]


# --- Dataset -------------------------------------------------------------------------------------


def _user(email: str):
    from sanctuary.models import User

    return User.objects.get(email=email)


def _seed_small() -> None:
    """The demo data of every app, without seed_demo's DEBUG guard (this database is throwaway)."""
    from django.core.management import call_command
    from django.db import transaction

    from la_network.models import LocalAuthority
    from sanctuary import demo

    if not LocalAuthority.objects.exists():
        args = [str(REAL_REGISTER)] if REAL_REGISTER.exists() else []
        call_command("import_local_authorities", *args, verbosity=0)
    ctx = demo.DemoContext()
    with transaction.atomic():
        demo.seed(ctx)
        for app in settings.SANCTUARY_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.seed(ctx)


def _scaled(n: int, scale: float) -> int:
    return max(1, int(n * scale))


def _users(prefix: str, count: int):
    from sanctuary.models import User

    User.objects.bulk_create(
        (User(email=f"{prefix}{i}@bench.example.org", display_name=f"Bench {prefix} {i}",
              password=UNUSABLE)
         for i in range(count)),
        batch_size=BATCH,
    )
    return list(User.objects.filter(email__startswith=prefix, email__endswith="@bench.example.org"))


def _build_groups(rng: random.Random, scale: float) -> None:
    from groups.models import (
        CharterSignature,
        CharterVersion,
        Group,
        GroupMembership,
        Organisation,
    )
    from sanctuary.geography import Nation, Region

    regions = [r for r, _ in Region.choices]
    existing = Group.objects.count()
    Group.objects.bulk_create(
        Group(name=f"Benchtown {i} City of Sanctuary", slug=f"benchtown-{i}", area_served=f"Benchtown {i}",
              nation=Nation.ENGLAND, region=rng.choice(regions), status=Group.Status.ACTIVE,
              description="A bench group.",
              founded_on=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000)))
        for i in range(max(0, _scaled(GROUPS, scale) - existing))
    )
    groups = list(Group.objects.all())
    users = _users("member", _scaled(GROUP_MEMBERS, scale))
    GroupMembership.objects.bulk_create(
        (GroupMembership(group=groups[i % len(groups)], user=user,
                         role=GroupMembership.Role.LEAD if i < len(groups) else GroupMembership.Role.MEMBER)
         for i, user in enumerate(users)),
        batch_size=BATCH, ignore_conflicts=True,
    )
    version = CharterVersion.objects.order_by("-number").first()
    now = timezone.now()
    CharterSignature.objects.bulk_create(
        (CharterSignature(name=f"Signer {i}", email=f"signer{i}@bench.example.org", place="Benchtown",
                          region=rng.choice(regions), nation=Nation.ENGLAND,
                          group=rng.choice(groups) if rng.random() < 0.6 else None,
                          consent_group_contact=rng.random() < 0.5, consent_public_name=rng.random() < 0.3,
                          charter_version=version, created_at=now - dt.timedelta(days=rng.randrange(1500)),
                          confirmed_at=(now - dt.timedelta(days=rng.randrange(1500))
                                        if rng.random() < 0.9 else None))
         for i in range(_scaled(SIGNATURES, scale))),
        batch_size=BATCH,
    )
    types = [t for t, _ in Organisation.Type.choices]
    Organisation.objects.bulk_create(
        (Organisation(name=f"Bench organisation {i}", slug=f"bench-org-{i}", org_type=rng.choice(types),
                      nation=Nation.ENGLAND, region=rng.choice(regions), group=rng.choice(groups),
                      postcode="BE1 1NC")
         for i in range(_scaled(ORGANISATIONS, scale))),
        batch_size=BATCH,
    )


def _build_la(rng: random.Random, scale: float) -> None:
    from la_network.models import Application, LocalAuthority, Membership

    taken = set(Application.objects.values_list("local_authority_id", flat=True))
    current = LocalAuthority.objects.filter(is_current=True).order_by("code")
    councils = [la for la in current if la.pk not in taken]
    rng.shuffle(councils)
    staff = _user("staff@example.org")
    creators = _users("council", _scaled(LA_APPLICATIONS, scale))
    count = min(len(councils), _scaled(LA_APPLICATIONS, scale))
    members = min(count, _scaled(LA_MEMBERSHIPS, scale))
    now = timezone.now()
    waiting = [Application.Status.SUBMITTED, Application.Status.IN_REVIEW, Application.Status.DRAFT,
               Application.Status.CHANGES_REQUESTED]
    applications = Application.objects.bulk_create(
        Application(local_authority=councils[i], created_by=creators[i],
                    status=Application.Status.APPROVED if i < members else rng.choice(waiting),
                    motion_title="Sanctuary motion", charter_signatory_name="Bench signatory",
                    submitted_at=now - dt.timedelta(days=rng.randrange(30, 1000)),
                    first_submitted_at=now - dt.timedelta(days=1000),
                    decided_at=now - dt.timedelta(days=rng.randrange(1, 900)) if i < members else None,
                    decided_by=staff if i < members else None)
        for i in range(count)
    )
    today = timezone.localdate()
    memberships = []
    for application in applications[:members]:
        # Spread terms so the renewal sweep has reminders to send and terms to lapse.
        starts = today - dt.timedelta(days=rng.randrange(30, 1200))
        memberships.append(Membership(local_authority=application.local_authority, application=application,
                                      starts_on=starts, ends_on=starts + dt.timedelta(days=3 * 365)))
    Membership.objects.bulk_create(memberships)


def _build_campaigns(rng: random.Random, scale: float) -> None:
    from campaigns.models import Action, ActionType, Campaign
    from groups.models import Group
    from sanctuary.geography import Nation, Region

    types = list(ActionType.objects.all())
    existing = Campaign.objects.count()
    today = timezone.localdate()
    for i in range(max(0, CAMPAIGNS - existing)):
        campaign = Campaign.objects.create(
            title=f"Bench campaign {i}", slug=f"bench-campaign-{i}", summary="A bench campaign.",
            starts_on=today - dt.timedelta(days=rng.randrange(30, 400)), status=Campaign.Status.OPEN,
        )
        campaign.action_types.set(types)
    campaigns = list(Campaign.objects.all())
    users = list(_users("member", 0)) or [_user("supporter@example.org")]
    groups = list(Group.objects.all())
    regions = [r for r, _ in Region.choices]
    now = timezone.now()

    def action(i: int) -> Action:
        kind = rng.choice(types)
        done_on = today - dt.timedelta(days=rng.randrange(0, 120))
        return Action(campaign=rng.choice(campaigns), action_type=kind, user=rng.choice(users),
                      group=rng.choice(groups) if rng.random() < 0.3 else None, done_on=done_on,
                      place="Benchtown", nation=Nation.ENGLAND, region=rng.choice(regions), details={},
                      is_public=rng.random() < 0.4,
                      created_at=now - dt.timedelta(days=(today - done_on).days))

    Action.objects.bulk_create((action(i) for i in range(_scaled(ACTIONS, scale))), batch_size=BATCH)


def _build_returnees(rng: random.Random, scale: float) -> None:
    from returnees.models import CadenceRule, Case, CheckIn, CircleMember
    from returnees.services import DEFAULT_CADENCE

    coordinator = _user("coordinator@example.org")
    guardians = [_user("guardian1@example.org"), _user("guardian2@example.org")]
    now = timezone.now()
    count = _scaled(CASES, scale)
    cases = Case.objects.bulk_create(
        (Case(reference=f"RT-B{i:07d}"[:12], full_name=f"Bench person {i}", known_as=f"B{i}",
              languages="Bench language", destination_country=rng.choice(["ZW", "SD", "IQ", "ER", "AF"]),
              destination_place="Bench town", phone_numbers="+000 0000", consent_scope="Bench consent",
              consent_given_on=timezone.localdate() - dt.timedelta(days=400),
              consent_method=Case.ConsentMethod.IN_PERSON, risk_level=rng.choice(["low", "medium", "high"]),
              status=Case.Status.MONITORING,
              monitoring_started_at=now - dt.timedelta(days=rng.randrange(5, 365)),
              next_due_at=now + dt.timedelta(hours=rng.randrange(-240, 240)), created_by=coordinator)
         for i in range(count)),
        batch_size=BATCH,
    )
    CircleMember.objects.bulk_create(
        (CircleMember(case=case, guardian=guardians[i % 2], is_lead=True) for i, case in enumerate(cases)),
        batch_size=BATCH,
    )
    CadenceRule.objects.bulk_create(
        (CadenceRule(case=case, starts_after_days=start, interval_days=every)
         for case in cases for start, every in DEFAULT_CADENCE),
        batch_size=BATCH,
    )
    per_case = max(1, _scaled(CHECKINS, scale) // len(cases))
    wellbeing = ["safe"] * 8 + ["worried", "not_reached"]

    def checkins():
        for i, case in enumerate(cases):
            started = case.monitoring_started_at
            span = max(1, int((now - started).total_seconds()))
            for n in range(per_case):
                state = rng.choice(wellbeing)
                yield CheckIn(case=case, recorded_by=guardians[i % 2],
                              occurred_at=started + dt.timedelta(seconds=span * n // per_case),
                              channel="whatsapp", reached=state != "not_reached", wellbeing=state,
                              notes="Bench notes", needs="", follow_up="")

    CheckIn.objects.bulk_create(checkins(), batch_size=BATCH)


def build_dataset(*, small: bool, scale: float = 1.0) -> dict[str, float]:
    timings: dict[str, float] = {}

    def timed(name: str, step: Callable[[], None]) -> None:
        started = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - started

    if small:
        timed("demo data", _seed_small)
        return timings
    rng = random.Random(SEED)
    timed("groups", lambda: _build_groups(rng, scale))
    timed("la_network", lambda: _build_la(rng, scale))
    timed("campaigns", lambda: _build_campaigns(rng, scale))
    timed("returnees", lambda: _build_returnees(rng, scale))
    # TODO(awards): timed("awards", ...) once the awards app is merged.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings


# --- Pages ------------------------------------------------------------------------------------------


def _demo_case():
    from returnees.models import Case

    return Case.objects.get(reference="RT-DEM0A1")


def _checkin_post() -> dict[str, str]:
    when = timezone.localtime() - dt.timedelta(hours=1)
    return {"occurred_at": when.strftime("%Y-%m-%dT%H:%M"), "channel": "whatsapp", "reached": "yes",
            "wellbeing": "safe", "notes": "Bench check-in {n}.", "needs": "", "follow_up": ""}


def pages() -> list[Page]:
    staff = lambda: _user("staff@example.org")  # noqa: E731
    coordinator = lambda: _user("coordinator@example.org")  # noqa: E731
    guardian = lambda: _user("guardian1@example.org")  # noqa: E731
    anonymous = lambda: None  # noqa: E731
    return [
        Page("home", lambda: reverse("home"), anonymous),
        Page("group directory", lambda: reverse("groups:directory"), anonymous),
        Page("group page", lambda: reverse("groups:detail", args=["riverton"]), anonymous),
        Page("LA register", lambda: reverse("la_network:register"), anonymous),
        Page("LA register JSON", lambda: reverse("la_network:members_json"), anonymous),
        Page("campaign page", lambda: reverse("campaigns:detail", args=["speak-up-for-sanctuary"]),
             anonymous),
        Page("campaign staff dashboard", lambda: reverse("campaigns:dashboard"), staff),
        Page("group lead workspace", lambda: reverse("groups:workspace", args=["riverton"]),
             lambda: _user("lead1@example.org")),
        Page("LA staff review queue", lambda: reverse("la_network:review_list"), staff),
        Page("coordinator dashboard", lambda: reverse("returnees:index"), coordinator),
        Page("guardian case list", lambda: reverse("returnees:index"), guardian),
        Page("check-in form POST", lambda: reverse("returnees:checkin_new", args=[_demo_case().reference]),
             guardian, _checkin_post),
    ]


# --- Jobs, PDFs, export ------------------------------------------------------------------------------


def jobs() -> list[Job]:
    from campaigns.tasks import follow_up_sweep
    from groups.tasks import weekly_digest_sweep
    from la_network.tasks import renewal_sweep
    from returnees.tasks import checkin_sweep, retention_sweep

    return [
        Job("groups weekly digest", weekly_digest_sweep),
        Job("la_network renewal sweep", renewal_sweep),
        Job("campaigns follow-up sweep", follow_up_sweep),
        Job("returnees check-in sweep", checkin_sweep),
        Job("returnees retention sweep", retention_sweep),
        # TODO(awards): the re-accreditation sweep.
    ]


def pdfs() -> list[tuple[str, Callable[[], bytes]]]:
    from la_network.models import Membership
    from returnees.models import PlanVersion
    from sanctuary.pdf import render_pdf

    membership = Membership.objects.select_related("local_authority").filter(
        status=Membership.Status.ACTIVE, starts_on__lte=timezone.localdate(),
        ends_on__gte=timezone.localdate()).first()
    plan = PlanVersion.objects.select_related("case").filter(case=_demo_case()).order_by("-number").first()
    return [
        ("LA membership certificate", lambda: render_pdf(
            "la_network/certificate_pdf.html",
            {"membership": membership, "council": membership.local_authority})),
        ("returnee return plan", lambda: render_pdf(
            "returnees/plan_pdf.html", {"case": plan.case, "plan": plan, "generated_at": timezone.now()})),
    ]


def export() -> tuple[str, object, int]:
    from campaigns.models import Action

    return reverse("campaigns:export"), _user("staff@example.org"), Action.objects.count()
