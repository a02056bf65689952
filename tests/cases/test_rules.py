"""The investigation lifecycle, closure guards and who is a child, as plain Python."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lantern.cases.rules import (
    MOVES,
    ClosureFacts,
    IdentifierKind,
    Status,
    VictimFacts,
    age_on,
    closure_blockers,
    identifier_problem,
    is_child,
    move_problem,
    normalise_identifier,
    person_problems,
    waiting_days,
)

TODAY = date(2026, 11, 24)


def test_the_lifecycle_moves_forward_step_by_step() -> None:
    assert move_problem(Status.RECORDED, Status.TRIAGED) is None
    assert move_problem(Status.TRIAGED, Status.ALLOCATED) is None
    assert move_problem(Status.ALLOCATED, Status.UNDER_INVESTIGATION) is None
    assert move_problem(Status.UNDER_INVESTIGATION, Status.CLOSED) is None
    assert move_problem(Status.UNDER_INVESTIGATION, Status.WITH_JUSTICE) is None
    assert move_problem(Status.RECORDED, Status.CLOSED) == (
        "An investigation that is recorded cannot become closed; next it can be: triaged.")
    assert move_problem(Status.CLOSED, Status.TRIAGED) == "A closed investigation cannot change status."


def test_every_status_is_reachable_from_recorded() -> None:
    seen, frontier = {Status.RECORDED}, [Status.RECORDED]
    while frontier:
        for nxt in MOVES[frontier.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(Status)


def test_closure_is_blocked_by_each_unsafe_thing_with_a_message_to_act_on() -> None:
    facts = ClosureFacts(
        victims=(VictimFacts("Ana", spoken_to=False, told_of_closure=False),
                 VictimFacts("Ben", spoken_to=True, told_of_closure=True)),
        open_lines_of_enquiry=2, supervisor_review_recorded=False)
    assert closure_blockers(facts) == [
        "Ana has not been spoken to: record when they were.",
        "2 lines of enquiry are still open: complete or close each with its result.",
        "No supervisor review is recorded: a supervisor must review the case.",
        "Ana has not been told the case is closing: record when they were.",
    ]
    one_line = ClosureFacts(victims=(), open_lines_of_enquiry=1, supervisor_review_recorded=True)
    assert closure_blockers(one_line) == [
        "1 line of enquiry is still open: complete or close each with its result."]
    ready = ClosureFacts(victims=(VictimFacts("Ana", True, True),), open_lines_of_enquiry=0,
                         supervisor_review_recorded=True)
    assert closure_blockers(ready) == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_a_person_is_a_child_exactly_until_their_18th_birthday(born: date) -> None:
    assert is_child(on=TODAY, date_of_birth=born) == (age_on(born, TODAY) < 18)


def test_birthday_edges() -> None:
    assert age_on(date(2008, 11, 24), TODAY) == 18
    assert age_on(date(2008, 11, 25), TODAY) == 17
    assert not is_child(on=TODAY, date_of_birth=date(2008, 11, 24))
    assert is_child(on=TODAY, date_of_birth=date(2008, 11, 25))
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17


@given(st.integers(min_value=0, max_value=120))
def test_estimated_age_decides_without_a_date_of_birth(age: int) -> None:
    assert is_child(on=TODAY, estimated_age=age) == (age < 18)


def test_disputed_age_with_reason_to_believe_a_child_is_a_child() -> None:
    assert is_child(on=TODAY, estimated_age=25, age_disputed=True, reason_to_believe_child=True)
    assert not is_child(on=TODAY, estimated_age=25, age_disputed=True)
    assert not is_child(on=TODAY)


@given(st.dates(min_value=date(2020, 1, 1), max_value=TODAY), st.integers(0, 400))
def test_waiting_days_count_to_the_move_or_to_today(recorded: date, gap: int) -> None:
    moved = recorded + timedelta(days=gap)
    assert waiting_days(recorded, moved, TODAY) == gap
    assert waiting_days(recorded, None, TODAY) == (TODAY - recorded).days


def test_identifiers_normalise_so_the_same_thing_matches() -> None:
    assert normalise_identifier(IdentifierKind.PHONE, "+44 7700 900123") == "07700900123"
    assert normalise_identifier(IdentifierKind.PHONE, "0044 7700 900123") == "07700900123"
    assert normalise_identifier(IdentifierKind.PHONE, "07700-900-123") == "07700900123"
    assert normalise_identifier(IdentifierKind.PHONE, "+44 (0)7700 900123") == "07700900123"
    assert normalise_identifier(IdentifierKind.VEHICLE, "ab12 cde") == "AB12CDE"
    assert normalise_identifier(IdentifierKind.ADDRESS, "12, High St.  Leeds") == "12 high st leeds"
    assert normalise_identifier(IdentifierKind.EMAIL, " A@Example.COM ") == "a@example.com"
    # Letters of any script and digits are kept; underscores and other marks become spaces.
    assert normalise_identifier(IdentifierKind.ADDRESS, "Flat_3, Rue de l'Église") == "flat 3 rue de l église"
    assert normalise_identifier(IdentifierKind.ADDRESS, "ул. Ленина, д.5") == "ул ленина д 5"
    assert normalise_identifier(IdentifierKind.VEHICLE, "ab_12-çde") == "AB12ÇDE"
    assert identifier_problem(IdentifierKind.PHONE, "12") is not None
    assert identifier_problem(IdentifierKind.EMAIL, "nobody") is not None
    assert identifier_problem(IdentifierKind.ADDRESS, "  ") == "Enter the address."
    assert identifier_problem(IdentifierKind.VEHICLE, "AB12 CDE") is None


def test_person_problems() -> None:
    assert person_problems(today=TODAY, date_of_birth=TODAY + timedelta(days=1), estimated_age=None) == [
        "Date of birth must be today or in the past."]
    assert person_problems(today=TODAY, date_of_birth=date(1890, 1, 1), estimated_age=None) == [
        "Date of birth must be within the last 120 years."]
    assert person_problems(today=TODAY, date_of_birth=None, estimated_age=130) == [
        "Estimated age must be between 0 and 120."]


def test_age_is_uncertain_when_disputed_or_wholly_unknown() -> None:
    from lantern.cases.rules import age_uncertain

    assert age_uncertain(date_of_birth=None, estimated_age=None, age_disputed=False)
    assert age_uncertain(date_of_birth=date(1990, 1, 1), estimated_age=None, age_disputed=True)
    assert not age_uncertain(date_of_birth=None, estimated_age=30, age_disputed=False)
    assert not age_uncertain(date_of_birth=date(1990, 1, 1), estimated_age=None, age_disputed=False)
