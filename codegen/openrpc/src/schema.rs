//! JSON Schemas of the types on the wire, read from specta's description of
//! them once serde's renames are applied.
//!
//! The schemas are JSON Schema draft 7, the draft OpenRPC names. One
//! liberty, harmless under draft 7: a `description` beside a `$ref`, which
//! draft 7 validators ignore and documentation tools show.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value, json};
use specta::Types;
use specta::datatype::{
    DataType, Enum, Field, Fields, Generic, NamedDataType, NamedReference, NamedReferenceType, Primitive, Reference,
    Struct,
};

use crate::DocumentError;

/// Where a `$ref` to a component points.
pub const COMPONENTS: &str = "#/components/schemas/";

/// A decimal string as `rust_decimal` writes it: no exponent, no grouping.
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// A 64-bit (or wider) signed integer, which travels as a decimal string
/// because a JavaScript `number` cannot hold it exactly.
pub const INTEGER_PATTERN: &str = r"^-?[0-9]+$";

/// A 64-bit (or wider) unsigned integer, as a decimal string.
pub const UNSIGNED_PATTERN: &str = r"^[0-9]+$";

/// Which way a value travels. serde reads a missing `Option` member as
/// `None` but always writes it (as `null`), so whether such a member is
/// required depends on the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    /// From the client to the server: params.
    Param,
    /// From the server to the client: results.
    Result,
}

/// One member of an object type, as a property or a by-name param.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    /// The wire name.
    pub name: String,
    /// The member's schema, without its description.
    pub schema: Value,
    pub description: Option<String>,
    pub deprecated: bool,
    /// serde may leave the member out when writing and fills it in when
    /// reading (`#[serde(default)]`, `skip_serializing_if`).
    may_be_absent: bool,
    /// An `Option`: `null` is a value, and a missing member reads as `null`.
    nullable: bool,
}

impl Member {
    /// Whether the member is always there: serde writes every member it does
    /// not skip, and reads a missing one only when it has a default or is an
    /// `Option`.
    pub fn required(&self, direction: Direction) -> bool {
        match direction {
            Direction::Param => !self.may_be_absent && !self.nullable,
            Direction::Result => !self.may_be_absent,
        }
    }

    fn property(&self) -> Value {
        let mut schema = self.schema.clone();
        describe(&mut schema, self.description.as_deref());
        if self.deprecated {
            insert(&mut schema, "deprecated", Value::Bool(true));
        }
        schema
    }
}

/// A generic parameter's argument at one use site.
#[derive(Debug, Clone)]
struct Argument {
    schema: Value,
    /// Its part of the instantiation's component name.
    name: String,
}

type Arguments = [(Generic, Argument)];

/// A component as built, before the directions it is used in are all known.
#[derive(Debug)]
struct Component {
    /// Built with the `required` of params, which also holds for results.
    schema: Value,
    /// For an object: its members required when it is only ever a result.
    result_required: Option<Vec<String>>,
}

/// Builds schemas and gathers the components they refer to.
///
/// A named type becomes a component and is referred to by `$ref`. A generic
/// type gets one component per instantiation, named by its name followed by
/// its arguments' names (`Page<Account>` is `PageAccount`,
/// `Page<Vec<Account>>` is `PageVecAccount`), so that every component is a
/// plain schema without parameters. Types specta marks as inline (`String`,
/// `Vec<T>`, `Option<T>`) and the well-known scalars (`Uuid`, dates,
/// `Decimal`, `serde_json::Value`) are written in place.
pub(crate) struct Schemas<'t> {
    types: &'t Types,
    components: BTreeMap<String, Component>,
    /// Every direction each component is used in.
    uses: HashSet<(String, Direction)>,
    /// The Rust type each component was made from: two types with one name
    /// would otherwise silently share a component.
    origins: HashMap<String, String>,
    errors: Vec<DocumentError>,
}

impl<'t> Schemas<'t> {
    /// Schemas over `types`, which serde's format has already been applied to.
    pub fn new(types: &'t Types) -> Self {
        Self { types, components: BTreeMap::new(), uses: HashSet::new(), origins: HashMap::new(), errors: Vec::new() }
    }

