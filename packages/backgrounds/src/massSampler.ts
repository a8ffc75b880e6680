/**
 * Sampling of a virtual photon's mass² from the spectral densities of `spectral.ts`, by a mixture
 * proposal (log-uniform continuum plus one truncated Breit-Wigner per resonance) with a known bound
 * on density/proposal, so that the callers' hit-or-miss acceptance is exact.
 *
 * @packageDocumentation
 */
import { ALPHA, M_MU, M_PI } from "@muonphilic/units";
import { VECTOR_MESONS, type VectorMeson } from "./resonances.js";
import {
  type ConversionChannel,
  DIMUON_RESONANCES,
  dimuonContinuumDensity,
  dipionDensity,
  resonanceConversionProbability,
  resonanceDensity,
} from "./spectral.js";

/** Identifies which component of the spectral function a sampled mass came from. */
export const COMPONENT_CONTINUUM = 0;

interface BwComponent {
  readonly meson: VectorMeson;
  readonly weight: number;
  readonly atanLo: number;
  readonly atanHi: number;
  readonly norm: number;
}

/** A sampler of q² for one channel on [q2Min, q2Max] (internal). */
export interface MassSampler {
  readonly channel: ConversionChannel;
  readonly q2Min: number;
  readonly q2Max: number;
  /** Sup of density/proposal over [q2Min, q2Max] (GeV⁻² × GeV²: dimensionless per unit proposal). */
  readonly bound: number;
  /** The component names: index 0 is the continuum, k ≥ 1 the resonances. */
  readonly components: readonly string[];
  /** Draws q² from the proposal with two uniform deviates. */
  sample(u1: number, u2: number): number;
  /** Density (GeV⁻²) at q². */
  density(q2: number): number;
  /** The physical component of an accepted q²: index k with probability ρ_k(q²)/ρ(q²) (u uniform). */
  label(q2: number, u: number): number;
  /** Proposal density (GeV⁻²) at q². */
  proposal(q2: number): number;
}

function bwComponent(meson: VectorMeson, weight: number, q2Min: number, q2Max: number): BwComponent {
  const mg = meson.mass * meson.width;
  const m2 = meson.mass * meson.mass;
  const atanLo = Math.atan((q2Min - m2) / mg);
  const atanHi = Math.atan((q2Max - m2) / mg);
  return { meson, weight, atanLo, atanHi, norm: (atanHi - atanLo) / Math.PI };
}

/**
 * Builds the sampler of a channel.
 * @param channel - "mumu" (continuum + {@link DIMUON_RESONANCES}) or "pipi" (Gounaris-Sakurai ρ + ω)
 * @param q2Max - upper end (GeV²)
 * @param alpha - fine-structure constant
 */
