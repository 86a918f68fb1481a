"""The current request's id, for log lines and audit events. Imports no models,
so that logging can be configured before the app registry is ready."""

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .proxies import request_from_trusted_proxy

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    """Take a well-formed X-Request-ID from the load balancer (a request from one of
    ``BOLIGTORG_TRUSTED_PROXIES``) or make one; echo it in the response and the log
    lines, and store it with every audit event. A client's own header is never
    taken: it could make its audit events look like another request's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = (
            request.headers.get(REQUEST_ID_HEADER, "")
            if request_from_trusted_proxy(request)
            else ""
        )
        request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
