"""The finance app's models: the financing case (start loan, establishment grant or
advice) with its economy, eligibility, recommendation and decision, explanation duty
and payouts; and the dated reference data its rules read."""

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
from .reference import FinanceRate, PriceLimit, RateName, ReferenceTable, TableKind

__all__ = [
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
    "LoanMethod",
    "Payout",
    "PriceLimit",
    "Product",
    "RateKind",
    "RateName",
    "ReferenceTable",
    "TableKind",
]
