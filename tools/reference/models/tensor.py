"""The hadronic tensor of gamma* -> mu- mu+ X and the production angular distribution of
e+e- -> gamma* -> mu- mu+ X, for @muonphilic/models (run with /usr/bin/python3; numpy, scipy, sympy).

1. Symbolic (trace engine of traces.py): the muon trace contracted with the massless lepton tensor
   L_{mu nu} = p1_mu p2_nu + p2_mu p1_nu - g_{mu nu} p1.p2 (the X index with -g for the vector) is a
   polynomial in a = p1.k1, b = p1.k2. Rewritten with the beam direction e (p1 = (sqrt(s)/2)(1, e)
   in the gamma* rest frame, u = e.k1, v = e.k2) as
       L.H = (s/2) (Tr H - e.H.e),   e.H.e = A1 + A2 u^2 + A3 v^2 + 2 A4 u v,
   i.e. the spatial tensor H^{ij} = A1 delta^ij + A2 k1^i k1^j + A3 k2^i k2^j + A4 (k1^i k2^j + k2^i k1^j)
   (current conservation: H^{0 mu} = 0 in the gamma* frame). The script derives A1..A4, checks that
   no term linear in u, v survives, and that 3 A1 + A2 |k1|^2 + A3 |k2|^2 + 2 A4 k1.k2 = Tr H (the
   -g contraction of traces.py), then prints the coefficients.
2. Numerical: at random phase-space points and random beam directions, Sum |M|^2 of
   e-(p1) e+(p2) -> gamma* -> mu-(k1) mu+(k2) X(q) with explicit Dirac spinors for all six fermions
   and physical X polarisations (massless beams); Sum |M|^2 = 4 L.H. Compared with the closed form.
2b. The vector X at a fixed real polarisation eps: L.H_eps as a polynomial in p1.k1, p1.k2, eps.k1,
   eps.k2, eps.p1 (21 terms), checked against explicit spinors; its sum over three orthogonal
   polarisations is L.H. It gives the X -> mu mu decay distribution with spin correlations,
   W(d) = Tr P - beta^2 P(eps_d, eps_d), eps_d = (0, d) in the X rest frame; the helicity-angle
   coefficient is integrated in 3b.
3. Angular coefficients: the X (and mu-) polar angle to the beam in the gamma* frame is distributed
   as 1 + alpha cos^2(theta), alpha = Int(Tr H - 3 H_nn) / Int(Tr H + H_nn) over the Dalitz plot
   (H_nn = n.H.n, n the particle's direction), from scipy quadrature of the closed forms.
3b. The helicity angle of X -> mu mu (vector): 1 + alpha cos^2, from the Dalitz integrals of the
   orientation-averaged longitudinal and total polarisation weights.
Writes packages/models/test/fixtures/models-tensor.json.
"""
import json
import math
import os

import numpy as np
import sympy as sp
from scipy import integrate

from spin_sums import GAMMA, METRIC, M_MU, bar, mdot, polarisations, slash, spinors, three_body
from traces import contract, dot, gamma_star, slot, tr

rng = np.random.default_rng(20261123)


# ---------------------------------------------------------------- 1. symbolic
def contract_lepton(expr, aux):
    """Contract the index carried by `aux` with L_{mu nu} = p1 p2 + p2 p1 - g p1.p2 (massless beams)."""
    expr = sp.expand(expr)
    syms = [x for x in expr.free_symbols if x.name.startswith("d_") and aux in x.name.split("_")[1:]]
    poly = sp.Poly(expr, *syms)
    out = sp.Integer(0)
    for monom, coeff in poly.terms():
        factors = []
        for x, power in zip(syms, monom):
            factors += [x] * power
        names = [tuple(f.name.split("_")[1:]) for f in factors]
        if len(factors) == 1 and names[0] == (aux, aux):
            out += coeff * (2 * dot("p1", "p2") - 4 * dot("p1", "p2"))  # L^mu_mu
        elif len(factors) == 2:
            o = [n[1] if n[0] == aux else n[0] for n in names]
            out += coeff * (
                dot("p1", o[0]) * dot("p2", o[1]) + dot("p2", o[0]) * dot("p1", o[1]) - dot("p1", "p2") * dot(o[0], o[1])
            )
        else:
            raise ValueError(factors)
    return sp.expand(out)


