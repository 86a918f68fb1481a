"""The finance app's models: the financing case (start loan, establishment grant or
advice) with its economy, eligibility, recommendation and decision, explanation duty
and payouts; the hand-over to the loan servicer, missed instalments and changes
of terms; the dated reference data its rules read; the municipality's start-loan guideline
and its delegated decision authority."""

from .cases import (
    EconomyKind,
    EconomyLine,
    EligibilityAnswer,
    EligibilityQuestion,
    FinancingCase,
    FinancingCounter,
    FinancingPurpose,
    FinancingStatus,
    Product,
)
from .decisions import (
    DecisionOutcome,
    Explanation,
    FinancingDecision,
    LoanMethod,
    Payout,
    RateKind,
)
from .deposit import (
    DepositLoan,
    DepositLoanCounter,
    DepositLoanOutcome,
    DepositLoanStatus,
    DwellingKind,
)
from .guideline import DecisionAuthority, GuidelineUse, StartLoanGuideline
from .reference import FinanceRate, PriceLimit, RateName, ReferenceTable, TableKind
from .rent_to_own import (
    OPEN_RENT_TO_OWN_STATUSES,
    RentBasis,
    RentToOwnAgreement,
    RentToOwnSaving,
    RentToOwnStatus,
)
from .servicer import (
    HandOver,
    HandOverLoan,
    MissedInstalment,
    MissedSource,
    TermsChange,
    TermsChangeKind,
)

__all__ = [
    "OPEN_RENT_TO_OWN_STATUSES",
    "DecisionAuthority",
    "DecisionOutcome",
    "DepositLoan",
    "DepositLoanCounter",
    "DepositLoanOutcome",
    "DepositLoanStatus",
    "DwellingKind",
    "EconomyKind",
    "EconomyLine",
    "EligibilityAnswer",
    "EligibilityQuestion",
    "Explanation",
    "FinanceRate",
    "FinancingCase",
    "FinancingCounter",
    "FinancingDecision",
    "FinancingPurpose",
    "FinancingStatus",
    "GuidelineUse",
    "HandOver",
    "HandOverLoan",
    "LoanMethod",
    "MissedInstalment",
    "MissedSource",
    "Payout",
    "PriceLimit",
    "Product",
    "RateKind",
    "RateName",
    "ReferenceTable",
    "RentBasis",
    "RentToOwnAgreement",
    "RentToOwnSaving",
    "RentToOwnStatus",
    "StartLoanGuideline",
    "TableKind",
    "TermsChange",
    "TermsChangeKind",
]
