export type {
  PullErrorKind,
  PullStudyOptions,
  PullStudyResult,
  PullSummary,
  ToyComponent,
  ToyFailure,
  ToyOptions,
} from "./pulls.js";
export { generateToy, pullStudy } from "./pulls.js";
