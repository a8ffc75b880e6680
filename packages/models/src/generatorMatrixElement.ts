/**
 * The hard process of the matrix-element signal generator: e+e- → γ*(√s′) → μ-μ+X sampled exactly
 * from the tree-level matrix element with full muon and X masses (`gammaStarMuMuXMsq`), the event
 * oriented by the lepton tensor (`gammaStarHadronicTensor`), with optional initial-state radiation
 * (Kuraev-Fadin radiator) sampled jointly, for 0 < m_X < √s - 2m_μ. Internal to the package: the
 * public entry point is `generateMuMuX({ method: "matrix-element" })`.
 *
 * Variables: the radiated fraction x (s′ = s(1 - x)), T = t₁ + t₂ = s′z (z = 2E_X/√s′) mapped to
 * ζ ∈ [0, 1] by T = T_min (T_max/T_min)^ζ, T_min = 2m_X√s′, T_max = s′ + m_X² - 4m_μ², and
 * t₁ = (k₁ + q)² - m_μ² on the line t₁ + t₂ = T (the phase space is flat in dT dt₁ after the
 * orientation is integrated out). The target density is
 *   F(x) · α²/(48π s′³) · H(t₁, T - t₁; s′) · dT/dζ  (per g², in GeV⁻²; its integral is σ/g²),
 * and it is sampled in two exact rejection stages:
 * 1. (x, ζ) from a piecewise-constant envelope on a grid of cells (x ∝ F inside a cell, ζ uniform),
 *    accepted with the ratio of the function below to the cell's envelope value:
 *    g(x, ζ) = α²/(48π s′³) · I_P(T) · dT/dζ, where I_P = ∫P dt₁ is the integral in closed form of
 *    an upper bound P ≥ H on the line (stage 2). The envelope value of a cell is the largest g on a
 *    4 × 4 sub-grid of the cell (edges included) times {@link ENVELOPE_MARGIN}: g is smooth in
 *    both variables (it vanishes like a square root at the Dalitz edges, where it is monotone), so
 *    the margin exceeds its curvature by orders of magnitude; every trial checks the ratio, as does
 *    stage 2, and the sample reports the largest one (`maxWeight` ≤ 1: every bound held, the sample
 *    is exact).
 * 2. t₁ from P and accepted with H/P, P ≥ H a sum of a constant, 1/t₁ + 1/t₂ and 1/t₁² + 1/t₂² with
 *    non-negative coefficients, each sampled analytically (see `lineBound` for how it is built from
 *    the exact form of H on the line).
 * The hit rate of the two stages times the envelope's integral is the Monte Carlo cross section.
 *
 * Orientation: with massless beams L_{μν}H^{μν} = (s′/2)(Tr H - ê·H·ê), ê the beam axis in the γ*
 * frame; given the momenta, a uniform ê is accepted with 1 - ê·H·ê/Tr H ∈ [0, 1] (H is positive
 * semi-definite), then the event is rotated to put ê on the beam axis with a uniform azimuth.
 *
 * Decay of a vector X → μ+μ- (spin correlations): with the production fixed, the decay direction d̂
 * in the X rest frame is distributed as W(d̂) ∝ Tr P - β² P(ε_d̂) (P the X spin-density tensor
 * contracted with the lepton tensor, `gammaStarVectorPolarisedMsq`; Tr P = L_{μν}H^{μν}; β the muon
 * velocity in the X frame): d̂ uniform, accepted with W/Tr P ∈ [1 - β², 1]. Integrated over d̂ this
 * is Tr P (1 - β²/3), the production weight, so production and decay together are exact.
 *
 * @packageDocumentation
 */
import { boostFromRestFrameInPlace, type RandomSource } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import type { Spin } from "./defaults.js";
import { type Frame, frameAround } from "./frame.js";
import { isrBeta } from "./isr.js";
import {
  dalitzEdges,
  gammaStarHadronicTensor,
  gammaStarMuMuXMsq,
  gammaStarVectorPolarisedMsq,
  hCoefficients,
} from "./matrixElements.js";

