//! `methods.ts`: what the runtime builds its proxy from, and the typed
//! signature of every method.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use sent_rpc::{Access, ErrorKind, Kind, MethodMeta};
use specta::datatype::DataType;
use specta_serde::Phase;
use specta_typescript::FrameworkExporter;

use crate::{Declared, HEADER, explain, types::select_phase};

/// `methods.ts`, rendered with the exporter that renders `types.ts`.
pub(crate) fn methods_file(exporter: &FrameworkExporter<'_>, declared: &[Declared]) -> Result<String, String> {
    let mut apps: BTreeMap<&str, Vec<Signature>> = BTreeMap::new();
    let mut imports = BTreeSet::new();
    for method in declared {
        let (signature, referenced) = specta_typescript::collect_references(|| signature(exporter, method));
        for reference in referenced {
            if let Some(ndt) = exporter.types.get(&reference) {
                imports.insert(ndt.name.to_string());
            }
        }
        apps.entry(method.meta.app).or_default().push(signature?);
    }

    let mut out = String::new();
    let _ = writeln!(out, "{HEADER}\n");
    out.push_str("import type { CallOptions } from \"../options.js\";\n");
    if !imports.is_empty() {
        let names: Vec<_> = imports.into_iter().collect();
        let _ = writeln!(out, "import type {{\n\t{},\n}} from \"./types.js\";", names.join(",\n\t"));
    }
    out.push('\n');
    write_error_codes(&mut out);
    write_method_table(&mut out, &apps);
    write_error_kinds(&mut out, &apps);
    write_io_maps(&mut out, &apps);
    write_api(&mut out, &apps);
    Ok(out)
}

/// What `methods.ts` says about one method.
struct Signature {
    meta: MethodMeta,
    /// The TypeScript params type, `None` for a method without params.
    params: Option<String>,
    result: String,
    errors: Vec<ErrorKind>,
}

fn signature(exporter: &FrameworkExporter<'_>, method: &Declared) -> Result<Signature, String> {
    let reference = |dt: &DataType, phase: Phase| {
        exporter
            .reference(&select_phase(dt, exporter.types, phase))
            .map_err(|error| format!("`{}`: {}", method.meta.name, explain(&error)))
    };
    // The server reads params (serde's deserialize direction) and writes
    // results (serialize).
    let params = method.params.as_ref().map(|dt| reference(dt, Phase::Deserialize)).transpose()?;
    let result = reference(&method.result, Phase::Serialize)?;
    Ok(Signature { meta: method.meta, params, result, errors: errors(&method.meta) })
}

/// Every error a call of `method` can end with: those the OpenRPC document
/// lists for it (declared, and those of the call path), and those of the
/// request itself (`invalidRequest`, `methodNotFound`), which the document
/// leaves out of every method but a client can still meet on any call (a
/// server older than the SDK does not know the method).
pub fn errors(method: &MethodMeta) -> Vec<ErrorKind> {
    let listed = sent_openrpc::errors(method);
    ErrorKind::ALL
        .into_iter()
        .filter(|kind| listed.contains(kind) || matches!(kind, ErrorKind::InvalidRequest | ErrorKind::MethodNotFound))
        .collect()
}

fn write_error_codes(out: &mut String) {
    out.push_str(
        "/** Every error kind the server sends in `error.data.kind`, with its JSON-RPC code. */\nexport const \
         errorCodes = {\n",
    );
    for kind in ErrorKind::ALL {
        let _ = writeln!(out, "\t{}: {},", kind.name(), kind.code());
    }
    out.push_str("} as const;\n\n");
}

fn write_method_table(out: &mut String, apps: &BTreeMap<&str, Vec<Signature>>) {
    out.push_str(
        "/**\n * Every method by app: its wire name, whether it changes state, whether it\n * takes params, and the \
         error kinds it can end with. The client is built\n * from this table.\n */\nexport const methodTable = {\n",
    );
    for (app, methods) in apps {
        let _ = writeln!(out, "\t{}: {{", property(app));
        for method in methods {
            let errors: Vec<_> = method.errors.iter().map(|k| format!("\"{}\"", k.name())).collect();
            let _ = writeln!(
                out,
                "\t\t{}: {{ method: \"{}\", kind: \"{}\", params: {}, errors: [{}] }},",
                property(method_name(&method.meta)),
                method.meta.name,
                method.meta.kind.name(),
                method.params.is_some(),
                errors.join(", "),
            );
        }
        out.push_str("\t},\n");
    }
    out.push_str("} as const;\n\n");
}

