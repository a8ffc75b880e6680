#!/usr/bin/python3
"""The muonphilic resonance scan redone with iminuit, for the benchmark of apps/scan (README).

Same data, same grid, same model, same statistics as `muonphilic scan resonance`:
- for each mass hypothesis of a muonphilic results.json (its window, background order and
  J/psi veto), the extended unbinned NLL of a double Crystal Ball (shape interpolated from the
  same calibration JSON, each CB normalised on the fit region) plus a Bernstein background with
  non-negative coefficients, written as a numpy-vectorised cost for iminuit (MIGRAD + HESSE);
- the background-only fit, q0 and the local significance;
- asymptotic CLs (q-tilde, CCGV2011) 90% CL upper limits on the signal yield, observed and the five
  expected band values, with the Asimov dataset on the same Gauss-Legendre nodes, once without
  and once with the Gaussian-constrained relative systematic of the run (scipy brentq).

Run with Debian's python3-iminuit (apt-get install -y python3-iminuit python3-scipy):
  /usr/bin/python3 tools/bench/scan/iminuit_scan.py --results DIR/results.json --data FILE.csv \
      --column mass --calibration apps/scan/calibration/belle2-4mu-default.json --every 10
`--every K` runs every K-th point (the full scan takes tens of minutes); the script prints the
time per point, the extrapolated time of the whole scan, and the agreement with muonphilic.
"""
import argparse
import json
import math
import time

import numpy as np
from iminuit import Minuit
from scipy.optimize import brentq
from scipy.special import erf
from scipy.stats import norm

M_MU = 0.1056583755  # PDG 2022, as @muonphilic/units

GL_X, GL_W = np.polynomial.legendre.leggauss(8)


def reduced(m):
    return np.sqrt(np.maximum(m * m - 4 * M_MU * M_MU, 0.0))


def interp(points, mass, get):
    ms = [p["massGeV"] for p in points]
    if mass <= ms[0]:
        return get(points[0])
    if mass >= ms[-1]:
        return get(points[-1])
    j = int(np.searchsorted(ms, mass, side="right"))
    a, b = points[j - 1], points[j]
    t = (mass - a["massGeV"]) / (b["massGeV"] - a["massGeV"])
    return get(a) + t * (get(b) - get(a))


def cb_unnorm(x, mean, sigma, alpha, n):
    t = (x - mean) / sigma
    if alpha < 0:
        t = -t
    a = abs(alpha)
    out = np.exp(-0.5 * t * t)
    tail = t < -a
    A = (n / a) ** n * math.exp(-0.5 * a * a)
    B = n / a - a
    out[tail] = A * (B - t[tail]) ** (-n)
    return out


def cb_integral(lo, hi, mean, sigma, alpha, n):
    """Analytic integral of the unnormalised CB over [lo, hi]."""
    if alpha >= 0:
        t1, t2 = (lo - mean) / sigma, (hi - mean) / sigma
    else:
        t1, t2 = (mean - hi) / sigma, (mean - lo) / sigma
    a = abs(alpha)
    total = 0.0
    if t1 < -a:
        h = min(t2, -a)
        A = (n / a) ** n * math.exp(-0.5 * a * a)
        B = n / a - a
        total += A / (n - 1) * ((B - h) ** (1 - n) - (B - t1) ** (1 - n))
    if t2 > -a:
        l = max(t1, -a)
        total += math.sqrt(math.pi / 2) * (erf(t2 / math.sqrt(2)) - erf(l / math.sqrt(2)))
    return sigma * total


def bernstein(u, d):
    if d == 1:
        return [1 - u, u]
    return [(1 - u) ** 2, 2 * u * (1 - u), u * u]


def bernstein_prim(k, d, u):
    v = 1 - u
    if d == 1:
        return -0.5 * v * v if k == 0 else 0.5 * u * u
    return [-(v ** 3) / 3, u * u - 2 * u ** 3 / 3, u ** 3 / 3][k]


