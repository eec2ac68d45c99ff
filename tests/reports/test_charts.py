"""Charts are drawn for a small screen first: 360 units wide, so their 16-unit text is at least 12 px
on a 320 px phone (290 px of content); labels wrap above their bars and are never cut short."""

import re

from django.urls import reverse

from reports.charts import CHART_WIDTH, LABEL_CHARACTERS, stacked_bars

from ..helpers import page

PHONE_CONTENT = 290  # CSS px of content at 320 px (GOV.UK's 15 px margins)


def test_chart_text_is_at_least_12_px_on_a_phone():
    assert 16 * PHONE_CONTENT / CHART_WIDTH >= 12


def test_long_labels_wrap_above_their_bars_without_being_cut():
    label = "5. Learning and improvement: lessons from reviews shared and acted on"
    bars = stacked_bars([(label, {"R": 2, "G": 3}), ("6. Learning from audits", {"G": 1})])
    first, second = bars
    assert " ".join(text for _, text in first.lines) == label
    assert all(len(text) <= LABEL_CHARACTERS for _, text in first.lines)
    assert len(first.lines) == 2 and len(second.lines) == 1
    assert first.bar_y > first.lines[-1][0] and second.top == first.bottom
    assert first.segments[-1].x + first.segments[-1].width == CHART_WIDTH  # the longest bar


def test_the_dashboards_charts_are_no_wider_than_a_phone_can_read(login_as, demo_board):
    from accounts.models import User

    client = login_as(User.objects.get(email="member@demo.lscb.test"))
    html = page(client, reverse("home"))
    widths = [float(w) for w in re.findall(r'<svg[^>]*viewBox="0 0 ([\d.]+) ', html)]
    assert widths and max(widths) <= CHART_WIDTH
    assert "…" not in "".join(re.findall(r'<text[^>]*class="app-chart__label"[^>]*>([^<]*)<', html))
