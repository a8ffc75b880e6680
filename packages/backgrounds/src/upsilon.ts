/**
 * e+e- → γ_ISR Υ(nS), Υ(nS) → Υ(1S) π+π-, Υ(1S) → μ+μ- (n = 2, 3): the source of the Υ(1S) peak
 * in four-track events with one pion identified as a muon (Belle2-4mu sec. III lists
 * e+e- → Υ(nS)π+π- among the unsimulated backgrounds; sec. IV C: the Υ(1S) is visible in the data).
 *
 * Rate (computed): radiative return to a narrow resonance,
 *   σ = (12π² Γ_ee/(M s)) F(x_V, s),   x_V = 1 − M²/s,
 * F the Kuraev-Fadin radiator (`@muonphilic/models` `isrRadiator`), times BR(Υ(nS) → Υ(1S)π+π-)
 * and BR(Υ(1S) → μ+μ-) (PDG 2022, `resonances.ts`). The ISR photon is collinear with a beam.
 * Kinematics (parametrised): the dipion mass from |M|² ∝ (m²_ππ − 2m_π²)² (the lowest-order chiral
 * amplitude of BrownCahn1975) times phase space; the Υ(1S) and dipion decays isotropic.
 *
 * @packageDocumentation
 */
import {
  allocateColumns,
  type BeamSetup,
  belle2Beams,
  type EventColumns,
  type FourVectorColumns,
  type RandomSource,
} from "@muonphilic/kinematics";
import { isrRadiator } from "@muonphilic/models";
import { ALPHA, GEV2_PB, M_MU, M_PI, type Pb, pb } from "@muonphilic/units";
import { decayIsotropic, eventCount, writeArrayBoosted, writeBoosted } from "./frames.js";
import { UPSILON_TRANSITIONS, VECTOR_MESONS } from "./resonances.js";

/** The Υ states that feed Υ(1S)π+π- by radiative return at the Υ(4S). */
export type UpsilonState = "upsilon2S" | "upsilon3S";

/**
 * σ(e+e- → γ_ISR Υ(nS) → γ Υ(1S)π+π- → γ μ+μ-π+π-) in pb (module documentation).
 * @param state - "upsilon2S" or "upsilon3S"
 * @param beams - the beams @defaultValue `belle2Beams()`
 * @param alpha - fine-structure constant @defaultValue α(0)
 * @returns σ in pb
 * @example
 * ```ts
 * upsilonTransitionSigma("upsilon3S"); // pb
 * ```
 */
export function upsilonTransitionSigma(
  state: UpsilonState,
  beams: BeamSetup = belle2Beams(),
  alpha: number = ALPHA,
): Pb {
  const v = VECTOR_MESONS[state];
  const s = beams.s;
  const x = 1 - (v.mass * v.mass) / s;
  const sigmaV = ((12 * Math.PI * Math.PI * v.gammaEE) / (v.mass * s)) * isrRadiator(x, s, alpha);
  return pb(sigmaV * UPSILON_TRANSITIONS[state].br * VECTOR_MESONS.upsilon1S.brMuMu * GEV2_PB);
}

/**
 * Generates e+e- → γ_ISR Υ(nS) → γ μ+μ-π+π- events (lab frame): `minus1`/`plus1` the muons of the
 * Υ(1S), `minus2`/`plus2` the pions, `gammaIsr` the photon; `state` says which Υ(nS) (0 = 2S, 1 = 3S).
 * @param options - `events` or `luminosityInvPb`, beams
 * @param rng - the seeded random source
 * @returns events, the state of each, and the summed cross section (pb)
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless exactly one of `events`/`luminosityInvPb` is given
 * @example
 * ```ts
 * const u = generateUpsilonTransitions({ luminosityInvPb: 178000 }, createRandom(3));
 * ```
 */
export function generateUpsilonTransitions(
  options: { readonly events?: number; readonly luminosityInvPb?: number; readonly beams?: BeamSetup },
  rng: RandomSource,
): {
  readonly events: EventColumns<"minus1" | "plus1" | "minus2" | "plus2" | "gammaIsr">;
  readonly state: Uint8Array;
  readonly crossSectionPb: number;
} {
  const beams = options.beams ?? belle2Beams();
  const s2 = upsilonTransitionSigma("upsilon2S", beams);
  const s3 = upsilonTransitionSigma("upsilon3S", beams);
  const n = eventCount(options, s2 + s3, rng);
  const names = ["minus1", "plus1", "minus2", "plus2", "gammaIsr"] as const;
  const cols = Object.fromEntries(names.map((k) => [k, allocateColumns(n)])) as Record<
    (typeof names)[number],
    FourVectorColumns
  >;
  const state = new Uint8Array(n);
  const out = new Float64Array(16);
  const w = beams.sqrtS;
  const m1s = VECTOR_MESONS.upsilon1S.mass;
  const cm = beams.boost;
  // dipion mass from (m² − 2m_π²)² × phase space (rejection on [2m_π, M − M₁S]): the shape and its
  // bound (1.1 × the maximum on a 51-point grid) for Υ(2S) and for Υ(3S), once
  const lo = 2 * M_PI;
  const dipion = (mv: number) => {
    const hi = mv - m1s;
    const shape = (m: number): number => {
      const q1 = Math.sqrt(Math.max((mv * mv - (m1s + m) ** 2) * (mv * mv - (m1s - m) ** 2), 0)) / (2 * mv);
      const q2 = Math.sqrt(Math.max((m * m) / 4 - M_PI * M_PI, 0));
      return (m * m - 2 * M_PI * M_PI) ** 2 * q1 * q2;
    };
    let max = 0;
    for (let k = 0; k <= 50; k++) max = Math.max(max, shape(lo + ((hi - lo) * k) / 50));
    return { hi, shape, max };
  };
  const dipion2S = dipion(VECTOR_MESONS.upsilon2S.mass);
  const dipion3S = dipion(VECTOR_MESONS.upsilon3S.mass);
  for (let i = 0; i < n; i++) {
    const three = rng.uniform() * (s2 + s3) >= s2;
    state[i] = three ? 1 : 0;
    const mv = three ? VECTOR_MESONS.upsilon3S.mass : VECTOR_MESONS.upsilon2S.mass;
    // ISR photon along ±z; Υ(nS) recoils
    const eg = (beams.s - mv * mv) / (2 * w);
    const sign = rng.uniform() < 0.5 ? 1 : -1;
    const parent: [number, number, number, number] = [w - eg, 0, 0, -sign * eg];
    const { hi, shape, max } = three ? dipion3S : dipion2S;
    let mpp: number;
    do mpp = lo + (hi - lo) * rng.uniform();
    while (rng.uniform() * 1.1 * max >= shape(mpp));
    // Υ(nS) → Υ(1S) (ππ): particles 0 = Υ(1S), 1 = dipion
    decayIsotropic(out, 0, 1, parent, mv, m1s, mpp, rng);
    const ups = [out[0], out[1], out[2], out[3]] as [number, number, number, number];
    const pipi = [out[4], out[5], out[6], out[7]] as [number, number, number, number];
    decayIsotropic(out, 0, 1, ups, m1s, M_MU, M_MU, rng); // μ-, μ+
    decayIsotropic(out, 2, 3, pipi, mpp, M_PI, M_PI, rng); // π-, π+
    for (let k = 0; k < 4; k++) writeArrayBoosted(cols[names[k] as (typeof names)[number]], i, out, 4 * k, cm);
    writeBoosted(cols.gammaIsr, i, eg, 0, 0, sign * eg, cm);
  }
  return { events: { size: n, particles: cols }, state, crossSectionPb: s2 + s3 };
}
