"""Audit action names: one declared list per app, one grammar, nothing written undeclared."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

from sanctuary.audit import ACTION_GRAMMAR, UndeclaredAction, audit_record, check_action, declared_actions

APPS = (
    "groups",
    "awards",
    "la_network",
    "campaigns",
    "returnees",
    "sanctuary",
    "events",
    "geography",
    "resources",
)


def _names(value: ast.expr) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.JoinedStr):
        return {ast.unparse(value)}
    if isinstance(value, ast.IfExp):
        return _names(value.body) | _names(value.orelse)
    return set()  # a name or a lookup: its values are checked where they are declared


def _is_audit_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("audit_record")


def _written_actions() -> dict[str, set[str]]:
    """The action names the code passes to audit_record / audit_record_many, by app. An
    f-string name stands for the names its formatted part can take (listed in its test)."""
    found: dict[str, set[str]] = {}
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not _is_audit_call(node):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        found.setdefault(app, set()).update(_names(keyword.value))
    return found


FORMATTED = {
    "f'groups.pledge_{pledge.status}'": {"groups.pledge_approved", "groups.pledge_declined"},
    "f'la_network.endorsement_{endorsement.status}'": {
        "la_network.endorsement_endorsed",
        "la_network.endorsement_declined",
    },
}


def test_every_declared_action_follows_the_grammar_of_its_app():
    declared = declared_actions()
    assert set(declared.values()) == set(APPS)
    for action, app in declared.items():
        assert ACTION_GRAMMAR.match(action)["app"] == app


def test_every_action_the_code_writes_is_declared_and_every_declared_one_is_written():
    declared = declared_actions()
    written: set[str] = set()
    for app, names in _written_actions().items():
        for name in names:
            expanded = FORMATTED.get(name, {name})
            assert all(n in declared for n in expanded), f"{app} writes undeclared {name}"
            written |= expanded
    # Names chosen from a mapping (awards' MOVE_ACTIONS) are written through a variable.
    from awards.services import MOVE_ACTIONS

    written |= set(MOVE_ACTIONS.values())
    assert set(declared) - written == set(), "declared but never written"


@pytest.mark.django_db
def test_an_undeclared_action_is_refused_before_anything_is_written(user):
    from sanctuary.models import AuditEvent

    with pytest.raises(UndeclaredAction):
        audit_record(actor=user, action="groups.group_approve", obj=user)
    with pytest.raises(UndeclaredAction):
        check_action("awards.answer.saved")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["awards.review_reopened", "returnees.plan_given", "returnees.schedule_set", "awards.award_made"],
)
def test_the_grammar_accepts_past_participles(name):
    assert ACTION_GRAMMAR.match(name)


@pytest.mark.parametrize(
    "name", ["group.create", "charter.sign_again", "awards.review.reopened", "awards.review"]
)
def test_the_grammar_refuses_other_shapes(name):
    assert not ACTION_GRAMMAR.match(name)