def muon_trace(spin):
    m = sp.Symbol("m")
    D1, D2 = sp.symbols("D1 D2")
    if spin == "vector":
        G = [(1 / D1, ("f", "k1", "e")), (1 / D1, ("f", "q", "e")), (m / D1, ("f", "e")),
             (-1 / D2, ("e", "k2", "f")), (-1 / D2, ("e", "q", "f")), (m / D2, ("e", "f"))]
        Gbar = [(1 / D1, ("e", "k1", "f")), (1 / D1, ("e", "q", "f")), (m / D1, ("e", "f")),
                (-1 / D2, ("f", "k2", "e")), (-1 / D2, ("f", "q", "e")), (m / D2, ("f", "e"))]
    else:
        G = [(1 / D1, ("k1", "e")), (1 / D1, ("q", "e")), (m / D1, ("e",)),
             (-1 / D2, ("e", "k2")), (-1 / D2, ("e", "q")), (m / D2, ("e",))]
        Gbar = [(1 / D1, ("e", "k1")), (1 / D1, ("e", "q")), (m / D1, ("e",)),
                (-1 / D2, ("k2", "e")), (-1 / D2, ("q", "e")), (m / D2, ("e",))]
    return tr([slot((1, ("k1",)), (m, ())), G, slot((1, ("k2",)), (-m, ())), Gbar]), m, D1, D2


def tensor_coefficients(spin):
    t, m, D1, D2 = muon_trace(spin)
    h = contract_lepton(t, "e")
    if spin == "vector":
        h = -contract(h, "f")
    s, m2, M2, t1, t2, a, b, u, v = sp.symbols("s m2 M2 t1 t2 a b u v")
    s1, s2 = t1 + m2, t2 + m2
    s12 = s + 2 * m2 + M2 - s1 - s2
    kq1, kq2, k12 = (s1 - m2 - M2) / 2, (s2 - m2 - M2) / 2, (s12 - 2 * m2) / 2
    Qk1, Qk2, Qq = m2 + k12 + kq1, m2 + k12 + kq2, M2 + kq1 + kq2
    subs = {
        dot("k1", "k1"): m2, dot("k2", "k2"): m2, dot("q", "q"): M2,
        dot("k1", "q"): kq1, dot("k2", "q"): kq2, dot("k1", "k2"): k12,
        dot("p1", "p1"): 0, dot("p2", "p2"): 0, dot("p1", "p2"): s / 2,
        dot("p1", "k1"): a, dot("p1", "k2"): b, dot("p1", "q"): s / 2 - a - b,
        dot("p2", "k1"): Qk1 - a, dot("p2", "k2"): Qk2 - b, dot("p2", "q"): Qq - (s / 2 - a - b),
    }
    lh = sp.expand(h.subs(subs).subs({m: sp.sqrt(m2)})).subs({D1: t1, D2: t2})
    trh_expr, (S, Mm2, MM2, S1, S2) = gamma_star(spin)
    trh = trh_expr.subs({S: s, Mm2: m2, MM2: M2, S1: s1, S2: s2})
    rs = sp.sqrt(s)
    E1, E2 = Qk1 / rs, Qk2 / rs
    ehe = sp.expand(trh - 2 * lh.subs({a: rs / 2 * (E1 - u), b: rs / 2 * (E2 - v)}) / s)
    P = sp.Poly(ehe, u, v)
    c = {mon: sp.factor(sp.together(co)) for mon, co in P.terms()}
    assert set(c) <= {(0, 0), (2, 0), (0, 2), (1, 1)}, f"linear terms survive: {c.keys()}"
    A1, A2, A3, A4 = c[(0, 0)], c[(2, 0)], c[(0, 2)], c[(1, 1)] / 2
    # trace identity: 3 A1 + A2 |k1|^2 + A3 |k2|^2 + 2 A4 k1.k2 (3-vectors, gamma* frame) = Tr H
    p1sq, p2sq, k1k2 = E1**2 - m2, E2**2 - m2, E1 * E2 - k12
    assert sp.simplify(3 * A1 + A2 * p1sq + A3 * p2sq + 2 * A4 * k1k2 - trh) == 0
    return (A1, A2, A3, A4), (s, m2, M2, t1, t2)


