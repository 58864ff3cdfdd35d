"""OCR is slow on two cores: a few examples per run; GOVINFO_OCR_EXAMPLES=N for the long run."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ocr",
    max_examples=int(os.environ.get("GOVINFO_OCR_EXAMPLES", "2")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    # A shrink step is a parse with OCR: a failing example is reported as drawn.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    print_blob=True,
)
