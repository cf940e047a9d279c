"""One transition mechanism for every workflow of every app: a table of moves per model and one service function.

How to use it for another model (e.g. the proof of use):

1. Give the model a `state` CharField with choices and `editable=False` (no form may write it).
2. Describe its moves in a `Workflow` and register it::

       PROOF_WORKFLOW = register(Workflow(model=ProofOfUse, moves=[
           Move("entwurf", "eingereicht", may=lambda user, obj: policy.can_submit(user, obj.municipality),
                label=_("Submit"), guard=lambda obj: ...),
           ...
       ]))

   `may(user, obj)` asks kiz.policy whether the user may make the move; `guard(obj)` returns the reasons
   (strings) that block it, e.g. error findings; `comment_required` forces a comment (a return, a rejection).
3. Call `transition(obj=..., to_state=..., user=..., comment=...)` from the view or a service. It checks the
   table, the role and the guard, writes the state (nowhere else is it written) together with the fields the
   move itself sets (`data`, e.g. the date of adoption), bumps the version of a `Versioned` object so open
   forms become stale, and records a `WorkflowEvent` (who, when, from, to, comment).
   It raises `TransitionNotAllowed` (a move that is not in the table or not for this user) or
   `TransitionBlocked` (the guard or a missing comment), each with a message for the user.
4. `events_for(obj)` gives the timeline; `moves_for(obj, user)` the moves to offer as buttons.

The core imports no other app: each app registers its workflows in its own services module, and the events of
every app live in the one `kiz.models.WorkflowEvent` table (content type and id name the subject).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import WorkflowEvent


class TransitionNotAllowed(PermissionDenied):
    """The move is not in the table, or the user's role may not make it."""


class TransitionBlocked(Exception):
    """The move is allowed in principle but blocked now (findings with errors, a missing comment)."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__("; ".join(str(r) for r in self.reasons))


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    may: Callable  # (user, obj) -> bool, asked of kiz.policy
    label: str = ""
    guard: Callable | None = None  # (obj) -> list of reasons that block the move
    comment_required: bool = False


@dataclass
class Workflow:
    model: type
    moves: list[Move]
    field: str = "state"

    def move(self, source: str, target: str) -> Move | None:
        for move in self.moves:
            if move.source == source and move.target == target:
                return move
        return None

    def targets(self, source: str) -> list[str]:
        return [move.target for move in self.moves if move.source == source]


_WORKFLOWS: dict[type, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _WORKFLOWS[workflow.model] = workflow
    return workflow


def workflow_for(obj) -> Workflow:
    return _WORKFLOWS[type(obj)]


def moves_for(obj, user) -> list[Move]:
    """The moves the user may make from the object's current state (guards are checked only on the move)."""
    workflow = workflow_for(obj)
    state = getattr(obj, workflow.field)
    return [move for move in workflow.moves if move.source == state and move.may(user, obj)]


@transaction.atomic
def transition(*, obj, to_state: str, user, comment: str = "", data: dict | None = None):
    """Move `obj` to `to_state` if the table, the user's role and the guard allow it; record the event.

    `data` holds fields that the move sets together with the state (the date of adoption, of supersession);
    they are saved in the same write, and only if the move goes through.
    """
    workflow = workflow_for(obj)
    model = type(obj)
    versioned = hasattr(obj, "version")
    columns = [workflow.field, "version"] if versioned else [workflow.field]
    stored = model._default_manager.select_for_update().filter(pk=obj.pk).values_list(*columns).first()
    if stored is None:
        raise TransitionNotAllowed(_("The record no longer exists."))
    from_state = stored[0]
    if from_state != getattr(obj, workflow.field):
        raise TransitionBlocked([_("Somebody else has changed the state in the meantime. Please reload the page.")])
    move = workflow.move(from_state, to_state)
    if move is None or not move.may(user, obj):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    reasons = []
    comment = (comment or "").strip()
    if move.comment_required and not comment:
        reasons.append(_("Please give a comment for this step."))
    if move.guard is not None:
        reasons.extend(move.guard(obj))
    if reasons:
        raise TransitionBlocked(reasons)
    setattr(obj, workflow.field, to_state)
    update_fields = [workflow.field]
    for name, value in (data or {}).items():
        setattr(obj, name, value)
        update_fields.append(name)
    if versioned:
        obj.version = stored[1] + 1
        update_fields.append("version")
    obj._change_reason = comment[:100] if comment else None
    obj.save(update_fields=update_fields)
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        from_state=from_state,
        to_state=to_state,
        user=user,
        comment=comment,
    )


def events_for(obj) -> list:
    """The object's workflow events, oldest first, with their users (one query) and state labels."""
    workflow = workflow_for(obj)
    labels = dict(type(obj)._meta.get_field(workflow.field).flatchoices)
    meta = type(obj)._meta
    # Joined by name rather than through the content-type cache, so a page costs the same queries every time.
    events = list(
        WorkflowEvent.objects.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=obj.pk
        ).select_related("user")
    )
    for event in events:
        event.from_label = labels.get(event.from_state, event.from_state)
        event.to_label = labels.get(event.to_state, event.to_state)
    return events