def polarised_vector(ortho=True):
    """L_{mu nu} Sum_spins (J^{mu alpha} eps_alpha)(J^{nu beta} eps_beta)^* for a vector X of fixed real
    polarisation eps (eps.eps = -1, eps.q = 0), as a polynomial in a = p1.k1, b = p1.k2, x1 = eps.k1,
    x2 = eps.k2, y = eps.p1 with coefficients rational in t1, t2 (the X-spin density of the production)."""
    m = sp.Symbol("m")
    D1, D2 = sp.symbols("D1 D2")
    G = [(1 / D1, ("eps", "k1", "e")), (1 / D1, ("eps", "q", "e")), (m / D1, ("eps", "e")),
         (-1 / D2, ("e", "k2", "eps")), (-1 / D2, ("e", "q", "eps")), (m / D2, ("e", "eps"))]
    Gbar = [(1 / D1, ("e", "k1", "eps")), (1 / D1, ("e", "q", "eps")), (m / D1, ("e", "eps")),
            (-1 / D2, ("eps", "k2", "e")), (-1 / D2, ("eps", "q", "e")), (m / D2, ("eps", "e"))]
    t = tr([slot((1, ("k1",)), (m, ())), G, slot((1, ("k2",)), (-m, ())), Gbar])
    h = contract_lepton(t, "e")
    s, m2, M2, t1, t2, a, b, x1, x2, y = sp.symbols("s m2 M2 t1 t2 a b x1 x2 y")
    s1, s2 = t1 + m2, t2 + m2
    s12 = s + 2 * m2 + M2 - s1 - s2
    kq1, kq2, k12 = (s1 - m2 - M2) / 2, (s2 - m2 - M2) / 2, (s12 - 2 * m2) / 2
    Qk1, Qk2, Qq = m2 + k12 + kq1, m2 + k12 + kq2, M2 + kq1 + kq2
    subs = {
        dot("k1", "k1"): m2, dot("k2", "k2"): m2, dot("q", "q"): M2,
        dot("k1", "q"): kq1, dot("k2", "q"): kq2, dot("k1", "k2"): k12,
        dot("p1", "p1"): 0, dot("p2", "p2"): 0, dot("p1", "p2"): s / 2,
        dot("p1", "k1"): a, dot("p1", "k2"): b, dot("p1", "q"): s / 2 - a - b,
        dot("p2", "k1"): Qk1 - a, dot("p2", "k2"): Qk2 - b, dot("p2", "q"): Qq - (s / 2 - a - b),
        dot("eps", "eps"): -1, dot("eps", "q"): 0, dot("eps", "k1"): x1, dot("eps", "k2"): x2,
        dot("eps", "p1"): y, dot("eps", "p2"): x1 + x2 - y,
    }
    P = sp.expand(sp.expand(h.subs(subs).subs({m: sp.sqrt(m2)})).subs({D1: t1, D2: t2}))
    poly = sp.Poly(P, a, b, x1, x2, y)
    return {mon: sp.factor(sp.together(c)) for mon, c in poly.terms()}, (s, m2, M2, t1, t2, a, b, x1, x2, y)


