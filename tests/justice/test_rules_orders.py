"""Prevention and risk orders: sound records, durations, breaches and the managing officer's list."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.justice.rules.orders import (
    OrderKind,
    OrderState,
    breach_problems,
    earliest_end,
    order_problems,
    reviews_due,
)

APPLIED = date(2026, 2, 2)
GRANTED = date(2026, 3, 2)
STARTS = date(2026, 3, 2)
SOUND_STPO = {
    "kind": OrderKind.STPO,
    "applied_on": APPLIED,
    "granted_on": GRANTED,
    "starts_on": STARTS,
    "ends_on": date(2031, 3, 1),
    "review_on": date(2026, 9, 2),
    "prohibitions": ["Not to act as a gangmaster or supply labour to any business"],
    "has_conviction": True,
}
INTERIM = {"ends_on": date(2026, 4, 2), "review_on": date(2026, 3, 16)}
DAYS = st.dates(min_value=date(2015, 7, 31), max_value=date(2060, 12, 31))


def problems(**changes: object) -> list[str]:
    return order_problems(**{**SOUND_STPO, **changes})


def test_kinds_say_what_the_act_says() -> None:
    assert [k for k in OrderKind if k.is_interim] == [OrderKind.INTERIM_STPO, OrderKind.INTERIM_STRO]
    assert [k for k in OrderKind if k.needs_relevant_offender] == [OrderKind.STPO, OrderKind.INTERIM_STPO]
    assert [k.minimum_years for k in OrderKind] == [5, 2, None, None]
    assert [k.duration_provision for k in OrderKind] == ["s17(4)", "s24(4)", "s21(7)", "s28(7)"]
    assert OrderKind.STRO.full_name == "slavery and trafficking risk order"
    assert OrderKind.STRO.label == "Slavery and trafficking risk order (MSA 2015 s23)"
    assert [v for v, _ in OrderState.choices()] == ["applied", "granted", "refused", "discharged", "expired"]
    assert dict(OrderKind.choices())["interim_stpo"].startswith("Interim slavery and trafficking prevention")


def test_a_sound_order_has_no_problems() -> None:
    assert problems() == []
    assert problems(ends_on=None) == []  # until further order
    assert problems(kind=OrderKind.STRO, has_conviction=False, ends_on=date(2028, 3, 1)) == []
    assert problems(kind=OrderKind.INTERIM_STRO, has_conviction=False, **INTERIM) == []


def test_an_application_alone_has_no_problems() -> None:
    assert problems(granted_on=None, starts_on=None, ends_on=None, review_on=None, prohibitions=[]) == []
    assert problems(applied_on=None) == []  # made on sentencing, with no application (s14)


@pytest.mark.parametrize("kind", [OrderKind.STPO, OrderKind.INTERIM_STPO])
def test_a_prevention_order_needs_a_relevant_offender(kind: OrderKind) -> None:
    dates = INTERIM if kind.is_interim else {}
    assert problems(kind=kind, has_conviction=False, **dates) == [
        "A prevention order needs the person to have been convicted or cautioned for a slavery or human "
        "trafficking offence (MSA 2015 ss14-16): without that, apply for a risk order (s23)."
    ]


def test_an_order_is_granted_after_it_is_applied_for_and_takes_effect_after_it_is_granted() -> None:
    assert problems(applied_on=date(2026, 3, 3)) == [
        "The order cannot be granted (2 March 2026) before it was applied for (3 March 2026)."
    ]
    assert problems(starts_on=date(2026, 3, 1), review_on=date(2026, 3, 1)) == [
        "The order cannot take effect (1 March 2026) before the court made it (2 March 2026)."
    ]


def test_dates_in_force_need_a_grant() -> None:
    assert problems(granted_on=None, review_on=None) == [
        "Enter the date the court made the order: an order takes effect only once granted."
    ]


def test_a_granted_order_needs_its_start_its_prohibitions_and_a_review_date() -> None:
    assert problems(starts_on=None, review_on=None, prohibitions=["  "], ends_on=None) == [
        "Enter the date the order takes effect.",
        "Enter each prohibition the court made, as the order words it: a granted order has at least one.",
        "Set a date to review the order, so that managing it shows on a task list.",
    ]


@pytest.mark.parametrize(
    ("kind", "provision"), [(OrderKind.INTERIM_STPO, "s21(7)"), (OrderKind.INTERIM_STRO, "s28(7)")]
)
def test_an_interim_order_has_an_end_date(kind: OrderKind, provision: str) -> None:
    assert problems(kind=kind, ends_on=None) == [
        f"An interim order has effect only for a fixed period (MSA 2015 {provision}): enter the date it ends."
    ]


def test_an_order_does_not_end_before_it_starts() -> None:
    assert problems(ends_on=date(2026, 3, 1), review_on=None) == [
        "Set a date to review the order, so that managing it shows on a task list.",
        "The order cannot end (1 March 2026) before it takes effect (2 March 2026).",
    ]


def test_a_prevention_order_lasts_at_least_five_years() -> None:
    assert problems(ends_on=date(2031, 2, 28), review_on=date(2027, 1, 1)) == [
        "A slavery and trafficking prevention order has effect for at least 5 years or until further order "
        "(MSA 2015 s17(4)): end it on 1 March 2031 or later, or leave the end date blank if it runs until "
        "further order."
    ]


def test_a_risk_order_lasts_at_least_two_years() -> None:
    assert problems(kind=OrderKind.STRO, ends_on=date(2028, 2, 29), review_on=date(2027, 1, 1)) == [
        "A slavery and trafficking risk order has effect for at least 2 years or until further order "
        "(MSA 2015 s24(4)): end it on 1 March 2028 or later, or leave the end date blank if it runs until "
        "further order."
    ]


def test_the_earliest_end_is_the_day_before_the_anniversary() -> None:
    assert earliest_end(OrderKind.STPO, date(2026, 3, 1)) == date(2031, 2, 28)
    assert earliest_end(OrderKind.STRO, date(2028, 2, 29)) == date(2030, 2, 28)
    assert earliest_end(OrderKind.STPO, date(2028, 2, 29)) == date(2033, 2, 28)
    assert earliest_end(OrderKind.INTERIM_STPO, date(2026, 3, 1)) is None


@given(DAYS, st.sampled_from([OrderKind.STPO, OrderKind.STRO]))
def test_the_minimum_period_is_met_exactly_at_the_earliest_end(starts: date, kind: OrderKind) -> None:
    earliest = earliest_end(kind, starts)
    assert earliest is not None
    years = kind.minimum_years or 0
    assert 365 * years - 1 <= (earliest - starts).days <= 366 * years
    sound = {**SOUND_STPO, "kind": kind, "applied_on": starts, "granted_on": starts, "starts_on": starts,
             "review_on": starts}
    assert order_problems(**{**sound, "ends_on": earliest}) == []
    short = order_problems(**{**sound, "ends_on": earliest - timedelta(days=1)})
    assert len(short) == 1 and f"at least {years} years" in short[0]


def test_the_review_falls_while_the_order_is_in_force() -> None:
    assert problems(review_on=date(2026, 3, 1)) == [
        "The review date (1 March 2026) must fall while the order is in force: it takes effect on "
        "2 March 2026."
    ]
    assert problems(review_on=date(2031, 3, 2)) == [
        "The review date (2 March 2031) must fall while the order is in force: it ends on 1 March 2031."
    ]
    assert problems(review_on=date(2031, 3, 1)) == []
    assert problems(review_on=date(2040, 1, 1), ends_on=None) == []


@pytest.mark.parametrize("state", [OrderState.APPLIED, OrderState.REFUSED])
def test_only_an_order_the_court_made_can_be_breached(state: OrderState) -> None:
    found = breach_problems(order_state=state, order_starts_on=STARTS, order_ends_on=None, breach_on=STARTS)
    assert found == [f"Only an order the court made can be breached: this one is {state.label.lower()}."]


def test_a_breach_needs_the_orders_start() -> None:
    assert breach_problems(
        order_state=OrderState.GRANTED, order_starts_on=None, order_ends_on=None, breach_on=STARTS
    ) == ["Enter the date the order took effect before recording a breach of it."]


def test_a_breach_is_only_of_an_order_in_force_that_day() -> None:
    granted = {"order_state": OrderState.GRANTED, "order_starts_on": STARTS,
               "order_ends_on": date(2031, 3, 1)}
    assert breach_problems(**granted, breach_on=date(2026, 3, 1)) == [
        "The order was not yet in force on 1 March 2026: it took effect on 2 March 2026."
    ]
    assert breach_problems(**granted, breach_on=date(2031, 3, 2)) == [
        "The order was no longer in force on 2 March 2031: it ended on 1 March 2031."
    ]
    assert breach_problems(**granted, breach_on=STARTS) == []
    assert breach_problems(**granted, breach_on=date(2031, 3, 1)) == []


@given(st.sampled_from([OrderState.GRANTED, OrderState.DISCHARGED, OrderState.EXPIRED]), DAYS, DAYS,
       st.one_of(st.none(), DAYS))
def test_a_made_order_can_be_breached_exactly_while_it_had_effect(
    state: OrderState, starts: date, breach: date, ends: date | None
) -> None:
    found = breach_problems(order_state=state, order_starts_on=starts, order_ends_on=ends, breach_on=breach)
    in_force = starts <= breach and (ends is None or breach <= ends)
    assert (found == []) is in_force


TODAY = date(2026, 11, 24)


def test_reviews_overdue_due_and_coming_up() -> None:
    assert reviews_due(TODAY, date(2026, 11, 23), None) == [
        "Review overdue: it was due on 23 November 2026, 1 day ago."
    ]
    assert reviews_due(TODAY, date(2026, 11, 10), None) == [
        "Review overdue: it was due on 10 November 2026, 14 days ago."
    ]
    assert reviews_due(TODAY, TODAY, None) == ["Review due today."]
    assert reviews_due(TODAY, date(2026, 12, 22), None) == ["Review due on 22 December 2026, in 28 days."]
    assert reviews_due(TODAY, date(2026, 11, 25), None) == ["Review due on 25 November 2026, in 1 day."]
    assert reviews_due(TODAY, date(2026, 12, 23), None) == []
    assert reviews_due(TODAY, date(2026, 12, 23), None, within_days=60) == [
        "Review due on 23 December 2026, in 29 days."
    ]
    assert reviews_due(TODAY, None, None) == []


def test_an_order_ending_soon_or_past_its_end() -> None:
    assert reviews_due(TODAY, None, date(2026, 12, 1)) == [
        "The order ends on 1 December 2026, in 7 days: decide whether to apply to renew it."
    ]
    assert reviews_due(TODAY, None, TODAY) == ["The order ends today: decide whether to apply to renew it."]
    assert reviews_due(TODAY, None, date(2026, 11, 20)) == [
        "The order ended on 20 November 2026: record it as expired, or record its renewal."
    ]
    assert reviews_due(TODAY, None, date(2027, 1, 1)) == []


def test_a_review_and_an_ending_both_show() -> None:
    assert reviews_due(TODAY, TODAY, date(2026, 12, 1)) == [
        "Review due today.",
        "The order ends on 1 December 2026, in 7 days: decide whether to apply to renew it.",
    ]
