"""factory_boy factories for the core and the shared models of groups and councils.

Apps keep their own factories in ``tests/<app>/factories.py`` and build on these.
"""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from groups.models import Group, GroupMembership, Organisation, OrganisationContact
from la_network.models import LocalAuthority
from sanctuary.geography import Nation, Region
from sanctuary.models import RoleAssignment, User

TEST_PASSWORD = "correct horse battery staple 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def give_totp(user: User) -> str:
    """Activate TOTP for ``user`` and return the secret, so a test can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def make_staff(role: str, *, with_mfa: bool = True, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role)
    if with_mfa:
        give_totp(user)
    # staff_roles is cached per instance; callers get a fresh view of the roles.
    user.__dict__.pop("staff_roles", None)
    return user


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T{n:03d}")
    official_name = factory.LazyAttribute(lambda o: f"{o.short_name} Borough Council")
    short_name = factory.Sequence(lambda n: f"Testborough {n}")
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    nation = Nation.ENGLAND
    region = Region.NORTH_WEST
    authority_type = "Non-metropolitan district"
    is_current = True


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Testville City of Sanctuary {n}")
    slug = factory.Sequence(lambda n: f"testville-{n}")
    area_served = "Testville and district"
    nation = Nation.ENGLAND
    region = Region.NORTH_WEST
    status = Group.Status.ACTIVE
    description = "A friendly local group."


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    role = GroupMembership.Role.MEMBER


def make_lead(group: Group | None = None, **user_kwargs) -> User:
    membership = GroupMembershipFactory(
        group=group or GroupFactory(),
        user=UserFactory(**user_kwargs),
        role=GroupMembership.Role.LEAD,
    )
    return membership.user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testville Primary School {n}")
    slug = factory.Sequence(lambda n: f"testville-school-{n}")
    org_type = Organisation.Type.SCHOOL
    nation = Nation.ENGLAND
    region = Region.NORTH_WEST
    postcode = "TV1 2AB"


class OrganisationContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationContact

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    job_title = "Head teacher"
