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
