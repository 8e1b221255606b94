"""Outside checkers of our pages: axe-core in the browser, the Nu HTML Checker (vnu.jar) on the raw HTML.

Both come from the npm registry: `make test` installs them into .cache/npm (see the Makefile).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
NPM_MODULES = ROOT / ".cache" / "npm" / "node_modules"
AXE = NPM_MODULES / "axe-core" / "axe.min.js"
VNU = NPM_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA; axe-core leaves `target-size` (2.5.8) off unless asked.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}


def require_tool(path: Path, variable: str, what: str) -> None:
    """Skip with a visible notice when a checker is not installed; fail instead where CI demands it."""
    if path.exists() and (path.suffix != ".jar" or shutil.which("java")):
        return
    reason = f"NOTICE: {what} is missing ({path.relative_to(ROOT)}{' or java' if path.suffix == '.jar' else ''}); run make test"
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {reason}")
    pytest.skip(reason)


def axe_violations(page: Page) -> list[str]:
    """Run axe-core on the page as it is now; one line per violation and element.

    Our Content-Security-Policy forbids inline scripts, and add_script_tag injects axe's source as
    an inline <script>: the browser context of an axe run is made with bypass_csp=True for that.
    """
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))} "
                         f"{node['html'][:160]} :: {summary}")
    return lines


def vnu_errors(files: list[Path]) -> list[dict]:
    """The Nu HTML Checker's errors in these files, in one run (its JVM is slow to start)."""
    # The client compiler alone (C1) and the serial collector more than halve the time of this one
    # short run; C1's larger frames need a deeper stack than vnu's documented 512k.
    java = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]
    completed = subprocess.run([*java, "--errors-only", "--format", "json", *map(str, files)],
                               capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(completed.stderr or completed.stdout)
    return [message for message in report["messages"] if message["type"] in ("error", "non-document-error")]
