"""Extract use cases: ordering and issuing, revoking, verifying (one transaction each, audited).

The names below are the interface other apps use (extracts.services.order_extract, verify,
revoke); the modules hold one sub-domain each.
"""

from extracts.services.ordering import (
    EXTRACT_OBJECT,
    ORDER_OBJECT,
    PaymentRequiredError,
    extract_order_issue_paid,
    extract_order_place,
    order_extract,
    verify_url,
)
from extracts.services.revocation import (
    REASON_MAX_LENGTH,
    REVOKERS,
    ExtractAlreadyRevokedError,
    revoke,
)
from extracts.services.verification import (
    Status,
    Verification,
    VerificationThrottledError,
    verify,
)

__all__ = [
    "EXTRACT_OBJECT",
    "ORDER_OBJECT",
    "REASON_MAX_LENGTH",
    "REVOKERS",
    "ExtractAlreadyRevokedError",
    "PaymentRequiredError",
    "Status",
    "Verification",
    "VerificationThrottledError",
    "extract_order_issue_paid",
    "extract_order_place",
    "order_extract",
    "revoke",
    "verify",
    "verify_url",
]
