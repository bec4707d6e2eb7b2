"""Creating an account and joining a class: forms checked on the server, errors by the field."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.http import require_http_methods

from proficio.accounts import api as accounts
from proficio.accounts.api import TooManyGuesses, can_teach, client_address, remember_device
from proficio.classroom import api as classrooms
from proficio.classroom.api import ClassNotFound, NotAllowed

from .signed_in import signed_in


class SignUpForm(forms.Form):
    username = forms.CharField(
        max_length=150, help_text="Letters a–z, digits and . @ + - _ — no spaces."
    )
    display_name = forms.CharField(
        label="Your name (optional)", max_length=150, required=False,
        help_text="Shown to your teachers instead of your username.",
    )  # fmt: skip
    password = forms.CharField(
        widget=forms.PasswordInput, max_length=1000, help_text="At least 8 characters."
    )

    def clean_username(self) -> str:
        return accounts.clean_username(self.cleaned_data["username"])

    def clean_display_name(self) -> str:
        return accounts.clean_display_name(self.cleaned_data["display_name"])

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password


class JoinClassForm(forms.Form):
    code = forms.CharField(
        label="Class code", max_length=20, help_text="The code your teacher gave you, like K7PXQ2."
    )


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.sign_up(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                address=client_address(request),
            )
        except accounts.UsernameTaken as error:
            form.add_error("username", str(error))
        except TooManyGuesses as error:
            form.add_error(None, str(error))
            status = 429
        except ValidationError as error:
            # The password passed its rules in the form, so what is left is the username's.
            form.add_error("username", error)
        else:
            login(request, user)
            messages.success(request, "Welcome! Join your class with its code, or pick a course.")
            return redirect("web:join_class")
    return render(request, "web/signup.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def join_class(request: HttpRequest) -> HttpResponse:
    form = JoinClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learner = signed_in(request)
            classroom = classrooms.join_class(
                learner=learner, code=form.cleaned_data["code"], address=client_address(request)
            )
        except (ClassNotFound, NotAllowed, TooManyGuesses) as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"You joined {classroom.name}.")
            return redirect("web:home")
    return render(request, "web/join_class.html", {"form": form})


class SignInForm(AuthenticationForm):
    """Django's sign-in, paused after too many wrong passwords (accounts/sign_in_limits.py)."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except TooManyGuesses as error:
            raise ValidationError(str(error), code="too_many_failures") from error


class SignIn(LoginView):
    """Signing in lands teachers on their classes and learners on their courses; the browser
    becomes a known device for the account, which wrong passwords typed elsewhere do not pause."""

    template_name = "web/signin.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        remember_device(self.request, response, form.get_user().username)
        return response

    def get_default_redirect_url(self) -> str:
        user = signed_in(self.request)
        return resolve_url("web:my_classes" if can_teach(user) else "web:home")
