/**
 * `@sent/sdk`: SENT's typed client.
 *
 * ```ts
 * import { createClient, isErrorOf } from "@sent/sdk";
 *
 * const sent = createClient({ baseUrl: "https://sent.example.com", token: () => myAccessToken() });
 * const account = await sent.ledger.createAccount(
 *   { code: "1000", name: "Cash", kind: "asset", currency: "EUR" },
 *   { organization: orgId },
 * );
 * ```
 *
 * Wire types: ids are UUID strings, money a decimal string (`"10.50"`),
 * timestamps RFC 3339 strings (see {@link toDate}), calendar dates
 * `YYYY-MM-DD`, and 64-bit integers decimal strings (never a `number`, which
 * would lose precision past 2^53).
 */

export { callMethod, createClient, type Sent } from "./client.js";
export type { CallOptions, ClientOptions, TransportChoice } from "./options.js";
export {
  SentError,
  clientErrorCodes,
  isErrorOf,
  isSentError,
  type ClientErrorKind,
  type ErrorKind,
  type ErrorOf,
  type MethodName,
  type SentErrorInit,
  type ServerErrorKind,
} from "./errors.js";
export { dateToDay, dayToDate, fromDate, toDate } from "./time.js";
export { createValidator, type Issue, type JsonSchema, type OpenRpcDocument, type ResponseValidator } from "./validate.js";
export type { TauriInternals, TauriRpcArgs } from "./transport.js";
export type { JsonRpcErrorObject, JsonRpcRequest } from "./jsonrpc.js";
export {
  errorCodes,
  methodTable,
  type MethodErrorKinds,
  type MethodParams,
  type MethodResults,
  type SentApi,
} from "./generated/methods.js";
export type * from "./generated/types.js";
