"""Give every membership term a verification code for its certificate's check page.

In two steps so it runs the same on SQLite and PostgreSQL: the column is added empty and each
existing term gets its own random code here; 0005 then makes the column required and unique.
(A unique column added with a default would give every existing row the same code.)
"""

from django.db import migrations, models

from sanctuary.verification import verification_code


def fill_codes(apps, schema_editor):
    Membership = apps.get_model("la_network", "Membership")
    memberships = Membership.objects.using(schema_editor.connection.alias)
    # The ids are read first: SQLite does not isolate a query from writes to the table it reads.
    pks = list(memberships.filter(verification_code__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(pks), 500):
        memberships.bulk_update(
            [Membership(pk=pk, verification_code=verification_code()) for pk in pks[start : start + 500]],
            ["verification_code"],
        )


class Migration(migrations.Migration):

    dependencies = [
        ('la_network', '0003_membership_certificate_stored'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='verification_code',
            field=models.CharField(editable=False, max_length=40, null=True),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop, elidable=True),
    ]