class Window:
    def __init__(self, sorted_r, point, shape, vetoes):
        self.low, self.high, d = point["windowLow"], point["windowHigh"], point["backgroundOrder"]
        pieces = [(self.low, self.high)]
        for va, vb in vetoes:
            nxt = []
            for a, b in pieces:
                if vb <= a or va >= b:
                    nxt.append((a, b))
                else:
                    if va > a:
                        nxt.append((a, va))
                    if vb < b:
                        nxt.append((vb, b))
            pieces = nxt
        self.region, self.d, self.shape = pieces, d, shape
        self.p = d + 2
        xs = np.concatenate([sorted_r[np.searchsorted(sorted_r, a): np.searchsorted(sorted_r, b)] for a, b in pieces])
        self.n = len(xs)
        self.phi = self.components(xs)
        w = self.high - self.low
        self.integrals = np.array(
            [1.0]
            + [sum(bernstein_prim(k, d, (b - self.low) / w) - bernstein_prim(k, d, (a - self.low) / w) for a, b in pieces) for k in range(d + 1)]
        )
        sig = min(shape["core"][0], shape["tail"][0])
        mean = shape["mean"]
        nodes, weights = [], []
        for a, b in pieces:
            cuts = sorted(c for c in (a, b, mean - 8 * sig, mean + 8 * sig) if a <= c <= b)
            for u, v in zip(cuts[:-1], cuts[1:]):
                if v <= u:
                    continue
                core = abs(0.5 * (u + v) - mean) < 8 * sig
                k = max(1, math.ceil((v - u) / ((1 if core else 4) * sig)))
                for q in range(k):
                    lo, hi = u + (v - u) * q / k, u + (v - u) * (q + 1) / k
                    half = 0.5 * (hi - lo)
                    nodes.extend(lo + half * (1 + GL_X))
                    weights.extend(half * GL_W)
        self.nodes_phi = self.components(np.array(nodes))
        self.nodes_w = np.array(weights)

    def components(self, x):
        s = self.shape
        dens = np.zeros_like(x)
        for (sigma, alpha, n), frac in ((s["core"], s["fraction"]), (s["tail"], 1 - s["fraction"])):
            norm_ = sum(cb_integral(a, b, s["mean"], sigma, alpha, n) for a, b in self.region)
            dens += frac * cb_unnorm(x, s["mean"], sigma, alpha, n) / norm_
        w = self.high - self.low
        return np.vstack([dens] + [b / w for b in bernstein((x - self.low) / w, self.d)])


def make_nll(phi, weights, integrals, constraint=None):
    def nll(*theta):
        th = np.asarray(theta)
        lam = th @ phi
        if np.any(lam <= 0):
            return 1e300
        v = float(th @ integrals - (np.sum(np.log(lam)) if weights is None else np.dot(weights, np.log(lam))))
        if constraint is not None:
            mu, s = constraint
            v += 0.5 * ((th[0] - mu) / s) ** 2
        return v

    return nll


def fit(win, phi, weights, start, fix_signal=None, constraint=None, hesse=False):
    names = ["s"] + [f"b{k}" for k in range(win.p - 1)]
    m = Minuit(make_nll(phi, weights, win.integrals, constraint), *start, name=names)
    m.errordef = Minuit.LIKELIHOOD
    for k in range(1, win.p):
        m.limits[names[k]] = (0, None)
    if fix_signal is not None:
        m.values["s"] = fix_signal
        if constraint is None:
            m.fixed["s"] = True
    m.migrad()
    if hesse:
        m.hesse()
    return m


def start(win, total):
    norm_ = sum(win.integrals[1:])
    return [0.0] + [max(total, 1e-3) / norm_] * (win.p - 1)


