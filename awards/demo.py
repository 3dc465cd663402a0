"""Demo data for the awards: streams, a draft, an application in review and a current award.

Built through the services, so the demo walks the same paths as real people. Idempotent.
"""

from __future__ import annotations

from awards import services
from awards.models import Application, AssessorProfile, Award, PanelMember, Stream
from groups.models import Group, Organisation, OrganisationContact
from sanctuary.geography import Nation, Region

ACCOUNT = (
    "Over the last year we have run sessions for staff and volunteers, worked with our local "
    "City of Sanctuary group, and changed how we welcome newcomers. Details and examples follow."
)


def _organisation(
    ctx, key: str, *, name: str, slug: str, org_type: str, user, group_key: str = "group_riverton"
) -> Organisation:
    org = ctx.objects.get(key)
    if org is None:
        group = ctx.objects.get(group_key) or Group.objects.order_by("pk").first()
        org, _created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "org_type": org_type,
                "nation": Nation.ENGLAND,
                "region": Region.NORTH_WEST,
                "group": group,
            },
        )
        ctx.objects[key] = org
    if user is not None:
        OrganisationContact.objects.get_or_create(organisation=org, user=user)
    return org


def _complete_minimum(application: Application, user) -> None:
    for criterion in application.stream.criteria.filter(is_active=True, is_minimum=True):
        services.answer_save(
            application=application,
            criterion=criterion,
            user=user,
            account=ACCOUNT,
            links="https://example.org/our-welcome",
            complete=True,
        )


def _through_review(application: Application, assessors, staff, *, decide: bool) -> None:
    for assessor in assessors:
        member = PanelMember.objects.filter(application=application, assessor=assessor).first()
        if member is None:
            member = services.panel_member_add(application=application, assessor=assessor, actor=staff)
            services.conflict_declare(member=member, has_conflict=False)
    if application.status == Application.Status.SUBMITTED:
        application = services.review_start(application=application, actor=staff)
    if not decide:
        return
    for member in application.panel.all():
        outcomes = {a.pk: ("met", "Clear, well evidenced.") for a in application.answers.all()}
        services.review_save(member=member, outcomes=outcomes, submit=True)
    services.application_decide(
        application=application,
        awarded=True,
        feedback="A warm, thoughtful application. The panel especially liked your work with the local group.",
        actor=staff,
    )


def seed(ctx) -> None:
    services.streams_load()
    users = ctx.users
    staff = users["staff"]
    assessors = [users["assessor1"], users["assessor2"], users["assessor3"]]
    for assessor in assessors:
        AssessorProfile.objects.update_or_create(
            user=assessor, defaults={"lived_experience": assessor == users["assessor2"]}
        )

    school = _organisation(
        ctx,
        "org_school",
        name="Riverton Primary School",
        slug="riverton-primary",
        org_type=Organisation.Type.SCHOOL,
        user=users["applicant1"],
    )
    library = _organisation(
        ctx,
        "org_library",
        name="Northfield Library",
        slug="northfield-library",
        org_type=Organisation.Type.LIBRARY,
        user=users["applicant2"],
    )
    theatre = _organisation(
        ctx,
        "org_awards_theatre",
        name="Northfield Playhouse",
        slug="northfield-playhouse",
        org_type=Organisation.Type.THEATRE_ARTS,
        user=users["applicant2"],
        group_key="group_northfield",
    )

    schools = Stream.objects.get(slug="schools")
    draft = Application.objects.filter(organisation=school, stream=schools).first()
    if draft is None:
        draft = services.application_start(stream=schools, organisation=school, user=users["applicant1"])
        first = schools.criteria.filter(is_active=True).first()
        services.answer_save(
            application=draft,
            criterion=first,
            user=users["applicant1"],
            account="Our Year 5 pupils led an assembly about why families have to leave home.",
            links="",
            complete=False,
        )

    libraries = Stream.objects.get(slug="libraries")
    if not Award.objects.filter(organisation=library, stream=libraries).exists():
        application = Application.objects.filter(organisation=library, stream=libraries).first()
        if application is None:
            application = services.application_start(
                stream=libraries, organisation=library, user=users["applicant2"]
            )
            _complete_minimum(application, users["applicant2"])
            application = services.application_submit(application=application, user=users["applicant2"])
        _through_review(application, assessors, staff, decide=True)

    theatres = Stream.objects.get(slug="theatres-arts")
    in_review = Application.objects.filter(organisation=theatre, stream=theatres).first()
    if in_review is None:
        in_review = services.application_start(
            stream=theatres, organisation=theatre, user=users["applicant2"]
        )
        _complete_minimum(in_review, users["applicant2"])
        in_review = services.application_submit(application=in_review, user=users["applicant2"])
        _through_review(in_review, assessors, staff, decide=False)
    ctx.objects["award_library"] = Award.objects.filter(organisation=library).first()
