"""Hypothesis profiles: `ci` (the default) keeps the suite quick; `long` is the fuzz run by hand.

HYPOTHESIS_PROFILE=long [FUZZ_EXAMPLES=100000] python -m pytest tests/test_fuzz.py   (bench/fuzz.py)
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
