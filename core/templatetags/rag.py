from django import template

from core.rag import TAG_CLASSES, Rag

register = template.Library()


@register.inclusion_tag("_rag_tag.html")
def rag_tag(value):
    """{% rag_tag action.rag %}: the RAG as a coloured tag with its word."""
    rag = Rag(value or "")
    return {"label": rag.label, "css": TAG_CLASSES[rag]}
