import { logGamma } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import { migrad } from "../minimizer/index.js";
import { compileModel, type InterpolationOptions } from "./model.js";
import type { Workspace } from "./types.js";

/** Two channels (sorted "a" before "b"), every modifier type. */
const ws: Workspace = {
  channels: [
    {
      name: "b",
      samples: [
        {
          name: "bkg",
          data: [20, 5],
          modifiers: [
            { name: "n1", type: "normsys", data: { hi: 1.05, lo: 0.97 } },
            { name: "h2", type: "histosys", data: { hi_data: [22, 5.5], lo_data: [19, 4] } },
          ],
        },
      ],
    },
    {
      name: "a",
      samples: [
        {
          name: "sig",
          data: [1, 4, 2],
          modifiers: [
            { name: "mu", type: "normfactor", data: null },
            { name: "n1", type: "normsys", data: { hi: 1.2, lo: 0.85 } },
            { name: "h1", type: "histosys", data: { hi_data: [1.1, 4.5, 2], lo_data: [0.9, 3.2, 2.1] } },
            { name: "lumi", type: "lumi", data: null },
            { name: "st_a", type: "staterror", data: [0.1, 0.3, 0.2] },
            { name: "ss", type: "shapesys", data: [0.5, 0, 0.4] },
          ],
        },
        {
          name: "bkg",
          data: [10, 8, 0],
          modifiers: [
            { name: "sf", type: "shapefactor", data: null },
            { name: "n1", type: "normsys", data: { hi: 1.1, lo: 0.9 } },
            { name: "st_a", type: "staterror", data: [1, 0.8, 0] },
            { name: "lumi", type: "lumi", data: null },
          ],
        },
      ],
    },
  ],
  observations: [
    { name: "a", data: [12, 11, 3] },
    { name: "b", data: [23, 4] },
  ],
  measurements: [
    {
      name: "m",
      config: {
        poi: "mu",
        parameters: [{ name: "lumi", auxdata: [1], sigmas: [0.02], bounds: [[0.5, 1.5]], inits: [1] }],
      },
    },
  ],
  version: "1.0.0",
};

/** An independent, naive evaluation of λ straight from the spec (pyhf's formulas, code1 / code0). */
function naiveLambda(p: Record<string, number | number[]>): number[] {
  const n1 = p.n1 as number;
  const f1 = (hi: number, lo: number) => (n1 >= 0 ? hi ** n1 : lo ** -n1);
  const lin = (a: number, nom: number, hi: number, lo: number) => (a > 0 ? a * (hi - nom) : a * (nom - lo));
  const h1 = p.h1 as number;
  const h2 = p.h2 as number;
  const st = p.st_a as number[];
  const sf = p.sf as number[];
  const ss = p.ss as number[]; // bins 0 and 2 only (bin 1 has zero uncertainty)
  const lumi = p.lumi as number;
  const mu = p.mu as number;
  const sigNom = [1, 4, 2];
  const sigHi = [1.1, 4.5, 2];
  const sigLo = [0.9, 3.2, 2.1];
  const bkgA = [10, 8, 0];
  const ssFactor = [ss[0]!, 1, ss[1]!];
  const a = [0, 1, 2].map(
    (b) =>
      (sigNom[b]! + lin(h1, sigNom[b]!, sigHi[b]!, sigLo[b]!)) * mu * f1(1.2, 0.85) * lumi * st[b]! * ssFactor[b]! +
      bkgA[b]! * sf[b]! * f1(1.1, 0.9) * st[b]! * lumi,
  );
  const bNom = [20, 5];
  const bHi = [22, 5.5];
  const bLo = [19, 4];
  const b = [0, 1].map((k) => (bNom[k]! + lin(h2, bNom[k]!, bHi[k]!, bLo[k]!)) * f1(1.05, 0.97));
  return [...a, ...b];
}

// the direct evaluation below writes ROOT's HistFactory codes (code1 for normsys, code0 for histosys)
const model = compileModel(ws, { interpolation: { normsys: "code1", histosys: "code0" } });
const names = model.parameters.map((p) => p.name);
const index = (n: string) => names.indexOf(n);

