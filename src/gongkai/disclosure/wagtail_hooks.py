from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.disclosure.documents import refuse_unless_allowed
from gongkai.disclosure.staff import acts, chain, views
from gongkai.disclosure.staff.vocabulary import ScreeningTermViewSet
from gongkai.disclosure.staff.workflow_messages import replace_update_message


@hooks.register("register_admin_urls")
def register_disclosure_urls() -> list:
    return [
        path("catalogue/<int:pk>/mask/", views.mask, name="disclosure_mask"),
        path("catalogue/health/", views.health, name="disclosure_health"),
        path("catalogue/<int:pk>/withdraw/", acts.withdraw, name="disclosure_withdraw"),
        path("catalogue/<int:pk>/validity/", acts.change_validity, name="disclosure_validity"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        from gongkai.agencies.selectors import agency_ids_for, is_operator

        return is_operator(request.user) or bool(agency_ids_for(request.user))


@hooks.register("register_admin_menu_item")
def register_health_menu_item() -> MenuItem:
    return StaffMenuItem(
        "公开目录检查", reverse("disclosure_health"), icon_name="warning", order=250
    )


@hooks.register("register_admin_viewset")
def register_vocabulary_viewset() -> ScreeningTermViewSet:
    return ScreeningTermViewSet("screening_terms")


# A review step moves only by its holder's explicit action on what they saw (staff/chain.py).
hooks.register("before_edit_page", chain.guard_edit_request)
hooks.register("construct_page_action_menu", chain.add_seen_step)

# 撤回 and 废止/失效 through their services, for 主要负责人 and the agency administrator.
hooks.register("register_page_listing_more_buttons", acts.entry_buttons)
hooks.register("register_page_header_buttons", acts.entry_buttons)

# Every download of a catalogue attachment passes the check (WAGTAILDOCS_SERVE_METHOD).
hooks.register("before_serve_document", refuse_unless_allowed)
hooks.register("after_edit_page", replace_update_message)


@hooks.register("construct_admin_api", order=100)
def scope_documents_api(router) -> None:  # type: ignore[no-untyped-def]
    """Replace Wagtail's admin documents and images endpoints (registered at order 0)."""
    from gongkai.disclosure.staff.scoped_admin import (
        ScopedDocumentsAdminAPIViewSet,
        ScopedImagesAdminAPIViewSet,
    )

    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):  # type: ignore[no-untyped-def]
    """The page chooser (browse and search) offers no other agency's draft title."""
    from gongkai.disclosure.staff.scoped_admin import choosable_pages

    return choosable_pages(pages, request.user)
