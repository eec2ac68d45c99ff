"""A board's kinds and the roles each offers; which roles read everything of a board. Powers follow
from the roles in boards/rules.py and the apps' rules. boards/models.py re-exports these names."""

from django.db import models


class BoardKind(models.TextChoices):
    # "children" is kept as the stored value of the LSCBs recorded before partnerships existed.
    CHILDREN = "children", "Local safeguarding children board (before 2019)"
    PARTNERSHIP = "partnership", "Safeguarding children partnership (Working Together 2023)"
    ADULTS = "adults", "Safeguarding adults board (Care Act 2014)"
    OTHER = "other", "Other strategic board"


class Role(models.TextChoices):
    """A person's role at a board. Their powers follow from it (see boards/rules.py)."""

    OFFICE = "office", "Board office staff"
    # An LSCB's chair: Working Together 2015, chapter 3, says every LSCB "should have an independent
    # chair who can hold all agencies to account" (read 2026-12-06 only as reproduced, adapted to a
    # partnership, at https://hertfordshirescp.trixonline.co.uk/chapter/chairing).
    CHAIR = "chair", "Independent chair"
    MEMBER = "member", "Board member"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    # Safeguarding children partnerships (Working Together 2023): a lead and a delegated
    # safeguarding partner for each of the three statutory safeguarding partners, a partnership
    # chair and independent scrutiny. Checked 2026-12-06, from a secondary source only (the Leeds
    # partnership's page restating Working Together 2023,
    # https://leedsscp.org.uk/the-partnership/annual-report/lscp-executive; the gov.uk text
    # could not be reached): the lead safeguarding partners are the chief executive of the local
    # authority, the chief executive of the integrated care board and the chief officer of police;
    # "each LSP should appoint a delegated safeguarding partner (DSP) for its agency who should
    # be named in the arrangements". The guidance expects one delegate per partner; a board may
    # record more (for a handover, say). The partnership chair and the independent scrutineer
    # were not checked against the guidance.
    LEAD_LA = "lead_la", "Lead safeguarding partner: local authority"
    LEAD_ICB = "lead_icb", "Lead safeguarding partner: integrated care board"
    LEAD_POLICE = "lead_police", "Lead safeguarding partner: chief officer of police"
    DELEGATE_LA = "delegate_la", "Delegated safeguarding partner: local authority"
    DELEGATE_ICB = "delegate_icb", "Delegated safeguarding partner: integrated care board"
    DELEGATE_POLICE = "delegate_police", "Delegated safeguarding partner: chief officer of police"
    PARTNERSHIP_CHAIR = "partnership_chair", "Partnership chair"
    SCRUTINEER = "scrutineer", "Independent scrutineer"
    # Safeguarding adults boards (Care Act 2014, schedule 2, paragraph 1, read 2026-12-06
    # at https://www.legislation.gov.uk/ukpga/2014/23/schedule/2/paragraph/1): the members
    # are the local authority, an integrated care board and the chief officer of police
    # for the area (and any persons regulations specify), with such others as the local
    # authority, having consulted them, considers appropriate; each member appoints a person
    # to represent it (1(4)), and the local authority, having consulted the other members,
    # "must appoint as the chair a person whom the authority considers to have the required
    # skills and experience" (1(3)). The Act does not require the chair to be independent:
    # the Care and support statutory guidance (chapter 14, paragraph 150, as the LGA quotes it,
    # https://www.local.gov.uk/national-network-safeguarding-adults-board-chairs-annual-report-2020-2021)
    # says that, "although it is not a requirement", the local authority should consider appointing
    # an independent chair. The label says "Independent" because that is the usual case (and the
    # demo's); a board whose chair is not independent still gives its chair this role.
    SAB_CHAIR = "sab_chair", "Independent chair of the safeguarding adults board"
    SAB_MEMBER = "sab_member", "Safeguarding adults board member"


