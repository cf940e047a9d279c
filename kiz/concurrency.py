"""Optimistic locking for objects several people edit: a version number that every save must match.

A form carries the version it was rendered with; saving it after someone else saved raises StaleObjectError
and the view shows the form again, with the user's input, and a message that the object has changed.
"""

from contextlib import contextmanager

from django import forms
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from .parsing import ascii_int

STALE_MESSAGE = _(
    "Somebody else has changed this record since you opened the form. Your entries are still shown below; "
    "please compare them with the current state and save again."
)


class StaleObjectError(Exception):
    """The object was changed by somebody else since the form was loaded."""


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


@transaction.atomic
def save_versioned(instance, *, expected_version: int | None):
    """Save `instance` only if its stored version is still `expected_version`, and bump the version.

    The stored row is locked while it is compared (PostgreSQL), so two concurrent saves cannot both pass.
    A normal save() follows, so the audit history records the change.
    """
    if instance.pk is not None:
        stored = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored is None or stored != expected_version:
            raise StaleObjectError
        instance.version = stored + 1
    instance.save()
    return instance


def lock_row(instance) -> None:
    """Lock `instance`'s row until the transaction ends (PostgreSQL; SQLite serialises writes anyway).

    A service that creates a child which must be unique per parent (one staff plan per year, one draft concept)
    locks the parent first: of two simultaneous clicks the second waits, then finds the first one's row and
    gets the same message as a later click. A lock on the (maybe still empty) set of children would not wait.
    """
    type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True).first()


@contextmanager
def duplicate_raises(error):
    """Run an insert in a savepoint; if a unique constraint refuses it because a simultaneous request was
    faster, raise `error()` instead: the exception, with its German message, that a second click would meet."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise error() from exc


def posted_version(data) -> int | None:
    """The `expected_version` of a posted form (a QueryDict); missing or not ASCII digits gives None, which
    save_versioned and the delete services treat as stale."""
    return ascii_int(data.get("expected_version"))


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version it was rendered with, as a hidden field."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def save_checked(self):
        """Save through save_versioned; raises StaleObjectError for a stale form."""
        instance = super().save(commit=False)
        save_versioned(instance, expected_version=self.cleaned_data.get("expected_version"))
        self.save_m2m()
        return instance