def polarised_gg():
    """-g_{mu nu} Sum_spins (J^mu.eps)(J^nu.eps)^*: the orientation average of the above is (s/3) times it."""
    m = sp.Symbol("m")
    D1, D2 = sp.symbols("D1 D2")
    G = [(1 / D1, ("eps", "k1", "e")), (1 / D1, ("eps", "q", "e")), (m / D1, ("eps", "e")),
         (-1 / D2, ("e", "k2", "eps")), (-1 / D2, ("e", "q", "eps")), (m / D2, ("e", "eps"))]
    Gbar = [(1 / D1, ("e", "k1", "eps")), (1 / D1, ("e", "q", "eps")), (m / D1, ("e", "eps")),
            (-1 / D2, ("eps", "k2", "e")), (-1 / D2, ("eps", "q", "e")), (m / D2, ("eps", "e"))]
    t = tr([slot((1, ("k1",)), (m, ())), G, slot((1, ("k2",)), (-m, ())), Gbar])
    h = -contract(t, "e")
    s, m2, M2, t1, t2, x1, x2 = sp.symbols("s m2 M2 t1 t2 x1 x2")
    s1, s2 = t1 + m2, t2 + m2
    s12 = s + 2 * m2 + M2 - s1 - s2
    subs = {
        dot("k1", "k1"): m2, dot("k2", "k2"): m2, dot("q", "q"): M2,
        dot("k1", "q"): (s1 - m2 - M2) / 2, dot("k2", "q"): (s2 - m2 - M2) / 2, dot("k1", "k2"): (s12 - 2 * m2) / 2,
        dot("eps", "eps"): -1, dot("eps", "q"): 0, dot("eps", "k1"): x1, dot("eps", "k2"): x2,
    }
    P = sp.expand(sp.expand(h.subs(subs).subs({m: sp.sqrt(m2)})).subs({D1: t1, D2: t2}))
    return sp.factor(sp.together(P)), (s, m2, M2, t1, t2, x1, x2)


# ---------------------------------------------------------------- 2. numerical spin sums
def msq_full_numeric(p1, p2, k1, k2, q, M, m, spin):
    """Sum over all spins (and X polarisations) of |[vbar(p2) gamma^mu u(p1)] g_{mu nu} J^nu|^2."""
    D1 = mdot(k1 + q, k1 + q) - m * m
    D2 = mdot(k2 + q, k2 + q) - m * m
    pols = polarisations(q, M) if spin == "vector" else [None]
    total = 0.0
    currents = [
        np.array([bar(v2) @ GAMMA[mu] @ u1 for mu in range(4)])
        for u1 in spinors(p1, 0.0, "u")
        for v2 in spinors(p2, 0.0, "v")
    ]
    for eps in pols:
        for uk in spinors(k1, m, "u"):
            for vk in spinors(k2, m, "v"):
                J = np.zeros(4, complex)
                for mu in range(4):
                    gm = GAMMA[mu]
                    if spin == "vector":
                        e = slash(eps)
                        O = e @ (slash(k1 + q) + m * np.eye(4)) @ gm / D1 + gm @ (-slash(k2 + q) + m * np.eye(4)) @ e / D2
                    else:
                        O = (slash(k1 + q) + m * np.eye(4)) @ gm / D1 + gm @ (-slash(k2 + q) + m * np.eye(4)) / D2
                    J[mu] = bar(uk) @ O @ vk
                for L in currents:
                    amp = sum(METRIC[mu, mu] * L[mu] * J[mu] for mu in range(4))
                    total += abs(amp) ** 2
    return total


def msq_polarised_numeric(p1, p2, k1, k2, q, eps, m):
    """Sum over fermion spins of |[vbar(p2) gamma^mu u(p1)] g_{mu nu} J^{nu alpha} eps_alpha|^2 / 4 (fixed X polarisation)."""
    D1 = mdot(k1 + q, k1 + q) - m * m
    D2 = mdot(k2 + q, k2 + q) - m * m
    e = slash(eps)
    currents = [
        np.array([bar(v2) @ GAMMA[mu] @ u1 for mu in range(4)])
        for u1 in spinors(p1, 0.0, "u")
        for v2 in spinors(p2, 0.0, "v")
    ]
    total = 0.0
    for uk in spinors(k1, m, "u"):
        for vk in spinors(k2, m, "v"):
            J = np.zeros(4, complex)
            for mu in range(4):
                gm = GAMMA[mu]
                O = e @ (slash(k1 + q) + m * np.eye(4)) @ gm / D1 + gm @ (-slash(k2 + q) + m * np.eye(4)) @ e / D2
                J[mu] = bar(uk) @ O @ vk
            for L in currents:
                total += abs(sum(METRIC[mu, mu] * L[mu] * J[mu] for mu in range(4))) ** 2
    return total / 4


def unit(x):
    return x / math.sqrt(x @ x)


