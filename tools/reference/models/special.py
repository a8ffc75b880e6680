"""Independent values for @muonphilic/models special functions (run with /usr/bin/python3; mpmath, scipy).

* Li2(x) from mpmath.polylog at 30 digits;
* the S -> gamma gamma muon-loop amplitude A_1/2(tau) from its Feynman-parameter representation
  A = 4 int_0^{1/4} du w(u) (1 - 4u)/(1 - 4 tau u - i0), w(u) = ln((1 + sqrt(1-4u))/(1 - sqrt(1-4u))),
  (the triangle integral over x, y with xy = u), by scipy quad: principal value with weight='cauchy'
  and the imaginary part from the pole, pi w(u0)(1 - 4u0)/(4 tau) at u0 = 1/(4 tau); compared in
  |A|^2 (the sign convention of Im A does not matter).
Writes packages/models/test/fixtures/models-special.json.
"""
import json
import math
import os

import mpmath as mp
from scipy import integrate

mp.mp.dps = 30
xs = [-50.0, -3.0, -1.0, -0.3, 1e-8, 0.1, 0.3, 0.5, 0.6, 0.9, 0.999, 1.0]
dilog = [float(mp.polylog(2, x)) for x in xs]


def w(u):
    r = math.sqrt(max(1 - 4 * u, 0.0))
    return math.log((1 + r) / (1 - r)) if r < 1 else math.inf


def amp2(tau):
    f = lambda u: w(u) * (1 - 4 * u)
    if tau <= 1:
        re = integrate.quad(lambda u: f(u) / (1 - 4 * tau * u), 0, 0.25, epsabs=0, epsrel=1e-13, limit=200)[0]
        return (4 * re) ** 2
    u0 = 1 / (4 * tau)
    # PV of int f(u)/(1 - 4 tau u) = -1/(4 tau) PV int f(u)/(u - u0)
    # the log singularity of w at u = 0 is kept away from the Cauchy-weighted piece
    pv = integrate.quad(lambda u: f(u) / (u - u0), 0, u0 / 2, epsabs=0, epsrel=1e-13, limit=200)[0]
    pv += integrate.quad(f, u0 / 2, 0.25, weight="cauchy", wvar=u0, epsabs=0, epsrel=1e-13, limit=200)[0]
    re = -pv / (4 * tau)
    im = math.pi * f(u0) / (4 * tau)
    return (4 * re) ** 2 + (4 * im) ** 2


taus = [1e-3, 0.1, 0.5, 0.9, 1.5, 4.0, 25.0, 400.0]
norm = integrate.quad(lambda u: w(u) * (1 - 4 * u), 0, 0.25, epsabs=0, epsrel=1e-13)[0]
out = {
    "source": "tools/reference/models/special.py: mpmath.polylog (30 digits) and scipy quadrature of the Feynman-parameter form of the fermion-loop amplitude",
    "dilog": {"x": xs, "value": dilog},
    "fermionLoopAmp2": {"tau": taus, "value": [amp2(t) for t in taus], "note": "|A_1/2(tau)|^2, tau = m_S^2/(4 m_mu^2); A -> 4/3 for tau -> 0"},
    "triangleNorm": norm,
}
print(out)
path = os.path.join(os.path.dirname(__file__), "../../../packages/models/test/fixtures/models-special.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
