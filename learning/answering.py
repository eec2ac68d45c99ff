"""Answering a survey through an agency's link: no account, nothing that identifies who answered,
and no automated posting. The rate limit also guards the other page answered without an account, a
training attendee's evaluation link (views/training_figures.py: `over_limit` and `count_answer`
with the booking as the link).

- Anonymous: a response keeps the agency of the link and the day only (no user, no address, no
  time of day). The rate limit below counts in the cache under a keyed hash of the address, for a
  few minutes, never in the database.
- Rate-limited (Django's cache): at most SURVEY_RATE_LIMITS["address"] answers from one address and
  SURVEY_RATE_LIMITS["link"] through one link in each window of SURVEY_RATE_WINDOW seconds. Many staff
  share one office address, so the address limit is generous.
- Robots refused without a puzzle: a field hidden from people that robots fill in (the "honeypot"),
  and a signed time the page was shown: answers sent faster than SURVEY_MIN_SECONDS are refused.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Answer, Response

SALT = "learning.answering.started"
DEFAULT_LIMITS = {"address": 60, "link": 300}
TOO_FAST = "Please read the questions before you send your answers, then send them again."
TOO_MANY = "Too many answers have been sent from here just now. Please try again in a few minutes."


def started_token():
    return signing.dumps(time.time(), salt=SALT)


def too_fast(token):
    """True when the page was not shown by us, or was sent sooner than a person could read it."""
    try:
        shown = float(signing.loads(token or "", salt=SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - shown < getattr(settings, "SURVEY_MIN_SECONDS", 3)


def is_robot(form):
    return bool(form.data.get("website")) or too_fast(form.data.get("started"))


def _keys(request, link):
    """The counters: one per address (every page answered without an account shares it), one per
    link (`link`: a survey's SurveyLink, or the Booking of an evaluation link)."""
    address = request.META.get("REMOTE_ADDR", "")
    hashed = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
    return {
        "address": f"survey-rate:a:{hashed[:32]}",
        "link": f"survey-rate:l:{link._meta.model_name}:{link.pk}",
    }


def over_limit(request, link):
    """True when the address or the link has sent its share of answers in this window."""
    limits = {**DEFAULT_LIMITS, **getattr(settings, "SURVEY_RATE_LIMITS", {})}
    counts = cache.get_many(_keys(request, link).values())
    return any(counts.get(key, 0) >= limits[which] for which, key in _keys(request, link).items())


def count_answer(request, link):
    window = getattr(settings, "SURVEY_RATE_WINDOW", 600)
    for key in _keys(request, link).values():
        if cache.add(key, 1, window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)


@transaction.atomic
def record(link, answers):
    """Store one anonymous response through `link`: `answers` are (question, option ids, text)."""
    response = Response.objects.create(
        survey=link.survey, agency=link.agency, submitted=timezone.localdate()
    )
    rows = []
    for question, option_ids, text in answers:
        if text:
            rows.append(Answer(response=response, question=question, text=text))
        rows += [Answer(response=response, question=question, option_id=o) for o in option_ids]
    Answer.objects.bulk_create(rows)
    return response
