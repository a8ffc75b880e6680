/**
 * The embedded default dataset: the background-only Belle II four-muon toy of
 * `@muonphilic/backgrounds` at 178 fb⁻¹ with its fixed default seed (Belle2-4mu secs. III-IV),
 * regenerated on the fly: the same candidate masses on every machine.
 *
 * @packageDocumentation
 */
import { belle2FourMuonToy } from "@muonphilic/backgrounds";

/** The embedded dataset: dimuon candidate masses (GeV) and a description. */
export interface EmbeddedDataset {
  readonly masses: Float64Array;
  readonly description: string;
  /** The toy's provenance (what is computed, what is parametrised). */
  readonly provenance: readonly { readonly item: string; readonly provenance: unknown }[];
}

/**
 * Generates the embedded dataset (a few seconds).
 * @returns the candidate masses of the toy
 */
export function embeddedDataset(): EmbeddedDataset {
  const toy = belle2FourMuonToy();
  return {
    masses: Float64Array.from(toy.candidates.mass),
    description: `Belle II 4μ background-only toy, ${toy.luminosityInvFb} fb⁻¹`,
    provenance: toy.provenance,
  };
}
