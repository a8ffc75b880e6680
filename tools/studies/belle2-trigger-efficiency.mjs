// The four-muon trigger efficiency of the Belle II preset of @muonphilic/detectors against the
// numbers Belle2-4mu sec. IV A quotes (91% near the dimuon threshold, a plateau close to 99% in
// 2.5-8.5 GeV), for e+e- -> mu+ mu- Z'(-> mu+ mu-) signal without ISR (@muonphilic/models
// generateMuMuX, its default matrix-element method).
//
// Per mass, the weight-mode efficiency of the trigger for events with four reconstructed tracks,
// sumWeight(reconstructed, 4 tracks, trigger) / sumWeight(reconstructed, 4 tracks), for
//   - the default belle2() trigger (the "fourMuon" preset: three tracks in 37-120 degrees with the
//     p_T turn-on of the two softest, OR the single-muon trigger in 51-117 degrees), the text's reading;
//   - the same with the three-track window widened to the full CDC acceptance, 17-150 degrees.
// Two seeds per mass; the printed value is their mean and the spread is half their difference.
//
// Needs built packages (dist/):
//   export PATH=$PWD/node_modules/.bin:$PATH
//   turbo run build --filter=@muonphilic/detectors... --filter=@muonphilic/models...
//   node tools/studies/belle2-trigger-efficiency.mjs [--events 20000] [--masses 0.22,0.5,1,2.5,4,5,7,9]
// About 1 s per mass on one core.
const dist = (pkg) => new URL(`../../packages/${pkg}/dist/index.js`, import.meta.url).href;
const { belle2, BELLE2_TRIGGER_PRESETS, select } = await import(dist("detectors"));
const { createRandom } = await import(dist("random"));
const { generateMuMuX } = await import(dist("models"));

const args = {};
process.argv.slice(2).forEach((a, i, all) => {
  if (a.startsWith("--")) args[a.slice(2)] = all[i + 1];
});
const events = Number(args.events ?? 20000);
const masses = (args.masses ?? "0.22,0.5,1,2.5,4,5,7,9").split(",").map(Number);

const preset = BELLE2_TRIGGER_PRESETS.fourMuon;
const [threeTrack, singleMuon] = preset.triggers;
const fullCdc = { ...preset, triggers: [{ ...threeTrack, thetaRangeDeg: [17, 150] }, singleMuon] };
const detectors = {
  "fourMuon preset (the text's windows)": belle2(),
  "three-track over 17-150 deg": belle2({ trigger: fullCdc }),
};

const MUONS = ["muPlus", "muMinus", "xMuPlus", "xMuMinus"];
const SPECIES = {
  muPlus: { species: "muon", charge: 1 },
  muMinus: { species: "muon", charge: -1 },
  xMuPlus: { species: "muon", charge: 1 },
  xMuMinus: { species: "muon", charge: -1 },
};
const FOUR_TRACKS = [
  { kind: "reconstructed", particles: MUONS },
  { kind: "trackCount", min: 4, max: 4 },
];

function efficiency(det, mass, seed) {
  const rng = createRandom(seed, Math.round(mass * 1000));
  const sample = generateMuMuX(
    { mass, coupling: 0.01, spin: "vector", decay: "mumu", events, isr: false },
    rng.fork(1),
  );
  const reco = det.reconstruct(sample.events, SPECIES, rng.fork(2));
  const base = select(reco, FOUR_TRACKS, { mode: "weight" }).sumWeight;
  const trig = select(reco, [...FOUR_TRACKS, { kind: "trigger" }], { mode: "weight" }).sumWeight;
  return trig / base;
}

console.log(
  `trigger efficiency of Z' -> mu mu events with four reconstructed tracks; ${events} events per mass, seeds 1 and 2`,
);
console.log(
  `m_Z' (GeV)  ${Object.keys(detectors)
    .map((k) => k.padStart(40))
    .join("")}`,
);
for (const mass of masses) {
  const cells = Object.values(detectors).map((det) => {
    const a = efficiency(det, mass, 1);
    const b = efficiency(det, mass, 2);
    return `${((a + b) / 2).toFixed(3)} ± ${(Math.abs(a - b) / 2).toFixed(3)}`.padStart(40);
  });
  console.log(`${String(mass).padStart(10)}  ${cells.join("")}`);
}
