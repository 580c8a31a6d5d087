"""spaCy's matrix products on the bundled BLIS against numpy's BLAS, one thread each.

    python bench/blas.py [--articles 64] [--words 591]

Parses generated articles (bench/run.py's corpus) once to record the shapes of every matrix
product the models make, then times those very products with thinc's NumpyOps (BLIS) and
with `thucydides.nlp.blas.NumpyBlasOps` (numpy's BLAS), and the whole parse both ways.
"""

from __future__ import annotations

import argparse
import time

import numpy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info, threadpool_limits

from run import corpus
from thucydides.nlp.blas import NumpyBlasOps, model_layers, use_numpy_blas
from thucydides.nlp.pipeline import shipped_model


class RecordingOps(NumpyOps):
    """NumpyOps that notes the operand shapes of each product."""

    def __init__(self) -> None:
        super().__init__()
        self.products: list[tuple[tuple, tuple, bool, bool]] = []

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        self.products.append((x.shape, y.shape, trans1, trans2))
        return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def _set_ops(nlp, ops) -> None:
    for layer in model_layers(nlp):
        layer.ops = ops


def _timed_products(ops, operands) -> float:
    started = time.perf_counter()
    for x, y, trans1, trans2 in operands:
        ops.gemm(x, y, trans1=trans1, trans2=trans2)
    return time.perf_counter() - started


def _timed_parse(nlp, texts) -> float:
    with nlp.memory_zone():
        started = time.perf_counter()
        list(nlp.pipe(texts, batch_size=32))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--words", type=int, default=591)
    args = parser.parse_args()
    texts = corpus(args.articles, args.words)
    blas = [(i["internal_api"], i.get("architecture"), i["version"]) for i in threadpool_info()]
    print(f"numpy's BLAS: {blas}")
    with threadpool_limits(1, user_api="blas"):
        nlp = shipped_model()
        recorder = RecordingOps()
        _set_ops(nlp, recorder)
        list(nlp.pipe(texts, batch_size=32))
        rng = numpy.random.default_rng(0)
        operands = [
            (
                rng.standard_normal(x, dtype=numpy.float32),
                rng.standard_normal(y, dtype=numpy.float32),
                t1,
                t2,
            )
            for x, y, t1, t2 in recorder.products
        ]
        flops = sum(2 * x[0] * x[1] * (y[0] if t2 else y[1]) for (x, y, _, t2) in recorder.products)
        print(f"{len(operands)} products, {flops / 1e9:.1f} GFLOP for {len(texts)} articles")
        for name, ops in (("BLIS (thinc NumpyOps)", NumpyOps()), ("numpy BLAS", NumpyBlasOps())):
            _timed_products(ops, operands[:4])
            seconds = min(_timed_products(ops, operands) for _ in range(3))
            print(f"{name:22s}: {seconds:6.2f} s, {flops / seconds / 1e9:5.1f} GFLOP/s")
        _set_ops(nlp, NumpyOps())
        blis_parse = min(_timed_parse(nlp, texts) for _ in range(2))
        use_numpy_blas(nlp)
        numpy_parse = min(_timed_parse(nlp, texts) for _ in range(2))
    print(
        f"whole parse, one thread: BLIS {len(texts) / blis_parse:.1f} articles/s,"
        f" numpy BLAS {len(texts) / numpy_parse:.1f} articles/s"
    )


if __name__ == "__main__":
    main()
