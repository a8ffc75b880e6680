#!/usr/bin/env python3
"""Independent numerical Dirac traces for @muonphilic/backgrounds (fixture test/fixtures/traces.json).

Explicit 4x4 gamma matrices (Dirac representation), no symbolic algebra:
- conversion: spin-averaged |M|^2/e^4 of e+(k2) e-(k1) -> V1(q1) V2(q2) via t- and u-channel
  electron exchange, massless electrons, polarisation sums -g (compare with 2 X of conversion.ts);
- mumugamma: spin-averaged |M|^2/e^6 of e+(pp) e-(pm) -> mu+(qp) mu-(qm) gamma(k), ISR + FSR with
  their interference, electron and muon masses kept (compare with the factorised form of mumuGamma.ts);
- tauSpin: the spin-correlation matrix C_ij of e+e- -> gamma* -> tau-(s1) tau+(s2) in the helicity axes
  (x' in the production plane towards larger theta, z' along the tau-), from traces with the spin
  projectors (p + m)(1 + g5 s1)/2 and (p - m)(1 + g5 s2)/2 (compare with tauPair.ts);
- annihilation: L_{mu nu} H^{mu nu} for gamma*(Q) -> mu-(p1) mu+(p2) V(k) with massive muons, the
  unpolarised beam tensor L = k1 k2 + k2 k1 - (k1.k2) g, beams along +-z (compare with W of
  annihilation.ts), and -g_{mu nu} H^{mu nu} (compare with @muonphilic/models gammaStarMuMuXMsq).

Run: python3 tools/reference/backgrounds/traces.py > packages/backgrounds/test/fixtures/traces.json
"""
import json
import numpy as np

I2 = np.eye(2)
Z2 = np.zeros((2, 2))
SX = np.array([[0, 1], [1, 0]], complex)
SY = np.array([[0, -1j], [1j, 0]])
SZ = np.array([[1, 0], [0, -1]], complex)
G0 = np.block([[I2, Z2], [Z2, -I2]]).astype(complex)
G = [G0] + [np.block([[Z2, s], [-s, Z2]]) for s in (SX, SY, SZ)]
METRIC = np.diag([1.0, -1.0, -1.0, -1.0])
ONE = np.eye(4)


def sl(p):
    return sum(METRIC[m, m] * p[m] * G[m] for m in range(4))


def dot(a, b):
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


def bar(m):
    return G0 @ m.conj().T @ G0


def conversion_m2(k1, k2, q1, q2):
    t = dot(k1 - q1, k1 - q1)
    u = dot(k1 - q2, k1 - q2)
    tot = 0
    for mu in range(4):
        for nu in range(4):
            gam = G[nu] @ sl(k1 - q1) @ G[mu] / t + G[mu] @ sl(k1 - q2) @ G[nu] / u
            tot += METRIC[mu, mu] * METRIC[nu, nu] * np.trace(sl(k2) @ gam @ sl(k1) @ bar(gam))
    return tot.real / 4


def hadronic_tensor(p1, p2, k, m):
    """H^{mu mu'} = sum_nu (-g_nu nu) Tr[(p1+m) Gam^{mu nu} (p2-m) bar(Gam^{mu' nu})]."""
    t1 = dot(p1 + k, p1 + k) - m * m
    t2 = dot(p2 + k, p2 + k) - m * m
    gams = {}
    for mu in range(4):
        for nu in range(4):
            gams[mu, nu] = G[nu] @ (sl(p1 + k) + m * ONE) @ G[mu] / t1 + G[mu] @ (-sl(p2 + k) + m * ONE) @ G[nu] / t2
    h = np.zeros((4, 4))
    for mu in range(4):
        for mup in range(4):
            acc = 0
            for nu in range(4):
                acc += -METRIC[nu, nu] * np.trace((sl(p1) + m * ONE) @ gams[mu, nu] @ (sl(p2) - m * ONE) @ bar(gams[mup, nu]))
            h[mu, mup] = acc.real
    return h, t1, t2


