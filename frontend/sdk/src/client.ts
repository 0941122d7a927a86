/**
 * The client: `createClient(options)` returns `sent`, on which every method
 * of every app is a typed call, `sent.<app>.<method>(params, options?)`.
 * Where the call goes (the desktop app's IPC or `fetch`) is decided per
 * request, so no call site knows or cares.
 */

import { SentError, fromErrorObject, localRequestId } from "./errors.js";
import { methodTable, type SentApi } from "./generated/methods.js";
import { readResponse, type JsonRpcErrorObject, type JsonRpcRequest, type JsonRpcResponse } from "./jsonrpc.js";
import type { CallOptions, ClientOptions } from "./options.js";
import { fetchTransport, tauriInternals, tauriTransport, type Transport } from "./transport.js";
import { createValidator, type ResponseValidator } from "./validate.js";

/** The typed client: one member per app, one typed call per method. */
export type Sent = SentApi;

/** The server's limit on one batch, unless told otherwise. */
const DEFAULT_MAX_BATCH = 100;

const callers = new WeakMap<object, Caller>();

/** Make a client. See {@link ClientOptions} for what it can be told. */
export function createClient(options: ClientOptions = {}): Sent {
  const caller = new Caller(options);
  const client: Record<string, Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>>> = {};
  for (const [app, methods] of Object.entries(methodTable)) {
    const calls: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const [name, entry] of Object.entries(methods)) {
      calls[name] = entry.params
        ? (params, callOptions) => caller.call(entry.method, params, callOptions as CallOptions | undefined)
        : (callOptions) => caller.call(entry.method, undefined, callOptions as CallOptions | undefined);
    }
    client[app] = Object.freeze(calls);
  }
  const sent = Object.freeze(client) as unknown as Sent;
  callers.set(sent, caller);
  return sent;
}

/**
 * Call a method by its wire name, untyped: for a method this SDK does not
 * know yet (a newer server). The call goes the way the client's typed calls
 * go, batching and options included. Pass `params` as `undefined` for a method
 * without params.
 */
export function callMethod(sent: Sent, method: string, params?: unknown, options?: CallOptions): Promise<unknown> {
  const caller = callers.get(sent);
  if (caller === undefined) {
    return Promise.reject(new TypeError("callMethod needs a client made by createClient"));
  }
  return caller.call(method, params, options);
}

/** A call waiting for its answer. */
class Pending {
  settled = false;
  /** Told when this call settles, to stop its request once nobody waits. */
  onSettle: (() => void) | undefined;
  private cleanup: (() => void) | undefined;

  constructor(
    readonly request: JsonRpcRequest,
    readonly organization: string | null,
    readonly localId: string,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: SentError) => void,
  ) {}

  get method(): string {
    return this.request.method;
  }

  watch(signal: AbortSignal | undefined, timeoutMs: number | undefined): void {
    const onAbort = (): void => {
      this.fail(
        new SentError({
          kind: "aborted",
          message: `${this.method} was aborted`,
          requestId: this.localId,
          method: this.method,
          cause: signal?.reason,
        }),
      );
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            this.fail(
              new SentError({
                kind: "deadline",
                message: `${this.method} had no answer within ${timeoutMs} ms`,
                requestId: this.localId,
                method: this.method,
              }),
            );
          }, timeoutMs);
    this.cleanup = () => {
      signal?.removeEventListener("abort", onAbort);
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
  }

  succeed(value: unknown): void {
    if (this.settle()) {
      this.resolve(value);
    }
  }

  fail(error: SentError): void {
    if (this.settle()) {
      this.reject(error);
    }
  }

  private settle(): boolean {
    if (this.settled) {
      return false;
    }
    this.settled = true;
    this.cleanup?.();
    this.onSettle?.();
    return true;
  }
}

class Caller {
  private nextId = 1;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private readonly maxBatch: number | undefined;
  private readonly validator: ResponseValidator | undefined;
  private readonly fetchTransport: Transport;

  constructor(private readonly options: ClientOptions) {
    if (options.batch === true) {
      this.maxBatch = DEFAULT_MAX_BATCH;
    } else if (typeof options.batch === "object") {
      this.maxBatch = Math.max(1, Math.floor(options.batch.maxSize ?? DEFAULT_MAX_BATCH));
    }
    this.validator = options.validate === undefined ? undefined : createValidator(options.validate);
    this.fetchTransport = fetchTransport({ baseUrl: options.baseUrl, token: options.token, fetch: options.fetch });
  }

