"""Text that XML 1.0 can hold: every spreadsheet (.xlsx) and PDF is XML inside, and one control
character in a cell makes openpyxl refuse the whole workbook. Tabs, newlines and carriage returns are
fine. Input is refused (`control_character_problem`, used by every form through GdsFormMixin and by the
imports); output is repaired (`printable`), for text stored before the check or loaded another way."""

import re

# C0 controls but tab, newline and carriage return; U+FFFE and U+FFFF; lone surrogates.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def control_character_problem(text, where):
    """ "Remove the control character from <where> (U+000B)" for text holding one, else None."""
    match = CONTROL_CHARACTERS.search(text)
    if match is None:
        return None
    return (
        f"Remove the control character from {where} (U+{ord(match.group()):04X}): it is invisible, "
        "and cannot be saved"
    )


def printable(text):
    """`text` without the characters XML cannot hold."""
    return CONTROL_CHARACTERS.sub("", text)
