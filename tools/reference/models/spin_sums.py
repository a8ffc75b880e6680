"""Independent reference numbers for @muonphilic/models (run with /usr/bin/python3; numpy, scipy, sympy).

1. Numerical spin sums with explicit Dirac matrices (gamma_5 included, physical polarisation
   vectors of the massive X) at random phase-space points, compared with the closed forms of
   traces.py: checks the trace derivation, the dropped gamma_5 terms and the -g polarisation sum.
2. Phase-space integrals of the closed forms with scipy (nested adaptive quadrature):
   BR(K+ -> mu+ nu Z')/g'^2 (Ibe2017 eqs. (13)-(16)), dBR/dp_mu, sigma(e+e- -> mu+mu- X)/sigma_0
   for a vector and a scalar X with massive or massless muons, and dsigma/dz.
Writes packages/models/test/fixtures/models-traces.json.
"""
import json
import math
import os

import numpy as np
import sympy as sp
from scipy import integrate

from traces import gamma_star, kaon

M_MU = 0.1056583755
M_K = 0.493677
BR_K_MUNU = 0.6356
ALPHA = 1 / 137.035999084
rng = np.random.default_rng(20240607)

# ---------------------------------------------------------------- Dirac algebra
I2 = np.eye(2)
Z2 = np.zeros((2, 2))
SIG = [np.array([[0, 1], [1, 0]], complex), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]], complex)]
G0 = np.block([[I2, Z2], [Z2, -I2]]).astype(complex)
GI = [np.block([[Z2, s], [-s, Z2]]) for s in SIG]
G5 = np.block([[Z2, I2], [I2, Z2]]).astype(complex)
GAMMA = [G0] + GI
METRIC = np.diag([1.0, -1.0, -1.0, -1.0])
PR = (np.eye(4) + G5) / 2


def slash(a):
    return G0 * a[0] - GI[0] * a[1] - GI[1] * a[2] - GI[2] * a[3]


def mdot(a, b):
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


def spinors(p, m, kind):
    """u or v spinors (Dirac representation) for both spin states, normalised to 2m."""
    E = p[0]
    sp_ = sum(SIG[i] * p[i + 1] for i in range(3))
    out = []
    for chi in (np.array([1, 0], complex), np.array([0, 1], complex)):
        if kind == "u":
            out.append(np.concatenate([math.sqrt(E + m) * chi, sp_ @ chi / math.sqrt(E + m)]))
        else:
            out.append(np.concatenate([sp_ @ chi / math.sqrt(E + m), math.sqrt(E + m) * chi]))
    return out


def bar(w):
    return w.conj() @ G0


def boost(p, beta):
    b2 = beta @ beta
    if b2 == 0:
        return p.copy()
    g = 1 / math.sqrt(1 - b2)
    bp = beta @ p[1:]
    e = g * (p[0] + bp)
    vec = p[1:] + ((g - 1) * bp / b2 + g * p[0]) * beta
    return np.concatenate([[e], vec])


def polarisations(q, M):
    """Three real polarisation vectors of a massive vector with momentum q (boosted from rest)."""
    beta = q[1:] / q[0]
    return [boost(np.concatenate([[0.0], e]), beta) for e in np.eye(3)]


def two_body(M, m1, m2):
    p = math.sqrt((M * M - (m1 + m2) ** 2) * (M * M - (m1 - m2) ** 2)) / (2 * M)
    c = rng.uniform(-1, 1)
    phi = rng.uniform(0, 2 * math.pi)
    s = math.sqrt(1 - c * c)
    n = np.array([s * math.cos(phi), s * math.sin(phi), c])
    return (np.concatenate([[math.hypot(p, m1)], p * n]), np.concatenate([[math.hypot(p, m2)], -p * n]))


def three_body(M, m1, m2, m3):
    """Random configuration (not uniform in phase space: only used for pointwise checks)."""
    lo, hi = m2 + m3, M - m1
    m23 = rng.uniform(lo, hi)
    p1, p23 = two_body(M, m1, m23)
    p2, p3 = two_body(m23, m2, m3)
    beta = p23[1:] / p23[0]
    return p1, boost(p2, beta), boost(p3, beta)


