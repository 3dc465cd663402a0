"""Factories and small builders for the awards tests."""

from __future__ import annotations

import factory

from awards import services
from awards.models import Application, AssessorProfile, Award, Criterion, PanelMember, Principle, Stream
from tests.factories import OrganisationContactFactory, make_staff


class StreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stream

    name = factory.Sequence(lambda n: f"Schools {n}")
    award_title = "School of Sanctuary"
    slug = factory.Sequence(lambda n: f"schools-{n}")
    summary = "For schools that welcome."


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    stream = factory.SubFactory(StreamFactory)
    principle = Principle.LEARN
    title = factory.Sequence(lambda n: f"Criterion {n}")
    description = "Describe what you do."
    is_minimum = True
    order = factory.Sequence(lambda n: n)


def make_stream(**kwargs) -> Stream:
    """A stream with two minimum criteria (Learn, Embed) and one optional (Share)."""
    stream = StreamFactory(**kwargs)
    CriterionFactory(stream=stream, principle=Principle.LEARN, title="Staff learn")
    CriterionFactory(stream=stream, principle=Principle.EMBED, title="Welcome families")
    CriterionFactory(stream=stream, principle=Principle.SHARE, title="Share widely", is_minimum=False)
    return stream


def make_assessor(*, lived_experience: bool = False):
    user = make_staff("assessor")
    AssessorProfile.objects.create(user=user, lived_experience=lived_experience)
    return user


def make_draft(stream: Stream | None = None, contact=None, **org) -> Application:
    stream = stream or make_stream()
    contact = contact or OrganisationContactFactory(**org)
    return services.application_start(stream=stream, organisation=contact.organisation, user=contact.user)


def complete_minimum(application: Application) -> None:
    for criterion in application.stream.criteria.filter(is_minimum=True):
        services.answer_save(
            application=application,
            criterion=criterion,
            user=application.applicant,
            account="We trained all staff.",
            links="",
            complete=True,
        )


def make_submitted(**kwargs) -> Application:
    application = make_draft(**kwargs)
    complete_minimum(application)
    return services.application_submit(application=application, user=application.applicant)


def make_panel(application: Application, staff, *, declare: bool = True) -> list[PanelMember]:
    assessors = [make_assessor(lived_experience=True), make_assessor(), make_assessor()]
    members = [services.panel_member_add(application=application, assessor=a, actor=staff) for a in assessors]
    if declare:
        for member in members:
            services.conflict_declare(member=member, has_conflict=False)
    return members


def review_all(application: Application, members, outcome: str = "met") -> None:
    for member in members:
        member.refresh_from_db()
        outcomes = {a.pk: (outcome, "ok") for a in application.answers.all()}
        services.review_save(member=member, outcomes=outcomes, submit=True)


def make_award(staff, **kwargs) -> Award:
    application = make_submitted(**kwargs)
    members = make_panel(application, staff)
    services.review_start(application=application, actor=staff)
    review_all(application, members)
    services.application_decide(application=application, awarded=True, feedback="Well done.", actor=staff)
    return Award.objects.get(application=application)
