"""Every URL pattern of the project, and how the matrix fills it with agency b's ids.

A pattern is exercised when the matrix can build its URLs: without arguments as it is,
with arguments from ``KWARGS`` (a name that means the same everywhere), ``PK`` (``pk``
by the pattern's namespace or name) or ``EXPLICIT`` (a pattern needing its own URLs:
regular expressions, query strings, pairs of ids). Otherwise it must be in
``EXCLUDED`` with the reason; ``test_completeness`` fails on anything else, so a URL
added later fails CI until it is classified here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests.isolation.world import World

# An id that names nothing: for kinds of object no agency owns (redirects, editing
# sessions, uploads in progress), the view is still requested, and must answer cleanly.
MISSING = 999999


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, as Django prints it
    name: str  # "namespace:name", or "" for an unnamed pattern


def all_routes() -> list[Route]:
    """Walk the resolver recursively; the first pattern of a route is the one that answers."""
    seen: dict[str, Route] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                if name and namespace:
                    name = f"{namespace}:{name}"
                yield Route(prefix + str(pattern.pattern), name)

    for route in walk(get_resolver(), "", ""):
        known = seen.get(route.route)
        if known is None:
            seen[route.route] = route
        elif not known.name and route.name:  # a scoped override in front of Wagtail's view
            seen[route.route] = Route(route.route, route.name)
    return list(seen.values())


Value = Callable[[World], Any]


def _b(kind: str, attr: str = "pk") -> Value:
    return lambda w: getattr(w.b[kind], attr)


def _a(kind: str, attr: str = "pk") -> Value:
    return lambda w: getattr(w.a[kind], attr)


# Argument names that mean one thing wherever they appear.
KWARGS: dict[str, Value] = {
    "page_id": _b("page"),
    "parent_page_id": _b("column"),
    "page_to_move_id": _b("page"),
    "revision_id": _b("revision"),
    "task_state_id": _b("task_state"),
    "workflow_state_id": _b("workflow_state"),
    "task_id": _b("task"),
    "image_id": _b("image"),
    "document_id": _b("document"),
    "doc_id": _b("document"),
    "collection_id": _b("collection"),
    "agency_code": lambda w: w.district.b.code,
    "year": lambda w: 2026,
    "fmt": lambda w: "pdf",
    "column_id": _b("column"),
    "entry_id": _b("page"),
    "page_pk": _b("page"),
    "workflow_pk": lambda w: w.b["page"].get_workflow().pk,
    "content_type_app_name": lambda w: "disclosure",
    "content_type_model_name": lambda w: "catalogueentrypage",
    "filter_spec": lambda w: "original",
    "action_name": lambda w: "approve",
    "position": lambda w: 1,
    "document_filename": lambda w: "qxb.pdf",
    "key": lambda w: "regulations",
    "section": lambda w: "entries",
    "uploaded_file_id": lambda w: MISSING,
    "session_id": lambda w: MISSING,
    "redirect_id": lambda w: MISSING,
    "restriction_id": lambda w: MISSING,
    "page_view_restriction_id": lambda w: MISSING,
}

# ``pk`` by namespace (or by the name of an unnamespaced pattern).
PK: dict[str, Value] = {
    "wagtailadmin_api:pages": _b("page"),
    "wagtailadmin_api:documents": _b("document"),
    "wagtailadmin_api:images": _b("image"),
    "wagtailadmin_collections": _b("collection"),
    "wagtailadmin_workflows": lambda w: w.b["page"].get_workflow().pk,
    "wagtailadmin_workflows:edit_task": _b("task"),
    "wagtailadmin_workflows:disable_task": _b("task"),
    "wagtailadmin_workflows:enable_task": _b("task"),
    "wagtaildocs_chooser": _b("document"),
    "wagtailimages_chooser": _b("image"),
    "applications": _b("application"),
    "letter_templates": _b("template"),
    "annual_reports": _b("report"),
    "audit": lambda w: w.b["audit"],
    "agencies": lambda w: w.district.b.pk,
    "memberships": lambda w: w.b["membership"],
    "wagtailusers_users": lambda w: w.district.user("b", "editor").pk,
    "wagtailusers_groups": lambda w: w.b["group"],
    "applications_process": _b("application"),
    "applications_step": _b("application"),
    "applications_letter": _b("letter"),
    "applications_applicant_file": _b("applicant_file"),
    "applications_decide_appeal": _b("appeal"),
    "applications_public:letter": _b("letter"),
    "applications_public:applicant_file": _b("applicant_file"),
    "agencies_combined_review": lambda w: w.district.b.pk,
    "agencies_guide_details": lambda w: w.district.b.pk,
    "reports_editor": _b("report"),
    "reports_narrative": _b("report"),
    "reports_figures": _b("report"),
    "reports_act": _b("report"),
    "reports_file": _b("report"),
    "disclosure_mask": _b("live"),
    "disclosure_withdraw": _b("live"),
    "disclosure_validity": _b("live"),
    "wagtailsettings": lambda w: w.b["setting"],
    # Platform-wide objects, not agencies': the matrix tries them with the first one.
    "holiday_schedules": lambda w: w.b["schedule"],
    "screening_terms": lambda w: w.b["screening_term"],
    "wagtailsites": lambda w: w.b["site"],
    "jobs": lambda w: w.b["job"],
    # Kinds of object no agency owns (the operator's report checks): an id naming nothing.
    "report_audit_batch": lambda w: MISSING,
    "report_audit_report": lambda w: MISSING,
    "inspection_run": _b("inspection_run"),
    "inspection_run_report": _b("inspection_run"),
    "inspection_finding": _b("finding"),
    "inspection_ticket": _b("ticket"),
    "inspection_site": _b("listed_site"),
}

# Names needing a value of their own for one pattern (besides KWARGS).
NAMED_KWARGS: dict[str, dict[str, Value]] = {
    "applications_step": {"name": lambda w: "confirm"},
    "reports_act": {"action": lambda w: "submit"},
    "website_report_act": {"action": lambda w: "submit"},
    "wagtailsettings:edit": {
        "app_name": lambda w: "site_identity",
        "model_name": lambda w: "siteidentity",
    },
    "wagtailsettings:preview_on_edit": {
        "app_name": lambda w: "site_identity",
        "model_name": lambda w: "siteidentity",
    },
    "wagtailadmin_pages:choose_parent": {
        "app_label": lambda w: "disclosure",
        "model_name": lambda w: "catalogueentrypage",
    },
    "wagtailadmin_tag_model_autocomplete": {
        "app_name": lambda w: "wagtaildocs",
        "model_name": lambda w: "document",
    },
    "wagtailadmin_workflows:add_task": {
        "app_label": lambda w: "disclosure",
        "model_name": lambda w: "reviewtask",
    },
    "wagtailadmin_editing_sessions:ping": {
        "app_label": lambda w: "wagtailcore",
        "model_name": lambda w: "page",
        "object_id": _b("page"),
    },
    "api/catalogue/<str:entry_id>/": {"entry_id": _b("page")},
    "portal:api_report": {"year": lambda w: "2026"},
}

BULK = {
    ("wagtailcore", "page"): ("delete", "move", "publish", "unpublish"),
    ("wagtaildocs", "document"): ("add_tags", "add_to_collection", "delete"),
    ("wagtailimages", "image"): ("add_tags", "add_to_collection", "delete"),
    ("auth", "user"): ("assign_role", "delete", "set_active_state"),
}


def _bulk(w: World) -> list[str]:
    ids = {
        "page": w.b["page"].pk,
        "document": w.b["document"].pk,
        "image": w.b["image"].pk,
        "user": w.district.user("b", "editor").pk,
    }
    return [
        f"/admin/bulk/{app}/{model}/{action}/?id={ids[model]}"
        for (app, model), actions in BULK.items()
        for action in actions
    ] + [f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={w.b['column'].pk}"]


def _page_path(page: Any) -> str:
    return page.get_url_parts()[2]


# Patterns whose URLs are built by hand: regular expressions, pairs of objects.
EXPLICIT: dict[str, Callable[[World], list[str]]] = {
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": _bulk,
    "admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)"
    "\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": lambda w: [
        f"/admin/pages/{w.b['page'].pk}/revisions/compare/earliest...{w.b['revision'].pk}/",
        f"/admin/pages/{w.b['live'].pk}/revisions/compare/live...latest/",
    ],
    # Moving b's draft into a's column, and a's own draft into b's column.
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": lambda w: [
        f"/admin/pages/{w.b['page'].pk}/move/{w.a['column'].pk}/confirm/",
        f"/admin/pages/{w.a['page'].pk}/move/{w.b['column'].pk}/confirm/",
    ],
    "admin/^.*/$": lambda w: ["/admin/no-such-screen/"],
    "documents/^(\\d+)/(.*)$": lambda w: [f"/documents/{w.b['document'].pk}/qxb.pdf"],
    "challenge/image/(?P<key>\\w+)/$": lambda w: ["/challenge/image/abc/"],
    "challenge/image/(?P<key>\\w+)@2/$": lambda w: ["/challenge/image/abc@2/"],
    "challenge/audio/(?P<key>\\w+).wav$": lambda w: ["/challenge/audio/abc.wav"],
    "challenge/refresh/$": lambda w: ["/challenge/refresh/"],
    "media/images/<path:path>": lambda w: [f"/media/{w.b['image'].file.name}"],
    "^((?:[\\w\\-]+/)*)$": lambda w: [
        _page_path(w.b["page"]),
        _page_path(w.b["live"]),
        _page_path(w.b["column"]),
    ],
    "admin/applications/letters/<int:pk>/<str:fmt>/": lambda w: [
        f"/admin/applications/letters/{w.b['letter'].pk}/{fmt}/" for fmt in ("pdf", "docx")
    ],
    "track/letters/<int:pk>/<str:fmt>/": lambda w: [
        f"/track/letters/{w.b['letter'].pk}/{fmt}/" for fmt in ("pdf", "docx")
    ],
    # Searches and listings, asked for b's secrets by name.
    "admin/pages/search/": lambda w: ["/admin/pages/search/?q=QXBDRAFT"],
    "admin/pages/search/results/": lambda w: ["/admin/pages/search/results/?q=QXBDRAFT"],
    "admin/choose-page/search/": lambda w: ["/admin/choose-page/search/?q=QXBDRAFT"],
    "admin/documents/chooser/results/": lambda w: ["/admin/documents/chooser/results/?q=QXBDOC"],
    "admin/images/chooser/results/": lambda w: ["/admin/images/chooser/results/?q=QXBIMG"],
    "admin/api/main/^pages/": lambda w: [
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?child_of={w.b['column'].pk}",
        "/admin/api/main/pages/?search=QXBDRAFT",
    ],
    "admin/api/main/^documents/": lambda w: ["/admin/api/main/documents/?search=QXBDOC"],
    "admin/api/main/^images/": lambda w: ["/admin/api/main/images/?search=QXBIMG"],
    "admin/api/main/^pages/find/": lambda w: [f"/admin/api/main/pages/find/?id={w.b['page'].pk}"],
    "admin/api/main/^documents/find/": lambda w: [
        f"/admin/api/main/documents/find/?id={w.b['document'].pk}"
    ],
    "admin/api/main/^images/find/": lambda w: [
        f"/admin/api/main/images/find/?id={w.b['image'].pk}"
    ],
    "admin/choose-page/chosen-multiple/": lambda w: [
        f"/admin/choose-page/chosen-multiple/?id={w.b['page'].pk}"
    ],
    "admin/documents/chooser/chosen-multiple/": lambda w: [
        f"/admin/documents/chooser/chosen-multiple/?id={w.b['document'].pk}"
    ],
    "admin/images/chooser/chosen-multiple/": lambda w: [
        f"/admin/images/chooser/chosen-multiple/?id={w.b['image'].pk}"
    ],
    "search/": lambda w: ["/search/?q=QXBDRAFT", "/search/?q=乙局"],
    "api/search/": lambda w: ["/api/search/?q=QXBDRAFT"],
    "admin/audit/": lambda w: ["/admin/audit/", "/admin/audit/?export=csv"],
    "admin/applications/": lambda w: [
        "/admin/applications/",
        "/admin/applications/?export=csv",
        "/admin/applications/?q=QXBDESC",
    ],
}

# Patterns the matrix does not request, each with the reason.
EXCLUDED: dict[str, str] = {
    "admin/failwhale/": "Wagtail's deliberate error page for testing error reporting",
    "admin/password_reset/confirm/<uidb64>/<token>/": (
        "a signed one-time token for one user, not an object id; a guessed token is refused "
        "by Django's token generator before any data is read"
    ),
}

_CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX = re.compile(r"[\\()\[\]|?*+]")


def kwarg_names(route: str) -> list[str]:
    return [m.group("name") for m in _CONVERTER.finditer(route)]


def _value(route: Route, name: str) -> Value | None:
    for key in (route.route, route.name):
        if key and name in NAMED_KWARGS.get(key, {}):
            return NAMED_KWARGS[key][name]
    if name == "pk" or (name == "pk" and route.name):
        for key in (route.name, route.name.rsplit(":", 1)[0]):
            if key in PK:
                return PK[key]
        return None
    return KWARGS.get(name)


def unresolved(route: Route) -> list[str]:
    """The argument names of a pattern the matrix has no value for (empty: buildable)."""
    if route.route in EXPLICIT or route.route in EXCLUDED:
        return []
    plain = _CONVERTER.sub("", route.route).replace("^", "").replace("$", "")
    if _REGEX.search(plain):
        return ["<regular expression>"]
    return [name for name in kwarg_names(route.route) if _value(route, name) is None]


def urls_for(route: Route, world: World) -> list[str]:
    """The URLs the matrix requests for one pattern."""
    if route.route in EXCLUDED:
        return []
    if route.route in EXPLICIT:
        return EXPLICIT[route.route](world)
    assert not unresolved(route), route

    def fill(match: re.Match[str]) -> str:
        value = _value(route, match.group("name"))
        assert value is not None
        return str(value(world))

    path = _CONVERTER.sub(fill, route.route).replace("^", "").replace("$", "")
    return ["/" + path]


# Requests that crash in Wagtail's own code, not an isolation question: (method, route).
KNOWN_CRASHES: dict[tuple[str, str], str] = {
    ("post", "admin/choose-external-link/"): (
        "Wagtail's ExternalLinkView reads a missing field of an empty POST (upstream); "
        "nothing is read or written"
    ),
}