/** Factor between the largest sampled value of g in a cell and the cell's envelope value. */
export const ENVELOPE_MARGIN = 1.03;
/** Cells in ζ (each evaluated on a 4-point sub-grid). */
const Z_CELLS = 64;
/** Cells in x with ISR, uniform in ln s′ (the first one is further split geometrically towards x = 0). */
const X_CELLS = 64;
const X_SPLITS = 8;
const SUB = 4;

/** The state the generator's common code needs from one hard event. */
export interface HardEvent {
  /** ISR energy fraction x (0 without ISR). */
  x: number;
  /** s′ = s(1 - x) in GeV². */
  sp: number;
  /** z = 2E_X/√s′. */
  z: number;
  /** -1 if X is closer to the μ- ((k₁ + q)² < (k₂ + q)²), +1 otherwise. */
  emitter: -1 | 1;
  /**
   * Four-momenta (E, px, py, pz) in the γ* rest frame: μ- at 0, μ+ at 4, X at 8, and when `decayed`
   * X's daughters μ+ at 12 and μ- at 16 (20 numbers).
   */
  readonly p: Float64Array;
  /** Whether the sampler decayed X (the vector with spin correlations); otherwise the caller does. */
  decayed: boolean;
}

/** A prepared hard-process sampler. */
export interface MatrixElementSampler {
  /** Σ over cells of ∫F dx · envelope · Δζ: σ/g² (GeV⁻²) = this × hits/trials. */
  readonly envelopeIntegral: number;
  /** Fills `out` with one accepted event; returns the number of (x, ζ) trials it took. */
  next(rng: RandomSource, out: HardEvent): number;
  /** Largest ratio g/envelope met so far (≤ 1: the envelope held). */
  maxWeight(): number;
}

/**
 * An upper bound P = p₀ + p₁(1/t₁ + 1/t₂) + p₂(1/t₁² + 1/t₂²) ≥ H on the line t₁ + t₂ = T,
 * t₁ ∈ [t_a, t_a + Δ], with p₀, p₁, p₂ ≥ 0 (each piece is sampled analytically). On the line
 * H = (AT + B + C/T)(1/t₁ + 1/t₂) + (K - 2A) + D(1/t₁² + 1/t₂²) exactly (coefficients of
 * `gammaStarMuMuXMsq`). For D > 0 the positive parts of the three coefficients bound it (exact when
 * all are ≥ 0). For D ≤ 0, with y = 1/(t₁t₂) ∈ [4/T², 1/(t_a(t_a + Δ))], H = κ + b₁y + b₂y²
 * (κ = K - 2A, b₁ = (AT + B + C/T)T - 2D, b₂ = DT², using 1/t₁ + 1/t₂ = Ty and
 * 1/t₁² + 1/t₂² = T²y² - 2y) is concave in y, so both its tangent at the mean of y over the line,
 * 2L/(TΔ) with L = ln(1 + Δ/t_a) (the linear bound of smallest integral), and its maximum over the
 * y range bound it; the one with the smaller integral is used (the maximum wins near threshold,
 * where H is a small difference of large terms). Writes [p₀, p₁, p₂, ∫P dt₁] into `out`.
 */
