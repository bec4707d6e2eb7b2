"""Your account: the name teachers see, the password (changed with the current one), and
signing out everywhere else."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from proficio.accounts import api as accounts

from .bounds import refused
from .signed_in import signed_in


class NameForm(forms.Form):
    display_name = forms.CharField(
        label="Your name", max_length=150, required=False,
        help_text="Shown to your teachers instead of your username; leave it empty to show "
        "your username.",
    )  # fmt: skip

    def clean_display_name(self) -> str:
        return accounts.clean_display_name(self.cleaned_data["display_name"])


class NewPasswordForm(PasswordChangeForm):
    """Django's check of the current password and the new one, in the site's words."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "That is not your current password. Type it again.",
        "password_mismatch": "The two new passwords are not the same.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 8 characters."
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].help_text = ""


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    if posted is not None and which not in ("name", "password", "everywhere"):
        return refused(request, "This page has no such form; reload it and send it again.")
    name_form = NameForm(
        posted if which == "name" else None, initial={"display_name": user.display_name}
    )
    password_form = NewPasswordForm(user, posted if which == "password" else None)
    if which == "name" and name_form.is_valid():
        accounts.change_display_name(user=user, display_name=name_form.cleaned_data["display_name"])
        messages.success(request, "Your name is saved.")
        return redirect("web:account")
    if which == "password" and password_form.is_valid():
        accounts.change_password(
            user=user, new_password=password_form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)  # stay signed in here; other devices are not
        messages.success(
            request, "Your password is changed. Other browsers and apps signed in as you are "
            "signed out.",
        )  # fmt: skip
        return redirect("web:account")
    if which == "everywhere":
        accounts.sign_out_everywhere(user=user)
        update_session_auth_hash(request, user)  # this browser stays signed in
        messages.success(
            request, "Every other browser and app signed in as you is signed out. This browser "
            "stays signed in.",
        )  # fmt: skip
        return redirect("web:account")
    status = 400 if which in ("name", "password") else 200
    context = {"name_form": name_form, "password_form": password_form}
    return render(request, "web/account.html", context, status=status)