def limits(win, free, null, rel_syst, cl):
    alpha = 1 - cl
    mu_hat, sig_hat = free.values["s"], free.errors["s"]
    nll_hat, nll_zero = free.fval, null.fval
    theta_a = np.array(null.values)
    theta_a[0] = 0
    w_a = np.maximum(theta_a @ win.nodes_phi, 0) * win.nodes_w
    a0 = fit(win, win.nodes_phi, w_a, list(theta_a), fix_signal=0.0).fval

    def cond(phi, weights, mu, st):
        c = (mu, rel_syst * mu) if rel_syst > 0 and mu > 0 else None
        return fit(win, phi, weights, st, fix_signal=mu, constraint=c).fval

    def q_a(mu):
        return max(0.0, 2 * (cond(win.nodes_phi, w_a, mu, list(theta_a)) - a0))

    def cls_obs(mu):
        if mu <= 0:
            return 1 - alpha
        q = 0.0 if mu_hat > mu else max(0.0, 2 * (cond(win.phi, None, mu, list(null.values)) - (nll_zero if mu_hat < 0 else nll_hat)))
        qa = q_a(mu)
        x = math.sqrt(q) if q <= qa else (q + qa) / (2 * math.sqrt(qa))
        clb = norm.sf(x - math.sqrt(qa))
        return (norm.sf(x) / clb if clb > 0 else 1.0) - alpha

    def solve(g, guess):
        a, b = guess, guess * 1.02
        fa, fb = g(a), g(b)
        for _ in range(60):
            if fa * fb <= 0:
                break
            x = b - fb * (b - a) / (fb - fa) if fb != fa else 2 * b
            x = min(max(x, b / 4), 4 * b)
            a, fa, b, fb = b, fb, x, g(x)
            if abs(b - a) <= 1e-5 * sig_hat:
                return b
        return brentq(g, min(a, b), max(a, b), xtol=1e-5 * sig_hat) if fa * fb <= 0 else float("nan")

    mp = max(mu_hat, 0)
    observed = solve(cls_obs, mp + sig_hat * norm.isf(alpha * norm.cdf(mp / sig_hat)))
    z = lambda n: n + norm.isf(alpha * norm.cdf(n))  # noqa: E731
    expected = [solve(lambda mu, n=n: z(n) - math.sqrt(q_a(mu)), sig_hat * z(n)) for n in (-2, -1, 0, 1, 2)]
    return observed, expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--column", default="mass")
    ap.add_argument("--calibration", required=True)
    ap.add_argument("--every", type=int, default=10)
    args = ap.parse_args()
    doc = json.load(open(args.results))
    cal = json.load(open(args.calibration))["models"]["zprime"]
    with open(args.data) as f:
        rows = [l for l in f.read().splitlines() if l.strip() and not l.startswith("#")]
    col = rows[0].split(",").index(args.column)
    masses = np.array([float(r.split(",")[col]) for r in rows[1:]])
    sorted_r = np.sort(reduced(masses))
    settings = doc["settings"]
    vetoes = [(reduced(a), reduced(b)) for a, b in settings["vetoesGeV"]]
    rel_syst = settings["systematics"]["relative"][0]
    cl = settings["cl"]
    pts = [p for p in doc["points"] if p["status"] in ("ok", "retried")][:: args.every]
    diffs = {"signalYield": [], "localSignificance": [], "upperLimitYield": [], "expected": [], "upperLimitYieldSyst": []}
    # Points where iminuit's free fit has a negative expected density at the hypothesis: this cost
    # checks lambda > 0 only at the events (a plain RooFit/zfit fit), muonphilic holds lambda >= 0 over
    # the whole window, so a downward fluctuation with no event near the peak stops at lambda(peak) = 0
    # there and goes further negative here. Compared separately.
    boundary = {k: [] for k in diffs}
    boundary_points = []
    t0 = time.perf_counter()
    for p in pts:
        m = p["mass"]
        shape = {
            "mean": float(reduced(m)) + interp(cal, m, lambda q: q["meanOffsetGeV"]),
            "core": tuple(interp(cal, m, lambda q, k=k: q["core"][k]) for k in ("sigmaGeV", "alpha", "n")),
            "tail": tuple(interp(cal, m, lambda q, k=k: q["tail"][k]) for k in ("sigmaGeV", "alpha", "n")),
            "fraction": interp(cal, m, lambda q: q["fraction"]),
        }
        win = Window(sorted_r, p, shape, vetoes)
        free = fit(win, win.phi, None, start(win, win.n), hesse=True)
        null = fit(win, win.phi, None, start(win, win.n), fix_signal=0.0)
        q0 = 2 * (null.fval - free.fval) if free.values["s"] > 0 else 0.0
        obs, exp = limits(win, free, null, 0.0, cl)
        obs_s, _ = limits(win, free, null, rel_syst, cl)
        rel = lambda a, b: abs(a - b) / max(abs(b), 1e-12)  # noqa: E731
        peak = float(np.array(free.values) @ win.components(np.array([shape["mean"]]))[:, 0])
        if peak < 0:
            boundary_points.append(m)
        d = boundary if peak < 0 else diffs
        d["signalYield"].append(abs(free.values["s"] - p["signalYield"]) / p["signalYieldError"])
        d["localSignificance"].append(abs(math.sqrt(max(q0, 0)) - p["localSignificance"]))
        d["upperLimitYield"].append(rel(obs, p["upperLimitYield"]))
        d["expected"].append(max(rel(e, r) for e, r in zip(exp, p["expectedUpperLimitYield"])))
        d["upperLimitYieldSyst"].append(rel(obs_s, p["upperLimitYieldSyst"]))
    dt = time.perf_counter() - t0
    n_all = len(doc["points"])
    print(json.dumps({
        "pointsRun": len(pts),
        "secondsPerPoint": dt / len(pts),
        "extrapolatedFullScanSeconds": dt / len(pts) * n_all,
        "fullScanPoints": n_all,
        "muonphilicWallSeconds": doc["summary"]["wallSeconds"],
        "muonphilicWorkers": doc["summary"]["workers"],
        "agreement": {k: {"median": float(np.nanmedian(v)), "max": float(np.nanmax(v))} for k, v in diffs.items()},
        "pointsWithNegativePeakDensityInIminuit": len(boundary_points),
        "agreementAtThosePoints": (
            {k: {"median": float(np.nanmedian(v)), "max": float(np.nanmax(v))} for k, v in boundary.items()}
            if boundary_points
            else None
        ),
        "units": "signalYield in units of its HESSE error; localSignificance absolute; limits relative",
    }, indent=1))


if __name__ == "__main__":
    main()
