"""The GOV.UK filter form every long list shares: a search box and selects, sent by GET, so each
filtered list has its own address (a dashboard's count links to it)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django.core.paginator import Paginator


def filter_helper(*fields):
    """A GOV.UK filter form: a search box (the field named `q`), selects, and an Apply button."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.layout = Layout(
        *(Field.text(f, field_width=20) if f == "q" else Field.select(f) for f in fields)
    )
    helper.add_input(Submit("apply", "Apply filters", css_class="govuk-button--secondary"))
    return helper


def filtered_page(request, filterset, per_page):
    """One page of a filtered list, and what its template needs: the filter (`filter`), the page
    (`page_obj`), whether any filter is set (`filtered`), and the query string less the page number
    (`page_query`, for templates/_pagination.html)."""
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter": filterset,
        "page_obj": Paginator(filterset.qs, per_page).get_page(request.GET.get("page")),
        "filtered": bool(query),
        "page_query": query.urlencode(),
    }
