"""The API for organisations and their people: thin, over the same queries as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from lantern.accounts import queries
from lantern.accounts.models import Organisation, User
from lantern.api.schemas import ErrorOut
from lantern.request_user import api_caller as _user

router = Router(tags=["organisations and people"])


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    region: str
    partner_type: str
    nrm_name: str


class PersonOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str
    roles: list[str]



def _person(user: User) -> PersonOut:
    return PersonOut(
        id=user.pk, username=user.username, first_name=user.first_name,
        last_name=user.last_name, job_title=user.job_title, organisation=user.organisation.code,
        roles=sorted(r.value for r in user.role_set),
    )




@router.get("/me", response=PersonOut, summary="The signed-in user")
def me(request: HttpRequest) -> PersonOut:
    return _person(_user(request))


@router.get("/organisations", response=list[OrganisationOut],
            summary="Every organisation (reference data)")
def organisation_directory(request: HttpRequest) -> list[Organisation]:
    return list(queries.organisation_directory())


@router.get("/organisations/{code}", response={200: OrganisationOut, 404: ErrorOut},
            summary="Your own organisation")
def organisation_detail(request: HttpRequest, code: str) -> Organisation:
    return queries.organisation_get(user=_user(request), code=code)


@router.get("/organisations/{code}/people", response={200: list[PersonOut], 404: ErrorOut},
            summary="The people of your own organisation")
def organisation_people(request: HttpRequest, code: str) -> list[PersonOut]:
    user = _user(request)
    organisation = queries.organisation_get(user=user, code=code)
    return [_person(p) for p in queries.colleagues_list(user=user, organisation=organisation)]


@router.get("/people/{user_id}", response={200: PersonOut, 404: ErrorOut, 403: ErrorOut},
            summary="A colleague")
def person_detail(request: HttpRequest, user_id: int) -> PersonOut:
    return _person(queries.colleague_get(user=_user(request), user_id=user_id))
