from django.test import RequestFactory

from lantern.error_pages import forbidden, not_found, server_error


def test_error_pages_say_what_happened_and_nothing_else() -> None:
    request = RequestFactory().get("/people/123/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert "Page not found" in not_found(request).content.decode()
    assert "You cannot do that" in forbidden(request).content.decode()
    broken = server_error(request)
    assert broken.status_code == 500
    assert "Sorry, there is a problem with Lantern" in broken.content.decode()
    assert "123" not in broken.content.decode()


def test_api_errors_answer_json() -> None:
    request = RequestFactory().get("/api/people/5")
    response = not_found(request)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
