import pytest
from hypothesis import given
from hypothesis import strategies as st

from geography.forms import PostcodeField
from geography.postcodes import postcode_normalise, postcode_parse


@pytest.mark.parametrize(
    ("typed", "full", "outward"),
    [
        ("ab101ab", "AB10 1AB", "AB10"),
        ("  sw1a   2aa ", "SW1A 2AA", "SW1A"),
        ("M1 1AD", "M1 1AD", "M1"),
        ("bt1 1aa", "BT1 1AA", "BT1"),
        ("AB10", "", "AB10"),
        ("ld1", "", "LD1"),
    ],
)
def test_full_postcodes_and_outward_codes_are_read_in_standard_form(typed, full, outward):
    parsed = postcode_parse(typed)
    assert parsed is not None
    assert (parsed.full, parsed.outward) == (full, outward)


@pytest.mark.parametrize(
    "typed", ["", "hello", "12345", "AB10 1A", "A1B2C3D4E5", "AB10 1ABX", "AB\u0661\u0660 1AB"]
)
def test_text_that_is_no_postcode_is_refused(typed):
    assert postcode_parse(typed) is None


def test_the_importer_accepts_only_full_postcodes():
    assert postcode_normalise("ab101ab") == "AB10 1AB"
    assert postcode_normalise("AB10") is None


def test_the_form_field_names_what_to_type_and_returns_the_standard_form():
    field = PostcodeField(required=False)
    assert field.clean("ab11 5aa") == "AB11 5AA"
    assert field.clean("ab11") == "AB11"
    with pytest.raises(Exception) as error:
        field.clean("not a postcode")
    assert "AB10 1AB" in str(error.value)


@given(st.text(max_size=40))
def test_any_text_is_either_a_postcode_in_standard_form_or_refused_never_an_error(text):
    parsed = postcode_parse(text)
    if parsed is not None:
        assert parsed.outward and parsed.outward == parsed.outward.upper()
        assert postcode_parse(parsed.text) == parsed
    full = postcode_normalise(text)
    assert full is None or postcode_normalise(full) == full
