"""The one way a view performs a workflow step (kiz.workflow) and turns a refusal into an answer for the user.

A step the user may not make at all (not in the table, not for their role) is a 403, for a POST as for a GET.
A step that is possible but blocked now (a guard's reasons, a missing comment, a stale state) is no error of
the request: the reasons go into the form as errors above it, or, where the view has no form to show again,
into the messages, and the view shows the page again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .workflow import TransitionBlocked, TransitionNotAllowed


def perform_step(request, step, *, form=None, success: str = "") -> bool:
    """Run `step()` (a service call that moves an object); True when the move went through.

    `success` is shown as a message after the move; it may be a callable, asked after the move, so that it can
    name the new state. On a blocked move the reasons become the form's non-field errors (with one message
    that says the step was not made) or, without a form, one message each; the caller renders or redirects.
    """
    try:
        step()
    except TransitionNotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except TransitionBlocked as exc:
        if form is not None:
            for reason in exc.reasons:
                form.add_error(None, reason)
            messages.error(request, _("The step has not been made; the reasons are shown with the form."))
        else:
            for reason in exc.reasons:
                messages.error(request, reason)
        return False
    text = success() if callable(success) else success
    if text:
        messages.success(request, text)
    return True


def step_move(request, obj, to_state: str, *, workflow):
    """The move of `obj` to `to_state` that the user may make now, for the confirmation page of a step.

    After a step has been made, the browser's back button returns to that page while the object has moved on: that
    is no refusal of the role. The user gets a note with the current state and None (the view then redirects to
    the object). Only a step the user may not make from any state is a 403.
    """
    state = getattr(obj, workflow.field)
    possible = [move for move in workflow.moves if move.target == to_state and move.may(request.user, obj)]
    move = next((move for move in possible if move.source == state), None)
    if move is not None:
        return move
    if not possible:
        raise PermissionDenied
    current = getattr(obj, f"get_{workflow.field}_display")()
    messages.info(request, _("This step is no longer possible; the current state is: %(state)s.") % {"state": current})
    return None
