"""spaCy's matrix products on numpy's BLAS give the annotations the bundled BLIS gives."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thinc.api import NumpyOps

from thucydides.nlp.blas import NumpyBlasOps, model_layers, use_numpy_blas
from thucydides.nlp.pipeline import ModelMissingError, shipped_model

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mosul-2014-06-10.txt"


def _stock():
    try:
        return shipped_model()
    except ModelMissingError:
        pytest.skip("no English spaCy model installed")


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def test_same_parse_on_numpy_blas():
    texts = [line for line in SAMPLE.read_text().splitlines() if line.strip()]
    stock, switched = _stock(), _stock()
    assert use_numpy_blas(switched) > 0
    assert {type(layer.ops) for layer in model_layers(switched)} == {NumpyBlasOps}
    # Whole documents and one batch, as the pipeline parses: the batch's rows share products.
    expected = [_annotations(d) for d in stock.pipe(texts, batch_size=32)]
    assert [_annotations(d) for d in switched.pipe(texts, batch_size=32)] == expected


def test_other_backends_are_left_alone():
    nlp = _stock()

    class OtherOps(NumpyOps):
        name = "other"

    other = OtherOps()
    for layer in nlp.get_pipe("ner").model.walk():
        layer.ops = other
    use_numpy_blas(nlp)
    assert all(layer.ops is other for layer in nlp.get_pipe("ner").model.walk())
    assert all(type(layer.ops) is NumpyBlasOps for layer in nlp.get_pipe("tok2vec").model.walk())


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 40),
    inner=st.integers(1, 30),
    cols=st.integers(1, 30),
    trans1=st.booleans(),
    trans2=st.booleans(),
    into=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_gemm_is_thincs_gemm(rows, inner, cols, trans1, trans2, into, seed):
    rng = numpy.random.default_rng(seed)
    x = rng.standard_normal((inner, rows) if trans1 else (rows, inner), dtype=numpy.float32)
    y = rng.standard_normal((cols, inner) if trans2 else (inner, cols), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.full((rows, cols), numpy.nan, dtype=numpy.float32) if into else None
    got = NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    if into:
        assert got is out
