"""Slavery and trafficking prevention and risk orders: what makes one sound, breaches, what is due.

Plain Python: no Django. Sources: Modern Slavery Act 2015 Part 2: an STPO on sentencing (s14) or
on application against a relevant offender (ss15-16); its prohibitions last a fixed period of at
least 5 years or until further order (s17(4)); an STRO needs no conviction (s23) and its
prohibitions last at least 2 years or until further order (s24(4)); interim orders have effect
only for a fixed period and end when the main application is decided (s21(7), s28(7)); doing
without reasonable excuse anything an order prohibits is an offence (s30). The Hestia
super-complaint report (seed 002 §12.3): 147 STPOs and 60 STROs from July 2015 to March 2020, and
only 16 forces with a structure for recording and managing orders. DOMAIN.md "The victim's path"
point 10.

An order's ``ends_on`` is the last day it has effect; None means until further order. The Act lets
prohibitions in one order run for different periods (ss17(5), 24(5)) and caps foreign travel
prohibitions at 5 years (ss18(1), 25(1)); here the order's dates are those of its longest-running
prohibition.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lantern.legal.rules import long_date
from lantern.vocabulary import LabelledEnum


class OrderKind(LabelledEnum):
    STPO = "stpo"
    STRO = "stro"
    INTERIM_STPO = "interim_stpo"
    INTERIM_STRO = "interim_stro"

    @property
    def is_interim(self) -> bool:
        return self in (OrderKind.INTERIM_STPO, OrderKind.INTERIM_STRO)

    @property
    def needs_relevant_offender(self) -> bool:
        """Prevention orders are made only against someone convicted, cautioned or found to have done
        the act of a slavery or human trafficking offence (ss14-16); risk orders need no conviction."""
        return self in (OrderKind.STPO, OrderKind.INTERIM_STPO)

    @property
    def minimum_years(self) -> int | None:
        """The shortest fixed period the Act allows, or None for an interim order (any fixed period)."""
        return _MINIMUM_YEARS.get(self)

    @property
    def duration_provision(self) -> str:
        return _DURATION_PROVISIONS[self]

    @property
    def full_name(self) -> str:
        """The order's name as it reads mid-sentence: "slavery and trafficking risk order"."""
        return _FULL_NAMES[self]


class OrderState(LabelledEnum):
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"
    DISCHARGED = "discharged"
    EXPIRED = "expired"


_LABELS: dict[type, dict[str, str]] = {
    OrderKind: {
        OrderKind.STPO.value: "Slavery and trafficking prevention order (MSA 2015 ss14-15)",
        OrderKind.STRO.value: "Slavery and trafficking risk order (MSA 2015 s23)",
        OrderKind.INTERIM_STPO.value: "Interim slavery and trafficking prevention order (MSA 2015 s21)",
        OrderKind.INTERIM_STRO.value: "Interim slavery and trafficking risk order (MSA 2015 s28)",
    },
    OrderState: {
        OrderState.APPLIED.value: "Applied for",
        OrderState.GRANTED.value: "Granted",
        OrderState.REFUSED.value: "Refused",
        OrderState.DISCHARGED.value: "Discharged",
        OrderState.EXPIRED.value: "Expired",
    },
}

_MINIMUM_YEARS = {OrderKind.STPO: 5, OrderKind.STRO: 2}

_FULL_NAMES = {
    OrderKind.STPO: "slavery and trafficking prevention order",
    OrderKind.STRO: "slavery and trafficking risk order",
    OrderKind.INTERIM_STPO: "interim slavery and trafficking prevention order",
    OrderKind.INTERIM_STRO: "interim slavery and trafficking risk order",
}

_DURATION_PROVISIONS = {
    OrderKind.STPO: "s17(4)",
    OrderKind.STRO: "s24(4)",
    OrderKind.INTERIM_STPO: "s21(7)",
    OrderKind.INTERIM_STRO: "s28(7)",
}


def _anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return date(day.year + years, 3, 1)


def earliest_end(kind: OrderKind, starts_on: date) -> date | None:
    """The earliest last day a fixed-period order of this kind may have, or None if any will do.

    A period of at least 5 years beginning on 1 March 2026 runs to 28 February 2031 at the least.
    """
    years = kind.minimum_years
    if years is None:
        return None
    return _anniversary(starts_on, years) - timedelta(days=1)


