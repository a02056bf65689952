"""``insert_rows`` writes exactly the rows ``bulk_create`` writes, with fresh keys, or nothing at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Value
from django.utils import timezone

from lantern.accounts.models import User
from lantern.cases.models import Gender, Identifier, Investigation, Involvement, Person, StatusChange
from lantern.safeguarding.models import Referral
from lantern.synth import bulk
from lantern.synth.fast_insert import insert_rows
from tests import factories

NOW = datetime(2026, 3, 29, 0, 30, 15, 123456, tzinfo=UTC)  # the night the clocks go forward
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auto_now_add`` stamps the same moment for both writers."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def staff(db: None) -> tuple[User, Investigation]:
    owner = factories.user()
    return owner, factories.investigation(owner)


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[type[models.Model]]]:
    calls: list[type[models.Model]] = []
    original = models.QuerySet.bulk_create

    def bulk_create(self: models.QuerySet[Any], objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(self.model)
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(models.QuerySet, "bulk_create", bulk_create)
    yield calls


def _raw(model: type[models.Model], keys: list[int]) -> list[tuple[Any, ...]]:
    """The rows as the database holds them (no ORM conversion back), key left out, in key order."""
    opts = model._meta
    names = [f.column for f in opts.concrete_fields if f is not opts.pk]
    qn = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(qn(n) for n in names)} FROM {qn(opts.db_table)} "
                       f"WHERE {qn(opts.pk.column)} IN ({marks}) ORDER BY {qn(opts.pk.column)}", keys)
        return [tuple(row) for row in cursor.fetchall()]


def _both(model: type[models.Model], make: Callable[[], list[Any]],
          spied: list[type[models.Model]]) -> tuple[list[Any], list[Any]]:
    """The same objects written by ``bulk_create`` (then rolled back) and by ``insert_rows``.

    The rows must be equal column by column, as stored; on SQLite, where the rollback gives the
    keys back, even the keys must be the ones ``bulk_create`` chose.
    """
    before, after = make(), make()
    with transaction.atomic():
        model._default_manager.bulk_create(before)
        expected = _raw(model, [o.pk for o in before])
        transaction.set_rollback(True)
    calls = len(spied)
    with transaction.atomic():
        insert_rows(model, after)
    assert len(spied) == calls
    got = _raw(model, [o.pk for o in after])
    assert len(got) == len(after) > 0
    assert got == expected
    keys = [o.pk for o in after]
    assert len(set(keys)) == len(keys) and keys == sorted(keys)
    if connection.vendor == "sqlite":
        assert keys == [o.pk for o in before]
    else:
        assert min(keys) > max(o.pk for o in before)
    return before, after


def _people(owner: User) -> list[Person]:
    return [
        Person(organisation_id=owner.organisation_id, first_name="Ána", last_name="O'Brien",
               aliases=["Ana", "Анна", 'the "quiet" one'], date_of_birth=date(2001, 2, 28),
               estimated_age=None, age_disputed=True, gender="female", nationality="Albania",
               languages=["Albanian", "Italian"], created_by_id=owner.pk),
        Person(organisation_id=owner.organisation_id, first_name="", last_name="Unknown", aliases=[],
               date_of_birth=None, estimated_age=16, reason_to_believe_child=True, languages=[],
               created_by=owner),
        Person(organisation_id=owner.organisation_id, first_name="Tab\there", last_name="new\nline",
               aliases=[{"said": "nested", "n": 1}], created_by_id=owner.pk, version=3),
        # values that take get_db_prep_save itself: a choice member, a number as text, JSON not a list
        Person(organisation_id=owner.organisation_id, gender=Gender.MALE, estimated_age="17",
               aliases="just text", languages={"first": "Tigrinya"}, created_by_id=str(owner.pk)),
    ]


@pytest.mark.django_db
def test_people_are_written_as_bulk_create_writes_them(staff: tuple[User, Investigation], frozen: None,
                                                       spied: list[type[models.Model]]) -> None:
    owner, _ = staff
    _, after = _both(Person, lambda: _people(owner), spied)
    assert all(not p._state.adding and p._state.db == "default" for p in after)
    assert after[0].created_at == NOW
    stored = Person.objects.get(pk=after[0].pk)
    assert stored.aliases == ["Ana", "Анна", 'the "quiet" one'] and stored.created_at == NOW
    assert stored.date_of_birth == date(2001, 2, 28) and stored.estimated_age is None


@pytest.mark.django_db
def test_identifiers_and_status_changes_are_written_as_bulk_create_writes_them(
        staff: tuple[User, Investigation], frozen: None, spied: list[type[models.Model]]) -> None:
    owner, case = staff
    people = _people(owner)
    with transaction.atomic():
        insert_rows(Person, people)

    def identifiers() -> list[Identifier]:
        phones = [Identifier(person_id=p.pk, kind="phone", value=" 07700 900007 ", normalised="07700900007")
                  for p in people]
        return [*phones, Identifier(person=people[0], kind="email", value="A7@Example.invalid",
                                    normalised="a7@example.invalid")]

    _both(Identifier, identifiers, spied)
    moments = [datetime(2024, 7, 1, 14, 0, tzinfo=LONDON), datetime(2024, 12, 1, 9, 5, 7, 250, tzinfo=UTC)]

    def history() -> list[StatusChange]:
        return [StatusChange(investigation_id=case.pk, from_status="", to_status="recorded",
                             changed_at=moments[0], changed_by_id=owner.pk),
                StatusChange(investigation=case, from_status="recorded", to_status="triaged",
                             changed_at=moments[1], changed_by=owner, note="ok"),
                StatusChange(investigation=case, from_status="triaged", to_status="allocated",
                             changed_at=datetime(2024, 12, 2, 9, 0), changed_by=owner)]  # naive: made aware

    with bulk._dated((StatusChange, "changed_at")), pytest.warns(RuntimeWarning, match="naive datetime"):
        _both(StatusChange, history, spied)
    planned = StatusChange.objects.filter(to_status="triaged").order_by("-pk").first()
    assert planned is not None and planned.changed_at == moments[1]  # _dated: the planned moment stands


def _referrals(owner: User, involvement: Involvement) -> list[Referral]:
    common: dict[str, Any] = {"organisation_id": owner.organisation_id, "involvement": involvement,
                              "age_answer": "no", "created_by_id": owner.pk}
    return [
        Referral(route="nrm-referral", state="submitted", consent_given=True, nrm_explained=True,
                 exploitation_types=["labour", "sexual"], uk_cities=["Leeds"], first_name="Ana",
                 date_of_birth=date(1990, 1, 1), exploitation_start=date(2024, 1, 1),
                 created_at=datetime(2024, 7, 1, 13, 0, tzinfo=LONDON),
                 submitted_at=datetime(2024, 7, 1, 16, 0, tzinfo=LONDON), submitted_by_id=owner.pk,
                 **common),
        Referral(route="duty-to-notify", state="submitted", consent_given=False,
                 refusal_reason="Afraid of reprisals.", still_in_exploitative_situation=None,
                 created_at=datetime(2019, 1, 31, 23, 59, 59, 999999, tzinfo=UTC), submitted_at=None,
                 submitted_by=None, **common),
    ]


@pytest.mark.django_db
def test_referrals_with_moments_and_instances_are_written_as_bulk_create_writes_them(
        staff: tuple[User, Investigation], frozen: None, spied: list[type[models.Model]]) -> None:
    owner, case = staff
    involvement = factories.victim(owner, case)
    with bulk._dated((Referral, "created_at")):
        _, after = _both(Referral, lambda: _referrals(owner, involvement), spied)
    assert all(r.involvement_id == involvement.pk for r in after)
    assert Referral.objects.get(pk=after[0].pk).created_at == datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    _, stamped = _both(Referral, lambda: _referrals(owner, involvement), spied)  # auto_now_add holds again
    assert {r.created_at for r in stamped} == {NOW}


def _sqlite_sequence(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [model._meta.db_table])
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_a_later_ordinary_create_gets_a_fresh_key(staff: tuple[User, Investigation]) -> None:
    owner, _ = staff
    with transaction.atomic():
        insert_rows(Person, _people(owner))
    top = Person.objects.aggregate(top=models.Max("pk"))["top"]
    if connection.vendor == "sqlite":  # the keys given are recorded as handed out
        assert _sqlite_sequence(Person) == top
    later = Person.objects.create(organisation_id=owner.organisation_id, created_by=owner)
    assert later.pk > top
    gone = later.pk
    later.delete()  # a key handed out once is never given again, as with AUTOINCREMENT
    with transaction.atomic():
        again = _people(owner)
        insert_rows(Person, again)
    assert min(p.pk for p in again) > gone > top


@pytest.mark.django_db
def test_a_failure_part_way_leaves_nothing(staff: tuple[User, Investigation]) -> None:
    owner, _ = staff
    people_before, identifiers_before = Person.objects.count(), Identifier.objects.count()
    people = _people(owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Person, people)
        same = {"kind": "phone", "value": "07700 900000", "normalised": "07700900000"}
        insert_rows(Identifier, [Identifier(person_id=people[0].pk, **same),
                                 Identifier(person_id=people[0].pk, **same)])  # one per person, kind, value
    assert Person.objects.count() == people_before and Identifier.objects.count() == identifiers_before
    later = Person.objects.create(organisation_id=owner.organisation_id, created_by=owner)
    assert later.pk is not None


@pytest.mark.django_db(transaction=True)
def test_refused_outside_a_transaction() -> None:
    factories.reference_organisations()
    owner = factories.user()
    assert not connection.in_atomic_block
    with pytest.raises(transaction.TransactionManagementError):
        insert_rows(Person, _people(owner))
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_what_it_does_not_handle_goes_to_bulk_create(staff: tuple[User, Investigation],
                                                     spied: list[type[models.Model]]) -> None:
    owner, _ = staff
    with transaction.atomic():
        insert_rows(Person, _people(owner))
    assert spied == []
    with transaction.atomic():  # an EmailField and a password: not converted here
        insert_rows(User, [User(username="bulk-user", email="b@example.invalid",
                                organisation=owner.organisation)])
    with transaction.atomic():  # an expression as a value
        expression = _people(owner)
        expression[0].first_name = Value("Ana")
        insert_rows(Person, expression)
    assert spied == [User, Person]
    assert User.objects.filter(username="bulk-user").exists()
    assert Person.objects.get(pk=expression[0].pk).first_name == "Ana"


@pytest.mark.django_db
def test_an_unsaved_related_object_is_refused_as_bulk_create_refuses_it(
        staff: tuple[User, Investigation]) -> None:
    owner, _ = staff
    unsaved = Person(organisation_id=owner.organisation_id, created_by=owner)
    with pytest.raises(ValueError, match="unsaved related object 'person'"), transaction.atomic():
        insert_rows(Identifier, [Identifier(person=unsaved, kind="phone", value="1", normalised="1")])


def test_the_bulk_writer_inserts_through_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type[models.Model]] = []
    monkeypatch.setattr("lantern.synth.bulk.insert_rows", lambda model, objs: seen.append(model))
    bulk._insert(Person, [Person()])
    bulk._insert(Identifier, [])
    assert seen == [Person]


@pytest.mark.django_db
def test_make_gives_the_instance_the_constructor_gives() -> None:
    """Given the same values, ``fast_model.make`` and ``Model(...)`` give equal field values,
    defaults included (a fresh list for each JSON default), and a related object lands in its key."""
    from lantern.accounts.models import Organisation
    from lantern.synth.fast_model import make

    factories.reference_organisations()
    organisation = Organisation.objects.get(code="west-yorkshire")
    values = {"organisation": organisation, "first_name": "Ana", "last_name": "Pop",
              "nationality": "Romanian"}
    made, built = make(Person, **values), Person(**values)
    fields = [f.attname for f in Person._meta.concrete_fields]
    assert [getattr(made, f) for f in fields] == [getattr(built, f) for f in fields]
    assert made.organisation_id == organisation.pk and made.organisation is organisation
    assert made._state.adding and made.aliases == [] and made.aliases is not make(Person).aliases
    involvement = make(Involvement, person=made, role="victim")
    assert involvement.person_id is None and involvement.person is made  # unsaved: no key yet
