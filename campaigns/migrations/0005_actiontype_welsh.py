"""Welsh names and guidance for action types, and Welsh labels and choices in their field
definitions, filled in for the starting types.

Only what staff have left as it was gets its Welsh: a renamed type, a rewritten guidance or a
relabelled field keeps an empty Welsh value (its English is shown).
"""

from django.db import migrations, models

from campaigns.action_types import DEFAULT_TYPES

WELSH_KEYS = ("label_cy", "help_cy", "choices_cy")


def _fields_with_welsh(stored, defaults):
    by_name = {d["name"]: d for d in defaults}
    result, changed = [], False
    for item in stored or []:
        default = by_name.get(item.get("name")) if isinstance(item, dict) else None
        if default and item.get("label") == default["label"]:
            extra = {k: default[k] for k in WELSH_KEYS if k in default and not item.get(k)}
            if extra:
                item = {**item, **extra}
                changed = True
        result.append(item)
    return result, changed


def fill_welsh(apps, schema_editor):
    ActionType = apps.get_model("campaigns", "ActionType")
    for data in DEFAULT_TYPES:
        action_type = ActionType.objects.filter(slug=data["slug"]).first()
        if action_type is None:
            continue
        changed = [
            f"{field}_cy"
            for field in ("name", "guidance")
            if not getattr(action_type, f"{field}_cy") and getattr(action_type, field) == data[field]
        ]
        for field in changed:
            setattr(action_type, field, data[field])
        for field in ("detail_fields", "outcome_fields"):
            value, altered = _fields_with_welsh(getattr(action_type, field), data.get(field, []))
            if altered:
                setattr(action_type, field, value)
                changed.append(field)
        if changed:
            action_type.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_action_constituency_council")]

    operations = [
        migrations.AddField(
            model_name="actiontype",
            name="name_cy",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Welsh"),
        ),
        migrations.AddField(
            model_name="actiontype",
            name="guidance_cy",
            field=models.TextField(blank=True, verbose_name="guidance in Welsh"),
        ),
        migrations.RunPython(fill_welsh, migrations.RunPython.noop),
    ]
