"""Welsh names, award titles and summaries for streams, filled in for the starting streams.

A stream staff have renamed keeps an empty Welsh value (its English is shown) rather than the
Welsh of a name it no longer has.
"""

from django.db import migrations, models

from awards.streams_data import STREAMS

WELSH = ("name", "award_title", "summary")


def fill_welsh(apps, schema_editor):
    Stream = apps.get_model("awards", "Stream")
    for data in STREAMS:
        stream = Stream.objects.filter(slug=data["slug"]).first()
        if stream is None:
            continue
        changed = [
            f"{field}_cy"
            for field in WELSH
            if not getattr(stream, f"{field}_cy") and getattr(stream, field) == data[field]
        ]
        for field in changed:
            setattr(stream, field, data[field])
        if changed:
            stream.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_review_reopening")]

    operations = [
        migrations.AddField(
            model_name="stream",
            name="name_cy",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Welsh"),
        ),
        migrations.AddField(
            model_name="stream",
            name="award_title_cy",
            field=models.CharField(blank=True, max_length=120, verbose_name="award title in Welsh"),
        ),
        migrations.AddField(
            model_name="stream",
            name="summary_cy",
            field=models.TextField(blank=True, verbose_name="summary in Welsh"),
        ),
        migrations.RunPython(fill_welsh, migrations.RunPython.noop),
    ]
