#!/usr/bin/python3
"""Benchmark (b) of @muonphilic/stats, iminuit side: one scan-window fit.

1000 events in [2.85, 3.15] GeV: a fixed double Crystal Ball signal (each CB normalised on the
window, RooCBShape convention) + a quadratic Chebyshev background; Ns, Nb, c1, c2 free; MIGRAD then
HESSE, errordef 0.5, iminuit's defaults otherwise. The cost is numpy-vectorised (the signal
density column is precomputed once per dataset, as the JavaScript fit does). Prints the median
time per fit over 200 datasets, with the numerical gradient (iminuit's default) and with an
analytic gradient.

Run: /usr/bin/python3 tools/bench/stats/iminuit_scan_fit.py   (apt-get install -y python3-iminuit)
"""
import json
import math
import time

import numpy as np
from iminuit import Minuit, __version__ as iminuit_version
from scipy.special import erf

LOW, HIGH, MEAN = 2.85, 3.15, 3.0
CB = [(0.005, 1.5, 3.0, 0.65), (0.009, 2.5, 2.0, 0.35)]  # sigma, alpha, n, fraction


def cb_shape(x, s, alpha, n):
    a = abs(alpha)
    t = (x - MEAN) / s * (1 if alpha > 0 else -1)
    tail = np.exp(-0.5 * a * a - n * np.log1p(-(a / n) * (a + np.minimum(t, -a))))
    return np.where(t >= -a, np.exp(-0.5 * t * t), tail)


def cb_norm(s, alpha, n):
    xs = np.linspace(LOW, HIGH, 200001)
    ys = cb_shape(xs, s, alpha, n)
    return float(np.trapz(ys, xs))  # 1.5e-6 steps: ample for a benchmark (not a reference value)


NORMS = [cb_norm(s, a, n) for s, a, n, _ in CB]


def signal_density(x):
    return sum(f * cb_shape(x, s, a, n) / nn for (s, a, n, f), nn in zip(CB, NORMS))


def make_data(rng, ns=20, nb=980):
    # signal by accept-reject on the peak region, background by accept-reject on the quadratic
    out = []
    fmax = float(signal_density(np.array([MEAN]))[0]) * 1.01
    while len(out) < ns:
        x = rng.uniform(LOW, HIGH, 4096)
        keep = x[rng.uniform(0, fmax, x.size) < signal_density(x)]
        out.extend(keep[: ns - len(out)])
    half, mid = 0.5 * (HIGH - LOW), 0.5 * (HIGH + LOW)
    bk = []
    while len(bk) < nb:
        x = rng.uniform(LOW, HIGH, 4096)
        u = (x - mid) / half
        f = 1 - 0.2 * u + 0.05 * (2 * u * u - 1)
        keep = x[rng.uniform(0, 1.3, x.size) < f]
        bk.extend(keep[: nb - len(bk)])
    return np.array(out + bk)


def make_minuit(data, with_grad):
    half, mid = 0.5 * (HIGH - LOW), 0.5 * (HIGH + LOW)
    fs = signal_density(data)
    u = (data - mid) / half
    t1, t2 = u, 2 * u * u - 1

    def nll(Ns, Nb, c1, c2):
        norm = half * (2 - 2.0 / 3.0 * c2)
        mu = Ns * fs + Nb * (1 + c1 * t1 + c2 * t2) / norm
        return Ns + Nb - np.sum(np.log(mu))

    def grad(Ns, Nb, c1, c2):
        norm = half * (2 - 2.0 / 3.0 * c2)
        fb = (1 + c1 * t1 + c2 * t2) / norm
        w = 1 / (Ns * fs + Nb * fb)
        dnorm_dc2 = -half * 2.0 / 3.0
        return np.array([
            1 - np.sum(w * fs),
            1 - np.sum(w * fb),
            -Nb * np.sum(w * t1) / norm,
            -Nb * np.sum(w * (t2 / norm - fb * dnorm_dc2 / norm)),
        ])

    m = Minuit(nll, grad=grad if with_grad else None, Ns=10.0, Nb=990.0, c1=0.0, c2=0.0)
    m.errordef = Minuit.LIKELIHOOD
    return m


def bench(datasets, with_grad, reps=5):
    times, valid, nfcn = [], 0, 0
    for _ in range(reps):
        t0 = time.perf_counter()
        for d in datasets:
            m = make_minuit(d, with_grad)
            m.migrad()
            m.hesse()
            valid += m.valid
            nfcn += m.nfcn
        times.append((time.perf_counter() - t0) / len(datasets))
    times.sort()
    return times[len(times) // 2], valid / reps, nfcn / reps / len(datasets)


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    datasets = [make_data(rng) for _ in range(200)]
    out = {"iminuit": iminuit_version, "numpy": np.__version__, "fits": len(datasets)}
    for label, g in (("numerical_gradient", False), ("analytic_gradient", True)):
        t, v, nf = bench(datasets, g)
        out[label] = {"us_per_fit": round(t * 1e6, 1), "valid_per_200": v, "nfcn_per_fit": round(nf, 1)}
    print(json.dumps(out))