  call(method: string, params: unknown, callOptions: CallOptions = {}): Promise<unknown> {
    const id = this.nextId++;
    const request: JsonRpcRequest =
      params === undefined ? { jsonrpc: "2.0", method, id } : { jsonrpc: "2.0", method, params, id };
    const localId = localRequestId();
    return new Promise((resolve, reject) => {
      const pending = new Pending(request, this.organization(callOptions), localId, resolve, reject);
      if (callOptions.signal?.aborted === true) {
        pending.fail(
          new SentError({
            kind: "aborted",
            message: `${method} was aborted before it was sent`,
            requestId: localId,
            method,
            cause: callOptions.signal.reason,
          }),
        );
        return;
      }
      pending.watch(callOptions.signal, callOptions.timeoutMs ?? this.options.timeoutMs);
      if (this.maxBatch === undefined) {
        void this.dispatch([pending]);
      } else {
        this.queue.push(pending);
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          queueMicrotask(() => this.flush());
        }
      }
    });
  }

  private organization(callOptions: CallOptions): string | null {
    if (callOptions.organization !== undefined) {
      return callOptions.organization;
    }
    const organization = this.options.organization;
    return (typeof organization === "function" ? organization() : organization) ?? null;
  }

  /** Send this tick's calls: one batch per organization, at most `maxBatch` calls each. */
  private flush(): void {
    const queue = this.queue.filter((pending) => !pending.settled);
    this.queue = [];
    this.flushScheduled = false;
    const byOrganization = new Map<string | null, Pending[]>();
    for (const pending of queue) {
      const group = byOrganization.get(pending.organization);
      if (group === undefined) {
        byOrganization.set(pending.organization, [pending]);
      } else {
        group.push(pending);
      }
    }
    const size = this.maxBatch ?? DEFAULT_MAX_BATCH;
    for (const group of byOrganization.values()) {
      for (let start = 0; start < group.length; start += size) {
        void this.dispatch(group.slice(start, start + size));
      }
    }
  }

  private transport(): Transport | SentError {
    const choice = this.options.transport ?? "auto";
    if (choice === "fetch") {
      return this.fetchTransport;
    }
    const internals = tauriInternals();
    if (internals !== undefined) {
      return tauriTransport(internals);
    }
    if (choice === "tauri") {
      return new SentError({
        kind: "transport",
        message: "The Tauri transport was asked for, but the page does not run inside the desktop app",
        requestId: localRequestId(),
      });
    }
    return this.fetchTransport;
  }

  private async dispatch(group: readonly Pending[]): Promise<void> {
    const [first] = group;
    if (first === undefined) {
      return;
    }
    const controller = new AbortController();
    for (const pending of group) {
      pending.onSettle = () => {
        if (group.every((p) => p.settled)) {
          controller.abort();
        }
      };
    }
    const transport = this.transport();
    let raw: unknown;
    try {
      if (transport instanceof SentError) {
        throw transport;
      }
      raw = await transport.send({
        body: group.length === 1 ? first.request : group.map((p) => p.request),
        organization: first.organization,
        signal: controller.signal,
        localId: first.localId,
      });
    } catch (cause) {
      for (const pending of group) {
        pending.fail(transportFailure(cause, pending));
      }
      return;
    }
    this.deliver(group, raw);
  }

  /** Hand each call its response, matched by id. */
  private deliver(group: readonly Pending[], raw: unknown): void {
    const responses: JsonRpcResponse[] = (Array.isArray(raw) ? raw : raw === null ? [] : [raw])
      .map(readResponse)
      .filter((r): r is JsonRpcResponse => r !== undefined);
    const byId = new Map<number, JsonRpcResponse>();
    let refusal: JsonRpcErrorObject | undefined;
    for (const response of responses) {
      if (typeof response.id === "number") {
        byId.set(response.id, response);
      } else if (response.id === null && response.kind === "error") {
        // The request as a whole was refused (unreadable, too large, or its
        // credentials): every call in it failed for that reason.
        refusal ??= response.error;
      }
    }
    for (const pending of group) {
      const response = byId.get(pending.request.id);
      if (response === undefined) {
        pending.fail(
          refusal === undefined
            ? new SentError({
                kind: "transport",
                message: `The response has no answer for ${pending.method}`,
                requestId: pending.localId,
                method: pending.method,
                data: { response: raw },
              })
            : fromErrorObject(refusal, pending.method, pending.localId),
        );
      } else if (response.kind === "error") {
        pending.fail(fromErrorObject(response.error, pending.method, pending.localId));
      } else {
        this.succeed(pending, response.result);
      }
    }
  }

  private succeed(pending: Pending, result: unknown): void {
    const issues = this.validator?.check(pending.method, result) ?? [];
    if (issues.length === 0) {
      pending.succeed(result);
      return;
    }
    const shown = issues.slice(0, 5).map((issue) => `${issue.path || "/"}: ${issue.message}`);
    pending.fail(
      new SentError({
        kind: "invalidResponse",
        message: `The result of ${pending.method} does not match its schema (server and SDK versions differ?): ${shown.join("; ")}`,
        requestId: pending.localId,
        method: pending.method,
        data: { issues },
      }),
    );
  }
}

/** A transport's failure, as one call's error. */
function transportFailure(cause: unknown, pending: Pending): SentError {
  if (cause instanceof SentError) {
    return new SentError({
      kind: cause.kind,
      code: cause.code,
      message: cause.message,
      requestId: pending.localId,
      data: cause.data,
      method: pending.method,
      cause: cause.cause,
    });
  }
  return new SentError({
    kind: "transport",
    message: cause instanceof Error ? cause.message : String(cause),
    requestId: pending.localId,
    method: pending.method,
    cause,
  });
}
