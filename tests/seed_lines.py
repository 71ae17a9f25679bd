"""The seed text's five lines, which chapter 1 prints when it trains its first perceptron, exactly as printed.

The checks of the built book look for them: in the PDF (tests/test_pdf.py) and in the live notebook
(tests/browser/test_live_notebooks.py); `.ci/run` greps the built chapter 1 page for the same lines.
"""

SEED_LINES = [
    "Epoch   0, Loss 2.2388, w 0.077, b 0.092",
    "Epoch  50, Loss 0.0819, w 1.665, b 0.961",
    "Epoch 100, Loss 0.0339, w 1.970, b 0.977",
    "Epoch 150, Loss 0.0322, w 2.028, b 0.980",
    "Learned: y = 2.04 x + 0.98",
]
