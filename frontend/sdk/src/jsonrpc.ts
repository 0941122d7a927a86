/**
 * JSON-RPC 2.0 as the SDK speaks it: the request it sends and the responses
 * it accepts, read defensively (a proxy or an older server may answer with
 * anything).
 */

/** One call. The SDK never sends notifications: every request has an id. */
export interface JsonRpcRequest {
  readonly jsonrpc: "2.0";
  readonly method: string;
  /** Params by name; absent for a method without params. */
  readonly params?: unknown;
  readonly id: number;
}

/** The error member of a failed response. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** A response, as read from the wire. */
export type JsonRpcResponse =
  | { readonly kind: "result"; readonly id: unknown; readonly result: unknown }
  | { readonly kind: "error"; readonly id: unknown; readonly error: JsonRpcErrorObject };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A response object, or `undefined` when `value` is not one. */
export function readResponse(value: unknown): JsonRpcResponse | undefined {
  if (!isRecord(value) || value["jsonrpc"] !== "2.0" || !("id" in value)) {
    return undefined;
  }
  const id = value["id"];
  if ("result" in value && !("error" in value)) {
    return { kind: "result", id, result: value["result"] };
  }
  const error = value["error"];
  if (!("result" in value) && isRecord(error) && typeof error["code"] === "number" && typeof error["message"] === "string") {
    const object: JsonRpcErrorObject =
      "data" in error
        ? { code: error["code"], message: error["message"], data: error["data"] }
        : { code: error["code"], message: error["message"] };
    return { kind: "error", id, error: object };
  }
  return undefined;
}
