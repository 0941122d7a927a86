/**
 * `make run`'s stack for one test run: sent-server with the embedded
 * PostgreSQL, the local OpenID provider and the demo data, exactly as
 * `make run` starts it, but on free ports and in a data directory of its
 * own, so it never meets a developer's `make run` (or another test run).
 */

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface Stack {
  readonly baseUrl: string;
  readonly alicePassword: string;
  readonly bobPassword: string;
  /** Stop the server (and with it the cluster and the provider); wait until it is gone. */
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly repoRoot: string;
  readonly serverBinary: string;
  /** Where this run's data directories go (one fresh directory per run). */
  readonly dataParent: string;
  readonly readyTimeoutMs: number;
  /** Where the server's output goes, for reading after a failure. */
  readonly log: (line: string) => void;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const READY = /SENT ready at (http:\/\/\S+?) .*as alice@acme\.test \/ (\S+) \(owner of Acme\) or bob@globex\.test \/ (\S+) \(member of Globex\)/;

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stop a cluster a killed server may have left running in `dataDir`. */
function stopLeftoverCluster(dataDir: string): void {
  const bins = spawnSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"], { encoding: "utf8" }).stdout.trim();
  if (bins === "") return;
  const pgCtl = join(bins, "pg_ctl");
  const asRoot = process.getuid?.() === 0;
  const args = ["stop", "-D", join(dataDir, "pg"), "-m", "immediate"];
  spawnSync(asRoot ? "runuser" : pgCtl, asRoot ? ["-u", "postgres", "--", pgCtl, ...args] : args, { stdio: "ignore" });
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const [http, pg, provider, tarpc] = [await freePort(), await freePort(), await freePort(), await freePort()];
  mkdirSync(options.dataParent, { recursive: true });
  const dataDir = mkdtempSync(join(options.dataParent, "run-"));
  // The cluster runs as an unprivileged user, who must reach into it.
  chmodSync(dataDir, 0o755);
  const child = spawn(options.serverBinary, [], {
    cwd: options.repoRoot,
    env: {
      ...process.env,
      SENT_HTTP_ADDR: `127.0.0.1:${http}`,
      SENT_TARPC_ADDR: `127.0.0.1:${tarpc}`,
      SENT_DATA_DIR: dataDir,
      SENT_PG_PORT: String(pg),
      SENT_DEV_PROVIDER: "true",
      SENT_DEV_PROVIDER_PORT: String(provider),
      RUST_LOG: process.env["RUST_LOG"] ?? "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  createInterface({ input: child.stderr! }).on("line", (line) => options.log(`[server] ${line}`));
  const lines = createInterface({ input: child.stdout! });

  const stop = async (): Promise<void> => {
    // Ctrl-C, as a person stops `make run`: the server drains, then stops
    // the cluster and the provider.
    child.kill("SIGINT");
    if (!(await exited(child, 40_000))) {
      child.kill("SIGKILL");
      await exited(child, 5_000);
    }
    stopLeftoverCluster(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${options.readyTimeoutMs} ms`)), options.readyTimeoutMs);
      lines.on("line", (line) => {
        options.log(`[server] ${line}`);
        const match = READY.exec(line);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`sent-server exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
    return { baseUrl: ready[1] ?? "", alicePassword: ready[2] ?? "", bobPassword: ready[3] ?? "", stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
