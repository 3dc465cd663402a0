"""Demo data shared by every app: people and their roles.

``manage.py seed_demo`` calls :func:`seed` here and then ``seed(ctx)`` in each app's
``demo.py``, in the order of ``SANCTUARY_APPS``. Everything is fictional and every
step is idempotent (get-or-create on a natural key).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from sanctuary.models import Role, RoleAssignment, User

DEMO_PASSWORD = "sanctuary-demo-2026"  # noqa: S105 - demo only; seed_demo refuses without DEBUG
# A fixed base32 secret so the README can tell demo users how to get codes.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

# (key, email, display name, staff roles)
DEMO_PEOPLE = [
    ("staff", "staff@example.org", "Nadia Okafor (national staff)", [Role.NATIONAL_STAFF]),
    ("assessor1", "assessor1@example.org", "Tom Reyes (assessor)", [Role.ASSESSOR]),
    ("assessor2", "assessor2@example.org", "Amal Haddad (assessor, lived experience)", [Role.ASSESSOR]),
    ("assessor3", "assessor3@example.org", "Grace Mwangi (assessor)", [Role.ASSESSOR]),
    (
        "coordinator",
        "coordinator@example.org",
        "Priya Shah (safeguarding coordinator)",
        [Role.SAFEGUARDING_COORDINATOR],
    ),
    ("guardian1", "guardian1@example.org", "Owen Price (guardian)", [Role.GUARDIAN]),
    ("guardian2", "guardian2@example.org", "Leila Karimi (guardian)", [Role.GUARDIAN]),
    ("lead1", "lead1@example.org", "Sam Carter (lead, Riverton)", []),
    ("lead2", "lead2@example.org", "Hannah Boyd (lead, Northfield)", []),
    ("member1", "member1@example.org", "Joe Bennett (group member)", []),
    ("applicant1", "school@example.org", "Rosa Diaz (Riverton Primary School)", []),
    ("applicant2", "library@example.org", "Ben Clarke (Northfield Library)", []),
    ("council1", "council1@example.org", "Cllr Ada Lewis (Riverton council)", []),
    ("council2", "council2@example.org", "Ian Moss (Northfield council officer)", []),
    ("supporter", "supporter@example.org", "Mia Evans (supporter)", []),
]


@dataclass
class DemoContext:
    """What earlier seeders made, for later ones to link to."""

    users: dict[str, User] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)


def _ensure_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


def seed(ctx: DemoContext) -> None:
    for key, email, name, roles in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        if roles:
            _ensure_totp(user)
        if Role.NATIONAL_STAFF in roles and not user.is_staff:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        ctx.users[key] = user
