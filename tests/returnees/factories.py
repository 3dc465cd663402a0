"""Factories and helpers for returnee tests. Every value is invented."""

from __future__ import annotations

import datetime as dt
import time

import factory
from django.utils import timezone

from returnees import services
from returnees.models import Case, CircleMember
from tests.factories import make_staff

SECRET_NAME = "Zanele Quillfeather"
SECRET_KNOWN_AS = "Zaza Quill"
SECRET_PHONE = "+263 77 555 0199"
SECRET_PLACE = "Nkulumane Testward"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    full_name = SECRET_NAME
    known_as = SECRET_KNOWN_AS
    languages = "Ndebele, English"
    destination_country = "ZW"
    destination_place = SECRET_PLACE
    phone_numbers = SECRET_PHONE
    sim_network = "Econet prepaid SIM"
    identification_notes = "Scar on left hand"
    consent_scope = "Weekly contact by the circle"
    risk_level = Case.Risk.HIGH
    risk_reason = "Known to local militia"
    departure_date = dt.date(2026, 10, 1)


def monitored_case(*, started_at: dt.datetime | None = None, guardians=(), **kwargs) -> Case:
    """A case in monitoring with the default cadence, its circle made of ``guardians``."""
    case = CaseFactory(**kwargs)
    for index, guardian in enumerate(guardians):
        CircleMember.objects.create(case=case, guardian=guardian, is_lead=index == 0)
    return services.case_start_monitoring(actor=None, case=case, started_at=started_at or timezone.now())


def guardian_of(case: Case, *, lead: bool = False):
    guardian = make_staff("guardian")
    CircleMember.objects.create(case=case, guardian=guardian, is_lead=lead)
    return guardian


def reauthenticate(client, user) -> None:
    """Mark the session as recently re-authenticated, as allauth's reauthenticate page does."""
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
