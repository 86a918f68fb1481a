"""Helpers of the browser tests: axe-core checks and logging in through the form."""

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the current page, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


def assert_accessible(page: Page, name: str) -> None:
    """Fail on any WCAG 2.1 A/AA violation; keep a screenshot to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    violations = axe_violations(page)
    assert not violations, f"{name}: " + "\n".join(violations)


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
