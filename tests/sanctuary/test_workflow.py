"""The shared state guard, the refusal exception and the confirmation page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import models

from sanctuary.errors import Refused
from sanctuary.workflow import Lifecycle, Transition
from tests.sanctuary import refusal_urls


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    DONE = "done", "Done"


LIFECYCLE = Lifecycle(
    "note",
    states=Status,
    transitions={
        "send": Transition([Status.DRAFT], Status.SENT, "Only a draft can be sent."),
        "edit": Transition([Status.DRAFT, Status.SENT], None, "A finished note cannot be edited."),
    },
)


def test_an_action_from_a_state_it_is_not_allowed_from_is_refused_with_its_message():
    note = SimpleNamespace(status="sent")
    with pytest.raises(Refused) as refused:
        LIFECYCLE.check(note, "send")
    assert refused.value.text == "Only a draft can be sent."
    assert note.status == "sent"


def test_move_changes_the_state_and_names_the_field_to_save():
    note = SimpleNamespace(status="draft")
    assert LIFECYCLE.move(note, "send") == ["status"]
    assert note.status == "sent"
    assert LIFECYCLE.move(note, "edit") == []


def test_pages_learn_which_actions_to_offer():
    assert LIFECYCLE.allowed_actions(SimpleNamespace(status="draft")) == {"send", "edit"}
    assert LIFECYCLE.allowed_actions(SimpleNamespace(status="done")) == frozenset()


def test_a_derived_state_can_stand_in_for_the_field():
    lifecycle = Lifecycle(
        "case",
        states=["open", "erased"],
        state=lambda case: "erased" if case.erased else "open",
        transitions={"note": Transition(["open"], None, "An erased case cannot be changed.")},
    )
    assert lifecycle.allowed(SimpleNamespace(erased=False), "note")
    with pytest.raises(Refused):
        lifecycle.check(SimpleNamespace(erased=True), "note")


def test_a_transition_naming_an_unknown_state_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle("bad", states=Status, transitions={"x": Transition(["drafted"], None, "")})
    with pytest.raises(ValueError, match="no action"):
        LIFECYCLE.check(SimpleNamespace(status="draft"), "publish")


@pytest.fixture
def refusal_site(settings):
    settings.ROOT_URLCONF = "tests.sanctuary.refusal_urls"
    refusal_urls.DELETED.clear()


def test_an_uncaught_refusal_sends_the_person_back_with_the_message(client, refusal_site):
    response = client.post("/refuse/", HTTP_REFERER="http://testserver/somewhere/", follow=False)
    assert response.status_code == 302 and response.url == "http://testserver/somewhere/"
    page = client.get("/refuse/")  # no page to go back to: a page of its own
    assert page.status_code == 409
    assert "Only a draft can be sent." in page.content.decode()
    assert "Nothing has been changed." in page.content.decode()


def test_a_refusal_never_sends_the_person_to_another_site(client, refusal_site):
    response = client.post("/refuse/", HTTP_REFERER="https://evil.example/")
    assert response.status_code == 409
    assert "evil.example" not in response.content.decode()


def test_a_destructive_post_asks_first_and_carries_the_fields_over(client, refusal_site):
    page = client.post("/delete/", {"note": "<b>x</b>"})
    body = page.content.decode()
    assert page.status_code == 200 and refusal_urls.DELETED == []
    assert "Delete this note?" in body and "It cannot be brought back." in body
    assert 'name="note" value="&lt;b&gt;x&lt;/b&gt;"' in body
    assert 'name="confirmed" value="yes"' in body and 'href="/back/"' in body
    assert client.get("/delete/").status_code == 200 and refusal_urls.DELETED == []

    done = client.post("/delete/", {"note": "<b>x</b>", "confirmed": "yes"})
    assert done.content == b"deleted" and refusal_urls.DELETED == ["<b>x</b>"]


def test_a_refusal_can_say_something_different_in_each_state():
    lifecycle = Lifecycle(
        "review",
        states=["waiting", "open", "sealed"],
        transitions={
            "write": Transition(["open"], None, {"sealed": "It is sealed.", None: "Declare first."}),
        },
    )
    with pytest.raises(Refused, match="It is sealed"):
        lifecycle.check(SimpleNamespace(status="sealed"), "write")
    with pytest.raises(Refused, match="Declare first"):
        lifecycle.check(SimpleNamespace(status="waiting"), "write")
