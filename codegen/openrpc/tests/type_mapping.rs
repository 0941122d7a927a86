//! How declarations and Rust types become the document, on a fixture app
//! declared the way every app is.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sent_openrpc::{DECIMAL_PATTERN, DocumentError, INTEGER_PATTERN, UNSIGNED_PATTERN};
use sent_rpc::{Access, Api, Kind, MethodMeta, Page, dto, service};
use serde_json::{Value, json};
use uuid::Uuid;

/// How a thing is shaped.
#[dto]
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// Round.
    Circle,
    SquareBox,
}

/// Everything the wire carries; sent and received.
#[dto]
#[derive(Debug, Clone)]
pub struct Everything {
    pub thing_id: Uuid,
    pub amount: Decimal,
    pub at: DateTime<Utc>,
    pub on: NaiveDate,
    pub big: i64,
    pub huge: u64,
    pub small: i32,
    pub count: u32,
    pub flag: bool,
    pub ratio: f64,
    /// A note.
    pub note: Option<String>,
    pub shapes: Vec<Shape>,
    pub extra: serde_json::Value,
}

/// Only ever sent.
#[dto]
#[derive(Debug, Clone)]
pub struct Query {
    pub cursor: Option<String>,
    pub limit: u32,
}

/// Only ever received.
#[dto]
#[derive(Debug, Clone)]
pub struct Reply {
    pub note: Option<String>,
}

/// The fixture app.
#[service(app = "fixture")]
pub trait Fixture {
    /// Store everything.
    ///
    /// Then give it back.
    #[rpc(mutation, role = "member", errors(conflict))]
    async fn store_all(params: Everything) -> Everything;

    /// A page of things.
    #[rpc(query, role = "public")]
    async fn list(params: Query) -> Page<Everything>;

    /// The old way.
    #[deprecated(note = "use `fixture.list`")]
    #[rpc(query, role = "authenticated")]
    async fn legacy() -> Reply;
}

fn document() -> Value {
    let methods: Vec<&MethodMeta> = FixtureApi::METHODS.iter().collect();
    sent_openrpc::document(&methods).expect("the fixture describes")
}

fn schema(document: &Value, name: &str) -> Value {
    document["components"]["schemas"][name].clone()
}

fn method(document: &Value, name: &str) -> Value {
    let methods = document["methods"].as_array().expect("methods");
    methods.iter().find(|method| method["name"] == name).cloned().unwrap_or_else(|| panic!("{name} is described"))
}

fn error_kinds(method: &Value) -> Vec<String> {
    let errors = method["errors"].as_array().expect("errors");
    errors.iter().map(|error| error["$ref"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()).collect()
}

#[test]
fn the_fixture_document_is_valid_openrpc() {
    let violations = common::violations(&document());
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn scalars_map_to_their_wire_form() {
    let everything = &schema(&document(), "Everything")["properties"];
    assert_eq!(everything["thingId"], json!({ "type": "string", "format": "uuid" }));
    assert_eq!(everything["amount"], json!({ "type": "string", "pattern": DECIMAL_PATTERN }));
    assert_eq!(everything["at"], json!({ "type": "string", "format": "date-time" }));
    assert_eq!(everything["on"], json!({ "type": "string", "format": "date" }));
    assert_eq!(everything["big"], json!({ "type": "string", "pattern": INTEGER_PATTERN }));
    assert_eq!(everything["huge"], json!({ "type": "string", "pattern": UNSIGNED_PATTERN }));
    assert_eq!(everything["small"], json!({ "type": "integer", "minimum": i32::MIN, "maximum": i32::MAX }));
    assert_eq!(everything["count"], json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }));
    assert_eq!(everything["flag"], json!({ "type": "boolean" }));
    assert_eq!(everything["ratio"], json!({ "type": "number" }));
    assert_eq!(everything["extra"], json!({}));
    assert_eq!(everything["shapes"], json!({ "type": "array", "items": { "$ref": "#/components/schemas/Shape" } }));
}

#[test]
fn patterns_accept_what_serde_writes() {
    let matches = |pattern: &str, text: &str| {
        jsonschema::is_valid(&json!({ "type": "string", "pattern": pattern }), &json!(text))
    };
    for decimal in [Decimal::new(1050, 2), Decimal::new(-7, 0), Decimal::ZERO, Decimal::MAX, Decimal::new(1, 28)] {
        let written = serde_json::to_value(decimal).unwrap();
        assert!(matches(DECIMAL_PATTERN, written.as_str().unwrap()), "{written}");
    }
    assert!(!matches(DECIMAL_PATTERN, "1e5"));
    assert!(matches(INTEGER_PATTERN, &i64::MIN.to_string()));
    assert!(matches(UNSIGNED_PATTERN, &u64::MAX.to_string()));
    assert!(!matches(UNSIGNED_PATTERN, "-1"));
}

