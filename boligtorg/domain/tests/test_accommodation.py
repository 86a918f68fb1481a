"""Hand-worked examples of the temporary accommodation rules."""

import datetime

from boligtorg.domain.accommodation import (
    AgreementPeriod,
    Limit,
    children_allowed,
    covering_agreement,
    nights,
    nights_left,
    over_limit,
)

D = datetime.date
TRONDHEIM = Limit(nights=90, nights_with_children=0)


def test_an_agreement_running_from_before_the_stay_covers_an_open_stay():
    agreement = AgreementPeriod(D(2026, 1, 1), None, False)
    assert covering_agreement([agreement], D(2026, 3, 1), None) == agreement


def test_an_agreement_ending_during_the_stay_does_not_cover_it():
    agreement = AgreementPeriod(D(2026, 1, 1), D(2026, 3, 31), False)
    assert covering_agreement([agreement], D(2026, 3, 1), D(2026, 4, 2)) is None


def test_an_agreement_ending_on_the_last_day_covers_the_stay():
    agreement = AgreementPeriod(D(2026, 1, 1), D(2026, 3, 31), False)
    assert covering_agreement([agreement], D(2026, 3, 1), D(2026, 3, 31)) == agreement


def test_an_open_stay_is_not_covered_by_an_agreement_with_an_end():
    agreement = AgreementPeriod(D(2026, 1, 1), D(2026, 12, 31), False)
    assert covering_agreement([agreement], D(2026, 3, 1), None) is None


def test_an_agreement_starting_after_the_first_night_does_not_cover_the_stay():
    agreement = AgreementPeriod(D(2026, 3, 2), None, True)
    assert covering_agreement([agreement], D(2026, 3, 1), D(2026, 3, 5)) is None


def test_the_latest_covering_version_is_the_one_in_force():
    old = AgreementPeriod(D(2025, 1, 1), None, False)
    new = AgreementPeriod(D(2026, 1, 1), None, True)
    assert covering_agreement([old, new], D(2026, 2, 1), None) == new


def test_a_family_with_children_is_never_placed_with_a_provider_not_approved_for_children():
    agreement = AgreementPeriod(D(2026, 1, 1), None, approved_for_children=False)
    assert not children_allowed(agreement, with_children=True)
    assert children_allowed(agreement, with_children=False)
    approved = AgreementPeriod(D(2026, 1, 1), None, approved_for_children=True)
    assert children_allowed(approved, with_children=True)


def test_one_to_three_march_is_two_nights():
    assert nights(D(2026, 3, 1), D(2026, 3, 3), today=D(2026, 6, 1)) == 2


def test_an_open_stay_counts_up_to_today():
    # 1 January to 1 April 2026: 31 + 28 + 31 = 90 nights.
    assert nights(D(2026, 1, 1), None, today=D(2026, 4, 1)) == 90


def test_a_stay_not_begun_has_no_nights():
    assert nights(D(2026, 5, 1), None, today=D(2026, 4, 1)) == 0


def test_ninety_nights_is_within_the_limit_of_ninety_and_ninety_one_is_past_it():
    assert not over_limit(90, TRONDHEIM, with_children=False)
    assert over_limit(91, TRONDHEIM, with_children=False)
    assert nights_left(85, TRONDHEIM, with_children=False) == 5


def test_with_a_limit_of_zero_any_night_for_a_family_with_children_is_past_it():
    assert not over_limit(0, TRONDHEIM, with_children=True)
    assert over_limit(1, TRONDHEIM, with_children=True)


def test_with_no_limit_set_nothing_is_past_it():
    assert not over_limit(400, None, with_children=True)
    assert nights_left(400, None, with_children=True) is None


def test_a_stay_across_the_new_year_counts_only_januarys_nights_in_january():
    from boligtorg.domain.accommodation import nights_in_period

    # 28 December to 5 January: 4 nights in December, 4 in January.
    january = (D(2026, 1, 1), D(2026, 1, 31))
    assert nights_in_period(D(2025, 12, 28), D(2026, 1, 5), *january, today=D(2026, 3, 1)) == 4
    december = (D(2025, 12, 1), D(2025, 12, 31))
    assert nights_in_period(D(2025, 12, 28), D(2026, 1, 5), *december, today=D(2026, 3, 1)) == 4


def test_an_open_stay_counts_in_the_period_only_up_to_today():
    from boligtorg.domain.accommodation import nights_in_period

    assert (
        nights_in_period(D(2026, 3, 1), None, D(2026, 3, 1), D(2026, 3, 31), D(2026, 3, 11)) == 10
    )
