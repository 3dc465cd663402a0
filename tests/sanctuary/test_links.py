"""A link pattern gives exactly the URL reverse() would, for every row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sanctuary.links import LinkPattern


@pytest.mark.parametrize(
    ("viewname", "args", "values"),
    [
        ("groups:member_role", ["riverton"], [1, 42, 918273645, 10**12]),
        ("returnees:case_detail", [], ["RT-ABC123", "RT-0001", "918273645"]),
    ],
)
def test_a_pattern_fills_in_each_rows_value_as_reverse_would(viewname, args, values):
    link = LinkPattern(viewname, *args)
    assert [link(value) for value in values] == [reverse(viewname, args=[*args, value]) for value in values]


def test_a_value_is_quoted_in_the_url():
    odd = "a b&c~é%"
    assert LinkPattern("returnees:case_detail")(odd) == reverse("returnees:case_detail", args=[odd])
