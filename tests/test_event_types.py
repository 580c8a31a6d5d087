"""The learned sub-type: its training folds, its model file, and how extraction uses it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.world_notes import world_note
from thucydides.evaluation.acled_eval import f1_by_label, weighted_f1
from thucydides.evaluation.acled_world import WorldNote, strip_remarks
from thucydides.extract import extract
from thucydides.extract.confidence import Calibration
from thucydides.extract.type_model import TypeModel, read_type_model, type_model_in_use, words
from thucydides.training import event_types
from thucydides.training.event_types import LATER_YEARS, fit, save, world_folds


def _note(i: int, region: str, day: date, sub_type: str, event_type: str, text: str) -> WorldNote:
    return world_note(
        i,
        event_date=day,
        event_type=event_type,
        sub_event_type=sub_type,
        country=region,
        region=region,
        notes=text,
    )


@pytest.fixture
def notes() -> list[WorldNote]:
    texts = [
        ("Peaceful protest", "Protests", "Residents marched peacefully to demand water."),
        ("Armed clash", "Battles", "Soldiers clashed with rebels near the river."),
        ("Air/drone strike", "Explosions/Remote violence", "Warplanes bombed the market."),
    ]
    regions = ["Alpha", "Beta", "Gamma"]
    return [
        _note(i, regions[i % 3], date(2015 + i // 9, 1, 1), *texts[(i // 3) % 3]) for i in range(90)
    ]


def test_remarks_of_the_coder_are_taken_out_and_the_report_kept():
    assert strip_remarks("Movement of forces: On 8 May, troops arrived.") == (
        "On 8 May, troops arrived."
    )
    assert strip_remarks("'Other: Around 2 May, gunshots were heard. [size=no report]'") == (
        "Around 2 May, gunshots were heard."
    )
    assert strip_remarks("On 3 May, police (as reported) fired. Fatalities coded as 3.") == (
        "On 3 May, police fired."
    )
    # A report's own colon stays.
    assert strip_remarks("RSF attacked the areas of: Tawila and Kutum.") == (
        "RSF attacked the areas of: Tawila and Kutum."
    )


def test_folds_never_train_on_what_they_score(notes, monkeypatch):
    monkeypatch.setattr(event_types, "MIN_REGION", 10)
    folds = world_folds(notes)
    assert {f.name for f in folds} == {"Alpha", "Beta", "Gamma", LATER_YEARS}
    for fold in folds:
        train_ids = {n.event_id for n in fold.train}
        assert fold.test and not train_ids & {n.event_id for n in fold.test}
        if fold.name == LATER_YEARS:
            assert all(n.event_date <= event_types.EARLIER_TO for n in fold.train)
            assert all(n.event_date >= event_types.LATER_FROM for n in fold.test)
        else:
            assert {n.region for n in fold.test} == {fold.name}
            assert fold.name not in {n.region for n in fold.train}


def test_a_trained_model_survives_its_file_and_reads_new_text(notes, tmp_path):
    model = fit(notes)
    save(model, tmp_path / "model.npz")
    again = read_type_model(tmp_path / "model.npz")
    assert again.labels == model.labels and again.types == model.types
    assert all(isinstance(label, str) for label in again.labels)
    probabilities = again.sub_type_probabilities(words("Hundreds marched peacefully today."))
    assert max(probabilities, key=probabilities.get) == "Peaceful protest"
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert again.type_probabilities(probabilities)["Protests"] == pytest.approx(
        probabilities["Peaceful protest"]
    )


def _one_sided(prefer: str) -> TypeModel:
    """A model that reads nothing and always prefers one sub-type."""
    labels = ["Armed clash", "Attack", "Peaceful protest", "Abduction/forced disappearance"]
    types = ["Battles", "Violence against civilians", "Protests", "Violence against civilians"]
    bias = np.array([8.0 if label == prefer else 0.0 for label in labels])
    return TypeModel(labels, types, ["unused"], np.zeros((1, 4)), bias)


def test_extraction_takes_the_model_in_use_and_its_probability(nlp):
    text = "Gunmen attacked a village in Kandahar province on Tuesday."
    with type_model_in_use(_one_sided("Abduction/forced disappearance")):
        (m,) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert (m.event_type, m.sub_event_type) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert m.cameo_code == "181"
    with type_model_in_use(_one_sided("Attack")):
        (m,) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert m.sub_event_type == "Attack" and m.confidence > 0.5


def test_armed_men_never_protest_whatever_the_model_says(nlp):
    text = "Gunmen attacked a village in Kandahar province on Tuesday."
    with type_model_in_use(_one_sided("Peaceful protest")):
        (m,) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert m.event_type != "Protests"


def test_who_took_the_town_decides_regained_or_overtaken(nlp):
    (m,) = [
        m
        for m in extract(nlp("Government troops recaptured the town of Palmyra on Sunday."))
        if m.status == "new"
    ]
    assert m.sub_event_type == "Government regains territory"
    (m,) = [
        m
        for m in extract(nlp("Rebels captured the town of Palmyra on Sunday."))
        if m.status == "new"
    ]
    assert m.sub_event_type == "Non-state actor overtakes territory"


def test_weighted_f1_weighs_each_label_by_its_gold_count():
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("c", None)]
    assert f1_by_label(pairs) == {"a": pytest.approx(2 / 3), "b": pytest.approx(2 / 3), "c": 0.0}
    assert weighted_f1(pairs) == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)


def test_a_calibration_curve_followed_by_another_is_one_curve():
    first, later = Calibration(0.8, -0.3), Calibration(1.5, 0.2)
    for raw in (0.01, 0.3, 0.5, 0.97):
        assert first.then(later).apply(raw) == pytest.approx(
            later.apply(first.apply(raw)), abs=1e-6
        )
    assert Calibration().apply(0.3) == pytest.approx(0.3)