def closed_ehe(fs, s, m2, M2, k1, k2, e):
    q = np.array([math.sqrt(s), 0, 0, 0]) - k1 - k2
    t1 = mdot(k1 + q, k1 + q) - m2
    t2 = mdot(k2 + q, k2 + q) - m2
    A1, A2, A3, A4 = (f(s, m2, M2, t1, t2) for f in fs)
    u, v = e @ k1[1:], e @ k2[1:]
    return A1 + A2 * u * u + A3 * v * v + 2 * A4 * u * v


# ---------------------------------------------------------------- 3. angular coefficients
def dalitz_t_range(s, m, M, T):
    """Range of t1 = (k1 + q)^2 - m^2 on the line t1 + t2 = T (s12 = s + M^2 - T fixed)."""
    s12 = s + M * M - T
    m12 = math.sqrt(s12)
    e2 = s12 / (2 * m12)  # mu+ energy in the mu mu rest frame (equal masses)
    e3 = (s - s12 - M * M) / (2 * m12)
    p2 = math.sqrt(max(e2 * e2 - m * m, 0))
    p3 = math.sqrt(max(e3 * e3 - M * M, 0))
    lo = M * M + 2 * (e2 * e3 - p2 * p3)
    return lo, lo + 4 * p2 * p3


def alpha_coefficients(fs, trh, s, m, M):
    m2, M2 = m * m, M * M
    rs = math.sqrt(s)

    def parts(T, t1):
        t2 = T - t1
        E1 = (s + m2 - (t2 + m2)) / (2 * rs)
        E2 = (s + m2 - (t1 + m2)) / (2 * rs)
        EX = T / (2 * rs)
        p1, p2, pX = math.sqrt(max(E1 * E1 - m2, 0)), math.sqrt(max(E2 * E2 - m2, 0)), math.sqrt(max(EX * EX - M2, 0))
        # k1.q (3-vectors) = E1 EX - k1.q(4) ; k2.q similar ; k1.k2 = E1 E2 - k1.k2(4)
        k1q = E1 * EX - (t1 - M2) / 2
        k2q = E2 * EX - (t2 - M2) / 2
        k1k2 = E1 * E2 - (s + M2 - T - 2 * m2) / 2
        A1, A2, A3, A4 = (f(s, m2, M2, t1, t2) for f in fs)
        tr_ = trh(s, m2, M2, t1 + m2, t2 + m2)
        hXX = A1 + (A2 * k1q**2 + A3 * k2q**2 + 2 * A4 * k1q * k2q) / (pX * pX)
        # along mu-: n = k1/|k1|
        h11 = A1 + (A2 * p1**4 + A3 * k1k2**2 + 2 * A4 * p1 * p1 * k1k2) / (p1 * p1)
        return tr_, hXX, h11

    Tmin, Tmax = 2 * M * rs, s + M2 - 4 * m2
    out = {}
    for key, idx in (("x", 1), ("muMinus", 2)):
        def inner(T, which):
            lo, hi = dalitz_t_range(s, m, M, T)
            def g(w):  # t1 = lo * (hi/lo)^w resolves the collinear peak at lo; symmetric peak at hi
                t1 = lo * (hi / lo) ** w
                tr_, hXX, h11 = parts(T, t1)
                hn = hXX if idx == 1 else h11
                val = tr_ - 3 * hn if which == 0 else tr_ + hn
                return val * t1 * math.log(hi / lo)
            return integrate.quad(g, 0, 1, epsabs=0, epsrel=1e-10, limit=400)[0]
        num = integrate.quad(lambda y: inner(Tmin * (Tmax / Tmin) ** y, 0) * Tmin * (Tmax / Tmin) ** y, 0, 1,
                             epsabs=0, epsrel=1e-9, limit=400)[0]
        den = integrate.quad(lambda y: inner(Tmin * (Tmax / Tmin) ** y, 1) * Tmin * (Tmax / Tmin) ** y, 0, 1,
                             epsabs=0, epsrel=1e-9, limit=400)[0]
        out[key] = num / den
    return out


