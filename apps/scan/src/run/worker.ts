/**
 * The worker-thread entry of the scan pool: receives the analysis and its shared inputs once (the
 * resonance scan's sorted reduced masses in shared memory, the recoil scan's model and data), then
 * batches of grid points, and returns their records. A point that throws is returned with status "error" and the message.
 *
 * @packageDocumentation
 */
import { parentPort } from "node:worker_threads";
import { analysePoolBatch, fromWire, type PoolAnalysis, type WorkerMessage } from "./pool.js";

const port = parentPort;
if (port !== null) {
  let analysis: PoolAnalysis | null = null;
  port.on("message", (msg: WorkerMessage) => {
    if (msg.type === "init") analysis = fromWire(msg.analysis);
    else if (msg.type === "task" && analysis !== null) {
      port.postMessage({ type: "result", records: analysePoolBatch(analysis, msg.points) });
    }
  });
}
