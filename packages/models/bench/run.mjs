// Throughput of @muonphilic/models on dist/. Run: pnpm --filter @muonphilic/models bench (after build)
import { createRandom } from "@muonphilic/kinematics";
import { generateMuMuX, kaonToMuNuZPrimeBR, sigmaMuMuX } from "../dist/index.js";

function time(label, n, f) {
  f(Math.max(1, Math.floor(n / 10))); // warm up
  const t0 = process.hrtime.bigint();
  const sink = f(n);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `${label.padEnd(64)} ${(n / s).toExponential(2).padStart(9)} /s   (sink ${Number(sink).toExponential(3)})`,
  );
}

const rng = createRandom(1);
for (const method of ["matrix-element", "splitting"]) {
  for (const [spin, decay, isr, mass] of [
    ["vector", "mumu", false, 1],
    ["scalar", "mumu", false, 1],
    ["vector", "invisible", false, 1],
    ["vector", "mumu", true, 1],
    ["vector", "mumu", true, 8],
  ]) {
    if (method === "splitting" && mass > 5) continue; // beyond the splitting functions' range
    time(
      `generateMuMuX ${method} ${spin} ${decay} ${mass} GeV${isr ? " +ISR" : ""} (events)`,
      200000,
      (n) => generateMuMuX({ mass, coupling: 1e-3, spin, decay, events: n, isr, method }, rng).crossSection,
    );
  }
}
time("kaonToMuNuZPrimeBR (evaluations)", 2000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += kaonToMuNuZPrimeBR({ mass: 0.001 + (0.38 * i) / n, coupling: 1e-3 });
  return s;
});
for (const [spin, method] of [
  ["vector", "massless"],
  ["scalar", "massless"],
  ["vector", "exact"],
  ["vector", "splitting"],
]) {
  time(`sigmaMuMuX ${spin} ${method} (evaluations)`, method === "massless" && spin === "vector" ? 200000 : 500, (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += sigmaMuMuX({ mass: 0.22 + (8 * i) / n, coupling: 1e-3, spin, method });
    return s;
  });
}
