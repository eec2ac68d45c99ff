"""An agency's Section 11 submission: started, answered standard by standard and submitted by the
agency's lead; reviewed and moderated by the board's office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.access import require_perm
from core.versioning import saved

from ..forms import ModerationForm, ReviewForm, StandardForm, SubmitForm
from ..models import COUNTED, Answer, AuditCycle, Submission
from ..submitting import missing_answers, progress, review, start, submit


@login_required
@require_POST
def submission_start(request, pk):
    cycle = get_object_or_404(AuditCycle.objects.visible_to(request.user), pk=pk)
    require_perm(request.user, "audits.start_submission", cycle)
    return redirect(start(cycle, request.user.agency, request.user))


def visible_submission(request, pk):
    submissions = Submission.objects.visible_to(request.user).select_related(
        "cycle__framework", "cycle__plan", "agency"
    )
    return get_object_or_404(submissions, pk=pk)


@login_required
def submission_detail(request, pk):
    """The task list: one standard per task, with how far each has got."""
    submission = visible_submission(request, pk)
    tasks = progress(submission)
    can_edit = request.user.has_perm("audits.edit_submission", submission)
    answers = {}
    if not can_edit:
        for answer in submission.answers.select_related("action"):
            answers[answer.criterion_id] = answer
    return render(
        request,
        "audits/submission_detail.html",
        {
            "submission": submission,
            "tasks": tasks,
            "complete": sum(1 for _, done, total in tasks if done == total),
            "can_edit": can_edit,
            "can_review": request.user.has_perm("audits.review_submission", submission),
            "can_moderate": request.user.has_perm("audits.moderate_submission", submission),
            "answers": answers,
        },
    )


@login_required
def submission_standard(request, pk, number):
    submission = visible_submission(request, pk)
    require_perm(request.user, "audits.edit_submission", submission)
    standard = (
        submission.cycle.framework.standards.filter(number=number)
        .prefetch_related("criteria")
        .first()
    )
    if standard is None:
        raise Http404
    answers = {a.criterion_id: a for a in submission.answers.filter(criterion__standard=standard)}
    previous = last_years_answers(submission, standard)
    form = StandardForm(
        request.POST or None,
        standard=standard,
        answers=answers,
        previous=previous,
        submission=submission,
    )
    if form.is_valid() and saved(form, lambda form: form.save(submission, request.user)):
        messages.success(request, f"Standard {standard.number} saved")
        return redirect(submission)
    return render(
        request,
        "audits/standard.html",
        {"submission": submission, "standard": standard, "form": form},
    )


def last_years_answers(submission, standard):
    """{criterion pk: last cycle's submitted answer} for this standard's criteria; a criterion of a new
    framework version finds the answer to the criterion it replaces."""
    if not submission.cycle.previous_id:
        return {}
    criteria = list(standard.criteria.prefetch_related("replaces"))
    earlier = {old.pk: criterion.pk for criterion in criteria for old in criterion.replaces.all()}
    earlier.update({criterion.pk: criterion.pk for criterion in criteria})
    answers = Answer.objects.filter(
        submission__cycle=submission.cycle.previous_id,
        submission__agency=submission.agency,
        submission__status__in=COUNTED,
        criterion__in=earlier,
    ).select_related("submission__cycle")
    return {earlier[answer.criterion_id]: answer for answer in answers}


@login_required
def submission_submit(request, pk):
    submission = visible_submission(request, pk)
    require_perm(request.user, "audits.edit_submission", submission)
    form = SubmitForm(
        request.POST or None,
        missing=missing_answers(submission) if request.method == "POST" else [],
    )
    if form.is_valid():
        data = form.cleaned_data
        submit(
            submission,
            user=request.user,
            name=data["signed_off_name"],
            role=data["signed_off_role"],
        )
        messages.success(request, f"{submission.agency.name}'s self-assessment is submitted")
        return redirect(submission)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Sign off and submit",
            "caption": f"{submission.agency.name} – {submission.cycle.name}",
            "back_url": submission.get_absolute_url(),
            "intro": "Your agency's senior lead must confirm the self-assessment before it is submitted. "
            "Once submitted, only the board office can return it to you for changes.",
        },
    )


@login_required
def submission_review(request, pk):
    submission = visible_submission(request, pk)
    require_perm(request.user, "audits.review_submission", submission)
    form = ReviewForm(request.POST or None)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == ReviewForm.ACCEPT
        review(submission, user=request.user, accept=accept, comment=form.cleaned_data["comment"])
        messages.success(
            request,
            f"{submission.agency.name}'s return {'accepted' if accept else 'returned for changes'}",
        )
        return redirect(submission)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Accept or return",
            "caption": f"{submission.agency.name} – {submission.cycle.name}",
            "back_url": submission.get_absolute_url(),
        },
    )


@login_required
def submission_moderate(request, pk):
    submission = visible_submission(request, pk)
    require_perm(request.user, "audits.moderate_submission", submission)
    answers = list(
        submission.answers.select_related("criterion__standard").order_by(
            "criterion__standard__number", "criterion__number"
        )
    )
    form = ModerationForm(request.POST or None, answers=answers)
    if form.is_valid() and saved(form, lambda form: form.save(request.user)):
        messages.success(request, f"Moderated ratings of {submission.agency.name} saved")
        return redirect(submission)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Moderate the ratings",
            "caption": f"{submission.agency.name} – {submission.cycle.name}",
            "back_url": submission.get_absolute_url(),
            "intro": "Record the rating agreed at the challenge event beside each self-rating. "
            "The compliance report shows both, and the gap per standard.",
        },
    )
