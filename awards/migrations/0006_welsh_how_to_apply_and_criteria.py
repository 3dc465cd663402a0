"""Welsh for a stream's "how to apply" and for criteria (title, description, guidance), filled in
for the starting streams' criteria; and the Welsh of the criterion text an answer was submitted
against, kept beside the English.

Like 0005, Welsh is filled in only where staff kept the starting English, and never over Welsh
staff wrote.
"""

from django.db import migrations, models

from awards.streams_data import CRITERIA_CY, HOW_TO_APPLY, HOW_TO_APPLY_CY, STREAMS


def fill_welsh(apps, schema_editor):
    Stream = apps.get_model("awards", "Stream")
    Criterion = apps.get_model("awards", "Criterion")
    Stream.objects.filter(how_to_apply=HOW_TO_APPLY, how_to_apply_cy="").update(
        how_to_apply_cy=HOW_TO_APPLY_CY
    )
    for data in STREAMS:
        welsh = CRITERIA_CY[data["slug"]]
        for _principle, title, description, _minimum in data["criteria"]:
            title_cy, description_cy = welsh[title]
            # A criterion is found by its English title: one staff renamed gets no Welsh.
            for criterion in Criterion.objects.filter(stream__slug=data["slug"], title=title):
                changed = []
                if not criterion.title_cy:
                    criterion.title_cy = title_cy
                    changed.append("title_cy")
                if not criterion.description_cy and criterion.description == description:
                    criterion.description_cy = description_cy
                    changed.append("description_cy")
                if changed:
                    criterion.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_stream_welsh")]

    operations = [
        migrations.AddField(
            model_name="stream",
            name="how_to_apply_cy",
            field=models.TextField(blank=True, verbose_name="how to apply in Welsh"),
        ),
        migrations.AddField(
            model_name="criterion",
            name="title_cy",
            field=models.CharField(blank=True, max_length=200, verbose_name="name in Welsh"),
        ),
        migrations.AddField(
            model_name="criterion",
            name="description_cy",
            field=models.TextField(blank=True, verbose_name="description in Welsh"),
        ),
        migrations.AddField(
            model_name="criterion",
            name="guidance_cy",
            field=models.TextField(blank=True, verbose_name="guidance in Welsh"),
        ),
        migrations.AddField(
            model_name="answer",
            name="snapshot_title_cy",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="answer",
            name="snapshot_description_cy",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(fill_welsh, migrations.RunPython.noop),
    ]
