"""What chapter 4 needs from the package beyond the core: ``nnbook.metrics`` reachable as ``nn.metrics``
right after ``import nnbook as nn``, as the chapters call it, without pulling in matplotlib."""

import subprocess
import sys


def test_metrics_is_available_after_a_plain_import():
    # A fresh interpreter: in this test session another test may already have imported nnbook.plotting,
    # which imports nnbook.metrics as a side effect and would hide a missing import in __init__.
    code = ("import sys; import nnbook as nn; "
            "print(nn.metrics.accuracy([0, 1, 1, 0], [0, 1, 0, 0]), 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.75", "False"]