# ---------------------------------------------------------------- closed forms
kaon_expr, kaon_syms = kaon()
kaon_f = sp.lambdify(kaon_syms, kaon_expr, "math")
gs = {spin: gamma_star(spin) for spin in ("vector", "scalar")}
gs_f = {spin: sp.lambdify(syms, e, "math") for spin, (e, syms) in gs.items()}


def kaon_numeric(p, k, q, M):
    """sum over spins and the 3 physical Z' polarisations of |eps* . Mhat|^2 (Ibe2017 eq. (10))."""
    l = p + k + q
    A = 2 * mdot(p, q) + mdot(q, q)
    B = 2 * mdot(k, q) + mdot(q, q)
    total = 0.0
    for eps in polarisations(q, M):
        # eps* . M: gamma_nu eps*^nu = slash(eps) (eps real), p_nu eps^nu = p.eps
        O = slash(l) @ (2 * mdot(p, eps) * np.eye(4) + slash(q) @ slash(eps)) / A - (
            2 * mdot(k, eps) * np.eye(4) + slash(eps) @ slash(q)
        ) @ slash(l) / B
        for un in spinors(k, 0.0, "u"):
            for vm in spinors(p, M_MU, "v"):
                amp = bar(un) @ PR @ O @ vm
                total += abs(amp) ** 2
    return total


def gamma_star_numeric(k1, k2, q, M, m, spin):
    D1 = mdot(k1 + q, k1 + q) - m * m
    D2 = mdot(k2 + q, k2 + q) - m * m
    pols = polarisations(q, M) if spin == "vector" else [None]
    total = 0.0
    for eps in pols:
        for mu in range(4):
            gm = GAMMA[mu]
            if spin == "vector":
                e = slash(eps)
                O = e @ (slash(k1 + q) + m * np.eye(4)) @ gm / D1 + gm @ (-slash(k2 + q) + m * np.eye(4)) @ e / D2
            else:
                O = (slash(k1 + q) + m * np.eye(4)) @ gm / D1 + gm @ (-slash(k2 + q) + m * np.eye(4)) / D2
            for u1 in spinors(k1, m, "u"):
                for v2 in spinors(k2, m, "v"):
                    J = bar(u1) @ O @ v2
                    total += -METRIC[mu, mu] * abs(J) ** 2
    return total


def check_pointwise():
    worst = {}
    points = {"kaon": [], "vector": [], "scalar": []}
    for M in (0.01, 0.1, 0.3):
        for _ in range(5):
            p, k, q = three_body(M_K, M_MU, 0.0, M)
            m12 = mdot(k + q, k + q)
            m23 = mdot(p + q, p + q)
            closed = kaon_f(M_K**2, M_MU**2, M * M, m12, m23)
            num = kaon_numeric(p, k, q, M)
            worst["kaon"] = max(worst.get("kaon", 0), abs(closed / num - 1))
            points["kaon"].append({"mZp": M, "m12sq": m12, "m23sq": m23, "msq": num})
    for spin in ("vector", "scalar"):
        for M, m in ((0.05, M_MU), (1.0, M_MU), (3.0, M_MU), (0.5, 0.0)):
            for _ in range(4):
                k1, k2, q = three_body(10.58, m, m, M)
                s1 = mdot(k1 + q, k1 + q)
                s2 = mdot(k2 + q, k2 + q)
                closed = gs_f[spin](10.58**2, m * m, M * M, s1, s2)
                num = gamma_star_numeric(k1, k2, q, M, m, spin)
                worst[spin] = max(worst.get(spin, 0), abs(closed / num - 1))
                points[spin].append({"sqrtS": 10.58, "mX": M, "mMu": m, "s1": s1, "s2": s2, "h": num})
    return worst, points


# ---------------------------------------------------------------- integrals
def kallen(a, b, c):
    return a * a + b * b + c * c - 2 * (a * b + a * c + b * c)


