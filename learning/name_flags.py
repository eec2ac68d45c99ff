"""Free text that may name someone: the office reads survey comments before quoting them, and each
comment that looks like it holds a name or initials is flagged with why. A flag is a prompt to look,
not a verdict: it errs towards flagging.

The initials test is the one case references use (reviews.forms.LETTERS_LIKE_INITIALS: a word then
two or more capitals, as in "Child AB"), applied to a person-word and the word after it."""

import re

from reviews.forms import LETTERS_LIKE_INITIALS

PERSON_WORDS = (
    "child|children|baby|boy|girl|mum|mother|dad|father|parent|carer|sibling|brother|sister|family|"
    "pupil|student|client|patient|colleague|called|named|young person"
)
PERSON_THEN_WORD = re.compile(rf"\b(?:{PERSON_WORDS})\s+\S+", re.IGNORECASE)
TITLE_AND_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+")
DOTTED_INITIALS = re.compile(r"\b[A-Z]\.\s?[A-Z]\.?(?:\s?[A-Z]\.?)?(?![a-z])")
# Two capitalised words running on, not at the start of a sentence: "spoke to Jane Smith".
FULL_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z'-]+ [A-Z][a-z'-]+")


def name_flags(text):
    """Why `text` may name someone (a list of short reasons; empty when nothing looks like it)."""
    reasons = []
    for match in PERSON_THEN_WORD.finditer(text):
        initials = LETTERS_LIKE_INITIALS.match(match.group(0).rstrip(".,;:!?)"))
        if initials:
            reasons.append(f"“{initials.group(1)}” could be initials")
    reasons += [f"“{m.group(0).strip()}” could be initials" for m in DOTTED_INITIALS.finditer(text)]
    reasons += [f"“{m.group(0)}” could be a name" for m in TITLE_AND_NAME.finditer(text)]
    reasons += [f"“{m.group(0)}” could be a name" for m in FULL_NAME.finditer(text)]
    return list(dict.fromkeys(reasons))
