"""Welsh title, summary, body and pledge statement for campaigns, beside the English."""


from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_actiontype_welsh"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="body_cy",
            field=models.TextField(blank=True, verbose_name="about the campaign in Welsh"),
        ),
        migrations.AddField(
            model_name="campaign",
            name="pledge_statement_cy",
            field=models.TextField(blank=True, verbose_name="pledge statement in Welsh"),
        ),
        migrations.AddField(
            model_name="campaign",
            name="summary_cy",
            field=models.CharField(blank=True, max_length=300, verbose_name="summary in Welsh"),
        ),
        migrations.AddField(
            model_name="campaign",
            name="title_cy",
            field=models.CharField(blank=True, max_length=150, verbose_name="title in Welsh"),
        ),
    ]