fn write_error_kinds(out: &mut String, apps: &BTreeMap<&str, Vec<Signature>>) {
    out.push_str(
        "/** The error kinds each method can end with, by wire name (transport kinds aside). */\nexport type \
         MethodErrorKinds = {\n",
    );
    for method in apps.values().flatten() {
        let kinds: Vec<_> = method.errors.iter().map(|k| format!("\"{}\"", k.name())).collect();
        let _ = writeln!(out, "\t\"{}\": {};", method.meta.name, kinds.join(" | "));
    }
    out.push_str("};\n\n");
}

fn write_io_maps(out: &mut String, apps: &BTreeMap<&str, Vec<Signature>>) {
    out.push_str(
        "/** Each method's params, by wire name (`undefined` for a method without params). */\nexport type \
         MethodParams = {\n",
    );
    for method in apps.values().flatten() {
        let _ = writeln!(out, "\t\"{}\": {};", method.meta.name, method.params.as_deref().unwrap_or("undefined"));
    }
    out.push_str("};\n\n/** Each method's result, by wire name. */\nexport type MethodResults = {\n");
    for method in apps.values().flatten() {
        let _ = writeln!(out, "\t\"{}\": {};", method.meta.name, method.result);
    }
    out.push_str("};\n\n");
}

fn write_api(out: &mut String, apps: &BTreeMap<&str, Vec<Signature>>) {
    out.push_str(
        "/**\n * The typed client: `sent.<app>.<method>(params, options?)` resolves to the\n * method's result and \
         rejects with a `SentError`.\n */\nexport interface SentApi {\n",
    );
    for (app, methods) in apps {
        let _ = writeln!(out, "\treadonly {}: {{", property(app));
        for method in methods {
            write_tsdoc(out, method);
            let params = method.params.as_ref().map(|p| format!("params: {p}, ")).unwrap_or_default();
            let _ = writeln!(
                out,
                "\t\t{}({params}options?: CallOptions): Promise<{}>;",
                property(method_name(&method.meta)),
                method.result,
            );
        }
        out.push_str("\t};\n");
    }
    out.push_str("}\n");
}

fn write_tsdoc(out: &mut String, method: &Signature) {
    let meta = &method.meta;
    let mut lines: Vec<String> = meta.docs.lines().map(|l| l.trim_end().to_owned()).collect();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    let kind = match meta.kind {
        Kind::Query => "A query",
        Kind::Mutation => "A mutation (audited)",
    };
    let access = match meta.access {
        Access::Public => "anyone may call it".to_owned(),
        Access::Authenticated => "any signed-in user may call it".to_owned(),
        Access::Member(role) => format!("it needs the `{}` role in the call's organization", role.name()),
    };
    lines.push(format!("`{}`. {kind}; {access}.", meta.name));
    let declared: Vec<_> = meta.errors.iter().map(|k| format!("`{}`", k.name())).collect();
    if !declared.is_empty() {
        lines.push(format!("@throws {{SentError}} declared kinds: {}", declared.join(", ")));
    }
    if let Some(note) = meta.deprecated {
        lines.push(format!("@deprecated {note}"));
    }
    out.push_str("\t\t/**\n");
    for line in lines {
        let line = line.replace("*/", "*\\/");
        if line.is_empty() {
            out.push_str("\t\t *\n");
        } else {
            let _ = writeln!(out, "\t\t * {line}");
        }
    }
    out.push_str("\t\t */\n");
}

/// The method's name inside its app: the wire name after `app.`.
fn method_name(meta: &MethodMeta) -> &'static str {
    meta.name.strip_prefix(meta.app).and_then(|rest| rest.strip_prefix('.')).unwrap_or(meta.name)
}

/// A property name as TypeScript needs it: bare when it is an identifier.
fn property(name: &str) -> Cow<'_, str> {
    let mut chars = name.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier { Cow::Borrowed(name) } else { Cow::Owned(format!("{name:?}")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_names_are_quoted_only_when_they_must_be() {
        assert_eq!(property("createAccount"), "createAccount");
        assert_eq!(property("make-thing"), "\"make-thing\"");
        assert_eq!(property("1st"), "\"1st\"");
    }
}