def m23_range(m12sq, MK, m1, m2, m3):
    """Dalitz limits of m23^2 at fixed m12^2 (PDG kinematics; particle order 1=nu,2=Z',3=mu)."""
    m12 = math.sqrt(m12sq)
    E2 = (m12sq - m1 * m1 + m2 * m2) / (2 * m12)
    E3 = (MK * MK - m12sq - m3 * m3) / (2 * m12)
    p2 = math.sqrt(max(E2 * E2 - m2 * m2, 0))
    p3 = math.sqrt(max(E3 * E3 - m3 * m3, 0))
    return (E2 + E3) ** 2 - (p2 + p3) ** 2, (E2 + E3) ** 2 - (p2 - p3) ** 2


OPTS = dict(epsabs=0, epsrel=1e-12, limit=400)


def kaon_inner(m12sq, M):
    lo, hi = m23_range(m12sq, M_K, 0.0, M, M_MU)
    m2 = M_MU**2
    # integrate in log(m23 - m_mu^2) (the integrand peaks at small m23 - m_mu^2 for light Z')
    f = lambda u: kaon_f(M_K**2, m2, M * M, m12sq, m2 + math.exp(u)) * math.exp(u)
    return integrate.quad(f, math.log(lo - m2), math.log(hi - m2), **OPTS)[0]


def kaon_br_over_g2(M):
    pref = BR_K_MUNU / (16 * math.pi**2 * M_MU**2 * (M_K**2 - M_MU**2) ** 2)
    val = integrate.quad(lambda u: kaon_inner(M * M + math.exp(u), M) * math.exp(u),
                         math.log(1e-300 + 0) if False else math.log((M_K - M_MU) ** 2 - M * M) - 60,
                         math.log((M_K - M_MU) ** 2 - M * M), **OPTS)[0]
    return pref * val


def kaon_dbr_dp_over_g2(M, p):
    """dBR/dp_mu / g^2 in GeV^-1 (Ibe2017 eq. (17) divided by Gamma_K, normalised by eqs. (13)-(15))."""
    pref = BR_K_MUNU / (16 * math.pi**2 * M_MU**2 * (M_K**2 - M_MU**2) ** 2)
    E = math.hypot(p, M_MU)
    m12sq = M_K**2 + M_MU**2 - 2 * M_K * E
    return pref * 2 * M_K * p / E * kaon_inner(m12sq, M)


def sigma0(sqrt_s, m):
    s = sqrt_s**2
    b = math.sqrt(1 - 4 * m * m / s)
    return 2 * math.pi * ALPHA**2 * b * (3 - b * b) / (3 * s)


def ratio_exact(sqrt_s, M, m, spin):
    """sigma(e+e- -> mu mu X)/(sigma_0 g^2) from the closed-form |M|^2 over the Dalitz plot."""
    s = sqrt_s**2
    m2 = m * m
    f = gs_f[spin]

    def inner(s1):
        lo, hi = m23_range(s1, sqrt_s, m, M, m)  # particles: 1 = mu-, 2 = X, 3 = mu+ ; s1=(k1+q)^2, s2=(q+k2)^2
        g = lambda u: f(s, m2, M * M, s1, m2 + math.exp(u)) * math.exp(u)
        return integrate.quad(g, math.log(lo - m2), math.log(hi - m2), **OPTS)[0]

    lo1, hi1 = (m + M) ** 2, (sqrt_s - m) ** 2
    val = integrate.quad(lambda u: inner(m2 + math.exp(u)) * math.exp(u), math.log(lo1 - m2), math.log(hi1 - m2), **OPTS)[0]
    # sigma = alpha^2 g^2/(48 pi s^3) int int H ds1 ds2 ; sigma_0 with the same masses
    sig = ALPHA**2 / (48 * math.pi * s**3) * val
    return sig / sigma0(sqrt_s, m)


