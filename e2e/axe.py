"""axe-core in the browser: the WCAG 2.1 A and AA rules, serious and critical findings."""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

_RUN = """async ([tags, disabled]) => {
  const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules,
                                           resultTypes: ["violations"]});
  return results.violations;
}"""


def violations(page: Page, disabled_rules: Iterable[str] = ()) -> list[dict]:
    """The serious and critical violations on the page as it is now.

    The page's context must be opened with `bypass_csp=True`: the portal's CSP
    rightly refuses the injected script.
    """
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=AXE_JS)
    found = page.evaluate(_RUN, [WCAG_21_AA, list(disabled_rules)])
    return [v for v in found if v["impact"] in BLOCKING_IMPACTS]


def report(where: str, found: list[dict], nodes_per_rule: int = 5) -> str:
    """The violations of one page, readable in a test failure."""
    lines = [f"{where}: {len(found)} violation(s)"]
    for violation in found:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"][:nodes_per_rule]:
            target = " ".join(str(part) for part in node["target"])
            summary = " / ".join(
                line.strip() for line in node.get("failureSummary", "").splitlines()[1:] if line.strip()
            )
            lines.append(f"    - {target}: {summary}")
            lines.append(f"      {node['html'][:160]}")
        if len(violation["nodes"]) > nodes_per_rule:
            lines.append(f"    … and {len(violation['nodes']) - nodes_per_rule} more")
    return "\n".join(lines)
