//! The wire types as TypeScript should see them, and a type's reference in
//! one direction of the serde split.

use std::borrow::Cow;

use specta::Types;
use specta::datatype::{DataType, Fields, Generic, NamedReferenceType, Reference};
use specta_serde::{Phase, select_phase_datatype};

/// The types as TypeScript should see them: `serde_json::Value` is any JSON
/// value (its numbers are JavaScript numbers, which `JSON.parse` makes of
/// them anyway) named `JsonValue`, and doc comments lose the one space that
/// follows `///`.
pub(crate) fn wire_types(types: Types) -> Types {
    let mut scratch = Types::default();
    let json_number = <serde_json::Number as specta::Type>::definition(&mut scratch);
    let ts_number = <specta_typescript::Number as specta::Type>::definition(&mut scratch);
    let types = specta_util::Remapper::new().rule(json_number, ts_number).remap_types(types);
    types.map(|mut ndt| {
        if ndt.module_path.starts_with("serde_json") && ndt.name == "Value" {
            ndt.name = Cow::Borrowed("JsonValue");
            ndt.docs = Cow::Borrowed("Any JSON value.");
        }
        ndt.docs = tidy_docs(&ndt.docs);
        if let Some(ty) = &mut ndt.ty {
            tidy_member_docs(ty);
        }
        ndt
    })
}

fn tidy_member_docs(ty: &mut DataType) {
    let fields = match ty {
        DataType::Struct(s) => vec![&mut s.fields],
        DataType::Enum(e) => e
            .variants
            .iter_mut()
            .map(|(_, variant)| {
                variant.docs = tidy_docs(&variant.docs);
                &mut variant.fields
            })
            .collect(),
        _ => Vec::new(),
    };
    for fields in fields {
        match fields {
            Fields::Unit => {}
            Fields::Unnamed(unnamed) => unnamed.fields.iter_mut().for_each(|f| f.docs = tidy_docs(&f.docs)),
            Fields::Named(named) => named.fields.iter_mut().for_each(|(_, f)| f.docs = tidy_docs(&f.docs)),
        }
    }
}

/// A doc comment without the space each `/// ` line starts with.
fn tidy_docs(docs: &str) -> Cow<'static, str> {
    Cow::Owned(docs.lines().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect::<Vec<_>>().join("\n"))
}

/// specta's output with the house's line endings: one trailing newline and no
/// trailing blanks, so that the file is stable under `git diff --check`.
pub(crate) fn tidy_file(text: &str) -> String {
    let mut out: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    while out.ends_with('\n') {
        out.pop();
    }
    out.push('\n');
    out
}

/// `dt` in one direction's shape. specta-serde swaps a generic type that
/// is split by direction (`Page<Account>`) for its direction's half but keeps
/// the half's own parameter (`Page_Serialize<T>`); the use site's arguments
/// are put back here.
pub(crate) fn select_phase(dt: &DataType, types: &Types, phase: Phase) -> DataType {
    let mut selected = select_phase_datatype(dt, types, phase);
    if let DataType::Reference(Reference::Named(reference)) = dt
        && let NamedReferenceType::Reference { generics, .. } = &reference.inner
        && !generics.is_empty()
    {
        let arguments: Vec<(Generic, DataType)> = generics
            .iter()
            .map(|(generic, argument)| (generic.clone(), select_phase(argument, types, phase)))
            .collect();
        substitute_generics(&mut selected, &arguments);
    }
    selected
}

fn substitute_generics(dt: &mut DataType, arguments: &[(Generic, DataType)]) {
    match dt {
        DataType::Generic(generic) => {
            if let Some((_, argument)) = arguments.iter().find(|(g, _)| g == generic) {
                *dt = argument.clone();
            }
        }
        DataType::List(list) => substitute_generics(&mut list.ty, arguments),
        DataType::Map(map) => {
            substitute_generics(map.key_ty_mut(), arguments);
            substitute_generics(map.value_ty_mut(), arguments);
        }
        DataType::Nullable(inner) => substitute_generics(inner, arguments),
        DataType::Tuple(tuple) => tuple.elements.iter_mut().for_each(|e| substitute_generics(e, arguments)),
        DataType::Intersection(parts) => parts.iter_mut().for_each(|p| substitute_generics(p, arguments)),
        DataType::Reference(Reference::Named(reference)) => {
            if let NamedReferenceType::Reference { generics, .. } = &mut reference.inner {
                generics.iter_mut().for_each(|(_, argument)| substitute_generics(argument, arguments));
            }
        }
        DataType::Struct(_)
        | DataType::Enum(_)
        | DataType::Primitive(_)
        | DataType::Reference(Reference::Opaque(_)) => {}
    }
}
