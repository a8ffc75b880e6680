// Throughput of the background generators and toys (runs on dist/). Run: pnpm --filter @muonphilic/backgrounds bench
import { belle2 } from "@muonphilic/detectors";
import { createRandom } from "@muonphilic/kinematics";
import {
  belle2FourMuonToy,
  generateFourLepton,
  generateMuMuGamma,
  generateTauPairMuMu,
  jho2019Requirements,
  muMuMissingVariables,
  toyDataset,
} from "../dist/index.js";

function best(label, f, repeats = 3, unit = "") {
  f(); // warm up (and build the cached envelopes)
  let bestS = Number.POSITIVE_INFINITY;
  let out;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    out = f();
    bestS = Math.min(bestS, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const n = typeof out === "number" ? out : 1;
  const rate = unit ? `${(n / bestS).toFixed(n / bestS > 100 ? 0 : 2).padStart(10)} ${unit}/s` : "";
  console.log(`${label.padEnd(60)} ${(bestS * 1e3).toFixed(0).padStart(7)} ms ${rate}`);
  return out;
}

console.log(`@muonphilic/backgrounds (Node ${process.version})`);
best(
  "belle2FourMuonToy, 178 fb^-1 (default: generate, detect, fit)",
  () => belle2FourMuonToy({ seed: 1 }).candidates.size,
  3,
);
best(
  "  toys per second",
  () => {
    belle2FourMuonToy({ seed: 2 });
    return 1;
  },
  3,
  "toys",
);
best(
  "generateFourLepton conversion, 20 000 events",
  () => generateFourLepton({ process: "conversion", events: 20000 }, createRandom(1)).events.size,
  3,
  "events",
);
best(
  "generateFourLepton annihilation, 20 000 events",
  () => generateFourLepton({ process: "annihilation", events: 20000 }, createRandom(1)).events.size,
  3,
  "events",
);
best(
  "generateTauPairMuMu, 100 000 events",
  () => generateTauPairMuMu({ events: 100000 }, createRandom(1)).events.size,
  3,
  "events",
);
best(
  "generateMuMuGamma (weighted), 100 000 events",
  () => generateMuMuGamma({ events: 100000 }, createRandom(1)).events.size,
  3,
  "events",
);
const det = belle2({ muonId: "jho2019", tracking: "jho2019Flat" });
best(
  "toyDataset tau pairs + mu mu gamma at 178 fb^-1 (20 000-event pools)",
  () => {
    toyDataset({
      processes: ["belle2.tauPairMuMu", "belle2.muMuGamma"],
      exposure: { luminosityInvFb: 178 },
      detector: det,
      selection: jho2019Requirements(det.beams),
      seed: 3,
      variables: muMuMissingVariables(det.beams),
    });
    return 1;
  },
  3,
  "toys",
);
