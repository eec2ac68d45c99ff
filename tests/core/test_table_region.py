"""{% table_region %}: a table that may be wider than a small screen scrolls inside a region named
by its caption, which the keyboard can reach; the page itself never scrolls sideways."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError

TABLE = (
    '<table class="govuk-table"><caption class="c">{{ name }}</caption><tr><td>1</td></tr></table>'
)


def render(source, **context):
    return Template(source).render(Context(context))


def test_the_region_is_named_by_the_tables_caption():
    html = render(
        "{% table_region %}" + TABLE + "{% endtable_region %}", name="Actions <b>2017</b>"
    )
    region = re.search(r'<div class="app-table-wrapper" ([^>]*)>', html).group(1)
    assert 'role="region"' in region and 'tabindex="0"' in region
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', region).group(1)
    assert (
        f'<caption id="{labelled_by}" class="c">Actions &lt;b&gt;2017&lt;/b&gt;</caption>' in html
    )
    assert html.endswith("</table></div>")


def test_two_tables_of_a_page_get_different_ids_even_with_the_same_caption():
    table = "{% table_region %}" + TABLE + "{% endtable_region %}"
    html = render(table + table, name="Returns")
    ids = re.findall(r'<caption id="([^"]+)"', html)
    assert len(ids) == 2 and ids[0] != ids[1]
    assert re.findall(r'aria-labelledby="([^"]+)"', html) == ids


def test_a_caption_with_an_id_keeps_it():
    table = TABLE.replace('<caption class="c">', '<caption id="mine" class="c">')
    html = render("{% table_region %}" + table + "{% endtable_region %}", name="x")
    assert 'aria-labelledby="mine"' in html and html.count('id="mine"') == 1


def test_a_table_without_a_caption_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% table_region %}<table><tr><td>1</td></tr></table>{% endtable_region %}")
