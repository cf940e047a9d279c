"""Vocabulary of the KIZ programme shared by concepts and reporting."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldOfAction(models.TextChoices):
    """Handlungsfelder of the KIZ programme."""

    EDUCATION = "bildung", _("Education (esp. language and intercultural)")
    UPBRINGING = "erziehung", _("Upbringing and care")
    EMPLOYMENT = "beschaeftigung", _("Employment")
    CULTURE = "kultur", _("Culture")
    SPORT = "sport", _("Sport")
    PARTICIPATION = "partizipation", _("Political participation")
    VOLUNTEERING = "engagement", _("Civic engagement")
    HEALTH = "gesundheit", _("Health")
    ELDERLY_CARE = "pflege", _("Care of older people")


class EducationStage(models.TextChoices):
    """Stages of the education chain (Bildungskette)."""

    EARLY = "fruehe_bildung", _("Early education")
    PRIMARY = "primarstufe", _("Primary level")
    SECONDARY_I = "sek1", _("Lower secondary level")
    SECONDARY_II = "sek2", _("Upper secondary level / vocational college")
    TRANSITION = "uebergang", _("Transition school–work / university")


class FocusTheme(models.TextChoices):
    """The two focus themes every integration concept must cover."""

    EDUCATION = "bildung", _("Integration through education")
    CROSS_CUTTING = "querschnitt", _("Integration as a cross-cutting municipal task")
