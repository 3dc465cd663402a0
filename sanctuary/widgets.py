"""Form widgets every app shares."""

from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A native date picker. Browsers only show ISO dates in it, whatever the site's locale,
    so a saved date must be rendered as YYYY-MM-DD or editing the form would lose it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _html_attrs(attrs: dict) -> str:
    """Attributes as Django's widgets/attrs.html writes them: False left out, True bare."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A select whose options are written in Python rather than through two templates each.

    The dashboard filters offer every group (150 nationally), campaign and type: drawn the
    usual way, those options cost several times more than the rest of the page. The markup is
    that of Django's own select.html. Grouped choices are left to Django's templates.
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            selected = text in chosen
            if selected:
                chosen.clear()  # as Django's Select: only the first matching option is selected
            options.append(
                f'<option value="{escape(text)}"{" selected" if selected else ""}>{escape(label)}</option>'
            )
        # Every value and label was escaped just above; format_html per option costs twice as much.
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            _html_attrs(self.build_attrs(self.attrs, attrs)),
            mark_safe("\n".join(options)),  # noqa: S308
        )