export function makeMassSampler(channel: ConversionChannel, q2Max: number, alpha: number = ALPHA): MassSampler {
  const mf = channel === "mumu" ? M_MU : M_PI;
  const q2Min = 4 * mf * mf;
  const logRange = Math.log(q2Max / q2Min);
  const mesons: VectorMeson[] =
    channel === "mumu" ? DIMUON_RESONANCES.filter((v) => v.mass * v.mass < q2Max) : [VECTOR_MESONS.omega];
  // Mixture weights ∝ each component's own bound (then density/proposal ≤ Σ bounds, see below).
  // μμ continuum: ρ q² ≤ α/(3π) on a log-uniform proposal of density 1/(q² logRange).
  // ππ: the ρ term gets a Breit-Wigner proposal of the ρ, with its probability ∫ρ_ππ estimated on a grid.
  const density =
    channel === "mumu"
      ? (q2: number): number => {
          let d = dimuonContinuumDensity(q2, alpha);
          for (const v of mesons) d += resonanceDensity(v, "mumu", q2, alpha);
          return d;
        }
      : (q2: number): number => dipionDensity(q2, alpha);
  const contBound = channel === "mumu" ? (alpha / (3 * Math.PI)) * logRange : 0;
  const bw: BwComponent[] = [];
  if (channel === "mumu") {
    for (const v of mesons) {
      const c = bwComponent(v, 0, q2Min, q2Max);
      bw.push({ ...c, weight: resonanceConversionProbability(v, "mumu", alpha) });
    }
  } else {
    // ρ proposal: a Breit-Wigner of the ρ carrying most of the weight, plus a log-uniform tail.
    bw.push(bwComponent(VECTOR_MESONS.rho, 1, q2Min, q2Max));
    bw.push(bwComponent(VECTOR_MESONS.omega, 0, q2Min, q2Max));
  }
  let contWeight: number;
  if (channel === "mumu") {
    contWeight = contBound;
  } else {
    // Probability of the ππ channel (grid integral, only used to set mixture weights: any positive
    // weights give an exact sampler, the bound below is computed for the weights chosen).
    let total = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const q2 = q2Min * Math.exp(((i + 0.5) / n) * logRange);
      total += density(q2) * q2 * (logRange / n);
    }
    const pOmega = resonanceConversionProbability(VECTOR_MESONS.omega, "pipi", alpha);
    (bw[0] as { weight: number }).weight = 0.8 * total;
    (bw[1] as { weight: number }).weight = pOmega;
    contWeight = 0.2 * total;
  }
  const totalWeight = contWeight + bw.reduce((a, c) => a + c.weight, 0);
  const pCont = contWeight / totalWeight;
  const pBw = bw.map((c) => c.weight / totalWeight);
  const proposal = (q2: number): number => {
    if (!(q2 >= q2Min && q2 <= q2Max)) return 0;
    let g = pCont / (q2 * logRange);
    for (let k = 0; k < bw.length; k++) {
      const c = bw[k] as BwComponent;
      const mg = c.meson.mass * c.meson.width;
      const d = q2 - c.meson.mass * c.meson.mass;
      g += ((pBw[k] as number) * mg) / (Math.PI * c.norm * (d * d + mg * mg));
    }
    return g;
  };
  let bound: number;
  if (channel === "mumu") {
    // density/proposal ≤ max over components of (component density)/(p_c g_c) = Σ weights (each
    // component's ratio is ≤ its weight/p_c = totalWeight: continuum R ≤ 1, resonances BW/BW_norm · norm ≤ 1).
    bound = totalWeight;
  } else {
    // numerical sup on a dense log grid plus the resonance peaks, with a 5% margin (the ratio is
    // smooth: the proposal contains the same Breit-Wigners as the density); checked in the tests.
    let sup = 0;
    const n = 200000;
    const probe = (q2: number) => {
      const g = proposal(q2);
      if (g > 0) sup = Math.max(sup, density(q2) / g);
    };
    for (let i = 0; i <= n; i++) probe(q2Min * Math.exp((i / n) * logRange));
    for (const c of bw) probe(c.meson.mass * c.meson.mass);
    bound = 1.05 * sup;
  }
  const names = [channel === "mumu" ? "continuum" : "rho (Gounaris-Sakurai)", ...mesons.map((v) => v.name)];
  return {
    channel,
    q2Min,
    q2Max,
    bound,
    components: names,
    sample(u1: number, u2: number): number {
      let acc = pCont;
      if (u1 < acc) {
        return q2Min * Math.exp((u1 / pCont) * logRange);
      }
      for (let k = 0; k < bw.length; k++) {
        const pk = pBw[k] as number;
        if (u1 < acc + pk || k === bw.length - 1) {
          const c = bw[k] as BwComponent;
          const a = c.atanLo + u2 * (c.atanHi - c.atanLo);
          return c.meson.mass * c.meson.mass + c.meson.mass * c.meson.width * Math.tan(a);
        }
        acc += pk;
      }
      return Number.NaN;
    },
    density,
    proposal,
    label(q2: number, u: number): number {
      const total = density(q2);
      let acc = total - mesons.reduce((a, v) => a + resonanceDensity(v, channel, q2, alpha), 0);
      if (u * total < acc) return COMPONENT_CONTINUUM;
      for (let k = 0; k < mesons.length; k++) {
        acc += resonanceDensity(mesons[k] as VectorMeson, channel, q2, alpha);
        if (u * total < acc) return k + 1;
      }
      return mesons.length;
    },
  };
}
