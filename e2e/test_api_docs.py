"""The open data API's interactive documentation (Swagger UI at /api/v1/docs/) runs under the
portal's Content-Security-Policy: from the portal's own files, without inline scripts. The
`page` tab fails the test on any error the browser logs, a CSP violation among them."""

from playwright.sync_api import Page, expect

from .portal import Portal


def test_the_api_docs_list_the_operations_and_try_one(portal: Portal, page: Page):
    page.goto(f"{portal.base_url}/api/v1/docs/")

    operations = page.locator(".opblock")
    expect(operations).to_have_count(9)
    page.locator(".opblock", has_text="/api/v1/offers/").first.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
