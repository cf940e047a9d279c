"""Second factor at sign-in: a one-time code from an authenticator app (TOTP, RFC 6238) or a recovery code.

django-otp keeps the devices: a TOTPDevice per user (the app) and a StaticDevice with ten single-use recovery
codes. After the password (Django's LoginView), SecondFactorMiddleware lets a user who has a confirmed device
reach nothing but the code page until the code is entered, and a user whose role requires a second factor
(policy.requires_second_factor) nothing but the enrolment until one is set up. A wrong code counts as a failed
sign-in for django-axes, so the code step is throttled and locked exactly like the password step.
"""

import re

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy

RECOVERY_CODES = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
SESSION_NEW_CODES = "kiz_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The six-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_code(self):
        return re.sub(r"\s+", "", self.cleaned_data["code"]).lower()


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=6,
        help_text=gettext_lazy("The six digits the app shows for “KIZ-Verwaltung” after you added the key."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def verify(user, code: str):
    """The confirmed device that accepts `code` (a recovery code is used up), or None."""
    if _is_app_code(code):
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _credentials(user) -> dict:
    return {"username": user.get_username()}


@never_cache
def code_step(request):
    """The second step of the sign-in: the code from the app or a recovery code."""
    user = request.user
    if request.user.is_verified() or not user_has_device(user):
        return redirect(_next(request))
    if AxesProxyHandler.is_locked(request, credentials=_credentials(user)):
        logout(request)
        return _locked(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(count)s are left. Create new ones if few are left.")
                    % {"count": left},
                )
            return redirect(_next(request))
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        if AxesProxyHandler.is_locked(request, credentials=_credentials(user)):
            logout(request)
            return _locked(request)
        form.add_error("code", _("The code is not valid. Check the time on your phone, or use a recovery code."))
    return render(
        request,
        "registration/second_factor.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
def enrol(request):
    """Set up the authenticator app: a new key as QR code and as text; the first code confirms it."""
    user = request.user
    if user_has_device(user) and not request.user.is_verified():
        return redirect("second_factor")
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if confirmed:
        return render(request, "kiz/second_factor_status.html", {"required": policy.requires_second_factor(user)})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        if _is_app_code(code) and device.verify_token(code):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            request.session[SESSION_NEW_CODES] = _new_recovery_codes(user)
            return redirect("second_factor_codes")
        form.add_error("code", _("The code does not match. Enter the six digits the app shows now."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "kiz/second_factor_enrol.html",
        {
            "form": form,
            "qr": qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
            "secret": _grouped(device.config_url),
            "required": policy.requires_second_factor(user),
        },
        status=400 if form.errors else 200,
    )


def _grouped(config_url: str) -> str:
    """The base32 key of an otpauth:// URL in groups of four, for typing it into an app."""
    secret = re.search(r"secret=([A-Z2-7]+)", config_url).group(1)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def recovery_codes(request):
    """Show new recovery codes once (after enrolment), or create a new set (POST), replacing the old one."""
    if not request.user.is_verified():
        return redirect("second_factor_enrol")
    if request.method == "POST":
        request.session[SESSION_NEW_CODES] = _new_recovery_codes(request.user)
        return redirect("second_factor_codes")
    codes = request.session.pop(SESSION_NEW_CODES, None)
    if codes is None:
        return redirect("second_factor_enrol")
    return render(request, "kiz/second_factor_codes.html", {"codes": codes})


def app_device_id(user) -> str:
    """The persistent id of the user's (created if need be) confirmed app device: what a session holds after
    the code step. For sessions made without a browser, such as those of `manage.py bench`."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name=APP_DEVICE_NAME, defaults={"confirmed": True})
    return device.persistent_id


def _locked(request):
    logout(request)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"failure_limit": settings.AXES_FAILURE_LIMIT}, status=429)
