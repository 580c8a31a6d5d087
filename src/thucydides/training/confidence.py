"""Calibrate a mention's confidence against how often its sub-type is right.

Run `python -m thucydides.training.confidence` after `thucydides.training.event_types` (it
reads the fold models that one caches). The raw score, the relevance model's probability
times the classifier's for the label, is mapped by a logistic curve on its logit
(Platt scaling), fitted on the whole pipeline's first event in notes of the world where each
region is read by a model that never saw it (`evaluation.world_events`, leave one region
out). The curve is fitted on every other region (alphabetical order) and its calibration
error printed on the rest, then refitted on all and written to `extract/data/confidence.json`.
The pipeline's confidences already pass through the shipped curve, so the new one is fitted
on them and composed with it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from thucydides.evaluation.acled_eval import NoteResult
from thucydides.evaluation.world_events import RegionEvents, calibration_error, measure
from thucydides.extract.confidence import Calibration, load_calibration, logit


def _pairs(rows: list[RegionEvents]) -> tuple[np.ndarray, np.ndarray]:
    found: list[NoteResult] = [r for row in rows for r in row.results if r.confidence is not None]
    raw = np.array([logit(r.confidence) for r in found])
    right = np.array([r.sub_event_type == r.gold.sub_event_type for r in found], dtype=float)
    return raw, right


def fit(rows: list[RegionEvents]) -> Calibration:
    x, y = _pairs(rows)

    def loss(params: np.ndarray) -> float:
        z = params[0] * x + params[1]
        return float(np.mean(np.logaddexp(0, z) - y * z))

    result = minimize(loss, np.array([1.0, 0.0]), method="L-BFGS-B")
    return Calibration(float(result.x[0]), float(result.x[1]))


def _recalibrated(rows: list[RegionEvents], calibration: Calibration) -> list[RegionEvents]:
    return [
        replace(
            row,
            results=[
                replace(r, confidence=calibration.apply(r.confidence))
                if r.confidence is not None
                else r
                for r in row.results
            ],
        )
        for row in rows
    ]


def main() -> None:
    rows = [r for r in measure() if r.protocol == "leave one region out"]
    rows.sort(key=lambda r: r.region)
    fitting, scoring = rows[::2], rows[1::2]
    before = calibration_error(scoring)
    after = calibration_error(_recalibrated(scoring, fit(fitting)))
    print(
        f"fitted on {', '.join(r.region for r in fitting)}; on {', '.join(r.region for r in scoring)}:"
        f" expected calibration error {before:.3f} as shipped, {after:.3f} refitted"
    )
    calibration = load_calibration().then(fit(rows))
    path = Path(str(resources.files("thucydides.extract").joinpath("data", "confidence.json")))
    path.write_text(
        json.dumps(
            {
                "slope": round(calibration.slope, 4),
                "intercept": round(calibration.intercept, 4),
                "fitted_on": f"the pipeline's first event in {sum(len(r.results) for r in rows)} acled-modern notes, each region read by a type model that never saw it",
                "calibration_error_held_out_regions": {
                    "before": round(before, 3),
                    "after": round(after, 3),
                },
                "script": "python -m thucydides.training.confidence",
            },
            indent=1,
        )
        + "\n"
    )
    print(f"slope {calibration.slope:.3f}, intercept {calibration.intercept:.3f} -> {path}")


if __name__ == "__main__":
    main()