def alpha_helicity(pgg, trh, s, m, M):
    """alpha of 1 + alpha cos^2 theta* for the helicity angle of X -> mu mu (vector X, spin correlations):
    L = Int P_LL (the -g contracted |M|^2 at the longitudinal polarisation), T = Int Tr H;
    alpha = -beta^2 (3L - T) / (2T - beta^2 (T - L)), beta^2 = 1 - 4 m^2/M^2."""
    m2, M2 = m * m, M * M
    rs = math.sqrt(s)

    def parts(T, t1):
        t2 = T - t1
        E1 = (s - t2) / (2 * rs)
        E2 = (s - t1) / (2 * rs)
        EX = T / (2 * rs)
        pX = math.sqrt(max(EX * EX - M2, 0))
        k1q = E1 * EX - (t1 - M2) / 2  # 3-vector k1.q
        k2q = E2 * EX - (t2 - M2) / 2
        x1 = (pX * E1 - EX * k1q / pX) / M  # eps_L.k1, eps_L = (|q|, E q^)/M
        x2 = (pX * E2 - EX * k2q / pX) / M
        return trh(s, m2, M2, t1 + m2, t2 + m2), pgg(s, m2, M2, t1, t2, x1, x2)

    Tmin, Tmax = 2 * M * rs, s + M2 - 4 * m2
    out = []
    for which in (0, 1):
        def inner(T):
            lo, hi = dalitz_t_range(s, m, M, T)
            g = lambda w: parts(T, lo * (hi / lo) ** w)[which] * lo * (hi / lo) ** w * math.log(hi / lo)
            return integrate.quad(g, 0, 1, epsabs=0, epsrel=1e-10, limit=400)[0]
        out.append(integrate.quad(lambda y: inner(Tmin * (Tmax / Tmin) ** y) * Tmin * (Tmax / Tmin) ** y, 0, 1,
                                  epsabs=0, epsrel=1e-9, limit=400)[0])
    T, L = out
    b2 = 1 - 4 * m2 / M2
    return -b2 * (3 * L - T) / (2 * T - b2 * (T - L)), L / T


