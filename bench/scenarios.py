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
AWARD_STREAMS = 12
AWARD_APPLICATIONS = 3_000
AWARDS = 1_200
AWARD_ASSESSORS = 30
AWARD_INTERESTS = 120


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
        (
            User(
                email=f"{prefix}{i}@bench.example.org", display_name=f"Bench {prefix} {i}", password=UNUSABLE
            )
            for i in range(count)
        ),
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
        Group(
            name=f"Benchtown {i} City of Sanctuary",
            slug=f"benchtown-{i}",
            area_served=f"Benchtown {i}",
            nation=Nation.ENGLAND,
            region=rng.choice(regions),
            status=Group.Status.ACTIVE,
            description="A bench group.",
            founded_on=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000)),
        )
        for i in range(max(0, _scaled(GROUPS, scale) - existing))
    )
    groups = list(Group.objects.all())
    users = _users("member", _scaled(GROUP_MEMBERS, scale))
    GroupMembership.objects.bulk_create(
        (
            GroupMembership(
                group=groups[i % len(groups)],
                user=user,
                role=GroupMembership.Role.LEAD if i < len(groups) else GroupMembership.Role.MEMBER,
            )
            for i, user in enumerate(users)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    version = CharterVersion.objects.order_by("-number").first()
    now = timezone.now()
    CharterSignature.objects.bulk_create(
        (
            CharterSignature(
                name=f"Signer {i}",
                email=f"signer{i}@bench.example.org",
                place="Benchtown",
                region=rng.choice(regions),
                nation=Nation.ENGLAND,
                group=rng.choice(groups) if rng.random() < 0.6 else None,
                consent_group_contact=rng.random() < 0.5,
                consent_public_name=rng.random() < 0.3,
                charter_version=version,
                created_at=now - dt.timedelta(days=rng.randrange(1500)),
                confirmed_at=(now - dt.timedelta(days=rng.randrange(1500)) if rng.random() < 0.9 else None),
            )
            for i in range(_scaled(SIGNATURES, scale))
        ),
        batch_size=BATCH,
    )
    types = [t for t, _ in Organisation.Type.choices]
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Bench organisation {i}",
                slug=f"bench-org-{i}",
                org_type=rng.choice(types),
                nation=Nation.ENGLAND,
                region=rng.choice(regions),
                group=rng.choice(groups),
                postcode="BE1 1NC",
            )
            for i in range(_scaled(ORGANISATIONS, scale))
        ),
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
    waiting = [
        Application.Status.SUBMITTED,
        Application.Status.IN_REVIEW,
        Application.Status.DRAFT,
        Application.Status.CHANGES_REQUESTED,
    ]
    applications = Application.objects.bulk_create(
        Application(
            local_authority=councils[i],
            created_by=creators[i],
            status=Application.Status.APPROVED if i < members else rng.choice(waiting),
            motion_title="Sanctuary motion",
            charter_signatory_name="Bench signatory",
            submitted_at=now - dt.timedelta(days=rng.randrange(30, 1000)),
            first_submitted_at=now - dt.timedelta(days=1000),
            decided_at=now - dt.timedelta(days=rng.randrange(1, 900)) if i < members else None,
            decided_by=staff if i < members else None,
        )
        for i in range(count)
    )
    today = timezone.localdate()
    memberships = []
    for application in applications[:members]:
        # Spread terms so the renewal sweep has reminders to send and terms to lapse.
        starts = today - dt.timedelta(days=rng.randrange(30, 1200))
        memberships.append(
            Membership(
                local_authority=application.local_authority,
                application=application,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=3 * 365),
            )
        )
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
            title=f"Bench campaign {i}",
            slug=f"bench-campaign-{i}",
            summary="A bench campaign.",
            starts_on=today - dt.timedelta(days=rng.randrange(30, 400)),
            status=Campaign.Status.OPEN,
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
        return Action(
            campaign=rng.choice(campaigns),
            action_type=kind,
            user=rng.choice(users),
            group=rng.choice(groups) if rng.random() < 0.3 else None,
            done_on=done_on,
            place="Benchtown",
            nation=Nation.ENGLAND,
            region=rng.choice(regions),
            details={},
            is_public=rng.random() < 0.4,
            created_at=now - dt.timedelta(days=(today - done_on).days),
        )

    Action.objects.bulk_create((action(i) for i in range(_scaled(ACTIONS, scale))), batch_size=BATCH)