    /// The schema of `dt` travelling `direction`, registering the components
    /// it refers to.
    pub fn schema(&mut self, dt: &DataType, direction: Direction) -> Value {
        self.schema_in(dt, &[], direction)
    }

    /// The name `dt`'s component has, or would have.
    pub fn name(&mut self, dt: &DataType) -> String {
        self.name_in(dt, &[])
    }

    /// The members of `dt` when it is an object with named members.
    pub fn members(&mut self, dt: &DataType, direction: Direction) -> Option<Vec<Member>> {
        match dt {
            DataType::Struct(Struct { fields: Fields::Named(fields), .. }) => {
                Some(self.members_in(&fields.fields, &[], direction))
            }
            DataType::Reference(Reference::Named(reference)) => {
                let ndt = self.resolve(reference)?;
                if well_known(ndt).is_some() {
                    return None;
                }
                match &reference.inner {
                    NamedReferenceType::Inline { dt, .. } => self.members(dt, direction),
                    NamedReferenceType::Reference { generics, .. } => {
                        let arguments = self.arguments(generics, &[], direction);
                        match &ndt.ty {
                            Some(DataType::Struct(Struct { fields: Fields::Named(fields), .. })) => {
                                Some(self.members_in(&fields.fields, &arguments, direction))
                            }
                            _ => None,
                        }
                    }
                    NamedReferenceType::Recursive(_) => None,
                }
            }
            _ => None,
        }
    }