def order_problems(
    *,
    kind: OrderKind,
    applied_on: date | None,
    granted_on: date | None,
    starts_on: date | None,
    ends_on: date | None,
    review_on: date | None,
    prohibitions: Sequence[str],
    has_conviction: bool,
) -> list[str]:
    """What is wrong with an order as recorded, in words the managing officer can act on.

    ``has_conviction`` is whether the person is a relevant offender (s16): convicted or cautioned
    for, or found to have done the act of, a slavery or human trafficking offence, here or abroad.
    """
    problems: list[str] = []
    if kind.needs_relevant_offender and not has_conviction:
        problems.append(
            "A prevention order needs the person to have been convicted or cautioned for a slavery or human "
            "trafficking offence (MSA 2015 ss14-16): without that, apply for a risk order (s23)."
        )
    if applied_on is not None and granted_on is not None and granted_on < applied_on:
        problems.append(
            f"The order cannot be granted ({long_date(granted_on)}) before it was applied for "
            f"({long_date(applied_on)})."
        )
    if granted_on is None and (starts_on is not None or ends_on is not None):
        problems.append("Enter the date the court made the order: an order takes effect only once granted.")
    if granted_on is not None:
        if starts_on is None:
            problems.append("Enter the date the order takes effect.")
        if not any(prohibition.strip() for prohibition in prohibitions):
            problems.append("Enter each prohibition the court made, as the order words it: a granted order "
                            "has at least one.")
        if review_on is None:
            problems.append("Set a date to review the order, so that managing it shows on a task list.")
        if kind.is_interim and ends_on is None:
            problems.append(
                f"An interim order has effect only for a fixed period (MSA 2015 {kind.duration_provision}): "
                "enter the date it ends."
            )
    if granted_on is not None and starts_on is not None and starts_on < granted_on:
        problems.append(
            f"The order cannot take effect ({long_date(starts_on)}) before the court made it "
            f"({long_date(granted_on)})."
        )
    if starts_on is not None and ends_on is not None:
        earliest = earliest_end(kind, starts_on)
        if ends_on < starts_on:
            problems.append(
                f"The order cannot end ({long_date(ends_on)}) before it takes effect "
                f"({long_date(starts_on)})."
            )
        elif earliest is not None and ends_on < earliest:
            problems.append(
                f"A {kind.full_name} has effect for at least {kind.minimum_years} years or until "
                f"further order (MSA 2015 {kind.duration_provision}): end it on {long_date(earliest)} or "
                "later, or leave the end date blank if it runs until further order."
            )
    if review_on is not None:
        if starts_on is not None and review_on < starts_on:
            problems.append(
                f"The review date ({long_date(review_on)}) must fall while the order is in force: it takes "
                f"effect on {long_date(starts_on)}."
            )
        if ends_on is not None and review_on > ends_on:
            problems.append(
                f"The review date ({long_date(review_on)}) must fall while the order is in force: it ends "
                f"on {long_date(ends_on)}."
            )
    return problems


def breach_problems(
    *, order_state: OrderState, order_starts_on: date | None, order_ends_on: date | None, breach_on: date
) -> list[str]:
    """Why a breach cannot be recorded against this order on that date.

    Only an order the court made can be breached, and only while it had effect: doing anything it
    prohibits without reasonable excuse is an offence (MSA 2015 s30), so a breach is recorded as a
    crime too. A discharged or expired order can still have been breached while it was in force.
    """
    if order_state in (OrderState.APPLIED, OrderState.REFUSED):
        return [f"Only an order the court made can be breached: this one is {order_state.label.lower()}."]
    if order_starts_on is None:
        return ["Enter the date the order took effect before recording a breach of it."]
    if breach_on < order_starts_on:
        return [
            f"The order was not yet in force on {long_date(breach_on)}: it took effect on "
            f"{long_date(order_starts_on)}."
        ]
    if order_ends_on is not None and breach_on > order_ends_on:
        return [
            f"The order was no longer in force on {long_date(breach_on)}: it ended on "
            f"{long_date(order_ends_on)}."
        ]
    return []


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def reviews_due(
    today: date, review_on: date | None, ends_on: date | None, within_days: int = 28
) -> list[str]:
    """What the managing officer must do about one granted order soon, for their task list.

    A review overdue, due today or due within ``within_days``; an order ending within
    ``within_days`` (time to decide on renewal, MSA 2015 ss20, 27) or already past its end date.
    """
    due: list[str] = []
    if review_on is not None:
        until_review = (review_on - today).days
        if until_review < 0:
            due.append(f"Review overdue: it was due on {long_date(review_on)}, {_days(-until_review)} ago.")
        elif until_review == 0:
            due.append("Review due today.")
        elif until_review <= within_days:
            due.append(f"Review due on {long_date(review_on)}, in {_days(until_review)}.")
    if ends_on is not None:
        until_end = (ends_on - today).days
        if until_end < 0:
            due.append(
                f"The order ended on {long_date(ends_on)}: record it as expired, or record its renewal."
            )
        elif until_end <= within_days:
            when = "today" if until_end == 0 else f"on {long_date(ends_on)}, in {_days(until_end)}"
            due.append(f"The order ends {when}: decide whether to apply to renew it.")
    return due