#[test]
fn members_are_camel_case_in_declaration_order_with_their_docs() {
    let document = document();
    let everything = schema(&document, "Everything");
    assert_eq!(everything["description"], "Everything the wire carries; sent and received.");
    assert_eq!(everything["additionalProperties"], false);
    assert_eq!(everything["properties"]["note"]["description"], "A note.");
    let store = method(&document, "fixture.storeAll");
    let params: Vec<&str> = store["params"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(
        params,
        ["thingId", "amount", "at", "on", "big", "huge", "small", "count", "flag", "ratio", "note", "shapes", "extra"]
    );
}

#[test]
fn an_option_is_nullable_and_required_only_where_serde_always_writes_it() {
    let document = document();
    let nullable_string = json!({ "anyOf": [{ "type": "string" }, { "type": "null" }] });

    // Params: a missing member reads as `null`.
    let query = schema(&document, "Query");
    assert_eq!(query["properties"]["cursor"], nullable_string);
    assert_eq!(query["required"], json!(["limit"]));
    let list = method(&document, "fixture.list");
    assert_eq!(list["params"][0], json!({ "name": "cursor", "required": false, "schema": nullable_string }));
    assert_eq!(list["params"][1]["required"], true);

    // Results: serde writes it, as `null` when absent.
    let reply = schema(&document, "Reply");
    assert_eq!(reply["properties"]["note"], nullable_string);
    assert_eq!(reply["required"], json!(["note"]));
    assert_eq!(schema(&document, "PageEverything")["required"], json!(["items", "nextCursor"]));

    // Both ways: what holds for both.
    let everything = schema(&document, "Everything");
    let required = everything["required"].as_array().unwrap();
    assert!(!required.contains(&json!("note")), "{required:?}");
    assert!(required.contains(&json!("thingId")));
}

#[test]
fn a_dto_enum_is_a_string_enum_with_its_values_documented() {
    let shape = schema(&document(), "Shape");
    assert_eq!(shape["type"], "string");
    assert_eq!(shape["enum"], json!(["circle", "squareBox"]));
    assert_eq!(shape["description"], "How a thing is shaped.\n\n- `circle`: Round.");
}

#[test]
fn a_generic_type_has_one_component_per_instantiation() {
    let document = document();
    let list = method(&document, "fixture.list");
    assert_eq!(
        list["result"],
        json!({ "name": "PageEverything", "schema": { "$ref": "#/components/schemas/PageEverything" } })
    );
    let page = schema(&document, "PageEverything");
    assert_eq!(page["properties"]["items"]["items"], json!({ "$ref": "#/components/schemas/Everything" }));
    assert!(document["components"]["schemas"].get("Page").is_none());
}

#[test]
fn every_dto_is_a_component_once_params_included() {
    let document = document();
    let names: Vec<&str> = document["components"]["schemas"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(names, ["Everything", "PageEverything", "Query", "Reply", "Shape"]);
}

#[test]
fn methods_carry_docs_kind_role_and_errors() {
    let document = document();
    let store = method(&document, "fixture.storeAll");
    assert_eq!(store["summary"], "Store everything.");
    assert_eq!(store["description"], "Store everything.\n\nThen give it back.");
    assert_eq!(store["paramStructure"], "either");
    assert_eq!(store["x-sent"], json!({ "kind": "mutation", "role": "member" }));
    assert_eq!(
        error_kinds(&store),
        ["invalidParams", "internal", "unauthenticated", "forbidden", "conflict", "unavailable", "deadlineExceeded"]
    );
    assert!(store.get("deprecated").is_none());

    let list = method(&document, "fixture.list");
    assert_eq!(list["x-sent"], json!({ "kind": "query", "role": "public" }));
    assert_eq!(error_kinds(&list), ["invalidParams", "internal", "deadlineExceeded"]);

    let legacy = method(&document, "fixture.legacy");
    assert_eq!(legacy["deprecated"], true);
    assert_eq!(legacy["description"], "The old way.\n\nDeprecated: use `fixture.list`");
    assert_eq!(legacy["params"], json!([]));
    assert_eq!(legacy["x-sent"]["role"], "authenticated");

    let forbidden = &document["components"]["errors"]["forbidden"];
    assert_eq!(*forbidden, json!({ "code": -32003, "message": "Forbidden", "data": { "kind": "forbidden" } }));
}

#[test]
fn methods_are_sorted_by_wire_name() {
    let document = document();
    let names: Vec<&str> =
        document["methods"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["fixture.legacy", "fixture.list", "fixture.storeAll"]);
}

mod first {
    /// One thing.
    #[sent_rpc::dto]
    pub struct Thing {
        pub a: String,
    }
}

mod second {
    /// Another thing with the same name.
    #[sent_rpc::dto]
    pub struct Thing {
        pub b: String,
    }
}

fn meta(name: &'static str, params: Option<sent_rpc::TypeFn>, result: sent_rpc::TypeFn) -> MethodMeta {
    MethodMeta {
        name,
        app: "fixture",
        docs: "",
        kind: Kind::Query,
        access: Access::Public,
        deprecated: None,
        params: None,
        result: "",
        errors: &[],
        params_type: params,
        result_type: result,
    }
}

#[test]
fn two_types_with_one_name_are_refused() {
    let one = meta("fixture.one", None, <first::Thing as specta::Type>::definition);
    let two = meta("fixture.two", None, <second::Thing as specta::Type>::definition);
    let error = sent_openrpc::document(&[&one, &two]).unwrap_err();
    assert!(matches!(&error, DocumentError::DuplicateName { name, .. } if name == "Thing"), "{error}");
    assert!(error.to_string().contains("rename one"), "{error}");
}

#[test]
fn params_must_have_names() {
    let method = meta("fixture.shaped", Some(<Shape as specta::Type>::definition), <Reply as specta::Type>::definition);
    let error = sent_openrpc::document(&[&method]).unwrap_err();
    assert_eq!(error, DocumentError::ParamsNotNamed { method: "fixture.shaped".into() });
}
