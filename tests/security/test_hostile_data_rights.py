"""Hostile input on the data-rights pages (issue 18): the withdraw-or-correct page and the
person's data page show whatever was typed as text, and odd posts answer a page, never a crash,
changing nothing they should not."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from groups import services
from groups.models import CharterSignature
from tests.factories import UserFactory
from tests.groups.factories import SignatureFactory
from tests.security.test_hostile_input import HYPOTHESIS, hostile_text

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def test_markup_in_a_signature_is_text_on_its_page_and_on_the_data_page(client):
    person = UserFactory()
    signature = SignatureFactory(name=MARKUP, place=MARKUP, email=person.email)
    page = client.get(reverse("charter:signature", args=[services.signature_manage_token(signature)]))
    client.force_login(person)
    data_page = client.get(reverse("my_data"))
    for response in (page, data_page):
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body and "onerror=alert(1)>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@HYPOTHESIS
@given(do=hostile_text, consent=st.one_of(hostile_text, st.just("on")), confirmed=hostile_text)
def test_odd_posts_to_the_withdraw_page_answer_a_page(client, do, consent, confirmed):
    signature = CharterSignature.objects.filter(email="odd@example.org").first() or SignatureFactory(
        email="odd@example.org"
    )
    url = reverse("charter:signature", args=[services.signature_manage_token(signature)])
    response = client.post(url, {"do": do, "consent_public_name": consent, "confirmed": confirmed})
    if "\x00" in do + consent + confirmed:
        assert response.status_code == 400
    else:
        assert response.status_code in (200, 302)
        # Only an explicit, confirmed withdrawal deletes.
        deleted = not CharterSignature.objects.filter(pk=signature.pk).exists()
        assert deleted == (do == "withdraw" and confirmed == "yes")
    assert "<script>alert(1)</script>" not in response.content.decode()
