"""Which class made an account moves from the account to the class's side.

Accounts are to know nothing of classes, so `User.made_for_class` becomes a row of
ClassMadeAccount for every account that had one; deleting the class deletes the row, as the old
field was set to null.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

_BATCH = 1000


def copy_made_for_class(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("classroom", "User")
    ClassMadeAccount = apps.get_model("classroom", "ClassMadeAccount")
    made = User.objects.filter(made_for_class__isnull=False).order_by("pk")
    pairs = made.values_list("pk", "made_for_class_id").iterator(chunk_size=_BATCH)
    ClassMadeAccount.objects.bulk_create(
        (ClassMadeAccount(account_id=pk, classroom_id=class_id) for pk, class_id in pairs),
        batch_size=_BATCH,
    )


def copy_back(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("classroom", "User")
    ClassMadeAccount = apps.get_model("classroom", "ClassMadeAccount")
    for pk, class_id in ClassMadeAccount.objects.values_list("account_id", "classroom_id"):
        User.objects.filter(pk=pk).update(made_for_class_id=class_id)


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0010_sign_up_guesses"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClassMadeAccount",
            fields=[
                (
                    "account",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="classroom.user",
                    ),
                ),
                (
                    "classroom",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="classroom.classroom",
                    ),
                ),
            ],
        ),
        migrations.RunPython(copy_made_for_class, copy_back),
        migrations.RemoveField(model_name="user", name="made_for_class"),
    ]
