"""Authentication backends that load the signed-in person together with their staff roles.

Every request of a signed-in person needs both: the person (Django's session check) and their
roles (MFA, the header, every access decision). Loaded together they cost one query, not two.
The roles are read fresh on every request, never kept between requests: revoking one takes
effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connections, router
from django.db.models import OuterRef, StringAgg, Subquery, Value

ROLE_SEPARATOR = ","


# Every signed-in request runs this query, and building its SQL through the ORM costs several
# times what PostgreSQL takes to answer it. The ORM builds it once per database (with a marker
# where the person's id goes) and the SQL is reused; values go through the same converters the
# ORM would apply (SQLite's dates, for one).
_MARKER_ID = -738_291


@dataclass(frozen=True)
class _UserQuery:
    sql: str
    params: tuple
    id_position: int
    columns: list[str]  # the model's attnames, in select order; the roles follow them
    expressions: list  # every selected expression, for its converters


_compiled: dict[tuple[str, str], _UserQuery] = {}


def _user_query(alias: str) -> _UserQuery:
    from sanctuary.models import RoleAssignment

    key = (alias, connections[alias].vendor)
    if key not in _compiled:
        roles = (
            RoleAssignment.objects.filter(user=OuterRef("pk"))
            .order_by()
            .values("user")
            .annotate(joined=StringAgg("role", Value(ROLE_SEPARATOR)))
            .values("joined")
        )
        query = (
            get_user_model()
            ._default_manager.using(alias)
            .filter(pk=_MARKER_ID)
            .annotate(role_list=Subquery(roles))
            .order_by()[:1]
            .query
        )
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        fields = compiler.klass_info["select_fields"]
        assert fields == list(range(len(fields))) and compiler.select[len(fields)][2] == "role_list"
        _compiled[key] = _UserQuery(
            sql=sql,
            params=tuple(params),
            id_position=params.index(_MARKER_ID),
            columns=[compiler.select[i][0].target.attname for i in fields],
            expressions=[expression for expression, _sql, _alias in compiler.select],
        )
    return _compiled[key]


def user_with_roles(user_id):
    """The person with this id and their staff roles (``role_list``), or None."""
    User = get_user_model()
    alias = router.db_for_read(User)
    query = _user_query(alias)
    params = list(query.params)
    params[query.id_position] = user_id
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for i, expression in enumerate(query.expressions):
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        for convert in converters:
            values[i] = convert(values[i], expression, connection)
    n = len(query.columns)
    user = User.from_db(alias, query.columns, values[:n])
    user.role_list = values[n]
    return user


class _WithRoles:
    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_WithRoles, DjangoModelBackend):
    pass


class AuthenticationBackend(_WithRoles, AllauthBackend):
    pass
