"""Field definitions stored on action types, and the form fields built from them.

A definition is a dict: ``name`` (an identifier), ``label``, ``kind`` (text, date, choice
or number), optional ``required`` (default False), ``choices`` (list of ``[value, label]``
or plain strings, for choice fields) and ``help``. Values are stored as JSON: dates as ISO
strings, numbers as numbers. Optional ``label_cy``, ``help_cy`` and ``choices_cy`` (``[value,
Welsh label]`` pairs for the same values) are shown in Welsh pages and emails; the values
themselves, and anything without Welsh, stay as the English definition has them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanctuary.forms import CHOOSE, must_choose
from sanctuary.i18n import localised
from sanctuary.widgets import DateInput

KINDS = ("text", "date", "choice", "number")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def normalise_choices(choices) -> list[tuple[str, str]]:
    pairs = []
    for choice in choices or []:
        if isinstance(choice, (list, tuple)) and len(choice) == 2:
            pairs.append((str(choice[0]), str(choice[1])))
        else:
            pairs.append((str(choice), str(choice)))
    return pairs


def shown_choices(definition: dict[str, Any]) -> list[tuple[str, str]]:
    """The choices of a definition with their labels in the active language: the values are
    always the English definition's, each labelled from ``choices_cy`` when Welsh has one."""
    pairs = normalise_choices(definition.get("choices"))
    in_language = dict(normalise_choices(localised(definition, "choices") or []))
    return [(value, in_language.get(value, label)) for value, label in pairs]


def validate_fields(definitions) -> None:
    """Raise ValidationError when a list of field definitions is malformed."""
    if not isinstance(definitions, list):
        raise ValidationError(_("Fields must be a list."), code="not_list")
    seen: set[str] = set()
    for index, item in enumerate(definitions, start=1):
        if not isinstance(item, dict):
            raise ValidationError(_("Field %(n)s must be an object."), params={"n": index}, code="not_dict")
        name = item.get("name", "")
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValidationError(
                _("Field %(n)s needs a name of lower-case letters, digits and underscores."),
                params={"n": index},
                code="bad_name",
            )
        if name in seen:
            raise ValidationError(
                _("The field name %(name)s is used twice."), params={"name": name}, code="duplicate"
            )
        seen.add(name)
        if not item.get("label"):
            raise ValidationError(_("Field %(name)s needs a label."), params={"name": name}, code="no_label")
        if item.get("kind") not in KINDS:
            raise ValidationError(
                _("Field %(name)s has an unknown kind."), params={"name": name}, code="bad_kind"
            )
        if item["kind"] == "choice" and not normalise_choices(item.get("choices")):
            raise ValidationError(
                _("Choice field %(name)s needs choices."), params={"name": name}, code="no_choices"
            )
        values = {value for value, _label in normalise_choices(item.get("choices"))}
        if any(value not in values for value, _label in normalise_choices(item.get("choices_cy"))):
            # Welsh labels name the English choices' values; a stray one would never be shown.
            raise ValidationError(
                _("Field %(name)s has a Welsh choice that is not among its choices."),
                params={"name": name},
                code="bad_welsh_choice",
            )


def not_in_future(value: dt.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def form_field(definition: dict[str, Any]) -> forms.Field:
    """The Django form field for one definition."""
    common = {
        "label": localised(definition, "label"),
        "required": bool(definition.get("required")),
        "help_text": localised(definition, "help") or "",
    }
    kind = definition["kind"]
    if kind == "date":
        return forms.DateField(widget=DateInput(), validators=[not_in_future], **common)
    if kind == "choice":
        field = forms.ChoiceField(choices=shown_choices(definition), **common)
        if not common["required"]:
            field.choices = [("", CHOOSE), *field.choices]
            return field
        return must_choose(field, _("Choose an answer to “%(label)s”.") % {"label": common["label"]})
    if kind == "number":
        return forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, **common)
    return forms.CharField(max_length=200, **common)


def to_json(definition: dict[str, Any], value) -> Any:
    """A cleaned form value as it is stored in the JSON column (None when left empty)."""
    if value in (None, ""):
        return None
    if definition["kind"] == "date":
        return value.isoformat()
    if definition["kind"] == "number":
        return int(value) if value == int(value) else float(value)
    return str(value).strip()


def display_value(definition: dict[str, Any], value) -> str:
    if value in (None, ""):
        return ""
    if definition["kind"] == "choice":
        return dict(shown_choices(definition)).get(str(value), str(value))
    return str(value)


def labelled(definitions, values: dict | None) -> list[tuple[str, str]]:
    """(label, shown value) pairs of the values that were filled in, in definition order."""
    values = values or {}
    pairs = []
    for definition in definitions or []:
        shown = display_value(definition, values.get(definition["name"]))
        if shown:
            pairs.append((localised(definition, "label"), shown))
    return pairs
