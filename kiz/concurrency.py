"""Optimistic locking for objects several people edit: a version number that every save must match.

A form carries the version it was rendered with; saving it after someone else saved raises StaleObjectError
and the view shows the form again, with the user's input, and a message that the object has changed.
"""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

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