    /// Every component, each with the `required` of the directions it is
    /// used in; or every reason the types could not be described.
    pub fn into_components(self) -> Result<BTreeMap<String, Value>, Vec<DocumentError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let uses = self.uses;
        Ok(self
            .components
            .into_iter()
            .map(|(name, Component { mut schema, result_required })| {
                let only_a_result = !uses.contains(&(name.clone(), Direction::Param));
                if let (true, Some(required)) = (only_a_result, result_required) {
                    set_required(&mut schema, &required);
                }
                (name, schema)
            })
            .collect())
    }

    fn schema_in(&mut self, dt: &DataType, arguments: &Arguments, direction: Direction) -> Value {
        match dt {
            DataType::Primitive(primitive) => primitive_schema(primitive),
            DataType::List(list) => {
                let mut schema = json!({ "type": "array", "items": self.schema_in(&list.ty, arguments, direction) });
                if let Some(length) = list.length {
                    insert(&mut schema, "minItems", json!(length));
                    insert(&mut schema, "maxItems", json!(length));
                }
                if list.unique {
                    insert(&mut schema, "uniqueItems", Value::Bool(true));
                }
                schema
            }
            // JSON object keys are strings whatever the Rust key type.
            DataType::Map(map) => {
                json!({ "type": "object", "additionalProperties": self.schema_in(map.value_ty(), arguments, direction) })
            }
            DataType::Struct(strct) => self.struct_schema(strct, arguments, direction),
            DataType::Enum(enm) => self.enum_schema(enm, arguments, direction),
            DataType::Tuple(tuple) if tuple.elements.is_empty() => json!({ "type": "null" }),
            DataType::Tuple(tuple) => self.tuple_schema(tuple.elements.iter(), arguments, direction),
            DataType::Nullable(inner) => nullable(self.schema_in(inner, arguments, direction)),
            DataType::Intersection(parts) => {
                let parts: Vec<Value> = parts.iter().map(|part| self.schema_in(part, arguments, direction)).collect();
                json!({ "allOf": parts })
            }
            DataType::Generic(generic) => {
                argument(arguments, generic).map_or_else(|| json!({}), |argument| argument.schema.clone())
            }
            DataType::Reference(Reference::Named(reference)) => self.named_schema(reference, arguments, direction),
            // Opaque references carry state only their own exporter understands.
            DataType::Reference(Reference::Opaque(_)) => json!({}),
        }
    }

    fn named_schema(&mut self, reference: &NamedReference, arguments: &Arguments, direction: Direction) -> Value {
        let Some(ndt) = self.resolve(reference) else { return json!({}) };
        if let Some(schema) = well_known(ndt) {
            return schema;
        }
        match &reference.inner {
            NamedReferenceType::Inline { dt, .. } => self.schema_in(dt, arguments, direction),
            NamedReferenceType::Reference { generics, .. } => self.component(ndt, generics, arguments, direction),
            NamedReferenceType::Recursive(recursive) => self.component(ndt, recursive.generics(), arguments, direction),
        }
    }

    /// A `$ref` to `ndt` instantiated with `generics`, building the component
    /// on first use in each direction (a second direction builds it again
    /// only to learn what it uses in that direction).
    fn component(
        &mut self,
        ndt: &'t NamedDataType,
        generics: &[(Generic, DataType)],
        outer: &Arguments,
        direction: Direction,
    ) -> Value {
        let arguments = self.arguments(generics, outer, direction);
        let name = instantiation_name(&ndt.name, &arguments);
        let reference = json!({ "$ref": format!("{COMPONENTS}{name}") });

        let mut origin = format!("{}::{}", ndt.module_path, ndt.name);
        if !arguments.is_empty() {
            let names: Vec<_> = arguments.iter().map(|(_, argument)| argument.name.as_str()).collect();
            origin = format!("{origin}<{}>", names.join(", "));
        }
        match self.origins.get(&name) {
            Some(first) if *first != origin => {
                self.errors.push(DocumentError::DuplicateName { name, first: first.clone(), second: origin });
                return reference;
            }
            Some(_) => {}
            None => {
                self.origins.insert(name.clone(), origin);
            }
        }

        // Marked before building, so that a type that contains itself
        // refers to its component instead of recursing forever.
        if !self.uses.insert((name.clone(), direction)) {
            return reference;
        }
        let (mut schema, result_required) = match &ndt.ty {
            Some(DataType::Struct(Struct { fields: Fields::Named(fields), .. })) => {
                let members = self.members_in(&fields.fields, &arguments, direction);
                let result_required = required_names(&members, Direction::Result);
                (object_schema(&members, Direction::Param), Some(result_required))
            }
            Some(ty) => (self.schema_in(ty, &arguments, direction), None),
            None => (json!({}), None),
        };
        describe(&mut schema, doc_text(&ndt.docs).as_deref());
        if ndt.deprecated.is_some() {
            insert(&mut schema, "deprecated", Value::Bool(true));
        }
        self.components.entry(name).or_insert(Component { schema, result_required });
        reference
    }

    fn arguments(
        &mut self,
        generics: &[(Generic, DataType)],
        outer: &Arguments,
        direction: Direction,
    ) -> Vec<(Generic, Argument)> {
        generics
            .iter()
            .map(|(generic, dt)| {
                let argument = Argument { schema: self.schema_in(dt, outer, direction), name: self.name_in(dt, outer) };
                (generic.clone(), argument)
            })
            .collect()
    }

    fn struct_schema(&mut self, strct: &Struct, arguments: &Arguments, direction: Direction) -> Value {
        match &strct.fields {
            Fields::Unit => json!({ "type": "null" }),
            Fields::Unnamed(fields) => self.unnamed_schema(&fields.fields, arguments, direction),
            Fields::Named(fields) => object_schema(&self.members_in(&fields.fields, arguments, direction), direction),
        }
    }

    /// A newtype is its one field on the wire; more fields are a tuple.
    fn unnamed_schema(&mut self, fields: &[Field], arguments: &Arguments, direction: Direction) -> Value {
        let present: Vec<&DataType> = fields.iter().filter_map(|field| field.ty.as_ref()).collect();
        match present.as_slice() {
            [only] => self.schema_in(only, arguments, direction),
            [] => json!({ "type": "array", "maxItems": 0 }),
            many => self.tuple_schema(many.iter().copied(), arguments, direction),
        }
    }

    /// A fixed-length array, each position with its own schema (draft 7's
    /// array form of `items`).
    fn tuple_schema<'a>(
        &mut self,
        elements: impl Iterator<Item = &'a DataType>,
        arguments: &Arguments,
        direction: Direction,
    ) -> Value {
        let items: Vec<Value> = elements.map(|element| self.schema_in(element, arguments, direction)).collect();
        let length = items.len();
        json!({ "type": "array", "items": items, "minItems": length, "maxItems": length })
    }

    fn members_in(
        &mut self,
        fields: &[(std::borrow::Cow<'static, str>, Field)],
        arguments: &Arguments,
        direction: Direction,
    ) -> Vec<Member> {
        fields
            .iter()
            .filter_map(|(name, field)| {
                // A member serde skips both ways has no type.
                let ty = field.ty.as_ref()?;
                Some(Member {
                    name: name.to_string(),
                    schema: self.schema_in(ty, arguments, direction),
                    description: doc_text(&field.docs),
                    deprecated: field.deprecated.is_some(),
                    may_be_absent: field.optional,
                    nullable: self.is_nullable(ty),
                })
            })
            .collect()
    }

    /// An enum, as serde's format leaves it: an untagged union whose unit
    /// variants are string literals. A union of string literals only (every
    /// DTO enum) becomes one string `enum`; anything else an `anyOf`, which
    /// unlike `oneOf` stays true when branches overlap, as serde's first
    /// match does.
    fn enum_schema(&mut self, enm: &Enum, arguments: &Arguments, direction: Direction) -> Value {
        let mut branches = Vec::new();
        for (name, variant) in enm.variants.iter().filter(|(_, variant)| !variant.skip) {
            let schema = match &variant.fields {
                Fields::Unit => json!({ "type": "string", "enum": [name] }),
                Fields::Unnamed(fields) => self.unnamed_schema(&fields.fields, arguments, direction),
                Fields::Named(fields) => {
                    object_schema(&self.members_in(&fields.fields, arguments, direction), direction)
                }
            };
            branches.push((schema, doc_text(&variant.docs), variant.deprecated.is_some()));
        }

        let literals: Option<Vec<Value>> = branches.iter().try_fold(Vec::new(), |mut all, (schema, ..)| {
            all.extend(string_literals(schema)?);
            Some(all)
        });
        if let Some(literals) = literals {
            // An `enum` has no place for a value's docs: they go in a list.
            let notes: Vec<String> = branches
                .iter()
                .filter_map(|(schema, docs, deprecated)| {
                    let value = string_literals(schema)?.first()?.as_str()?.to_owned();
                    match (docs, deprecated) {
                        (Some(docs), false) => Some(format!("- `{value}`: {docs}")),
                        (Some(docs), true) => Some(format!("- `{value}` (deprecated): {docs}")),
                        (None, true) => Some(format!("- `{value}`: deprecated.")),
                        (None, false) => None,
                    }
                })
                .collect();
            let mut schema = json!({ "type": "string", "enum": literals });
            if !notes.is_empty() {
                describe(&mut schema, Some(&notes.join("\n")));
            }
            return schema;
        }

        let mut branches: Vec<Value> = branches
            .into_iter()
            .map(|(mut schema, docs, deprecated)| {
                describe(&mut schema, docs.as_deref());
                if deprecated {
                    insert(&mut schema, "deprecated", Value::Bool(true));
                }
                schema
            })
            .collect();
        if branches.len() == 1 {
            return branches.remove(0);
        }
        json!({ "anyOf": branches })
    }

    fn is_nullable(&mut self, dt: &DataType) -> bool {
        match dt {
            DataType::Nullable(_) => true,
            DataType::Reference(Reference::Named(reference)) => match &reference.inner {
                NamedReferenceType::Inline { dt, .. } => self.is_nullable(dt),
                _ => false,
            },
            _ => false,
        }
    }

    fn name_in(&mut self, dt: &DataType, arguments: &Arguments) -> String {
        match dt {
            DataType::Primitive(primitive) => primitive_name(primitive).to_owned(),
            DataType::List(list) => format!("Vec{}", self.name_in(&list.ty, arguments)),
            DataType::Map(map) => {
                format!("Map{}{}", self.name_in(map.key_ty(), arguments), self.name_in(map.value_ty(), arguments))
            }
            DataType::Nullable(inner) => format!("Option{}", self.name_in(inner, arguments)),
            DataType::Tuple(tuple) if tuple.elements.is_empty() => "Unit".to_owned(),
            DataType::Tuple(tuple) => {
                let names: String = tuple.elements.iter().map(|element| self.name_in(element, arguments)).collect();
                format!("Tuple{names}")
            }
            DataType::Generic(generic) => {
                argument(arguments, generic).map_or_else(|| generic.name().to_string(), |a| a.name.clone())
            }
            DataType::Struct(_) => "Object".to_owned(),
            DataType::Enum(_) => "Union".to_owned(),
            DataType::Intersection(_) => "Intersection".to_owned(),
            DataType::Reference(Reference::Named(reference)) => {
                let Some(ndt) = self.resolve(reference) else { return "Unknown".to_owned() };
                let generics = match &reference.inner {
                    _ if well_known(ndt).is_some() => return ndt.name.to_string(),
                    // An inline generic (`Vec<T>`) is named by what it is.
                    NamedReferenceType::Inline { dt, .. } if !ndt.generics.is_empty() => {
                        return self.name_in(dt, arguments);
                    }
                    NamedReferenceType::Inline { .. } => return ndt.name.to_string(),
                    NamedReferenceType::Reference { generics, .. } => generics.as_slice(),
                    NamedReferenceType::Recursive(recursive) => recursive.generics(),
                };
                let names: String = generics.iter().map(|(_, dt)| self.name_in(dt, arguments)).collect();
                format!("{}{names}", ndt.name)
            }
            DataType::Reference(Reference::Opaque(_)) => "Opaque".to_owned(),
        }
    }

    fn resolve(&mut self, reference: &NamedReference) -> Option<&'t NamedDataType> {
        let found = self.types.get(reference);
        if found.is_none() {
            self.errors.push(DocumentError::UnregisteredType(format!("{reference:?}")));
        }
        found
    }
}

