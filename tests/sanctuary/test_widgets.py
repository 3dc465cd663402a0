import datetime as dt

from django import forms

from sanctuary.widgets import DateInput


class _Form(forms.Form):
    when = forms.DateField(widget=DateInput())


def test_a_saved_date_is_shown_in_the_iso_form_a_date_picker_accepts():
    html = str(_Form(initial={"when": dt.date(2026, 3, 9)})["when"])
    assert 'type="date"' in html
    assert 'value="2026-03-09"' in html


def test_the_date_picker_value_is_accepted_back():
    form = _Form(data={"when": "2026-03-09"})
    assert form.is_valid()
    assert form.cleaned_data["when"] == dt.date(2026, 3, 9)


def test_spreadsheet_cells_defuse_formulas_and_keep_other_values():
    from sanctuary.spreadsheet import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("\tx") == "'\tx"
    assert cell("Riverton") == "Riverton"
    assert cell(None) == ""
    assert cell(42) == 42
