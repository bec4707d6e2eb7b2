"""Accounts get an app of their own: the user model, API tokens and guesses move here from
`classroom` without touching their tables.

Only Django's picture of the models moves (the tables keep their names, set in each model's
Meta), and with it what names the models by app: their content types (so permissions stay with
them) and the sign-in backend remembered by each signed-in browser's session (so nobody is
signed out). `classroom` 0012 then points its fields here and forgets the old models.
"""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

import proficio.accounts.models
import proficio.accounts.names

MOVED_MODELS = ("user", "apitoken", "guess")
OLD_BACKEND = "proficio.classroom.sign_in_limits.LimitedSignIn"
NEW_BACKEND = "proficio.accounts.sign_in_limits.LimitedSignIn"


def move_content_types(apps: Any, schema_editor: Any) -> None:
    _relabel_content_types(apps, schema_editor, "classroom", "accounts")


def move_content_types_back(apps: Any, schema_editor: Any) -> None:
    _relabel_content_types(apps, schema_editor, "accounts", "classroom")


def _relabel_content_types(apps: Any, schema_editor: Any, old: str, new: str) -> None:
    from django.contrib.contenttypes.models import ContentType as CachedContentType

    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)
    CachedContentType.objects.clear_cache()


def keep_browsers_signed_in(apps: Any, schema_editor: Any) -> None:
    _rename_sign_in_backend(apps, schema_editor, OLD_BACKEND, NEW_BACKEND)


def keep_browsers_signed_in_back(apps: Any, schema_editor: Any) -> None:
    _rename_sign_in_backend(apps, schema_editor, NEW_BACKEND, OLD_BACKEND)


def _rename_sign_in_backend(apps: Any, schema_editor: Any, old: str, new: str) -> None:
    # Django signs a browser out when its session names a backend no longer in the settings.
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    sessions = Session.objects.using(schema_editor.connection.alias)
    store = SessionStore()
    live = sessions.filter(expire_date__gt=timezone.now()).values_list("pk", "session_data")
    for key, data in live.iterator(chunk_size=500):
        decoded = store.decode(data)  # {} when it cannot be read: left as it is
        if decoded.get(BACKEND_SESSION_KEY) == old:
            decoded[BACKEND_SESSION_KEY] = new
            sessions.filter(pk=key).update(session_data=store.encode(decoded))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
        ("classroom", "0011_class_made_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="User",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("password", models.CharField(max_length=128, verbose_name="password")),
                        (
                            "last_login",
                            models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                        ),
                        (
                            "is_superuser",
                            models.BooleanField(
                                default=False,
                                help_text="Designates that this user has all permissions without explicitly assigning them.",
                                verbose_name="superuser status",
                            ),
                        ),
                        (
                            "first_name",
                            models.CharField(blank=True, max_length=150, verbose_name="first name"),
                        ),
                        (
                            "last_name",
                            models.CharField(blank=True, max_length=150, verbose_name="last name"),
                        ),
                        (
                            "email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="email address"
                            ),
                        ),
                        (
                            "is_staff",
                            models.BooleanField(
                                default=False,
                                help_text="Designates whether the user can log into this admin site.",
                                verbose_name="staff status",
                            ),
                        ),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True,
                                help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                                verbose_name="active",
                            ),
                        ),
                        (
                            "date_joined",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="date joined"
                            ),
                        ),
                        (
                            "username",
                            models.CharField(
                                error_messages={
                                    "unique": "That username is taken; choose another."
                                },
                                max_length=150,
                                unique=True,
                                validators=[proficio.accounts.names.validate_username],
                                verbose_name="username",
                            ),
                        ),
                        (
                            "username_folded",
                            models.CharField(editable=False, max_length=500, unique=True),
                        ),
                        ("display_name", models.CharField(blank=True, max_length=150)),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("learner", "Learner"),
                                    ("teacher", "Teacher"),
                                    ("administrator", "Administrator"),
                                ],
                                default="learner",
                                max_length=20,
                            ),
                        ),
                        ("session_generation", models.PositiveIntegerField(default=0)),
                        (
                            "groups",
                            models.ManyToManyField(
                                blank=True,
                                help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                                related_name="user_set",
                                related_query_name="user",
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                        (
                            "user_permissions",
                            models.ManyToManyField(
                                blank=True,
                                help_text="Specific permissions for this user.",
                                related_name="user_set",
                                related_query_name="user",
                                to="auth.permission",
                                verbose_name="user permissions",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "user",
                        "verbose_name_plural": "users",
                        "db_table": "classroom_user",
                        "abstract": False,
                    },
                    managers=[
                        ("objects", proficio.accounts.models.Accounts()),
                    ],
                ),
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("digest", models.CharField(max_length=64, unique=True)),
                        ("created_at", models.DateTimeField()),
                        ("expires_at", models.DateTimeField()),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "classroom_apitoken",
                    },
                ),
                migrations.CreateModel(
                    name="Guess",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("sign_in", "Sign In"),
                                    ("join_code", "Join Code"),
                                    ("sign_up", "Sign Up"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("key", models.CharField(max_length=150)),
                        ("address", models.CharField(max_length=45)),
                        ("at", models.DateTimeField()),
                    ],
                    options={
                        "db_table": "classroom_guess",
                        "indexes": [
                            models.Index(
                                fields=["kind", "key", "at"], name="classroom_g_kind_1c0d4a_idx"
                            ),
                            models.Index(
                                fields=["kind", "address", "at"], name="classroom_g_kind_676db6_idx"
                            ),
                            models.Index(fields=["at"], name="classroom_g_at_d0af26_idx"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(keep_browsers_signed_in, keep_browsers_signed_in_back),
    ]