fn argument<'a>(arguments: &'a Arguments, generic: &Generic) -> Option<&'a Argument> {
    arguments.iter().find(|(parameter, _)| parameter == generic).map(|(_, argument)| argument)
}

fn instantiation_name(base: &str, arguments: &Arguments) -> String {
    let mut name = base.to_owned();
    for (_, argument) in arguments {
        name.push_str(&argument.name);
    }
    name
}

/// Types specta describes as plain strings (or, for `serde_json`, as a union
/// a client cannot use), whose format a client can check.
fn well_known(ndt: &NamedDataType) -> Option<Value> {
    Some(match (ndt.module_path.as_ref(), ndt.name.as_ref()) {
        ("uuid", "Uuid") => json!({ "type": "string", "format": "uuid" }),
        ("chrono", "DateTime") => json!({ "type": "string", "format": "date-time" }),
        ("chrono", "NaiveDate") => json!({ "type": "string", "format": "date" }),
        ("rust_decimal", "Decimal") => json!({ "type": "string", "pattern": DECIMAL_PATTERN }),
        ("serde_json", "Value") => json!({}),
        ("serde_json", "Number") => json!({ "type": "number" }),
        _ => return None,
    })
}

fn object_schema(members: &[Member], direction: Direction) -> Value {
    let properties: Map<String, Value> =
        members.iter().map(|member| (member.name.clone(), member.property())).collect();
    let mut schema = json!({ "type": "object", "properties": properties, "additionalProperties": false });
    set_required(&mut schema, &required_names(members, direction));
    schema
}