function point(): { x: Float64Array; named: Record<string, number | number[]> } {
  const named: Record<string, number | number[]> = {
    h1: -0.4,
    h2: 0.7,
    lumi: 1.01,
    mu: 1.3,
    n1: -0.6,
    sf: [0.9, 1.1, 1], // sf[2] multiplies an empty bin: a flat direction, left at its start value
    ss: [1.05, 0.93],
    st_a: [0.98, 1.03, 1],
  };
  const x = model.initialValues();
  for (const [k, v] of Object.entries(named)) {
    if (Array.isArray(v)) {
      v.forEach((vi, i) => {
        x[index(`${k}[${i}]`)] = vi;
      });
    } else x[index(k)] = v;
  }
  return { x, named };
}

describe("compileModel: layout and parameters (pyhf conventions)", () => {
  it("orders channels and parameter sets by name, vector sets as name[i]", () => {
    expect(model.channels.map((c) => c.name)).toEqual(["a", "b"]);
    expect(names).toEqual([
      "h1",
      "h2",
      "lumi",
      "mu",
      "n1",
      "sf[0]",
      "sf[1]",
      "sf[2]",
      "ss[0]",
      "ss[1]",
      "st_a[0]",
      "st_a[1]",
      "st_a[2]",
    ]);
    expect(model.poiName).toBe("mu");
    expect(model.poiIndex).toBe(3);
  });
  it("computes staterror widths sqrt(Σ δ²)/Σ ν, fixing a bin without uncertainty (pyhf 0.7)", () => {
    const st = model.parameters.filter((p) => p.set === "st_a");
    expect(st[0]!.width).toBeCloseToRel(Math.hypot(0.1, 1) / 11, 1e-15);
    expect(st[1]!.width).toBeCloseToRel(Math.hypot(0.3, 0.8) / 12, 1e-15);
    expect(st[2]!.width).toBeCloseToRel(0.1, 1e-15); // only the signal carries bin 2: 0.2/2
    expect(st.map((p) => p.fixed)).toEqual([false, false, false]);
  });
  it("gives shapesys parameters only for bins with ν > 0 and δν > 0, with τ = (ν/δν)² as auxdata", () => {
    const ss = model.parameters.filter((p) => p.set === "ss");
    expect(ss.map((p) => p.width)).toEqual([4, 25]);
    expect(model.auxdata[ss[0]!.auxIndex]).toBe(4);
    expect(ss[0]!.constraint).toBe("poisson");
  });
  it("takes lumi auxdata, sigma and bounds from the measurement", () => {
    const lumi = model.parameters[index("lumi")]!;
    expect([lumi.width, lumi.lower, lumi.upper, model.auxdata[lumi.auxIndex]]).toEqual([0.02, 0.5, 1.5, 1]);
  });
  it("lays out the observed data as main bins (channel order) then auxdata", () => {
    expect(Array.from(model.observedData.subarray(0, 5))).toEqual([12, 11, 3, 23, 4]);
    expect(model.observedData.length).toBe(5 + model.nAux);
  });
});

