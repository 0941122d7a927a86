/**
 * Response validation against the OpenRPC document (`@sent/sdk/openrpc.json`,
 * generated from the same declarations as this SDK). Off by default: turn it
 * on in development builds to learn at once when the server and the client
 * were built from different declarations.
 *
 * The checker implements the JSON Schema keywords the document uses: `$ref`
 * (within the document), `type`, `enum`, `const`, `anyOf`, `oneOf`, `allOf`,
 * `properties`, `required`, `additionalProperties`, `items`, `prefixItems`,
 * `minItems`, `maxItems`, `minLength`, `maxLength`, `pattern`, `minimum`,
 * `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `format` (`uuid`,
 * `date-time`, `date`). Annotations (`description`, `title`, ...) are
 * ignored, and so is any other keyword.
 */

/** A JSON Schema. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** The parts of an OpenRPC document the validator reads. */
export interface OpenRpcDocument {
  readonly methods: readonly {
    readonly name: string;
    readonly result?: { readonly name?: string; readonly schema: JsonSchema };
  }[];
  readonly components?: { readonly schemas?: { readonly [name: string]: JsonSchema } };
}

/** One way a value fails its schema. */
export interface Issue {
  /** A JSON Pointer into the value (`""` is the value itself). */
  readonly path: string;
  readonly message: string;
}

/** Checks results against their methods' schemas. */
export interface ResponseValidator {
  /** What is wrong with `result` as `method`'s result; empty when nothing is. */
  check(method: string, result: unknown): Issue[];
}

const MAX_ISSUES = 20;

