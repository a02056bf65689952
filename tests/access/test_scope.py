import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from lantern.access.rules import Capability
from lantern.access.scope import AccessDenied, NotVisible, can, get_visible, require, visible
from lantern.accounts.models import Organisation, User
from lantern.accounts.rules import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_user_sees_only_their_own_organisations_people() -> None:
    me = factories.user(Role.INVESTIGATOR)
    colleague = factories.user(Role.SUPERVISOR)
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    seen = set(visible(me, User.objects.all(), Capability.SEE_COLLEAGUES))
    assert seen == {me, colleague}
    assert stranger not in seen


def test_another_organisations_record_is_not_visible_exactly_like_a_missing_one() -> None:
    me = factories.user(Role.INVESTIGATOR)
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    with pytest.raises(NotVisible):
        get_visible(me, User.objects.all(), Capability.SEE_COLLEAGUES, pk=stranger.pk)
    with pytest.raises(NotVisible):
        get_visible(me, User.objects.all(), Capability.SEE_COLLEAGUES, pk=10**9)
    with pytest.raises(NotVisible):
        get_visible(me, Organisation.objects.all(), Capability.SEE_ORGANISATION,
                    code="greater-manchester")
    assert get_visible(me, Organisation.objects.all(), Capability.SEE_ORGANISATION,
                       code="west-yorkshire") == me.organisation


def test_roles_open_work_and_a_missing_role_is_refused() -> None:
    auditor = factories.user(Role.AUDITOR)
    officer = factories.user(Role.FRONTLINE_OFFICER)
    assert can(auditor, Capability.SEARCH_AUDIT)
    require(auditor, Capability.SEARCH_AUDIT)
    assert not can(officer, Capability.SEARCH_AUDIT)
    with pytest.raises(AccessDenied):
        require(officer, Capability.SEARCH_AUDIT)
    assert not visible(officer, User.objects.all(), Capability.MANAGE_USERS).exists()


def test_a_disabled_user_sees_nothing() -> None:
    me = factories.user(Role.AUDITOR)
    me.is_active = False
    me.save()
    assert not can(me, Capability.SEE_ORGANISATION)
    assert not visible(me, User.objects.all(), Capability.SEE_COLLEAGUES).exists()


def test_a_user_moved_to_another_organisation_sees_the_new_one_only() -> None:
    me = factories.user(Role.INVESTIGATOR)
    me.organisation = factories.organisation("greater-manchester")
    me.save()
    fresh = User.objects.get(pk=me.pk)
    assert list(visible(fresh, Organisation.objects.all(), Capability.SEE_ORGANISATION)) == [
        fresh.organisation]


def test_a_model_without_an_access_path_is_refused_to_everybody() -> None:
    me = factories.user(Role.ADMINISTRATOR)

    class Unscoped(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "access"
            managed = False

    with pytest.raises(ImproperlyConfigured):
        visible(me, Unscoped.objects.all(), Capability.SEE_ORGANISATION)
