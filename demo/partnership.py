"""`loaddemo --partnership`: the Cumbria board becomes a safeguarding children partnership from 29
September 2019 (the date by which every area had to have moved to the new arrangements), as LSCBs did
that year, through the same step the office takes on the board's page (boards/kind_change.py). Its
2016-17 and 2017-18 reports keep the LSCB's kind and outline; the independent chair becomes the
partnership chair; board members are listed for the office to reassign."""

import datetime

from boards import kind_change
from boards.models import BoardKind

SWITCH_DAY = datetime.date(2019, 9, 29)


def switch(board, office, stdout):
    if BoardKind.PARTNERSHIP not in kind_change.can_change(board):
        return  # already switched: loading again changes nothing
    change = kind_change.plan(board, BoardKind.PARTNERSHIP, SWITCH_DAY)
    kind_change.apply(change, office)
    stdout.write(
        f"{board.name}: a safeguarding children partnership from {SWITCH_DAY:%-d %B %Y}; "
        f"{len(change.to_reassign)} roles to reassign"
    )
