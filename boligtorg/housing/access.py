"""Who may read and change the dwelling register.

- The housing office (caseworkers) and the allocation meeting keep the register:
  they register dwellings, let them and end leases, so they read and write.
- Managers read it for oversight, auditors for control; neither writes.
The register holds no special-category data, so reads are not audited one by one;
exports are (``AuditAction.EXPORT``).
"""

from boligtorg.core.models import Role

READ_ROLES = (Role.CASEWORKER, Role.ALLOCATION_MEMBER, Role.MANAGER, Role.AUDITOR)
WRITE_ROLES = (Role.CASEWORKER, Role.ALLOCATION_MEMBER)
# A dwelling leaves the stock when it is sold: by the housing office, or by the loan
# officer completing a rent-to-own purchase (the tenant buys it with a start loan).
SELL_ROLES = (*WRITE_ROLES, Role.LOAN_OFFICER)
NAV_ROLES = frozenset({Role.ALLOCATION_MEMBER, Role.CASEWORKER, Role.MANAGER})