fn required_names(members: &[Member], direction: Direction) -> Vec<String> {
    members.iter().filter(|member| member.required(direction)).map(|member| member.name.clone()).collect()
}

/// Draft 7 wants a non-empty `required`, so an object without required
/// members has none.
fn set_required(schema: &mut Value, required: &[String]) {
    let Value::Object(object) = schema else { return };
    if required.is_empty() {
        object.remove("required");
    } else {
        object.insert("required".to_owned(), json!(required));
    }
}

/// `schema` or `null`.
fn nullable(schema: Value) -> Value {
    // Not `json!({ "anyOf": [schema, null] })`: the macro reads `null` as the
    // JSON literal, not as this binding.
    let null_schema = json!({ "type": "null" });
    let admits_null = schema.as_object().is_some_and(Map::is_empty)
        || schema == null_schema
        || schema.get("anyOf").and_then(Value::as_array).is_some_and(|branches| branches.contains(&null_schema));
    if admits_null {
        return schema;
    }
    let mut union = Map::new();
    union.insert("anyOf".to_owned(), Value::Array(vec![schema, null_schema]));
    Value::Object(union)
}

/// The values of a schema that admits only some strings.
fn string_literals(schema: &Value) -> Option<Vec<Value>> {
    let object = schema.as_object()?;
    if object.len() != 2 || object.get("type")? != "string" {
        return None;
    }
    object.get("enum")?.as_array().cloned()
}

