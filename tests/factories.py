"""factory_boy factories for the core models; app tests add their own next to their tests."""

import factory
from django.contrib.auth import get_user_model

from kiz.models import IntegrationCentre, Membership, Municipality, Role

PASSWORD = "Test-Passwort-2026!"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Teststadt {n}")
    kind = Municipality.Kind.KREISFREIE_STADT
    ags = factory.Sequence(lambda n: f"059{n:05d}")
    district = Municipality.District.ARNSBERG
    centre = factory.RelatedFactory("tests.factories.IntegrationCentreFactory", factory_related_name="municipality")


class IntegrationCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrationCentre
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory, centre=None)
    name = factory.LazyAttribute(lambda o: f"Kommunales Integrationszentrum {o.municipality.name}")
    org_unit = "Dezernat für Soziales"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nutzer{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.EDITOR


def user_with_role(role: str, municipality=None, **kwargs):
    """A user holding one role; city roles need the municipality, state roles take none."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, municipality=municipality)
    return user


def app_device(user):
    """The user's confirmed authenticator-app device (created on first use), ready for another code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="app", defaults={"confirmed": True})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return device


def current_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def login_verified(client, user):
    """force_login plus the second factor where the role requires one, as after the code step."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from kiz import policy

    client.force_login(user)
    if policy.requires_second_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
        session.save()
    return client
