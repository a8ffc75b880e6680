"""Symbolic Dirac traces for @muonphilic/models (run with /usr/bin/python3; needs sympy).

Derives, from the amplitudes, the spin- and polarisation-summed squared matrix elements used by
packages/models:
  * K+ -> mu+ nu_mu Z'  from Ibe2017 eq. (10)  (the extracted eq. (11) is damaged);
  * gamma*(Q) -> mu- mu+ X  for a vector X (coupling g gamma^alpha) and a scalar X (coupling g),
    X radiated from either muon, full muon and X masses.

Method: a small trace engine (Tr of products of slashed vectors by the standard recursion), and
the "auxiliary vector" trick for contracted Lorentz indices: an index mu carried by gamma^mu and
by p^mu is written as a symbolic vector e (gamma^mu -> e-slash, p^mu -> e.p); after the trace every
term is bilinear in e and g_{mu nu} X^mu Y^nu is obtained by (e.u)(e.w) -> u.w, (e.e) -> 4.
gamma_5 terms are dropped: they produce Levi-Civita tensors contracted with three independent
momenta, which vanish (checked numerically in spin_sums.py with explicit gamma_5).

Prints the expressions in terms of Dalitz invariants, ready to paste into TypeScript.
"""
from functools import lru_cache
import itertools
import sympy as sp

# ---------------------------------------------------------------- trace engine
_dot_symbols = {}


def dot(a, b):
    a, b = sorted((a, b))
    key = (a, b)
    if key not in _dot_symbols:
        _dot_symbols[key] = sp.Symbol(f"d_{a}_{b}")
    return _dot_symbols[key]


@lru_cache(maxsize=None)
def trace(vecs):
    """Tr[a1-slash ... an-slash] / 4 * 4 (returns the full trace)."""
    n = len(vecs)
    if n == 0:
        return sp.Integer(4)
    if n % 2:
        return sp.Integer(0)
    a1 = vecs[0]
    total = sp.Integer(0)
    for k in range(1, n):
        sign = 1 if k % 2 == 1 else -1
        rest = vecs[1:k] + vecs[k + 1:]
        total += sign * dot(a1, vecs[k]) * trace(rest)
    return sp.expand(total)


# A "slot" is a list of (coefficient, tuple_of_vectors); products of slots expand into monomials.
def slot(*terms):
    return [(sp.sympify(c), tuple(v)) for c, v in terms]


def mul(*slots):
    out = [(sp.Integer(1), ())]
    for s in slots:
        out = [(c1 * c2, v1 + v2) for (c1, v1) in out for (c2, v2) in s]
    return out


def tr(slots):
    return sp.expand(sum(c * trace(v) for c, v in mul(*slots)))


def contract(expr, aux):
    """g_{mu nu} contraction of the index represented by the auxiliary vector `aux`."""
    expr = sp.expand(expr)
    syms = [s for s in expr.free_symbols if s.name.startswith("d_") and aux in s.name.split("_")[1:]]
    if not syms:
        return expr
    poly = sp.Poly(expr, *syms)
    out = sp.Integer(0)
    for monom, coeff in poly.terms():
        factors = []
        for s, power in zip(syms, monom):
            factors += [s] * power
        names = [tuple(f.name.split("_")[1:]) for f in factors]
        if len(factors) == 1 and names[0] == (aux, aux):
            out += coeff * 4
        elif len(factors) == 2:
            others = [n[1] if n[0] == aux else n[0] for n in names]
            out += coeff * dot(others[0], others[1])
        else:
            raise ValueError(f"term not bilinear in {aux}: {factors}")
    return sp.expand(out)


