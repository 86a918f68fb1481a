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
NAV_ROLES = frozenset({Role.ALLOCATION_MEMBER, Role.CASEWORKER, Role.MANAGER})
