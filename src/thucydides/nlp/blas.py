"""spaCy's matrix products on numpy's BLAS instead of the bundled BLIS.

thinc's NumpyOps multiplies matrices with the BLIS build that the `blis` wheel bundles; on
the x86 machines this project runs on it is about three times slower than the OpenBLAS that
numpy's wheels ship (`bench/blas.py`), and these products are a third of the parse. The same
products through `numpy.matmul` give the same annotations (0 differences in 236,739 tokens of
ACLED notes and generated articles, `tests/test_nlp_blas.py` on a smaller sample); thinc's
own Apple backend swaps the same method for the same reason. Only models on plain NumpyOps
are switched, so a user's own backend (Apple, GPU) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy
from spacy.language import Language
from thinc.api import Model, NumpyOps


class NumpyBlasOps(NumpyOps):
    """NumpyOps with `gemm` through numpy's BLAS."""

    name = "numpy_blas"

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        if x.ndim != 2 or y.ndim != 2:
            raise ValueError(f"gemm takes 2-dimensional arrays, not {x.ndim} and {y.ndim}")
        return numpy.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)


def model_layers(nlp: Language) -> Iterator[Model]:
    """Every layer of the pipeline's thinc models (components without one are skipped)."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            yield from model.walk()


def use_numpy_blas(nlp: Language) -> int:
    """Give every layer of the pipeline's models that runs on plain NumpyOps the numpy-BLAS
    ops; returns how many layers were switched."""
    ops = NumpyBlasOps()
    switched = 0
    for layer in model_layers(nlp):
        if type(layer.ops) is NumpyOps:
            layer.ops = ops
            switched += 1
    return switched
