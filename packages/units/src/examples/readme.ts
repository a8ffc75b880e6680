import { CONSTANTS, invGev2ToFb, M_MU, PhysError, requirePositive } from "../index.js";

const sigma = invGev2ToFb(2.5e-11); // a cross section of 2.5e-11 GeV⁻² in fb, typed Fb
console.log(sigma.toFixed(3)); // 9.734
console.log(M_MU === CONSTANTS.muonMass.value, CONSTANTS.muonMass.unit); // true GeV
console.log(CONSTANTS.muonMass.source); // the PDG edition the value comes from
try {
  requirePositive("mass", -3, "GeV");
} catch (e) {
  if (e instanceof PhysError) console.log(e.code, JSON.stringify(e.details)); // OUT_OF_DOMAIN {"argument":"mass","value":-3,"allowed":"> 0 GeV"}
}
