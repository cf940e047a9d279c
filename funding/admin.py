"""The funding app's admin: guideline editions (funding.guidelines.admin) and base rates (funding.interest.admin)."""

from .guidelines import admin as guidelines_admin  # noqa: F401
from .interest import admin as interest_admin  # noqa: F401
