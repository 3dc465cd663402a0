"""Form widgets every app shares."""

from django import forms


class DateInput(forms.DateInput):
    """A native date picker. Browsers only show ISO dates in it, whatever the site's locale,
    so a saved date must be rendered as YYYY-MM-DD or editing the form would lose it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
