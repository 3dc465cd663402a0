# The codes filled in by 0004 become required and unique; new terms draw their own.

import sanctuary.verification
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('la_network', '0004_membership_verification_code'),
    ]

    operations = [
        migrations.AlterField(
            model_name='membership',
            name='verification_code',
            field=models.CharField(default=sanctuary.verification.verification_code, editable=False, max_length=40, unique=True),
        ),
    ]