function lineBound(
  spin: Spin,
  sp: number,
  m2: number,
  M2: number,
  T: number,
  ta: number,
  width: number,
  out: Float64Array,
): Float64Array {
  const [A, K, B, C, D] = hCoefficients(spin, sp, m2, M2);
  const kappa = K - 2 * A;
  const e = A * T + B + C / T;
  const lg = Math.log1p(width / ta);
  const inv2 = (2 * width) / (ta * (ta + width));
  if (D > 0) {
    const p0 = Math.max(kappa, 0);
    const p1 = Math.max(e, 0);
    out[0] = p0;
    out[1] = p1;
    out[2] = D;
    out[3] = p0 * width + 2 * p1 * lg + D * inv2;
    return out;
  }
  const b1 = e * T - 2 * D;
  const b2 = D * T * T;
  const y0 = (2 * lg) / (T * width);
  const c0 = Math.max(kappa - b2 * y0 * y0, 0);
  const c1 = Math.max(b1 + 2 * b2 * y0, 0);
  const linear = c0 * width + ((2 * c1) / T) * lg;
  const yLo = 4 / (T * T);
  const yHi = 1 / (ta * (ta + width));
  const q = (y: number): number => kappa + b1 * y + b2 * y * y;
  let hMax = Math.max(q(yLo), q(yHi));
  if (b2 < 0) {
    const yStar = -b1 / (2 * b2);
    if (yStar > yLo && yStar < yHi) hMax = Math.max(hMax, q(yStar));
  }
  // round-off of the quadratic: 1e-12 of its largest term
  hMax += 1e-12 * (Math.abs(kappa) + Math.abs(b1) * yHi + Math.abs(b2) * yHi * yHi);
  if (hMax * width < linear) {
    out[0] = hMax;
    out[1] = 0;
    out[3] = hMax * width;
  } else {
    out[0] = c0;
    out[1] = c1 / T;
    out[3] = linear;
  }
  out[2] = 0;
  return out;
}

/** ∫ F(x) dx over [a, b] for the radiator of `isrRadiator`: [(1 + 3β/4)x^β - β(x - x²/4)]. */
function radiatorIntegral(a: number, b: number, beta: number): number {
  const prim = (x: number): number => (1 + 0.75 * beta) * x ** beta - beta * (x - (x * x) / 4);
  return prim(b) - prim(a);
}

/**
 * Prepares the sampler (validation is the caller's).
 * @param spin - "vector" or "scalar"
 * @param mass - m_X in GeV, 0 < m_X < √s - 2m_μ
 * @param s - s in GeV²
 * @param alpha - fine-structure constant
 * @param isr - sample the radiated fraction x jointly
 * @param beam - the frame around the electron beam's unit vector, in the frame the momenta are wanted in
 * @param decayToMuons - X → μ+μ-: the sampler decays a vector X itself, with spin correlations
 */
