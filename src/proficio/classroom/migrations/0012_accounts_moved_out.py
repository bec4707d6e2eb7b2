"""The user model, API tokens and guesses now belong to `accounts` (its migration 0001): every
field of a class pointing at an account points at `accounts.User`, and the old models are
forgotten. Nothing in the database changes: the tables stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0011_class_made_accounts"),
        ("accounts", "0001_initial"),
        # Learning's fields point at the new model before the old one is forgotten.
        ("learning", "0003_learners_are_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="classroom",
                    name="teachers",
                    field=models.ManyToManyField(
                        related_name="taught_classes", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.AlterField(
                    model_name="classroom",
                    name="learners",
                    field=models.ManyToManyField(
                        blank=True, related_name="joined_classes", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.AlterField(
                    model_name="classmadeaccount",
                    name="account",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="skillgroup",
                    name="learners",
                    field=models.ManyToManyField(
                        blank=True, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.AlterField(
                    model_name="goal",
                    name="learners",
                    field=models.ManyToManyField(
                        blank=True, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.AlterField(
                    model_name="goalachievement",
                    name="learner",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="assignment",
                    name="learners",
                    field=models.ManyToManyField(
                        blank=True, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.DeleteModel(name="ApiToken"),
                migrations.DeleteModel(name="Guess"),
                migrations.DeleteModel(name="User"),
            ],
            database_operations=[],
        ),
    ]
