/**
 * A scripted JSON-RPC server on a loopback port, for the unit tests: it
 * records every request and answers as the test says.
 */

import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** Whether the client went away before the answer was sent. */
  closedEarly: boolean;
}

export interface Answer {
  readonly status?: number;
  /** Sent as is when a string, as JSON otherwise; nothing when `undefined`. */
  readonly body?: unknown;
  readonly delayMs?: number;
  readonly contentType?: string;
}

export type Script = (body: unknown, recorded: Recorded) => Answer;

export interface ScriptedServer {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

type Call = { readonly method: string; readonly params?: unknown; readonly id: number };

/** Answer every call with `result(call)`, batches included. */
export function answering(result: (call: Call) => unknown): Script {
  const one = (call: Call): unknown => ({ jsonrpc: "2.0", result: result(call), id: call.id });
  return (body) => ({ body: Array.isArray(body) ? (body as Call[]).map(one) : one(body as Call) });
}

export async function scriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: Recorded[] = [];
  const server = createServer((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const recorded: Recorded = { url: request.url ?? "", headers: request.headers, body, closedEarly: false };
      requests.push(recorded);
      response.on("close", () => {
        if (!response.writableFinished) {
          recorded.closedEarly = true;
        }
      });
      const answer = script(body, recorded);
      const send = (): void => {
        if (response.destroyed) {
          return;
        }
        const payload = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        response.writeHead(answer.status ?? (answer.body === undefined ? 204 : 200), {
          "content-type": answer.contentType ?? "application/json",
        });
        response.end(payload);
      };
      if (answer.delayMs === undefined) {
        send();
      } else {
        setTimeout(send, answer.delayMs);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
