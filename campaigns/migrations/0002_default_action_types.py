"""Create the action types the platform starts with. Types staff already have are left alone."""

from django.db import migrations

# The definitions live in one module shared with the demo; get_or_create means a later
# edit there never overwrites a type staff have changed.
from campaigns.action_types import DEFAULT_TYPES


def create_types(apps, schema_editor):
    ActionType = apps.get_model("campaigns", "ActionType")
    # Only the fields the model has at this point: later migrations add fields (the Welsh
    # ones, 0005) that the definitions already carry.
    known = {field.name for field in ActionType._meta.get_fields()}
    for position, definition in enumerate(DEFAULT_TYPES, start=1):
        values = {k: v for k, v in definition.items() if k != "slug" and k in known}
        values["expects_outcome"] = bool(values.get("outcome_fields"))
        values["position"] = position * 10
        ActionType.objects.get_or_create(slug=definition["slug"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
