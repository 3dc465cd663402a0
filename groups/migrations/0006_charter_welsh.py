"""Welsh title, text and organisation pledge for charter versions, beside the English.

No data migration published the starting charter (the demo seeder or staff do), so there is no
starting Welsh to fill in here.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0005_group_location_signature_postcode"),
    ]

    operations = [
        migrations.AddField(
            model_name="charterversion",
            name="organisation_pledge_cy",
            field=models.TextField(blank=True, verbose_name="organisation pledge in Welsh"),
        ),
        migrations.AddField(
            model_name="charterversion",
            name="text_cy",
            field=models.TextField(blank=True, verbose_name="charter text in Welsh"),
        ),
        migrations.AddField(
            model_name="charterversion",
            name="title_cy",
            field=models.CharField(blank=True, max_length=200, verbose_name="title in Welsh"),
        ),
    ]