describe("compileModel: expected counts and likelihood", () => {
  it("defaults to pyhf's interpolation codes, normsys code4 and histosys code4p", () => {
    const { x } = point();
    const pyhf = compileModel(ws, { interpolation: { normsys: "code4", histosys: "code4p" } });
    expect(compileModel(ws).expectedMain(x)).toEqual(pyhf.expectedMain(x));
    expect(compileModel(ws).expectedMain(x)).not.toEqual(model.expectedMain(x));
  });

  it("expected counts agree with a direct evaluation of the spec", () => {
    const { x, named } = point();
    expect(model.expectedMain(x)).toBeCloseToRel(naiveLambda(named), 1e-14);
  });

  it("−ln L includes every constant: Poisson ln n!, Gaussian ln(σ√2π), Poisson-constraint ln a!", () => {
    const { x, named } = point();
    const lam = naiveLambda(named);
    const data = model.observedData;
    let nll = 0;
    lam.forEach((l, b) => {
      nll -= data[b]! * Math.log(l) - l - logGamma(data[b]! + 1);
    });
    for (const p of model.parameters) {
      if (p.constraint === "none") continue;
      const a = data[model.nMain + p.auxIndex]!;
      const v = x[names.indexOf(p.name)]!;
      if (p.constraint === "gaussian")
        nll += 0.5 * ((a - v) / p.width) ** 2 + Math.log(p.width * Math.sqrt(2 * Math.PI));
      else nll -= a * Math.log(v * p.width) - v * p.width - logGamma(a + 1);
    }
    expect(model.nll(x, data)).toBeCloseToRel(nll, 1e-13);
    expect(model.objective(data)(x)).toBeCloseToRel(nll, 1e-13);
  });

  const codes: InterpolationOptions[] = [
    {},
    { normsys: "code1", histosys: "code0" },
    { normsys: "code0", histosys: "code0" },
    { normsys: "code4p", histosys: "code4p" },
  ];
  it.each(codes)("has an analytic gradient equal to central differences (%o)", (interpolation) => {
    const m = compileModel(ws, { interpolation });
    const f = m.objective(m.observedData);
    const rng = createRandom(11);
    for (let trial = 0; trial < 5; trial++) {
      const { x } = point();
      for (let i = 0; i < x.length; i++) {
        const p = m.parameters[i]!;
        const span = Math.min(p.upper!, p.value + 0.3) - Math.max(p.lower!, p.value - 0.3);
        x[i] = Math.max(p.lower!, p.value - 0.3) + rng.uniform() * span;
      }
      const g = new Float64Array(x.length);
      f.gradient!(x, g);
      for (let i = 0; i < x.length; i++) {
        const h = 1e-6;
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[i]! += h;
        xm[i]! -= h;
        // rounding of f (~1e-13 × 50) / h plus h² f''' truncation: 1e-6 absolute
        expect(g[i], `${m.parameters[i]!.name}`).toBeCloseToRel((f(xp) - f(xm)) / (2 * h), 1e-6, 1e-6);
      }
    }
  });

  it("is NaN for negative expected counts and +∞ for zero expectation with observed events", () => {
    const { x } = point();
    x[index("h2")] = -5; // bin b[1]: 5 − 5 × 1 = 0 with n = 4 observed → L = 0
    expect(model.nll(x, model.observedData)).toBe(Number.POSITIVE_INFINITY);
    x[index("h2")] = 0.7;
    x[index("mu")] = -20; // signal −20 × ~1 against ~9 background in bin a[0]
    expect(model.nll(x, model.observedData)).toBeNaN();
  });

  it("Asimov closure: fitting expectedData(θ) returns θ", () => {
    const { x } = point();
    const asimov = model.expectedData(x);
    const r = migrad(model.objective(asimov), model.parameters, { tolerance: 1e-4 });
    expect(r.valid).toBe(true);
    // EDM 1e-7 leaves each parameter within ~5e-4 of its error (errors here are ≤ 1): 2e-3 absolute
    expect(r.values).toBeCloseToRel(x, 0, 2e-3);
  });

  it("toys: sample means converge to λ and to the constraint centres (seeded, 4σ/√N)", () => {
    const { x } = point();
    const lam = model.expectedMain(x);
    const rng = createRandom(2024, 1);
    const n = 4000;
    const sum = new Float64Array(model.nMain + model.nAux);
    for (let i = 0; i < n; i++) {
      const t = model.sample(x, rng);
      for (let k = 0; k < t.length; k++) sum[k]! += t[k]!;
    }
    lam.forEach((l, b) => {
      expect(sum[b]! / n).toBeCloseToRel(l, 0, 4 * Math.sqrt(l / n));
    });
    for (const p of model.parameters) {
      if (p.constraint === "none") continue;
      const v = x[names.indexOf(p.name)]!;
      const mean = p.constraint === "gaussian" ? v : v * p.width;
      const sd = p.constraint === "gaussian" ? p.width : Math.sqrt(v * p.width);
      expect(sum[model.nMain + p.auxIndex]! / n, p.name).toBeCloseToRel(mean, 0, (4 * sd) / Math.sqrt(n));
    }
  });
});