if __name__ == "__main__":
    fixture = {
        "source": "tools/reference/models/tensor.py (sympy trace engine of traces.py; numpy explicit Dirac spinors; scipy quadrature)",
        "constants": {"m_mu_GeV": M_MU},
        "coefficients": {},
        "points": [],
        "alpha": [],
    }
    lam = {}
    for spin in ("vector", "scalar"):
        (A1, A2, A3, A4), syms = tensor_coefficients(spin)
        print(f"{spin}: A1 = {sp.collect(sp.expand(sp.apart(A1, syms[3])), syms[3:])}")
        print(f"{spin}: A2 = {sp.apart(A2, syms[3])}, A3 = {sp.apart(A3, syms[4])}, A4 = {A4}")
        fixture["coefficients"][spin] = {k: str(e) for k, e in zip(("A1", "A2", "A3", "A4"), (A1, A2, A3, A4))}
        lam[spin] = [sp.lambdify(syms, e, "math") for e in (A1, A2, A3, A4)]
    trh = {spin: sp.lambdify(gamma_star(spin)[1], gamma_star(spin)[0], "math") for spin in ("vector", "scalar")}
    worst = 0.0
    for spin in ("vector", "scalar"):
        for M in (0.05, 0.5, 3.0, 9.0):
            for _ in range(3):
                sqrt_s = 10.58
                s = sqrt_s**2
                k1, k2, q = three_body(sqrt_s, M_MU, M_MU, M)
                e = unit(rng.normal(size=3))
                p1 = np.concatenate([[sqrt_s / 2], sqrt_s / 2 * e])
                p2 = np.concatenate([[sqrt_s / 2], -sqrt_s / 2 * e])
                num = msq_full_numeric(p1, p2, k1, k2, q, M, M_MU, spin) / 4  # = L.H
                t1 = mdot(k1 + q, k1 + q) - M_MU**2
                t2 = mdot(k2 + q, k2 + q) - M_MU**2
                tr_ = trh[spin](s, M_MU**2, M * M, t1 + M_MU**2, t2 + M_MU**2)
                ehe_num = tr_ - 2 * num / s
                ehe = closed_ehe(lam[spin], s, M_MU**2, M * M, k1, k2, e)
                worst = max(worst, abs(ehe - ehe_num) / tr_)
                fixture["points"].append({
                    "spin": spin, "sqrtS": sqrt_s, "mX": M, "mMu": M_MU,
                    "k1": list(k1), "k2": list(k2), "q": list(q), "beam": list(e),
                    "trH": tr_, "eHeNumeric": ehe_num, "msqFullOver4": num,
                })
    print("closed-form e.H.e vs explicit spinors, worst |diff|/Tr H:", worst)
    pol, psyms = polarised_vector()
    print("vector X, fixed polarisation eps: L.H_eps =")
    for mon, c in pol.items():
        print("  ", mon, c)
    pol_f = sp.lambdify(psyms, sum(c * sp.prod([v**k for v, k in zip(psyms[5:], mon)]) for mon, c in pol.items()), "math")
    fixture["polarisedCoefficients"] = {str(mon): str(c) for mon, c in pol.items()}
    fixture["polarisedPoints"] = []
    worst_pol = 0.0
    for M in (0.3, 1.0, 3.0, 9.0):
        for _ in range(3):
            sqrt_s = 10.58
            s = sqrt_s**2
            k1, k2, q = three_body(sqrt_s, M_MU, M_MU, M)
            e = unit(rng.normal(size=3))
            p1 = np.concatenate([[sqrt_s / 2], sqrt_s / 2 * e])
            p2 = np.concatenate([[sqrt_s / 2], -sqrt_s / 2 * e])
            pols = polarisations(q, M)
            d = unit(rng.normal(size=3))
            eps = sum(d[i] * pols[i] for i in range(3))  # (0, d) in the X rest frame, boosted
            num = msq_polarised_numeric(p1, p2, k1, k2, q, eps, M_MU)
            t1 = mdot(k1 + q, k1 + q) - M_MU**2
            t2 = mdot(k2 + q, k2 + q) - M_MU**2
            closed = pol_f(s, M_MU**2, M * M, t1, t2, mdot(p1, k1), mdot(p1, k2), mdot(eps, k1), mdot(eps, k2), mdot(eps, p1))
            # the sum over three orthogonal polarisations is L.H
            total = sum(msq_polarised_numeric(p1, p2, k1, k2, q, pe, M_MU) for pe in pols)
            lh = msq_full_numeric(p1, p2, k1, k2, q, M, M_MU, "vector") / 4
            worst_pol = max(worst_pol, abs(closed - num) / total, abs(total - lh) / lh)
            fixture["polarisedPoints"].append({
                "sqrtS": sqrt_s, "mX": M, "mMu": M_MU, "k1": list(k1), "k2": list(k2), "q": list(q),
                "beam": list(e), "eps": list(eps), "msqOver4": num, "sumOverPolarisations": total,
            })
    print("polarised closed form vs explicit spinors, worst |diff|/L.H:", worst_pol)
    fixture["polarisedWorstRelDiff"] = worst_pol
    pgg, gsyms = polarised_gg()
    pgg_f = sp.lambdify(gsyms, pgg, "math")
    fixture["alphaHelicity"] = []
    for M in (0.5, 3.0, 9.0):
        ah, rho = alpha_helicity(pgg_f, trh["vector"], 10.58**2, M_MU, M)
        print("vector helicity angle", M, "alpha", ah, "rho_00", rho)
        fixture["alphaHelicity"].append({"sqrtS": 10.58, "mX": M, "alphaHelicity": ah, "rhoLongitudinal": rho})
    fixture["pointwiseWorstRelDiff"] = worst
    for spin in ("vector", "scalar"):
        for M in (0.05, 0.5, 3.0, 7.0, 9.0):
            a = alpha_coefficients(lam[spin], trh[spin], 10.58**2, M_MU, M)
            print(spin, M, a)
            fixture["alpha"].append({"spin": spin, "sqrtS": 10.58, "mX": M, "alphaX": a["x"], "alphaMuMinus": a["muMinus"]})
    path = os.path.join(os.path.dirname(__file__), "../../../packages/models/test/fixtures/models-tensor.json")
    with open(path, "w") as fh:
        json.dump(fixture, fh, indent=1)
    print("wrote", os.path.normpath(path))
