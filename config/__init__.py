"""The project's configuration: settings, URLs and the WSGI and ASGI entry points."""

import os

# The matching engine's vector products run in numpy, whose BLAS starts a thread for each
# core in every process that loads it. Each web, task or test worker already takes a core:
# the extra threads only fought the other workers (one product measured from 0.2 to 38 ms
# under load, against 2 ms on one thread). Set before numpy is first imported (every entry
# point imports this package first); a value the operator set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
