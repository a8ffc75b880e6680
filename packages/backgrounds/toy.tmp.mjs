import { belle2FourMuonToy } from "./dist/index.js";
import { upsilonTransitionSigma } from "./dist/upsilon.js";

console.log("sigma 2S", upsilonTransitionSigma("upsilon2S"), "3S", upsilonTransitionSigma("upsilon3S"));
const t0 = performance.now();
const toy = belle2FourMuonToy({ seed: 1 });
console.log("ms", (performance.now() - t0).toFixed(0), "events", toy.events.size, "cands", toy.candidates.size);
for (const y of toy.yields) console.log(y.process, y.crossSectionPb.toFixed(4), y.generated, y.selected, y.candidates);
const h = {};
for (let c = 0; c < toy.candidates.size; c++) {
  const m = toy.candidates.mass[c];
  if (m > 9.3 && m < 9.6) {
    const k = (Math.floor(m * 50) / 50).toFixed(2);
    h[k] = (h[k] || 0) + 1;
  }
}
console.log(h);