class StatutoryPartner(models.TextChoices):
    """The three safeguarding partners of an area (Children Act 2004, section 16E(3), read
    2026-12-06 at https://legislation.gov.uk/ukpga/2004/31/section/16E: the local authority; an
    integrated care board for an area any part of which falls within the local authority area; the
    chief officer of police for a police area any part of which falls within it)."""

    LOCAL_AUTHORITY = "la", "Local authority"
    ICB = "icb", "Integrated care board"
    POLICE = "police", "Chief officer of police"


# The lead and the delegated partners of each safeguarding partner.
PARTNER_ROLES = {
    StatutoryPartner.LOCAL_AUTHORITY: (Role.LEAD_LA, Role.DELEGATE_LA),
    StatutoryPartner.ICB: (Role.LEAD_ICB, Role.DELEGATE_ICB),
    StatutoryPartner.POLICE: (Role.LEAD_POLICE, Role.DELEGATE_POLICE),
}
SAFEGUARDING_PARTNER_ROLES = tuple(role for roles in PARTNER_ROLES.values() for role in roles)

# The roles a board of each kind offers. Office staff and agency leads are at every kind of board.
ROLES_BY_KIND = {
    BoardKind.CHILDREN: (Role.OFFICE, Role.CHAIR, Role.MEMBER, Role.AGENCY_LEAD),
    BoardKind.PARTNERSHIP: (
        Role.OFFICE,
        *SAFEGUARDING_PARTNER_ROLES,
        Role.PARTNERSHIP_CHAIR,
        Role.SCRUTINEER,
        Role.AGENCY_LEAD,
    ),
    BoardKind.ADULTS: (Role.OFFICE, Role.SAB_CHAIR, Role.SAB_MEMBER, Role.AGENCY_LEAD),
    BoardKind.OTHER: (Role.OFFICE, Role.CHAIR, Role.MEMBER, Role.AGENCY_LEAD),
}

# Who reads everything of a board. Others who see the board (agency leads, members of its groups) see
# a case review's action plan only through the actions their groups own.
# The new roles take the powers of the role they correspond to, nothing more:
# - the partnership chair and the SAB's independent chair are what the LSCB's independent chair was;
# - the independent scrutineer reads everything of the board like the independent chair (scrutiny
#   needs it), and adds one power of its own: recording scrutiny findings (boards/rules.py);
# - lead and delegated safeguarding partners are board members, not office staff. They are
#   accountable for the arrangements, but the business unit runs them: office powers would let a
#   police delegate edit every agency's returns, the board's people and its plans. Their one power
#   of their own is answering the scrutiny findings addressed to their partner (boards/rules.py).
BOARD_MEMBER_ROLES = (
    Role.CHAIR,
    Role.MEMBER,
    Role.PARTNERSHIP_CHAIR,
    Role.SCRUTINEER,
    *SAFEGUARDING_PARTNER_ROLES,
    Role.SAB_CHAIR,
    Role.SAB_MEMBER,
)
BOARD_READER_ROLES = (Role.OFFICE, *BOARD_MEMBER_ROLES)

# Changing a board's kind (boards/kind_change.py): the kinds a board may become, and the role each
# role of the old kind becomes at the new one, where the new kind has a role that is the same job
# (the comment above BOARD_MEMBER_ROLES says which). A role not named here is not offered by the new
# kind: its people keep it, and the change lists them for the office to give them a role of the new
# kind (a board member of an LSCB may be a lead or delegated partner, or a relevant agency's lead).
KIND_CHANGES = {BoardKind.CHILDREN: (BoardKind.PARTNERSHIP,)}
ROLE_IN_NEW_KIND = {
    BoardKind.PARTNERSHIP: {Role.CHAIR: Role.PARTNERSHIP_CHAIR},
    BoardKind.ADULTS: {Role.CHAIR: Role.SAB_CHAIR, Role.MEMBER: Role.SAB_MEMBER},
}
