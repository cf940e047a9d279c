from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiz.choices import EducationStage, FieldOfAction
from kiz.concurrency import VersionedModelForm
from kiz.uploads import validate_pdf

from .models import CouncilStep, IntegrationConcept, WorkPlanItem
from .oparl_import import ImportFailed, check_url

DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024


def upload_max_bytes() -> int:
    return getattr(settings, "CONCEPT_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ConceptForm(VersionedModelForm):
    fields_of_action = forms.MultipleChoiceField(
        label=_("Fields of action covered"),
        choices=FieldOfAction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    education_stages = forms.MultipleChoiceField(
        label=_("Education chain stages covered"),
        choices=EducationStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = IntegrationConcept
        fields = [
            "title",
            "based_on",
            "plan_start",
            "education_text",
            "cross_cutting_text",
            "anchoring_text",
            "priorities_start_year",
            "priorities_text",
            "fields_of_action",
            "education_stages",
        ]
        widgets = {
            "plan_start": DateInput,
            "education_text": forms.Textarea(attrs={"rows": 8}),
            "cross_cutting_text": forms.Textarea(attrs={"rows": 8}),
            "anchoring_text": forms.Textarea(attrs={"rows": 5}),
            "priorities_text": forms.Textarea(attrs={"rows": 5}),
        }
        # the field's own bounds (0 to 32767) would otherwise speak for the 2000–2100 rule of clean_…()
        error_messages = {
            "priorities_start_year": {
                "min_value": _("Please enter a year between 2000 and 2100."),
                "max_value": _("Please enter a year between 2000 and 2100."),
            }
        }

    def clean_priorities_start_year(self):
        year = self.cleaned_data.get("priorities_start_year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Please enter a year between 2000 and 2100."))
        return year

    def clean(self):
        cleaned = super().clean()
        plan_start = cleaned.get("plan_start")
        if plan_start and self.instance.pk:
            early = self.instance.work_plan.filter(target_date__lt=plan_start).order_by("target_date").first()
            if early is not None:
                self.add_error(
                    "plan_start",
                    _("The work plan has a target date before this day (%(date)s, “%(goal)s”).")
                    % {"date": early.target_date.strftime("%d.%m.%Y"), "goal": early.goal},
                )
        return cleaned


class WorkPlanItemForm(VersionedModelForm):
    class Meta:
        model = WorkPlanItem
        fields = ["theme", "goal", "measures", "responsible_unit", "target_date"]
        widgets = {
            "target_date": DateInput,
            "measures": forms.Textarea(attrs={"rows": 4}),
            "theme": forms.RadioSelect,
        }

    def __init__(self, *args, concept, **kwargs):
        super().__init__(*args, **kwargs)
        self.concept = concept
        self.fields["theme"].choices = [c for c in self.fields["theme"].choices if c[0]]

    def clean_target_date(self):
        target = self.cleaned_data["target_date"]
        if target < self.concept.plan_start:
            raise forms.ValidationError(
                _("The target date cannot lie before the start of the work plan (%(date)s).")
                % {"date": self.concept.plan_start.strftime("%d.%m.%Y")}
            )
        return target


class DocumentForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    document = forms.FileField(label=_("Adopted document (PDF)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = upload_max_bytes()
        self.fields["document"].help_text = _("PDF only, at most %(size)s.") % {"size": _megabytes(limit)}

    def clean_document(self):
        upload = self.cleaned_data["document"]
        limit = upload_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(actual)s; at most %(size)s are allowed.")
                % {"actual": _megabytes(upload.size), "size": _megabytes(limit)}
            )
        validate_pdf(upload)
        return upload


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


class ResolutionForm(VersionedModelForm):
    class Meta:
        model = IntegrationConcept
        fields = ["resolution_body", "resolution_date", "resolution_paper", "resolution_outcome"]
        widgets = {
            "resolution_date": DateInput,
            "resolution_body": forms.RadioSelect,
            "resolution_outcome": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = name != "resolution_paper"
        self.fields["resolution_body"].choices = IntegrationConcept.Body.choices
        self.fields["resolution_outcome"].choices = IntegrationConcept.Outcome.choices

    def clean_resolution_date(self):
        day = self.cleaned_data["resolution_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the resolution cannot lie in the future."))
        return day


class CouncilStepForm(VersionedModelForm):
    class Meta:
        model = CouncilStep
        fields = [
            "title",
            "concept",
            "body",
            "body_name",
            "kind",
            "planned_date",
            "actual_date",
            "outcome",
            "resolution_text",
        ]
        widgets = {
            "planned_date": DateInput,
            "actual_date": DateInput,
            "resolution_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concept"].queryset = municipality.concepts.order_by("-number")
        self.fields["concept"].label_from_instance = lambda c: (
            _("Version %(number)s: %(title)s")
            % {
                "number": c.number,
                "title": c.title,
            }
        )

    def clean_actual_date(self):
        day = self.cleaned_data.get("actual_date")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("A step cannot have taken place in the future; use the planned date."))
        return day

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("actual_date")
            and cleaned.get("kind") == CouncilStep.Kind.DECISION
            and not cleaned.get("outcome")
        ):
            self.add_error("outcome", _("Please record the outcome of the decision."))
        if cleaned.get("outcome") and not cleaned.get("actual_date") and "actual_date" not in self.errors:
            self.add_error("actual_date", _("An outcome needs the date on which the step took place."))
        return cleaned


class OParlImportForm(forms.Form):
    """The address of the council paper and the concept version it deals with."""

    source_url = forms.URLField(
        label=_("URL of the paper or body"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The address of the council paper (OParl Paper) in the council information system, e.g. "
            "https://ratsinfo.example.de/oparl/v1/paper/1234; or the address of your city's body (OParl Body): "
            "then its papers about integration are listed to choose from."
        ),
    )
    concept = forms.ModelChoiceField(label=_("Concept version"), queryset=IntegrationConcept.objects.none())

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concept"].queryset = municipality.concepts.order_by("-number")
        self.fields["concept"].label_from_instance = lambda c: f"{c.title} ({_('version')} {c.number})"

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        try:
            return check_url(url)
        except ImportFailed as exc:
            raise forms.ValidationError(str(exc)) from exc
