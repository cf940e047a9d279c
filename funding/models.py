"""The funding app's models, registered under the app label "funding".

The models live in the sub-packages by what they hold: guideline editions (funding.guidelines), the application
(funding.applications), the grant notice and call-offs (funding.grants), the proof of use (funding.proofs) and
the base rates (funding.interest).
"""

from .applications.models import (
    ApplicationItem,
    ApplicationRevision,
    ApplicationState,
    FundingApplication,
    FundingApplicationQuerySet,
    RevisionExtra,
    RevisionPost,
)
from .grants.models import (
    PERSONNEL_ITEM,
    CallOff,
    CallOffPayment,
    CallOffQuerySet,
    CallOffState,
    GrantNotice,
    GrantNoticeQuerySet,
    extra_item_key,
)
from .guidelines.models import ExtraItemRule, FinancingType, Guideline, GuidelineInUseError, KindGroup, PostRule
from .interest.models import BaseRate
from .proofs.models import ProofLine, ProofLineKind, ProofOfUse, ProofOfUseQuerySet, ProofState

__all__ = [
    "PERSONNEL_ITEM",
    "ApplicationItem",
    "ApplicationRevision",
    "ApplicationState",
    "BaseRate",
    "CallOff",
    "CallOffPayment",
    "CallOffQuerySet",
    "CallOffState",
    "ExtraItemRule",
    "FinancingType",
    "FundingApplication",
    "FundingApplicationQuerySet",
    "GrantNotice",
    "GrantNoticeQuerySet",
    "Guideline",
    "GuidelineInUseError",
    "KindGroup",
    "PostRule",
    "ProofLine",
    "ProofLineKind",
    "ProofOfUse",
    "ProofOfUseQuerySet",
    "ProofState",
    "RevisionExtra",
    "RevisionPost",
    "extra_item_key",
]