fn primitive_schema(primitive: &Primitive) -> Value {
    fn integer(minimum: impl Into<Value>, maximum: impl Into<Value>) -> Value {
        json!({ "type": "integer", "minimum": minimum.into(), "maximum": maximum.into() })
    }
    match primitive {
        Primitive::i8 => integer(i8::MIN, i8::MAX),
        Primitive::i16 => integer(i16::MIN, i16::MAX),
        Primitive::i32 => integer(i32::MIN, i32::MAX),
        Primitive::u8 => integer(u8::MIN, u8::MAX),
        Primitive::u16 => integer(u16::MIN, u16::MAX),
        Primitive::u32 => integer(u32::MIN, u32::MAX),
        // Wider than a JavaScript number holds exactly: a decimal string, as
        // the TypeScript SDK has it too.
        Primitive::i64 | Primitive::i128 | Primitive::isize => json!({ "type": "string", "pattern": INTEGER_PATTERN }),
        Primitive::u64 | Primitive::u128 | Primitive::usize => {
            json!({ "type": "string", "pattern": UNSIGNED_PATTERN })
        }
        Primitive::f16 | Primitive::f32 | Primitive::f64 | Primitive::f128 => json!({ "type": "number" }),
        Primitive::bool => json!({ "type": "boolean" }),
        Primitive::char => json!({ "type": "string", "minLength": 1, "maxLength": 1 }),
        Primitive::str => json!({ "type": "string" }),
    }
}

fn primitive_name(primitive: &Primitive) -> &'static str {
    match primitive {
        Primitive::i8 => "I8",
        Primitive::i16 => "I16",
        Primitive::i32 => "I32",
        Primitive::i64 => "I64",
        Primitive::i128 => "I128",
        Primitive::isize => "Isize",
        Primitive::u8 => "U8",
        Primitive::u16 => "U16",
        Primitive::u32 => "U32",
        Primitive::u64 => "U64",
        Primitive::u128 => "U128",
        Primitive::usize => "Usize",
        Primitive::f16 => "F16",
        Primitive::f32 => "F32",
        Primitive::f64 => "F64",
        Primitive::f128 => "F128",
        Primitive::bool => "Bool",
        Primitive::char => "Char",
        Primitive::str => "String",
    }
}

/// A doc comment as written, without the space after each `///`.
pub(crate) fn doc_text(docs: &str) -> Option<String> {
    let text = docs.lines().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect::<Vec<_>>().join("\n");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Give `schema` a description; one it already has (an enum's notes on its
/// values) follows.
fn describe(schema: &mut Value, text: Option<&str>) {
    let Some(text) = text else { return };
    let description = match schema.get("description").and_then(Value::as_str) {
        Some(existing) => format!("{text}\n\n{existing}"),
        None => text.to_owned(),
    };
    insert(schema, "description", Value::String(description));
}

fn insert(schema: &mut Value, key: &str, value: Value) {
    if let Value::Object(object) = schema {
        object.insert(key.to_owned(), value);
    }
}