def mumugamma_m2(pp, pm, qp, qm, k, me, mmu):
    """Sum over spins and photon pols (-g) of |M|^2 / e^6 for e+(pp) e-(pm) -> mu+(qp) mu-(qm) gamma(k)."""
    s = dot(pp+pm, pp+pm); sp = dot(qp+qm, qp+qm)
    # electron line structures: ISR Gamma^{nu alpha}, plain gamma^nu
    Ge = {}
    for nu in range(4):
        for a in range(4):
            Ge[nu,a] = (G[nu] @ (sl(pm-k) + me*ONE) @ G[a] / (dot(pm-k,pm-k)-me*me) + G[a] @ (-sl(pp)+sl(k) + me*ONE) @ G[nu] / (dot(pp-k,pp-k)-me*me))
    Gm = {}
    for nu in range(4):
        for a in range(4):
            Gm[nu,a] = (G[a] @ (sl(qm+k) + mmu*ONE) @ G[nu] / (dot(qm+k,qm+k)-mmu*mmu) + G[nu] @ (-sl(qp)-sl(k) + mmu*ONE) @ G[a] / (dot(qp+k,qp+k)-mmu*mmu))
    Pe = (sl(pm)+me*ONE); Pebar = (sl(pp)-me*ONE)   # u ubar, v vbar
    Pm = (sl(qm)+mmu*ONE); Pmbar = (sl(qp)-mmu*ONE)
    tot = 0
    # amplitude A = sum_nu g_nu nu [ vbar(pp) E^{nu a} u(pm) * ubar(qm) gamma_nu v(qp) / s' + vbar gamma^nu u * ubar M_{nu}^{a} v / s ]
    # |A|^2 summed: sum over a,a' (-g_aa') sum nu,nu' g g ...
    # build electron-side matrices X^{nu a} (4x4) for both terms, muon-side Y similarly; |A|^2 = sum Tr[Pebar X Pe Xbar'] Tr[Pm Y Pmbar Ybar']
    for a in range(4):
        ga = -METRIC[a,a]
        # terms T1: electron Ge[nu,a], muon G[nu]; T2: electron G[nu], muon Gm[nu,a]
        for nu in range(4):
            for nup in range(4):
                gnn = METRIC[nu,nu]*METRIC[nup,nup]
                e11 = np.trace(Pebar @ Ge[nu,a] @ Pe @ bar(Ge[nup,a]))
                e22 = np.trace(Pebar @ G[nu] @ Pe @ bar(G[nup]))
                e12 = np.trace(Pebar @ Ge[nu,a] @ Pe @ bar(G[nup]))
                m11 = np.trace(Pm @ G[nu] @ Pmbar @ bar(G[nup]))
                m22 = np.trace(Pm @ Gm[nu,a] @ Pmbar @ bar(Gm[nup,a]))
                m12 = np.trace(Pm @ G[nu] @ Pmbar @ bar(Gm[nup,a]))
                tot += ga*gnn*(e11*m11/sp**2 + e22*m22/s**2 + 2*(e12*m12).real/(s*sp))
    return tot.real/4

G5 = 1j * G[0] @ G[1] @ G[2] @ G[3]


def spin4(p, m, shat):
    """Spin four-vector of a particle of momentum p whose rest-frame spin (reached by a pure boost) is shat."""
    pv = p[1:]
    s0 = pv @ shat / m
    return np.array([s0, *(shat + (pv @ shat) / (m * (p[0] + m)) * pv)])


def tau_pair_m2(k1, k2, p1, p2, m, s1, s2):
    lt = np.outer(k1, k2) + np.outer(k2, k1) - dot(k1, k2) * np.linalg.inv(METRIC)
    lower = METRIC @ lt @ METRIC
    a = (sl(p1) + m * ONE) @ (ONE + G5 @ sl(s1)) / 2
    b = (sl(p2) - m * ONE) @ (ONE + G5 @ sl(s2)) / 2
    return sum(lower[mu, nu] * np.trace(a @ G[mu] @ b @ G[nu]) for mu in range(4) for nu in range(4)).real


def boost(v, p):
    b = p[1:] / p[0]
    b2 = b @ b
    g = 1 / np.sqrt(1 - b2)
    bp = b @ v[1:]
    g2 = (g - 1) / b2 if b2 > 0 else 0
    return np.array([g * (v[0] + bp), *(v[1:] + g2 * bp * b + g * b * v[0])])


def two_body(mparent, ma, mb, n):
    p = np.sqrt(max(0, (mparent**2 - (ma + mb) ** 2) * (mparent**2 - (ma - mb) ** 2))) / (2 * mparent)
    a = np.array([np.sqrt(p * p + ma * ma), *(p * n)])
    b = np.array([np.sqrt(p * p + mb * mb), *(-p * n)])
    return a, b


def unit(rng):
    v = rng.normal(size=3)
    return v / np.linalg.norm(v)