# ---------------------------------------------------------------- K+ -> mu+ nu Z'  (Ibe2017 eq. 10)
def kaon():
    A, B = sp.symbols("A B")  # A = 2p.q + q^2 = m23^2 - m^2 ; B = 2k.q + q^2 = m12^2
    # Gamma(e) = l (2 p.e + q e)/A - (2 k.e + e q) l / B      (e = Z' polarisation index)
    G = [(2 * dot("p", "e") / A, ("l",)), (1 / A, ("l", "q", "e")),
         (-2 * dot("k", "e") / B, ("l",)), (-1 / B, ("e", "q", "l"))]
    Gbar = [(2 * dot("p", "e") / A, ("l",)), (1 / A, ("e", "q", "l")),
            (-2 * dot("k", "e") / B, ("l",)), (-1 / B, ("l", "q", "e"))]
    t = tr([slot((1, ("k",))), G, slot((1, ("p",))), Gbar])
    # spin sum = (1/2) Tr[k G p Gbar] (P_R projections, gamma_5 part vanishes); pol sum -g
    msq = -sp.Rational(1, 2) * contract(t, "e")
    MK2, m2, M2, m12, m23 = sp.symbols("MK2 m2 M2 m12 m23")  # squares
    m13 = MK2 + m2 + M2 - m12 - m23
    subs = {
        dot("k", "k"): 0, dot("p", "p"): m2, dot("q", "q"): M2,
        dot("k", "q"): (m12 - M2) / 2, dot("p", "q"): (m23 - m2 - M2) / 2, dot("k", "p"): (m13 - m2) / 2,
    }
    # l = k + p + q
    for x in ("k", "p", "q"):
        subs[dot("l", x)] = sum(subs[dot(x, y)] for y in ("k", "p", "q"))
    subs[dot("l", "l")] = MK2
    msq = msq.subs(subs).subs({A: m23 - m2, B: m12})
    return sp.factor(sp.together(msq)), (MK2, m2, M2, m12, m23)


# ---------------------------------------------------------------- gamma* -> mu- mu+ X
def gamma_star(spin):
    m = sp.Symbol("m")
    D1, D2 = sp.symbols("D1 D2")  # D1 = (k1+q)^2 - m^2, D2 = (k2+q)^2 - m^2
    if spin == "vector":
        # Gamma = f (k1+q+m) e / D1 + e (-k2-q+m) f / D2   (e: photon index, f: X index)
        G = [(1 / D1, ("f", "k1", "e")), (1 / D1, ("f", "q", "e")), (m / D1, ("f", "e")),
             (-1 / D2, ("e", "k2", "f")), (-1 / D2, ("e", "q", "f")), (m / D2, ("e", "f"))]
        Gbar = [(1 / D1, ("e", "k1", "f")), (1 / D1, ("e", "q", "f")), (m / D1, ("e", "f")),
                (-1 / D2, ("f", "k2", "e")), (-1 / D2, ("f", "q", "e")), (m / D2, ("f", "e"))]
    else:
        G = [(1 / D1, ("k1", "e")), (1 / D1, ("q", "e")), (m / D1, ("e",)),
             (-1 / D2, ("e", "k2")), (-1 / D2, ("e", "q")), (m / D2, ("e",))]
        Gbar = [(1 / D1, ("e", "k1")), (1 / D1, ("e", "q")), (m / D1, ("e",)),
                (-1 / D2, ("k2", "e")), (-1 / D2, ("q", "e")), (m / D2, ("e",))]
    t = tr([slot((1, ("k1",)), (m, ())), G, slot((1, ("k2",)), (-m, ())), Gbar])
    h = -contract(t, "e")  # photon: -g_{mu nu}
    if spin == "vector":
        h = -contract(h, "f")  # X polarisation sum: -g (the q q / M^2 term vanishes: conserved current)
    s, m2, M2, s1, s2 = sp.symbols("s m2 M2 s1 s2")
    s12 = s + 2 * m2 + M2 - s1 - s2
    subs = {
        dot("k1", "k1"): m2, dot("k2", "k2"): m2, dot("q", "q"): M2,
        dot("k1", "q"): (s1 - m2 - M2) / 2, dot("k2", "q"): (s2 - m2 - M2) / 2,
        dot("k1", "k2"): (s12 - 2 * m2) / 2,
    }
    h = h.subs(subs).subs({m: sp.sqrt(m2)}).subs({D1: s1 - m2, D2: s2 - m2})
    return sp.factor(sp.together(sp.expand(h))), (s, m2, M2, s1, s2)


def ts(expr):
    return sp.printing.jscode(expr).replace("Math.pow", "pow")


if __name__ == "__main__":
    k, _ = kaon()
    print("KAON |M-hat|^2 (times 4 f_K^2 |V_us|^2 G_F^2 g^2 gives Ibe2017's sum |M|^2):")
    print(k)
    num, den = sp.fraction(k)
    print("numerator collected in m23:")
    print(sp.collect(sp.expand(num), sp.Symbol("m23")))
    print("denominator:", den)
    for spin in ("vector", "scalar"):
        h, _ = gamma_star(spin)
        print(f"\nGAMMA* -> mu mu X ({spin}): -g_{{mu nu}} sum |J|^2 / g^2 =")
        print(h)
