"""Tables shared by the financing tests: invented figures standing in for the dated
rows the finance app loads."""

import datetime
from decimal import Decimal

from boligtorg.domain.financing.terms import Product, ProductKind, TermsPolicy

D = Decimal
ZERO = D(0)
DAY = datetime.date(2026, 1, 1)

POLICY = TermsPolicy(
    max_years=30,
    max_years_extended=50,
    max_interest_only_years=8,
    fixed_rate_periods=frozenset({3, 5, 10, 20}),
    due_days=frozenset({1, 12, 20}),
    payments_per_year=frozenset({12, 4}),
)
TRIAL = Product(
    ProductKind.FIRST_TIME_BUYER,
    equity_share=D("0.05"),
    instalment_years=30,
    max_years_with_municipality=10,
)
