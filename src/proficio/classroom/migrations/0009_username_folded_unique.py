from django.db import migrations, models

import proficio.accounts.models
import proficio.accounts.names


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0008_username_folded"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="username_folded",
            field=models.CharField(editable=False, max_length=500, unique=True),
        ),
        migrations.AlterField(
            model_name="user",
            name="username",
            field=models.CharField(
                error_messages={"unique": "That username is taken; choose another."},
                max_length=150,
                unique=True,
                validators=[proficio.accounts.names.validate_username],
                verbose_name="username",
            ),
        ),
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", proficio.accounts.models.Accounts()),
            ],
        ),
    ]
