"""Headless Chromium (Debian's, never a downloaded build) and axe-core, for any test that checks
a page a person sees: the web application's pages, or the report's HTML opened from a file.

    with launch() as browser:
        page = browser.new_page(); page.goto(url); assert_accessible(page)

Inside tests/web the `browser` fixture gives one browser for the whole test session.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA: every level-A and AA rule up to 2.2.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def launch():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now. The script is evaluated
    through the DevTools protocol, so the page's own content policy does not block it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    return page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        WCAG_TAGS)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at "
                     + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5]) for v in violations)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"



# Roles a person moves to or operates (Chromium's names: a <summary> is a DisclosureTriangle).
CONTROLS = {"link", "button", "DisclosureTriangle", "combobox", "checkbox", "radio", "tab", "textbox", "region"}


def wider_than_the_window(page: Page) -> int:
    """How many pixels the page is wider than the window: > 0 when it scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def names_repeated(page: Page) -> list[str]:
    """Controls a screen reader cannot tell apart: two of a role with the same accessible name
    (links: the same name going to two places), as Chromium's accessibility tree names them.
    Closed details are opened first, so the controls inside them count too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    seen: dict[tuple[str, str], set] = {}
    for node in nodes:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in CONTROLS:
            continue
        name = " ".join(str(node.get("name", {}).get("value", "")).split())
        properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        seen.setdefault((role, name), []).append(properties.get("url") if role == "link" else node["nodeId"])
    return [f"{role} {name!r}: {len(places)}" for (role, name), places in seen.items() if len(set(places)) > 1]


def sign_in_through_form(page: Page, url: str, name: str, password: str, start: str = "/") -> None:
    """Open `start` on the site at `url`, sign in on the page it sends us to, and come back."""
    page.goto(url + start)
    assert "/sign-in" in page.url
    page.fill("#name", name)
    page.fill("#password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + start)
