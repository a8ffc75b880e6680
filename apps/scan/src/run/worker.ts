/**
 * The worker-thread entry of the scan pool: receives the sorted reduced-mass column (shared
 * memory), the calibration and the settings once, then batches of grid points, and returns their
 * records. A point that throws is returned with status "error" and the message.
 *
 * @packageDocumentation
 */
import { parentPort } from "node:worker_threads";
import { analyseBatch, type WorkerMessage } from "./pool.js";

const port = parentPort;
if (port !== null) {
  let init: Extract<WorkerMessage, { type: "init" }> | null = null;
  port.on("message", (msg: WorkerMessage) => {
    if (msg.type === "init") init = msg;
    else if (msg.type === "task" && init !== null) {
      const sorted = new Float64Array(init.sorted, 0, init.length);
      port.postMessage({ type: "result", records: analyseBatch(sorted, init.calibration, msg.points, init.settings) });
    }
  });
}