export function createMatrixElementSampler(
  spin: Spin,
  mass: number,
  s: number,
  alpha: number,
  isr: boolean,
  beam: Frame,
  decayToMuons: boolean,
): MatrixElementSampler {
  const m = M_MU;
  const m2 = m * m;
  const M2 = mass * mass;
  const beta = isrBeta(s, alpha);
  const coef = new Float64Array(4);
  // the vector's X → μ+μ- is decayed here, with spin correlations; the scalar's is isotropic (caller)
  const correlatedDecay = decayToMuons && spin === "vector";
  const beta2 = 1 - (4 * m2) / M2;
  const pStar = decayToMuons ? Math.sqrt((mass / 2 - m) * (mass / 2 + m)) : 0;

  /** g(x, ζ): the stage-1 target (per g², GeV⁻²), or 0 outside the physical region. */
  const g = (x: number, zeta: number): number => {
    const sp = s * (1 - x);
    const rs = Math.sqrt(sp);
    const tMin = 2 * mass * rs;
    const tMax = sp + M2 - 4 * m2;
    if (!(tMax > tMin)) return 0;
    const lt = Math.log(tMax / tMin);
    const T = tMin * Math.exp(zeta * lt);
    const { cross, width } = dalitzEdges(sp, m, m, mass, sp + M2 - T);
    if (!(width > 0)) return 0;
    const ta = M2 + 2 * cross;
    const ip = lineBound(spin, sp, m2, M2, T, ta, width, coef)[3] as number;
    return ((alpha * alpha) / (48 * Math.PI * sp * sp * sp)) * ip * T * lt;
  };

  // Cells in x: [0] without ISR; with ISR, cells uniform in ln s′ = ln(s(1 - x)) from s down to the
  // threshold (M + 2m)² (the hard process varies like a power of s′, steeply near threshold), the
  // first one split geometrically towards x = 0 (where the radiator peaks).
  const xEdges: number[] = [];
  if (isr) {
    const lnMin = 2 * Math.log((mass + 2 * m) / Math.sqrt(s));
    const edge = (k: number): number => -Math.expm1((lnMin * k) / X_CELLS);
    const first = edge(1);
    xEdges.push(0);
    for (let k = X_SPLITS; k >= 1; k--) xEdges.push(first / 2 ** k);
    for (let k = 1; k <= X_CELLS; k++) xEdges.push(edge(k));
  }
  const nx = isr ? xEdges.length - 1 : 1;
  const cells = nx * Z_CELLS;
  const envelope = new Float64Array(cells);
  const cumulative = new Float64Array(cells);
  const fWeight = new Float64Array(nx);
  // g on the sub-grid: rows in x (SUB per x cell + 1), columns in ζ (SUB per ζ cell + 1).
  const cols = Z_CELLS * SUB + 1;
  const rows = isr ? nx * SUB + 1 : 1;
  const grid = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let x = 0;
    if (isr) {
      const ix = Math.min(nx - 1, Math.floor(r / SUB));
      const a = xEdges[ix] as number;
      const b = xEdges[ix + 1] as number;
      x = a + ((b - a) * (r - ix * SUB)) / SUB;
    }
    for (let c = 0; c < cols; c++) grid[r * cols + c] = g(x, c / (cols - 1));
  }
  let total = 0;
  for (let ix = 0; ix < nx; ix++) {
    fWeight[ix] = isr ? radiatorIntegral(xEdges[ix] as number, xEdges[ix + 1] as number, beta) : 1;
    for (let iz = 0; iz < Z_CELLS; iz++) {
      let max = 0;
      const r0 = isr ? ix * SUB : 0;
      const r1 = isr ? r0 + SUB : 0;
      for (let r = r0; r <= r1; r++) {
        for (let c = iz * SUB; c <= (iz + 1) * SUB; c++) max = Math.max(max, grid[r * cols + c] as number);
      }
      const k = ix * Z_CELLS + iz;
      envelope[k] = max * ENVELOPE_MARGIN;
      total += ((fWeight[ix] as number) * (envelope[k] as number)) / Z_CELLS;
      cumulative[k] = total;
    }
  }

  let maxRatio = 0;
  const tensor = new Float64Array(4);
  const dir = new Float64Array(3);
  // the beam and a fixed orthonormal pair (u, v) perpendicular to it
  const [nx0, ny0, nz0] = beam.n;
  const [ux, uy, uz] = beam.u;
  const [vx, vy, vz] = beam.v;

  /** x ∝ F(x) on [a, b]: proposal ∝ x^(β-1), accepted with F/(β(1 + 3β/4)x^(β-1)). */
  const sampleX = (rng: RandomSource, a: number, b: number): number => {
    const wa = a ** beta;
    const wb = b ** beta;
    for (;;) {
      const x = (wa + (wb - wa) * rng.uniform()) ** (1 / beta);
      if (rng.uniform() * (1 + 0.75 * beta) < 1 + 0.75 * beta - (1 - x / 2) * x ** (1 - beta)) return x;
    }
  };

  const next = (rng: RandomSource, out: HardEvent): number => {
    let trials = 0;
    for (;;) {
      trials++;
      // stage 1: the cell, then x and ζ inside it
      const u = rng.uniform() * total;
      let lo = 0;
      let hi = cells - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      const ix = Math.floor(lo / Z_CELLS);
      const iz = lo - ix * Z_CELLS;
      const x = isr ? sampleX(rng, xEdges[ix] as number, xEdges[ix + 1] as number) : 0;
      const zeta = (iz + rng.uniform()) / Z_CELLS;
      const sp = s * (1 - x);
      const rs = Math.sqrt(sp);
      const tMin = 2 * mass * rs;
      const tMax = sp + M2 - 4 * m2;
      if (!(tMax > tMin)) continue;
      const lt = Math.log(tMax / tMin);
      const T = tMin * Math.exp(zeta * lt);
      const { cross, width } = dalitzEdges(sp, m, m, mass, sp + M2 - T);
      if (!(width > 0)) continue;
      const ta = M2 + 2 * cross;
      lineBound(spin, sp, m2, M2, T, ta, width, coef);
      const p0 = coef[0] as number;
      const p1 = coef[1] as number;
      const p2 = coef[2] as number;
      const ip = coef[3] as number;
      const ratio = (((alpha * alpha) / (48 * Math.PI * sp * sp * sp)) * ip * T * lt) / (envelope[lo] as number);
      if (ratio > maxRatio) maxRatio = ratio;
      if (rng.uniform() >= ratio) continue;
      // stage 2: t₁ from P (uniform; ∝ 1/t₁ or ∝ 1/t₁², reflected to T - t₁ with probability ½),
      // accepted with H/P
      const lg = Math.log1p(width / ta);
      const pick = rng.uniform() * ip;
      const r = rng.uniform();
      let t1: number;
      if (pick < p0 * width) t1 = ta + r * width;
      else {
        t1 = pick < p0 * width + 2 * p1 * lg ? ta * Math.exp(r * lg) : 1 / (1 / ta - (r * width) / (ta * (ta + width)));
        if (rng.uniform() < 0.5) t1 = T - t1;
      }
      const t2 = T - t1;
      const h = gammaStarMuMuXMsq(spin, sp, m2, M2, t1, t2);
      const bound = p0 + p1 * (1 / t1 + 1 / t2) + p2 * (1 / (t1 * t1) + 1 / (t2 * t2));
      // (when P equals H, as for D > 0 with non-negative coefficients, only round-off separates them)
      if (h > bound * (1 + 1e-12) && h / bound > maxRatio) maxRatio = h / bound;
      if (rng.uniform() * bound >= h) continue;
      // kinematics in the γ* frame: X along z′, μ- in the x′z′ plane
      const e1 = (sp - t2) / (2 * rs);
      const eX = T / (2 * rs);
      const k1 = Math.sqrt(Math.max((e1 - m) * (e1 + m), 0));
      const pX = Math.sqrt(Math.max((eX - mass) * (eX + mass), 0));
      const cosT = Math.min(1, Math.max(-1, (e1 * eX - 0.5 * (t1 - M2)) / (k1 * pX)));
      const sinT = Math.sqrt((1 - cosT) * (1 + cosT));
      const k1x = k1 * sinT;
      const k1z = k1 * cosT;
      const k2x = -k1x;
      const k2z = -k1z - pX;
      // orientation: the beam direction ê in this frame, accepted with 1 - ê·H·ê/Tr H
      gammaStarHadronicTensor(spin, sp, m2, M2, t1, t2, tensor);
      const a1 = tensor[0] as number;
      const a2 = tensor[1] as number;
      const a3 = tensor[2] as number;
      const a4 = tensor[3] as number;
      let ex: number;
      let ey: number;
      let ez: number;
      let ehe: number;
      for (;;) {
        rng.isotropic(dir);
        ex = dir[0] as number;
        ey = dir[1] as number;
        ez = dir[2] as number;
        const uu = ex * k1x + ez * k1z;
        const vv = ex * k2x + ez * k2z;
        ehe = a1 + a2 * uu * uu + a3 * vv * vv + 2 * a4 * uu * vv;
        if (rng.uniform() * h < h - ehe) break;
      }
      const o = out.p;
      // X → μ+μ- of a vector with spin correlations: d̂ uniform in the X rest frame, accepted with
      // (Tr P - β² P(ε_d̂))/Tr P, Tr P = L·H = (s′/2)(Tr H - ê·H·ê), ε_d̂ = (0, d̂) boosted to this frame
      // (X along z′ with momentum pX, energy eX), P of gammaStarVectorPolarisedMsq.
      out.decayed = correlatedDecay;
      if (correlatedDecay) {
        const rs2 = rs / 2;
        const e2 = rs - e1 - eX;
        const a = rs2 * (e1 - (ex * k1x + ez * k1z));
        const b = rs2 * (e2 - (ex * k2x + ez * k2z));
        const trP = rs2 * rs2 * 2 * (h - ehe);
        for (;;) {
          rng.isotropic(dir);
          const dx = dir[0] as number;
          const dy = dir[1] as number;
          const dz = dir[2] as number;
          // ε = ((q⃗·d̂)/M, d̂ + q⃗ (q⃗·d̂)/(M(E + M))), q⃗ = (0, 0, pX)
          const e0 = (pX * dz) / mass;
          const ezz = dz + (pX * pX * dz) / (mass * (eX + mass));
          const x1 = e0 * e1 - (dx * k1x + ezz * k1z);
          const x2 = e0 * e2 - (dx * k2x + ezz * k2z);
          const y = rs2 * (e0 - (ex * dx + ey * dy + ez * ezz));
          const pd = gammaStarVectorPolarisedMsq(sp, m2, M2, t1, t2, a, b, x1, x2, y);
          if (rng.uniform() * trP < trP - beta2 * pd) {
            // μ+ along +d̂, μ- along -d̂ in the X rest frame (W is even in d̂), then to this frame
            const d = out.p;
            d[12] = mass / 2;
            d[13] = pStar * dx;
            d[14] = pStar * dy;
            d[15] = pStar * dz;
            d[16] = mass / 2;
            d[17] = -pStar * dx;
            d[18] = -pStar * dy;
            d[19] = -pStar * dz;
            boostFromRestFrameInPlace(d, 12, eX, 0, 0, pX, mass);
            boostFromRestFrameInPlace(d, 16, eX, 0, 0, pX, mass);
            break;
          }
        }
      }
      // rotation R: ê → beam, (f̂, ĝ) → (û, v̂) turned by a uniform azimuth ψ
      const eFrame = frameAround(ex, ey, ez);
      const [fx, fy, fz] = eFrame.u;
      const [gx, gy, gz] = eFrame.v;
      const psi = 2 * Math.PI * rng.uniform();
      const cp = Math.cos(psi);
      const spsi = Math.sin(psi);
      const uxr = cp * ux + spsi * vx;
      const uyr = cp * uy + spsi * vy;
      const uzr = cp * uz + spsi * vz;
      const vxr = -spsi * ux + cp * vx;
      const vyr = -spsi * uy + cp * vy;
      const vzr = -spsi * uz + cp * vz;
      // w ↦ n̂(ê·w) + û′(f̂·w) + v̂′(ĝ·w); the energy from |p| and the mass (on shell)
      const place = (offset: number, wx: number, wy: number, wz: number, mm: number): void => {
        const a = ex * wx + ey * wy + ez * wz;
        const b = fx * wx + fy * wy + fz * wz;
        const c = gx * wx + gy * wy + gz * wz;
        const px = nx0 * a + uxr * b + vxr * c;
        const py = ny0 * a + uyr * b + vyr * c;
        const pz = nz0 * a + uzr * b + vzr * c;
        o[offset] = Math.sqrt(px * px + py * py + pz * pz + mm * mm);
        o[offset + 1] = px;
        o[offset + 2] = py;
        o[offset + 3] = pz;
      };
      if (correlatedDecay) {
        place(12, o[13] as number, o[14] as number, o[15] as number, m);
        place(16, o[17] as number, o[18] as number, o[19] as number, m);
      }
      place(0, k1x, 0, k1z, m);
      place(4, k2x, 0, k2z, m);
      place(8, 0, 0, pX, mass);
      out.x = x;
      out.sp = sp;
      out.z = T / sp;
      out.emitter = t1 <= t2 ? -1 : 1;
      return trials;
    }
  };

  return { envelopeIntegral: total, next, maxWeight: () => maxRatio };
}
