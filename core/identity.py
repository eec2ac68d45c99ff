"""Free text that would identify a child or a family member: refused on the way in.

The check is for the obvious slips (initials after "Child", a title and a surname, a date of birth),
not a guarantee: forms that take free text also say plainly not to write names (`WARNING`)."""

import re

WARNING = (
    "Never write a child's or family member's name, initials, date of birth, address or school, or "
    "anything else that could identify them. Say “a 14 year old girl”, or use the published "
    "reference, such as “Child N”."
)

PERSON = (
    r"child|baby|infant|young person|boy|girl|mother|father|mum|dad|parent|carer|brother|sister|"
    r"sibling|son|daughter|adult|man|woman|client|pupil|student|family|case|yp"
)
# Capitals after a word for a person that are a service's or a plan's abbreviation, not initials.
ABBREVIATIONS = {
    "ADHD", "ASD", "CAMHS", "CIN", "CLA", "CP", "CPP", "CSE", "DA", "EH", "EHCP", "EHM", "GP", "LAC",
    "MASH", "MFH", "NFA", "PLO", "SEN", "SEND", "SW", "YOS", "UK", "NHS", "ICPC", "RHI",
}  # fmt: skip

INITIALS_AFTER_PERSON = re.compile(rf"\b(?i:{PERSON})\s+([A-Z]{{2,3}})\b")
DOTTED_INITIALS = re.compile(r"(?<![\w.])([A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?)(?![\w.])")
TITLE_AND_NAME = re.compile(r"\b((?:Mr|Mrs|Ms|Miss|Master)\.?\s+[A-Z][a-z'’-]+)")
NAMED = re.compile(rf"\b((?i:{PERSON})\s+(?:named|called)\s+[A-Z][a-z'’-]+)")
BIRTH_DATE = re.compile(r"\b((?i:d\.?o\.?b\.?|date of birth|born on))(?!\w)")


def identifying(text):
    """What in `text` reads as identifying someone: [(the words, why)], empty when nothing does."""
    found = []
    for match in INITIALS_AFTER_PERSON.finditer(text):
        if match.group(1) not in ABBREVIATIONS:
            found.append((match.group(0), f"“{match.group(1)}” could be someone’s initials"))
    for match in DOTTED_INITIALS.finditer(text):
        if re.sub(r"[.\s]", "", match.group(1)) not in ABBREVIATIONS:
            found.append((match.group(1), "these could be someone’s initials"))
    for match in TITLE_AND_NAME.finditer(text):
        found.append((match.group(1), "this reads as someone’s name"))
    for match in NAMED.finditer(text):
        found.append((match.group(1), "this reads as someone’s name"))
    for match in BIRTH_DATE.finditer(text):
        found.append((match.group(1), "a date of birth identifies someone"))
    return found


def identity_problem(text):
    """One error message for what in `text` could identify someone, or None."""
    found = identifying(text)
    if not found:
        return None
    words, why = found[0]
    return (
        f"Remove “{words}”: {why}. Describe the person instead, such as “a 14 year old girl”, or "
        "use the published reference, such as “Child N”"
    )
