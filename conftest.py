"""Loaded by every pytest run in this repository, before any test or notebook kernel starts.

The chapters train small networks, for which BLAS threads bring no speed but contention: with the two
processes of an nbval run (pytest and the notebook's kernel) each starting one thread per core, chapter 5
was measured 10-20x slower on a 2-core machine. Kernels inherit this process's environment, so one BLAS
thread is asked for here; a value the user has set is kept. The printed numbers do not depend on it.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
