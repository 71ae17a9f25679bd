"""Debian's Chromium as the book starts it, for the browser tests (tests/browser) and the PDF (scripts/build_pdf.py).

Playwright downloads no browser here: it drives the system's Chromium, /usr/bin/chromium, or the binary named by
NNBOOK_CHROMIUM.
"""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("NNBOOK_CHROMIUM", "/usr/bin/chromium"))

# No sandbox (CI containers run as root), no GPU; and none of the requests Chromium makes on its own (updates,
# sync, field trials, QUIC probes to Google hosts), which would show up as requests to another host.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
