/**
 * Runs the compiled CLI as a child process, asynchronously: the test worker's event loop stays
 * free while a scan runs. (With spawnSync, consecutive tests blocked it for minutes, and vitest's
 * 60 s RPC timeout on the worker's task updates fired: "Timeout calling onTaskUpdate".)
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The compiled CLI (built by the global setup). */
export const cli = join(fileURLToPath(new URL("../..", import.meta.url)), "dist", "cli.js");

/** Exit code and output of one CLI run. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `muonphilic ARGS...`; a run longer than `timeoutMs` is killed (its code is then null).
 * @param args - the arguments after the program name
 * @param timeoutMs - the time limit
 */
export function runCli(args: readonly string[], timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