def main():
    rng = np.random.default_rng(20240614)
    out = {"source": "tools/reference/backgrounds/traces.py (numpy explicit Dirac traces), seed 20240614", "conversion": [], "annihilation": []}
    sqrt_s = 10.58
    s = sqrt_s**2
    e = sqrt_s / 2
    k1 = np.array([e, 0, 0, e])
    k2 = np.array([e, 0, 0, -e])
    for m1, m2, c in [(0.3, 2.0, -0.9), (1.0, 1.0, 0.2), (0.25, 7.0, 0.95), (0.22, 0.5, 0.999)]:
        p = np.sqrt((s - (m1 + m2) ** 2) * (s - (m1 - m2) ** 2)) / (2 * sqrt_s)
        e1 = (s + m1 * m1 - m2 * m2) / (2 * sqrt_s)
        sn = np.sqrt(1 - c * c)
        q1 = np.array([e1, p * sn, 0, p * c])
        q2 = np.array([sqrt_s - e1, -p * sn, 0, -p * c])
        out["conversion"].append({"s": s, "m1": m1, "m2": m2, "cosTheta": c, "t": dot(k1 - q1, k1 - q1), "u": dot(k1 - q2, k1 - q2), "msqOverE4": conversion_m2(k1, k2, q1, q2)})
    mmu = 0.1056583755
    for mv in [0.25, 1.0, 3.1]:
        for _ in range(3):
            # mu- mu+ V at rest frame of Q: V first, then the pair
            while True:
                m12 = rng.uniform(2 * mmu, sqrt_s - mv)
                kvec, p12 = two_body(sqrt_s, mv, m12, unit(rng))
                a, b = two_body(m12, mmu, mmu, unit(rng))
                p1 = boost(a, p12)
                p2 = boost(b, p12)
                break
            h, t1, t2 = hadronic_tensor(p1, p2, kvec, mmu)
            lt = np.outer(k1, k2) + np.outer(k2, k1) - dot(k1, k2) * np.linalg.inv(METRIC)
            lower = METRIC @ lt @ METRIC  # L_{mu nu}
            w = float(np.sum(lower * h))
            mg = float(-np.sum(METRIC * h))
            out["annihilation"].append({"s": s, "muonMass": mmu, "vMass": mv, "p1": list(p1), "p2": list(p2), "k": list(kvec), "t1": t1, "t2": t2, "beamContraction": w, "minusGContraction": mg})
    out["tauSpin"] = []
    mtau = 1.77686
    ptau = np.sqrt(e * e - mtau * mtau)
    for th in [0.3, 1.0, 2.0]:
        c, sn = np.cos(th), np.sin(th)
        n = np.array([sn, 0, c])
        p1 = np.array([e, *(ptau * n)])
        p2 = np.array([e, *(-ptau * n)])
        axes = [np.array([c, 0, -sn]), np.array([0, 1.0, 0]), n]
        d = tau_pair_m2(k1, k2, p1, p2, mtau, np.zeros(4), np.zeros(4))
        cm = [[sum(a * b * tau_pair_m2(k1, k2, p1, p2, mtau, spin4(p1, mtau, a * axes[i]), spin4(p2, mtau, b * axes[j])) for a in (1, -1) for b in (1, -1)) / (4 * d) for j in range(3)] for i in range(3)]
        out["tauSpin"].append({"sqrtS": sqrt_s, "tauMass": mtau, "theta": th, "beta": ptau / e, "C": cm})
    out["mumugamma"] = []
    me = 0.00051099895
    e = 10.58 / 2
    pz = np.sqrt(e * e - me * me)
    pm = np.array([e, 0, 0, pz])
    pp = np.array([e, 0, 0, -pz])
    for k_e, n_photon, d_mu in [(1.0, unit(rng), unit(rng)), (3.0, unit(rng), unit(rng)), (0.3, unit(rng), unit(rng)), (4.5, np.array([0.02, 0, 0.9998]) / np.linalg.norm([0.02, 0, 0.9998]), unit(rng))]:
        k = np.array([k_e, *(k_e * n_photon)])
        q = pp + pm - k
        a, b = two_body(np.sqrt(dot(q, q)), mmu, mmu, d_mu)
        qm = boost(a, q)
        qp = boost(b, q)
        out["mumugamma"].append({"electronMass": me, "muonMass": mmu, "pPlus": list(pp), "pMinus": list(pm), "qPlus": list(qp), "qMinus": list(qm), "k": list(k), "msqOverE6": mumugamma_m2(pp, pm, qp, qm, k, me, mmu)})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
