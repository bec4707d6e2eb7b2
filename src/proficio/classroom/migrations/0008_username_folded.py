"""Usernames get a case-folded key; names that already clash keep working.

Each account's key is its username NFKC-normalised and case-folded. Where accounts made before
this rule share a key (`Ada` and `ada`), the oldest keeps it and each later one gets the key
with `#` and its id: `#` never appears in a username, so no new name can clash with it, and
those accounts sign in with their exact spelling.
"""

import unicodedata
from typing import Any

from django.db import migrations, models


def _folded(username: str) -> str:
    return unicodedata.normalize("NFKC", username).casefold()


def fill_folded_usernames(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("classroom", "User")
    taken: set[str] = set()
    for pk, username in User.objects.order_by("pk").values_list("pk", "username"):
        key = _folded(username)[:480]
        if key in taken:
            key = f"{key}#{pk}"
        taken.add(key)
        User.objects.filter(pk=pk).update(username_folded=key)


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0007_sign_out_everywhere"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_folded",
            field=models.CharField(default="", editable=False, max_length=500),
            preserve_default=False,
        ),
        migrations.RunPython(fill_folded_usernames, migrations.RunPython.noop),
    ]