/** A validator for the methods `document` describes. */
export function createValidator(document: OpenRpcDocument): ResponseValidator {
  if (typeof document !== "object" || document === null || !Array.isArray(document.methods)) {
    throw new TypeError("`validate` needs an OpenRPC document (an object with `methods`)");
  }
  const results = new Map<string, JsonSchema>();
  for (const method of document.methods) {
    if (method.result !== undefined) {
      results.set(method.name, method.result.schema);
    }
  }
  return {
    check(method, result) {
      const schema = results.get(method);
      if (schema === undefined) {
        return [{ path: "", message: `the schema document does not describe ${method}` }];
      }
      const issues: Issue[] = [];
      new Checker(document, issues).check(schema, result, "", 0);
      return issues;
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  if (typeof value === "number") {
    return Number.isInteger(value) ? "integer" : "number";
  }
  return typeof value;
}

function hasType(value: unknown, type: unknown): boolean {
  const actual = typeOf(value);
  return type === actual || (type === "number" && actual === "integer");
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function formatHolds(format: unknown, value: string): boolean {
  switch (format) {
    case "uuid":
      return UUID.test(value);
    case "date-time":
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value.slice(0, 19) + "Z"));
    case "date":
      return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
    default:
      return true;
  }
}

class Checker {
  private readonly patterns = new Map<string, RegExp>();

  constructor(
    private readonly document: OpenRpcDocument,
    private readonly issues: Issue[],
  ) {}

  /** Whether `value` matches `schema`, without reporting why not. */
  private matches(schema: JsonSchema, value: unknown, depth: number): boolean {
    const issues: Issue[] = [];
    new Checker(this.document, issues).check(schema, value, "", depth);
    return issues.length === 0;
  }

  private report(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) {
      this.issues.push({ path, message });
    }
  }

  private resolve(reference: string): JsonSchema | undefined {
    if (!reference.startsWith("#")) {
      return undefined;
    }
    let node: unknown = this.document;
    for (const segment of reference.slice(1).split("/").slice(1)) {
      if (!isObject(node)) {
        return undefined;
      }
      node = node[unescapePointer(segment)];
    }
    return typeof node === "boolean" || isObject(node) ? (node as JsonSchema) : undefined;
  }

  private pattern(source: string): RegExp | undefined {
    let compiled = this.patterns.get(source);
    if (compiled === undefined) {
      try {
        compiled = new RegExp(source, "u");
      } catch {
        return undefined;
      }
      this.patterns.set(source, compiled);
    }
    return compiled;
  }

  check(schema: JsonSchema, value: unknown, path: string, depth: number): void {
    if (depth > 64) {
      this.report(path, "the schema nests too deep (a reference cycle?)");
      return;
    }
    if (schema === true) {
      return;
    }
    if (schema === false) {
      this.report(path, "no value is allowed here");
      return;
    }
    const ref = schema["$ref"];
    if (typeof ref === "string") {
      const target = this.resolve(ref);
      if (target === undefined) {
        this.report(path, `the schema refers to ${ref}, which the document lacks`);
      } else {
        this.check(target, value, path, depth + 1);
      }
    }

    const type = schema["type"];
    if (type !== undefined) {
      const types = Array.isArray(type) ? type : [type];
      if (!types.some((t) => hasType(value, t))) {
        this.report(path, `expected ${types.join(" or ")}, got ${typeOf(value)}`);
        return;
      }
    }
    const allowed = schema["enum"];
    if (Array.isArray(allowed) && !allowed.some((a) => equal(a, value))) {
      this.report(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}`);
    }
    if ("const" in schema && !equal(schema["const"], value)) {
      this.report(path, `expected ${JSON.stringify(schema["const"])}, got ${JSON.stringify(value)}`);
    }

    this.combinators(schema, value, path, depth);
    if (typeof value === "string") {
      this.string(schema, value, path);
    } else if (typeof value === "number") {
      this.number(schema, value, path);
    } else if (Array.isArray(value)) {
      this.array(schema, value, path, depth);
    } else if (isObject(value)) {
      this.object(schema, value, path, depth);
    }
  }

  private combinators(schema: { readonly [keyword: string]: unknown }, value: unknown, path: string, depth: number): void {
    const allOf = schema["allOf"];
    if (Array.isArray(allOf)) {
      for (const part of allOf as JsonSchema[]) {
        this.check(part, value, path, depth + 1);
      }
    }
    const anyOf = schema["anyOf"];
    if (Array.isArray(anyOf) && !(anyOf as JsonSchema[]).some((branch) => this.matches(branch, value, depth + 1))) {
      this.report(path, `matches none of the ${anyOf.length} allowed shapes`);
    }
    const oneOf = schema["oneOf"];
    if (Array.isArray(oneOf)) {
      const matching = (oneOf as JsonSchema[]).filter((branch) => this.matches(branch, value, depth + 1)).length;
      if (matching !== 1) {
        this.report(path, `matches ${matching} of the shapes where exactly one must match`);
      }
    }
  }

  private string(schema: { readonly [keyword: string]: unknown }, value: string, path: string): void {
    const length = [...value].length;
    const minLength = schema["minLength"];
    if (typeof minLength === "number" && length < minLength) {
      this.report(path, `shorter than ${minLength} characters`);
    }
    const maxLength = schema["maxLength"];
    if (typeof maxLength === "number" && length > maxLength) {
      this.report(path, `longer than ${maxLength} characters`);
    }
    const pattern = schema["pattern"];
    if (typeof pattern === "string" && this.pattern(pattern)?.test(value) === false) {
      this.report(path, `${JSON.stringify(value)} does not match ${pattern}`);
    }
    if (!formatHolds(schema["format"], value)) {
      this.report(path, `${JSON.stringify(value)} is not a ${String(schema["format"])}`);
    }
  }

  private number(schema: { readonly [keyword: string]: unknown }, value: number, path: string): void {
    const bound = (keyword: string, fails: (limit: number) => boolean, words: string): void => {
      const limit = schema[keyword];
      if (typeof limit === "number" && fails(limit)) {
        this.report(path, `${value} is ${words} ${limit}`);
      }
    };
    bound("minimum", (l) => value < l, "below");
    bound("maximum", (l) => value > l, "above");
    bound("exclusiveMinimum", (l) => value <= l, "not above");
    bound("exclusiveMaximum", (l) => value >= l, "not below");
  }

  private array(schema: { readonly [keyword: string]: unknown }, value: readonly unknown[], path: string, depth: number): void {
    const minItems = schema["minItems"];
    if (typeof minItems === "number" && value.length < minItems) {
      this.report(path, `fewer than ${minItems} items`);
    }
    const maxItems = schema["maxItems"];
    if (typeof maxItems === "number" && value.length > maxItems) {
      this.report(path, `more than ${maxItems} items`);
    }
    const prefixItems = schema["prefixItems"];
    const prefix = Array.isArray(prefixItems) ? (prefixItems as JsonSchema[]) : [];
    prefix.forEach((itemSchema, i) => {
      if (i < value.length) {
        this.check(itemSchema, value[i], `${path}/${i}`, depth + 1);
      }
    });
    const items = schema["items"];
    if (typeof items === "boolean" || isObject(items)) {
      for (let i = prefix.length; i < value.length; i++) {
        this.check(items as JsonSchema, value[i], `${path}/${i}`, depth + 1);
      }
    }
  }

  private object(
    schema: { readonly [keyword: string]: unknown },
    value: Readonly<Record<string, unknown>>,
    path: string,
    depth: number,
  ): void {
    const required = schema["required"];
    if (Array.isArray(required)) {
      for (const name of required) {
        if (typeof name === "string" && !(name in value)) {
          this.report(`${path}/${escapePointer(name)}`, "missing");
        }
      }
    }
    const properties = isObject(schema["properties"]) ? (schema["properties"] as Record<string, JsonSchema>) : {};
    const additional = schema["additionalProperties"];
    for (const [name, member] of Object.entries(value)) {
      const memberPath = `${path}/${escapePointer(name)}`;
      const memberSchema = Object.prototype.hasOwnProperty.call(properties, name) ? properties[name] : undefined;
      if (memberSchema !== undefined) {
        this.check(memberSchema, member, memberPath, depth + 1);
      } else if (additional === false) {
        this.report(memberPath, "not a member of this type");
      } else if (isObject(additional)) {
        this.check(additional as JsonSchema, member, memberPath, depth + 1);
      }
    }
  }
}
