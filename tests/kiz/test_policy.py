from kiz import policy
from kiz.models import IntegrationCentre, Municipality
from tests.factories import user_with_role


def test_city_user_sees_only_own_municipality(editor, dortmund, bochum):
    assert list(Municipality.objects.for_user(editor)) == [dortmund]
    assert list(IntegrationCentre.objects.for_user(editor)) == [dortmund.centre]


def test_state_roles_see_all_municipalities(coordination, authority, dortmund, bochum):
    for user in (coordination, authority):
        assert set(Municipality.objects.for_user(user)) == {dortmund, bochum}


def test_user_without_membership_sees_nothing(db, dortmund):
    from tests.factories import UserFactory

    assert list(Municipality.objects.for_user(UserFactory())) == []


def test_permissions_by_role(editor, lead, council, coordination, authority, dortmund, bochum):
    assert policy.can_edit(editor, dortmund) and not policy.can_submit(editor, dortmund)
    assert policy.can_edit(lead, dortmund) and policy.can_submit(lead, dortmund)
    assert policy.can_view(council, dortmund) and not policy.can_edit(council, dortmund)
    assert not policy.can_view(editor, bochum) and not policy.can_edit(editor, bochum)
    assert policy.can_view(coordination, bochum) and not policy.can_edit(coordination, bochum)
    assert policy.can_review(authority) and not policy.can_review(coordination)
    assert not policy.can_edit(authority, dortmund)


def test_several_memberships(dortmund, bochum):
    user = user_with_role("editor", dortmund)
    user.memberships.create(role="council", municipality=bochum)
    user = type(user).objects.get(pk=user.pk)
    assert [m.name for m in policy.city_municipalities(user)] == ["Bochum", "Dortmund"]
    assert policy.can_edit(user, dortmund) and not policy.can_edit(user, bochum)
    assert policy.can_view(user, bochum)
