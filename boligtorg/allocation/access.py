"""Who may do what in the allocation module.

- The allocation meeting (its members) runs meetings, proposals and offers.
- Caseworkers read the waiting list, adjust points and park households of their
  cases, and record a household's answer to an offer.
- Municipality administrators keep the rule sets; managers and auditors read.
"""

from boligtorg.core.models import Role

READ_ROLES = (
    Role.ALLOCATION_MEMBER,
    Role.CASEWORKER,
    Role.MANAGER,
    Role.AUDITOR,
    Role.MUNICIPALITY_ADMIN,
)
MEETING_ROLES = (Role.ALLOCATION_MEMBER,)
LIST_ROLES = (Role.ALLOCATION_MEMBER, Role.CASEWORKER)
OFFER_ROLES = (Role.ALLOCATION_MEMBER, Role.CASEWORKER)
RULE_ROLES = (Role.MUNICIPALITY_ADMIN,)
# A shared house's composition rules: the administrator or the meeting.
HOUSE_RULE_ROLES = (Role.MUNICIPALITY_ADMIN, Role.ALLOCATION_MEMBER)
# The offer figures (``allocation.statistics``) count offers, never persons, and the
# planning statistics show them suppressed: planners read them there too.
STATISTICS_ROLES = (*READ_ROLES, Role.PLANNER)
NAV_ROLES = frozenset(READ_ROLES)