def _build_returnees(rng: random.Random, scale: float) -> None:
    from returnees.models import CadenceRule, Case, CheckIn, CircleMember
    from returnees.services import DEFAULT_CADENCE

    coordinator = _user("coordinator@example.org")
    guardians = [_user("guardian1@example.org"), _user("guardian2@example.org")]
    now = timezone.now()
    count = _scaled(CASES, scale)
    cases = Case.objects.bulk_create(
        (
            Case(
                reference=f"RT-B{i:07d}"[:12],
                full_name=f"Bench person {i}",
                known_as=f"B{i}",
                languages="Bench language",
                destination_country=rng.choice(["ZW", "SD", "IQ", "ER", "AF"]),
                destination_place="Bench town",
                phone_numbers="+000 0000",
                consent_scope="Bench consent",
                consent_given_on=timezone.localdate() - dt.timedelta(days=400),
                consent_method=Case.ConsentMethod.IN_PERSON,
                risk_level=rng.choice(["low", "medium", "high"]),
                status=Case.Status.MONITORING,
                monitoring_started_at=now - dt.timedelta(days=rng.randrange(5, 365)),
                next_due_at=now + dt.timedelta(hours=rng.randrange(-240, 240)),
                created_by=coordinator,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    CircleMember.objects.bulk_create(
        (CircleMember(case=case, guardian=guardians[i % 2], is_lead=True) for i, case in enumerate(cases)),
        batch_size=BATCH,
    )
    CadenceRule.objects.bulk_create(
        (
            CadenceRule(case=case, starts_after_days=start, interval_days=every)
            for case in cases
            for start, every in DEFAULT_CADENCE
        ),
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
                yield CheckIn(
                    case=case,
                    recorded_by=guardians[i % 2],
                    occurred_at=started + dt.timedelta(seconds=span * n // per_case),
                    channel="whatsapp",
                    reached=state != "not_reached",
                    wellbeing=state,
                    notes="Bench notes",
                    needs="",
                    follow_up="",
                )

    CheckIn.objects.bulk_create(checkins(), batch_size=BATCH)


def _award_timeline(rng: random.Random, status: str, now: dt.datetime, awarded_on: dt.date | None):
    """(created, submitted, [(status, entered_at)...], review_due_on) for one bench application."""
    from awards.models import Application

    S = Application.Status
    day = dt.timedelta(days=1)
    if status == S.AWARDED:
        decided = dt.datetime.combine(awarded_on, dt.time(10), tzinfo=now.tzinfo)
    elif status == S.NOT_AWARDED:
        decided = now - rng.randrange(1, 1000) * day
    if status in (S.AWARDED, S.NOT_AWARDED):
        submitted = decided - rng.randrange(40, 120) * day
        started_review = submitted + rng.randrange(2, 10) * day
        return (
            submitted - rng.randrange(20, 120) * day,
            submitted,
            [(S.SUBMITTED, submitted), (S.IN_REVIEW, started_review), (status, decided)],
            None,
        )
    if status == S.DRAFT:
        created = now - rng.randrange(0, 200) * day - rng.randrange(86400) * dt.timedelta(seconds=1)
        return created, None, [], None
    if status == S.WITHDRAWN:
        withdrawn = now - rng.randrange(1, 700) * day
        if rng.random() < 0.5:
            return withdrawn - rng.randrange(10, 90) * day, None, [(S.WITHDRAWN, withdrawn)], None
        submitted = withdrawn - rng.randrange(5, 60) * day
        return (
            submitted - rng.randrange(10, 90) * day,
            submitted,
            [(S.SUBMITTED, submitted), (S.WITHDRAWN, withdrawn)],
            None,
        )
    if status == S.SUBMITTED:
        submitted = now - rng.randrange(0, 20) * day - rng.randrange(86400) * dt.timedelta(seconds=1)
        return submitted - rng.randrange(10, 90) * day, submitted, [(S.SUBMITTED, submitted)], None
    submitted = now - rng.randrange(15, 90) * day
    started_review = submitted + rng.randrange(2, 10) * day
    path = [(S.SUBMITTED, submitted), (S.IN_REVIEW, started_review)]
    review_due = (started_review + 28 * day).date()
    if status == S.MORE_EVIDENCE:
        path.append((S.MORE_EVIDENCE, max(started_review + day, now - rng.randrange(1, 25) * day)))
    return submitted - rng.randrange(10, 90) * day, submitted, path, review_due


def _build_awards(rng: random.Random, scale: float) -> None:
    from awards.models import (
        Answer,
        Application,
        AssessorProfile,
        Award,
        Criterion,
        Endorsement,
        EvidenceRequest,
        InterestRegistration,
        PanelMember,
        Review,
        StateSpan,
        Stream,
    )
    from awards.selectors import APPLICATIONS_TOPIC, HOLDERS_TOPIC, STREAMS_TOPIC
    from groups.models import GroupMembership, Organisation, OrganisationContact
    from sanctuary.figures_cache import figures_changed
    from sanctuary.models import Role, RoleAssignment
    from sanctuary.terms import add_months

    S = Application.Status
    today = timezone.localdate()
    now = timezone.now()
    staff = _user("staff@example.org")

    # The demo's starting streams, topped up to twelve. The last one is between windows (it
    # opens next month), so interest registrations wait on it as they would in real life.
    missing = max(0, AWARD_STREAMS - Stream.objects.count())
    for i in range(missing):
        closed = i == missing - 1
        stream = Stream.objects.create(
            name=f"Bench stream {i}",
            award_title=f"Bench Place of Sanctuary {i}",
            slug=f"bench-stream-{i}",
            summary="A bench stream.",
            order=100 + i,
            window=Stream.Window.DATES if closed else Stream.Window.OPEN,
            opens_on=today + dt.timedelta(days=30) if closed else None,
            closes_on=today + dt.timedelta(days=120) if closed else None,
        )
        Criterion.objects.bulk_create(
            Criterion(
                stream=stream,
                principle=principle,
                title=f"Bench criterion {n}",
                description="Describe what you have done.",
                is_minimum=n < 4,
                order=n,
            )
            for n, principle in enumerate(["learn", "learn", "embed", "share", "embed"])
        )
    streams = list(Stream.objects.order_by("pk"))
    closed_streams = [s for s in streams if not s.window_open(today)]
    criteria: dict[int, list] = {}
    for criterion in Criterion.objects.filter(is_active=True).order_by("order", "pk"):
        criteria.setdefault(criterion.stream_id, []).append(criterion)

    # One contact (the applicant) for each of the bench's organisations.
    organisations = list(Organisation.objects.filter(slug__startswith="bench-org-").order_by("pk"))
    contacts = sorted(_users("orgcontact", len(organisations)), key=lambda u: u.pk)
    OrganisationContact.objects.bulk_create(
        (
            OrganisationContact(organisation=o, user=u, job_title="Bench contact")
            for o, u in zip(organisations, contacts, strict=True)
        ),
        batch_size=BATCH,
    )
    applicant_of = {o.pk: u for o, u in zip(organisations, contacts, strict=True)}
    leads = dict(
        GroupMembership.objects.filter(role=GroupMembership.Role.LEAD)
        .order_by("pk")
        .values_list("group_id", "user_id")
    )

    # Panels of three, always with a member with lived experience; the demo assessors sit on
    # their share of panels, so assessor1's review list is national-sized.
    bench_assessors = sorted(_users("assessor", AWARD_ASSESSORS), key=lambda u: u.pk)
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=u, role=Role.ASSESSOR, granted_by=staff) for u in bench_assessors),
        ignore_conflicts=True,
    )
    AssessorProfile.objects.bulk_create(
        (AssessorProfile(user=u, lived_experience=i % 3 == 0) for i, u in enumerate(bench_assessors)),
        ignore_conflicts=True,
    )
    demo_assessors = {n: _user(f"assessor{n}@example.org") for n in (1, 2, 3)}
    lived = [demo_assessors[2], *(u for i, u in enumerate(bench_assessors) if i % 3 == 0)]
    others = [demo_assessors[1], demo_assessors[3], *(u for i, u in enumerate(bench_assessors) if i % 3)]

    total = _scaled(AWARD_APPLICATIONS, scale)
    pairs = [(o, s) for o in organisations for s in streams]
    chosen = rng.sample(pairs, min(total, len(pairs)))
    awarded = min(len(chosen), _scaled(AWARDS, scale))
    others_states = (
        [S.DRAFT] * 25
        + [S.SUBMITTED] * 12
        + [S.IN_REVIEW] * 18
        + [S.MORE_EVIDENCE] * 8
        + [S.NOT_AWARDED] * 20
        + [S.WITHDRAWN] * 17
    )
    # Awards run three years from the decision; decisions spread over the last three years and
    # a few weeks, so some awards sit in each reminder window (3 months, 1 month, just expired).
    validity_days = (add_months(today, 36) - today).days
    plans = []
    for i, (organisation, stream) in enumerate(chosen):
        status = S.AWARDED if i < awarded else rng.choice(others_states)
        awarded_on = None
        if status == S.AWARDED:
            awarded_on = today - dt.timedelta(days=rng.randrange(0, validity_days + 45))
        timeline = _award_timeline(rng, status, now, awarded_on)
        plans.append((organisation, stream, status, awarded_on, timeline))
    applications = Application.objects.bulk_create(
        (
            Application(
                stream=stream,
                organisation=organisation,
                applicant=applicant_of[organisation.pk],
                group_id=organisation.group_id,
                status=status,
                commitments="Keep training staff and hold an open day each year.",
                created_at=created,
                submitted_at=submitted,
                status_changed_at=path[-1][1] if path else created,
                review_due_on=review_due,
                decided_at=path[-1][1] if status in (S.AWARDED, S.NOT_AWARDED) else None,
                decided_by=staff if status in (S.AWARDED, S.NOT_AWARDED) else None,
                decision_feedback="Thank you for a thoughtful application."
                if status in (S.AWARDED, S.NOT_AWARDED)
                else "",
            )
            for organisation, stream, status, awarded_on, (created, submitted, path, review_due) in plans
        ),
        batch_size=BATCH,
    )
    spans = []
    for application, (*_, (created, _submitted, path, _due)) in zip(applications, plans, strict=True):
        points = [(S.DRAFT, created), *path]
        for n, (state, entered) in enumerate(points):
            left = points[n + 1][1] if n + 1 < len(points) else None
            spans.append(StateSpan(application=application, status=state, entered_at=entered, left_at=left))
    StateSpan.objects.bulk_create(spans, batch_size=BATCH)

    answers = []
    for application in applications:
        for criterion in criteria.get(application.stream_id, []):
            if application.status == S.DRAFT:
                if rng.random() < 0.5:
                    answers.append(
                        Answer(
                            application=application,
                            criterion=criterion,
                            account="We have started on this.",
                            complete=rng.random() < 0.5,
                            updated_at=application.created_at,
                        )
                    )
                continue
            answers.append(
                Answer(
                    application=application,
                    criterion=criterion,
                    complete=True,
                    account="Staff and volunteers were trained; details and examples follow.",
                    links="https://example.org/our-welcome",
                    snapshot_title=criterion.title,
                    snapshot_title_cy=criterion.title_cy,
                    snapshot_description=criterion.description,
                    snapshot_description_cy=criterion.description_cy,
                    snapshot_principle=criterion.principle,
                    snapshot_is_minimum=criterion.is_minimum,
                    snapshot_at=application.submitted_at,
                    updated_at=application.submitted_at or application.created_at,
                )
            )
    answers = Answer.objects.bulk_create(answers, batch_size=BATCH)
    answers_of: dict[int, list] = {}
    for answer in answers:
        answers_of.setdefault(answer.application_id, []).append(answer)

    # The local group is asked on submission; most have answered, some new ones are waiting.
    endorsements = []
    for a in applications:
        if not (a.submitted_at and a.group_id):
            continue
        endorsement = Endorsement(application=a, group_id=a.group_id, requested_at=a.submitted_at)
        if a.group_id in leads and (a.status != S.SUBMITTED or rng.random() < 0.5):
            endorsement.status, endorsement.comment = Endorsement.Status.ENDORSED, "A real welcome here."
            endorsement.responded_by_id = leads[a.group_id]
            endorsement.responded_at = a.submitted_at + dt.timedelta(days=5)
        endorsements.append(endorsement)
    Endorsement.objects.bulk_create(endorsements, batch_size=BATCH)

    reviewed = (S.IN_REVIEW, S.MORE_EVIDENCE, S.AWARDED, S.NOT_AWARDED)
    seats = []
    for a in applications:
        if a.status not in reviewed:
            continue
        for assessor in [rng.choice(lived), *rng.sample(others, 2)]:
            done = a.status != S.IN_REVIEW or rng.random() < 0.4
            seats.append(
                PanelMember(
                    application=a,
                    assessor=assessor,
                    conflict=PanelMember.Conflict.NONE,
                    added_at=a.submitted_at + dt.timedelta(days=1),
                    review_submitted_at=a.status_changed_at if done else None,
                )
            )
    seats = PanelMember.objects.bulk_create(seats, batch_size=BATCH)
    status_of = {a.pk: a.status for a in applications}
    outcomes = {S.NOT_AWARDED: [Review.Outcome.MET, Review.Outcome.PARTLY, Review.Outcome.NOT_MET]}
    Review.objects.bulk_create(
        (
            Review(
                member=seat,
                answer=answer,
                outcome=rng.choice(outcomes.get(status_of[seat.application_id], [Review.Outcome.MET])),
                comment="Clear and well evidenced.",
                updated_at=seat.review_submitted_at,
            )
            for seat in seats
            if seat.review_submitted_at
            for answer in answers_of.get(seat.application_id, [])
        ),
        batch_size=BATCH,
    )

    # More evidence: one criterion reopened, due three weeks after the request (some due within
    # days, some overdue, for the sweep's reminders).
    waiting = [a for a in applications if a.status == S.MORE_EVIDENCE]
    asks = EvidenceRequest.objects.bulk_create(
        EvidenceRequest(
            application=a,
            note="Please add an example from this year.",
            requested_by=staff,
            created_at=a.status_changed_at,
            due_on=(a.status_changed_at + dt.timedelta(days=21)).date(),
        )
        for a in waiting
    )
    reopened = [answers_of[a.pk][0] for a in waiting]
    Answer.objects.filter(pk__in=[answer.pk for answer in reopened]).update(reopened=True, complete=False)
    EvidenceRequest.answers.through.objects.bulk_create(
        EvidenceRequest.answers.through(evidencerequest_id=ask.pk, answer_id=answer.pk)
        for ask, answer in zip(asks, reopened, strict=True)
    )

    sequence: dict[int, int] = {}

    def number(year: int) -> str:
        # Far above the demo's numbers, so award_create's next number never meets a bench one.
        sequence[year] = sequence.get(year, 50_000) + 1
        return f"SA-{year}-{sequence[year]:05d}"

    Award.objects.bulk_create(
        (
            Award(
                number=number(awarded_on.year),
                application=a,
                stream_id=a.stream_id,
                organisation_id=a.organisation_id,
                awarded_on=awarded_on,
                expires_on=add_months(awarded_on, 12 * settings.AWARD_VALIDITY_YEARS),
                verification_code=f"bench{rng.getrandbits(96):024x}",
            )
            for a, (*_, awarded_on, _timeline) in zip(applications, plans, strict=True)
            if a.status == S.AWARDED
        ),
        batch_size=BATCH,
    )

    # Interest: most waits on the closed stream; the rest on streams that have reopened since,
    # which the daily sweep tells once.
    interests = {}
    for _ in range(_scaled(AWARD_INTERESTS, scale)):
        organisation = rng.choice(organisations)
        stream = rng.choice(closed_streams) if closed_streams and rng.random() < 0.66 else rng.choice(streams)
        interests[(stream.pk, organisation.pk)] = InterestRegistration(
            stream=stream,
            organisation=organisation,
            user=applicant_of[organisation.pk],
            created_at=now - dt.timedelta(days=rng.randrange(1, 300)),
        )
    InterestRegistration.objects.bulk_create(interests.values(), ignore_conflicts=True)
    # Bulk inserts bypass the services, so forget the figures the small dataset's pages cached.
    figures_changed(STREAMS_TOPIC, HOLDERS_TOPIC, APPLICATIONS_TOPIC)


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
    timed("awards", lambda: _build_awards(rng, scale))
    from django.db import connection

    # What autovacuum has long done to a live database's tables: planner statistics, and the
    # visibility map that lets a query answer from an index alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return timings


# --- Pages ------------------------------------------------------------------------------------------


def _demo_case():
    from returnees.models import Case

    return Case.objects.get(reference="RT-DEM0A1")


def _checkin_post() -> dict[str, str]:
    when = timezone.localtime() - dt.timedelta(hours=1)
    return {
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "channel": "whatsapp",
        "reached": "yes",
        "wellbeing": "safe",
        "notes": "Bench check-in {n}.",
        "needs": "",
        "follow_up": "",
    }


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
        Page(
            "campaign page", lambda: reverse("campaigns:detail", args=["speak-up-for-sanctuary"]), anonymous
        ),
        Page("campaign staff dashboard", lambda: reverse("campaigns:dashboard"), staff),
        Page(
            "group lead workspace",
            lambda: reverse("groups:workspace", args=["riverton"]),
            lambda: _user("lead1@example.org"),
        ),
        Page("LA staff review queue", lambda: reverse("la_network:review_list"), staff),
        Page("coordinator dashboard", lambda: reverse("returnees:index"), coordinator),
        Page("guardian case list", lambda: reverse("returnees:index"), guardian),
        Page("award stream listing", lambda: reverse("awards:stream", args=["libraries"]), anonymous),
        Page("awards index", lambda: reverse("awards:index"), anonymous),
        Page("awards staff review queue", lambda: reverse("awards:staff_applications"), staff),
        Page("awards staff overview", lambda: reverse("awards:staff_overview"), staff),
        Page(
            "awards assessor review list",
            lambda: reverse("awards:review_list"),
            lambda: _user("assessor1@example.org"),
        ),
        Page(
            "check-in form POST",
            lambda: reverse("returnees:checkin_new", args=[_demo_case().reference]),
            guardian,
            _checkin_post,
        ),
    ]


def weight_pages() -> list[Page]:
    """The pages whose first visit must stay under 100 KB (bench/weight.py)."""
    return [
        Page("home", lambda: reverse("home"), lambda: None),
        Page(
            "guardian check-in page",
            lambda: reverse("returnees:checkin_new", args=[_demo_case().reference]),
            lambda: _user("guardian1@example.org"),
        ),
    ]


# --- Jobs, PDFs, export ------------------------------------------------------------------------------


def jobs() -> list[Job]:
    from awards.tasks import reaccreditation_sweep
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
        # awards' one beat entry: re-accreditation reminders, more-evidence due dates and
        # interest notices for reopened streams.
        Job("awards re-accreditation sweep", reaccreditation_sweep),
    ]


def pdfs() -> list[tuple[str, Callable[[], bytes]]]:
    from awards.models import Award
    from awards.services import certificate_render
    from la_network.models import Membership
    from la_network.services import certificate_render as la_certificate_render
    from returnees.models import PlanVersion
    from sanctuary.pdf import render_pdf

    membership = (
        Membership.objects.select_related("local_authority")
        .filter(
            status=Membership.Status.ACTIVE,
            starts_on__lte=timezone.localdate(),
            ends_on__gte=timezone.localdate(),
        )
        .first()
    )
    plan = PlanVersion.objects.select_related("case").filter(case=_demo_case()).order_by("-number").first()
    award = Award.objects.current().select_related("stream", "organisation").order_by("pk").first()
    return [
        ("award certificate", lambda: certificate_render(award)),
        ("LA membership certificate", lambda: la_certificate_render(membership)),
        (
            "returnee return plan",
            lambda: render_pdf(
                "returnees/plan_pdf.html", {"case": plan.case, "plan": plan, "generated_at": timezone.now()}
            ),
        ),
    ]


def export() -> tuple[str, object, int]:
    from campaigns.models import Action

    return reverse("campaigns:export"), _user("staff@example.org"), Action.objects.count()