def dratio_dz_exact(sqrt_s, M, m, spin, z):
    """(1/sigma_0) dsigma/dz / g^2, z = 2 E_X/sqrt(s): s12 = s(1-z) + M^2 fixed, integrate over s1."""
    s = sqrt_s**2
    m2 = m * m
    s12 = s * (1 - z) + M * M
    # at fixed s12 = (k1+k2)^2: s1 range from Dalitz limits with particles 1=mu-,2=mu+,3=X and m12 -> s12
    lo, hi = m23_range(s12, sqrt_s, m, m, M)  # gives range of (k2+q)^2 = s2 ; s1 = s + 2m2 + M2 - s12 - s2
    f = gs_f[spin]
    g = lambda s2: f(s, m2, M * M, s + 2 * m2 + M * M - s12 - s2, s2)
    mid = 0.5 * (lo + hi)
    val = integrate.quad(g, lo, mid, **OPTS)[0] + integrate.quad(g, mid, hi, **OPTS)[0]
    sig = ALPHA**2 / (48 * math.pi * s**3) * val * s  # |ds12/dz| = s
    return sig / sigma0(sqrt_s, m)


if __name__ == "__main__":
    worst, points = check_pointwise()
    print("pointwise closed form vs numerical spin sum, worst relative difference:", worst)
    kaon_masses = [0.001, 0.01, 0.03, 0.1, 0.2, 0.3]
    kaon_br = [kaon_br_over_g2(M) for M in kaon_masses]
    print("BR(K -> mu nu Z')/g^2:", dict(zip(kaon_masses, kaon_br)))
    dbr = [{"mZp": M, "pMu": p, "value": kaon_dbr_dp_over_g2(M, p)} for M in (0.01, 0.1) for p in (0.05, 0.14, 0.2)]
    print("dBR/dp:", dbr)
    masses = [0.01, 0.1, 0.5, 1.0, 3.0, 8.0]
    exact = {}
    for spin in ("vector", "scalar"):
        exact[spin] = {
            "massive": [ratio_exact(10.58, M, M_MU, spin) for M in masses],
            "massless": [ratio_exact(10.58, M, 0.0, spin) for M in masses],
        }
        print(spin, exact[spin])
    F1_check = [8 * math.pi**2 * r for r in exact["vector"]["massless"]]
    print("8 pi^2 x massless vector ratio (must equal F1):", F1_check)
    dz = [
        {"spin": spin, "mX": M, "z": z, "mMu": m, "value": dratio_dz_exact(10.58, M, m, spin, z)}
        for spin in ("vector", "scalar")
        for (M, m) in ((0.5, M_MU), (0.5, 0.0), (2.0, M_MU))
        for z in (0.2, 0.5, 0.8)
    ]
    print("dsigma/dz:", dz)
    out = {
        "source": "tools/reference/models/spin_sums.py (numpy/scipy/sympy): numerical Dirac spin sums and scipy quadrature of the closed forms derived in tools/reference/models/traces.py",
        "constants": {"m_mu_GeV": M_MU, "M_K_GeV": M_K, "BR_K_munu": BR_K_MUNU, "alpha": ALPHA},
        "pointwiseWorstRelDiff": worst,
        "kaonMsqPoints": {"description": "sum over spins and physical Z' polarisations of |Mhat|^2 from Ibe2017 eq. (10) without the 4 f_K^2 |V_us|^2 G_F^2 g^2 prefactor (explicit Dirac matrices)", "points": points["kaon"]},
        "gammaStarPoints": {"description": "-g_{mu nu} sum |J^mu|^2 / g^2 for gamma*(sqrt s) -> mu- mu+ X, s1 = (k_mu- + q)^2, s2 = (k_mu+ + q)^2 (explicit Dirac matrices)", "vector": points["vector"], "scalar": points["scalar"]},
        "kaonBrOverG2": {"mZp_GeV": kaon_masses, "value": kaon_br, "rel_tol_quadrature": 1e-10},
        "kaonDbrDpOverG2PerGeV": dbr,
        "eeMuMuXOverSigma0G2": {"sqrtS_GeV": 10.58, "mX_GeV": masses, "vector": exact["vector"], "scalar": exact["scalar"], "note": "massive: m_mu = PDG, sigma_0 with the same m_mu; massless: m_mu = 0 in matrix element, phase space and sigma_0"},
        "eeMuMuXDzOverSigma0G2": dz,
    }
    path = os.path.join(os.path.dirname(__file__), "../../../packages/models/test/fixtures/models-traces.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
    print("wrote", os.path.normpath(path))
