import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kiz.models import Membership, Municipality, Role
from tests.factories import MunicipalityFactory, UserFactory


@pytest.mark.parametrize(
    ("ags", "message"),
    [
        ("0591300", "genau 8 Ziffern"),
        ("05913A00", "genau 8 Ziffern"),
        ("059130001", "genau 8 Ziffern"),
        ("09162000", "beginnt mit 05"),
    ],
)
def test_invalid_ags_is_refused_with_a_german_message(db, ags, message):
    municipality = Municipality(name="Irgendwo", kind=Municipality.Kind.KREIS, ags=ags, district="arnsberg")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert message in " ".join(error.value.message_dict["ags"])


def test_valid_ags_passes(db):
    Municipality(name="Dortmund", kind="kreisfreie_stadt", ags="05913000", district="arnsberg").full_clean()


def test_ags_is_unique(db):
    MunicipalityFactory(ags="05913000")
    with pytest.raises(IntegrityError):
        Municipality.objects.create(name="Doppelt", kind="kreis", ags="05913000", district="arnsberg")


def test_city_role_needs_a_municipality(db):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=UserFactory(), role=Role.EDITOR, municipality=None)


def test_state_role_must_not_name_a_municipality(db):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=UserFactory(), role=Role.AUTHORITY, municipality=MunicipalityFactory())


def test_changes_to_a_centre_are_recorded_with_user(db, editor, dortmund):
    centre = dortmund.centre
    centre.org_unit = "Fachbereich I / Geschäftsbereich III"
    centre._history_user = editor
    centre.save()
    latest = centre.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.org_unit == "Fachbereich I / Geschäftsbereich III"
