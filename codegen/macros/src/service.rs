//! `#[sent_rpc::service]`: from one trait of declarations, the server-side
//! trait, the metadata and the handlers.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    Attribute, Expr, ExprLit, FnArg, Ident, ItemTrait, Lit, LitStr, Meta, Pat, ReturnType, Token, TraitItem,
    TraitItemFn, Type,
};

use crate::case::camel_case;

const ROLES: [&str; 6] = ["public", "authenticated", "auditor", "member", "admin", "owner"];
const ERROR_KINDS: [(&str, &str); 8] = [
    ("unauthenticated", "Unauthenticated"),
    ("forbidden", "Forbidden"),
    ("not_found", "NotFound"),
    ("conflict", "Conflict"),
    ("validation", "Validation"),
    ("rate_limited", "RateLimited"),
    ("unavailable", "Unavailable"),
    ("deadline_exceeded", "DeadlineExceeded"),
];

/// `app = "ledger"`.
struct ServiceArgs {
    app: LitStr,
}

impl Parse for ServiceArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut app = None;
        let pairs = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        for meta in pairs {
            match &meta {
                Meta::NameValue(nv) if nv.path.is_ident("app") => app = Some(lit_str(&nv.value)?),
                other => return Err(syn::Error::new(other.span(), "expected `app = \"name\"`")),
            }
        }
        // The span of an empty argument list is the attribute itself.
        let app = app.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "#[sent_rpc::service] needs `app = \"name\"`, the first part of every wire name",
            )
        })?;
        if app.value().is_empty()
            || !app.value().chars().all(|c| c.is_ascii_alphanumeric())
            || !app.value().starts_with(|c: char| c.is_ascii_lowercase())
        {
            return Err(syn::Error::new(app.span(), "an app name is lowerCamelCase letters and digits"));
        }
        Ok(Self { app })
    }
}

/// One method's `#[rpc(...)]` and signature.
struct Method {
    ident: Ident,
    wire_name: String,
    docs: String,
    doc_attrs: Vec<Attribute>,
    deprecated: Option<(Attribute, String)>,
    mutation: bool,
    role: String,
    errors: Vec<Ident>,
    params: Option<(Ident, Type)>,
    result: Type,
}

pub fn expand(args: TokenStream, input: TokenStream) -> syn::Result<TokenStream> {
    let args: ServiceArgs = syn::parse2(args)?;
    let item: ItemTrait = syn::parse2(input)?;
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(item.generics.span(), "a service trait takes no generics"));
    }
    let app = args.app.value();

    let mut methods = Vec::new();
    let mut seen: HashMap<String, Ident> = HashMap::new();
    let mut errors: Option<syn::Error> = None;
    for trait_item in &item.items {
        let parsed = match trait_item {
            TraitItem::Fn(function) => parse_method(&app, function),
            other => Err(syn::Error::new(other.span(), "a service trait holds method declarations only")),
        };
        match parsed {
            Ok(method) => {
                if let Some(first) = seen.get(&method.wire_name) {
                    // `fn a_b` and `name = "aB"` collide without looking alike.
                    let error = syn::Error::new(
                        method.ident.span(),
                        format!("duplicate wire name `{}`: method `{first}` already has it", method.wire_name),
                    );
                    combine(&mut errors, error);
                } else {
                    seen.insert(method.wire_name.clone(), method.ident.clone());
                }
                methods.push(method);
            }
            Err(error) => combine(&mut errors, error),
        }
    }
    if let Some(error) = errors {
        return Err(error);
    }

    Ok(render(&item, &app, &methods))
}

fn combine(errors: &mut Option<syn::Error>, error: syn::Error) {
    match errors {
        Some(existing) => existing.combine(error),
        None => *errors = Some(error),
    }
}

fn parse_method(app: &str, function: &TraitItemFn) -> syn::Result<Method> {
    let sig = &function.sig;
    if sig.asyncness.is_none() {
        return Err(syn::Error::new(sig.fn_token.span, "declare service methods as `async fn`"));
    }
    if let Some(body) = &function.default {
        return Err(syn::Error::new(
            body.span(),
            "a declaration has no body: the implementation lives in backend/services",
        ));
    }
    if !sig.generics.params.is_empty() {
        return Err(syn::Error::new(sig.generics.span(), "service methods take no generics"));
    }

    let mut params = None;
    for (index, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(receiver) => {
                return Err(syn::Error::new_spanned(
                    receiver,
                    "declare `async fn name(params: Params) -> Result`, without `self`: the macro adds it",
                ));
            }
            FnArg::Typed(typed) if index == 0 => {
                let Pat::Ident(pat) = &*typed.pat else {
                    return Err(syn::Error::new(typed.pat.span(), "name the params argument, e.g. `params`"));
                };
                params = Some((pat.ident.clone(), (*typed.ty).clone()));
            }
            FnArg::Typed(typed) => {
                return Err(syn::Error::new_spanned(typed, "a method takes one params DTO; put every field in it"));
            }
        }
    }
    let result = match &sig.output {
        ReturnType::Type(_, ty) => (**ty).clone(),
        ReturnType::Default => {
            return Err(syn::Error::new(
                sig.paren_token.span.close(),
                "declare the result DTO, e.g. `-> Account`, or `-> ()` when there is nothing to return",
            ));
        }
    };

    let mut docs = Vec::new();
    let mut doc_attrs = Vec::new();
    let mut deprecated = None;
    let mut rpc = None;
    for attr in &function.attrs {
        if attr.path().is_ident("doc") {
            if let Meta::NameValue(nv) = &attr.meta
                && let Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) = &nv.value
            {
                docs.push(text.value().trim().to_owned());
            }
            doc_attrs.push(attr.clone());
        } else if attr.path().is_ident("deprecated") {
            deprecated = Some((attr.clone(), deprecation_note(attr)?));
        } else if attr.path().is_ident("rpc") {
            if rpc.is_some() {
                return Err(syn::Error::new_spanned(attr, "one #[rpc(...)] per method"));
            }
            rpc = Some(attr);
        } else {
            return Err(syn::Error::new_spanned(
                attr,
                "only doc comments, #[rpc(...)] and #[deprecated] go on a service method",
            ));
        }
    }
    let rpc = rpc.ok_or_else(|| {
        syn::Error::new(
            sig.ident.span(),
            format!("method `{}` needs #[rpc(query | mutation, role = \"...\")]", sig.ident),
        )
    })?;

    let mut kind = None;
    let mut role = None;
    let mut errors = Vec::new();
    let mut name_override = None;
    rpc.parse_nested_meta(|meta| {
        if meta.path.is_ident("query") || meta.path.is_ident("mutation") {
            if kind.is_some() {
                return Err(meta.error("a method is a query or a mutation, not both"));
            }
            kind = Some(meta.path.is_ident("mutation"));
        } else if meta.path.is_ident("role") {
            let value: LitStr = meta.value()?.parse()?;
            if !ROLES.contains(&value.value().as_str()) {
                return Err(syn::Error::new(
                    value.span(),
                    format!("unknown role `{}`; expected one of {}", value.value(), ROLES.join(", ")),
                ));
            }
            role = Some(value.value());
        } else if meta.path.is_ident("name") {
            let value: LitStr = meta.value()?.parse()?;
            if value.value().is_empty() || value.value().contains('.') || value.value().starts_with("rpc") {
                return Err(syn::Error::new(value.span(), "a method name is one segment and may not start with `rpc`"));
            }
            name_override = Some(value.value());
        } else if meta.path.is_ident("errors") {
            meta.parse_nested_meta(|error| {
                let ident = error.path.get_ident().cloned().ok_or_else(|| error.error("expected an error kind"))?;
                if !ERROR_KINDS.iter().any(|(name, _)| ident == name) {
                    let names: Vec<_> = ERROR_KINDS.iter().map(|(n, _)| *n).collect();
                    return Err(
                        error.error(format!("unknown error kind `{ident}`; expected one of {}", names.join(", ")))
                    );
                }
                errors.push(ident);
                Ok(())
            })?;
        } else {
            return Err(meta.error("expected `query`, `mutation`, `role = \"...\"`, `errors(...)` or `name = \"...\"`"));
        }
        Ok(())
    })?;
    let mutation =
        kind.ok_or_else(|| syn::Error::new_spanned(rpc, "say whether the method is a `query` or a `mutation`"))?;
    let role = role.ok_or_else(|| {
        syn::Error::new_spanned(
            rpc,
            format!("method `{}` needs a role: role = \"{}\"", sig.ident, ROLES.join("\" | \"")),
        )
    })?;

    let method_name = name_override.unwrap_or_else(|| camel_case(&sig.ident.to_string()));
    Ok(Method {
        ident: sig.ident.clone(),
        wire_name: format!("{app}.{method_name}"),
        docs: docs.join("\n"),
        doc_attrs,
        deprecated,
        mutation,
        role,
        errors,
        params,
        result,
    })
}

fn deprecation_note(attr: &Attribute) -> syn::Result<String> {
    match &attr.meta {
        Meta::Path(_) => Ok("deprecated".to_owned()),
        Meta::NameValue(nv) => lit_str(&nv.value).map(|s| s.value()),
        Meta::List(_) => {
            let mut note = String::from("deprecated");
            attr.parse_nested_meta(|meta| {
                let value: LitStr = meta.value()?.parse()?;
                if meta.path.is_ident("note") {
                    note = value.value();
                }
                Ok(())
            })?;
            Ok(note)
        }
    }
}

fn lit_str(expr: &Expr) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Ok(s.clone()),
        other => Err(syn::Error::new(other.span(), "expected a string literal")),
    }
}

fn render(item: &ItemTrait, app: &str, methods: &[Method]) -> TokenStream {
    let vis = &item.vis;
    let trait_name = &item.ident;
    let api_name = format_ident!("{}Api", trait_name);
    let trait_docs: Vec<_> = item.attrs.iter().filter(|a| a.path().is_ident("doc")).collect();
    let other_attrs: Vec<_> = item.attrs.iter().filter(|a| !a.path().is_ident("doc")).collect();
    let app_docs = item
        .attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) if attr.path().is_ident("doc") => match &nv.value {
                Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => Some(text.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");

    let trait_methods = methods.iter().map(|m| {
        let ident = &m.ident;
        let docs = &m.doc_attrs;
        let deprecated = m.deprecated.as_ref().map(|(attr, _)| attr);
        let result = &m.result;
        let params = m.params.as_ref().map(|(name, ty)| quote!(, #name: #ty));
        let wire = format!("Wire name: `{}`; access: `{}`.", m.wire_name, m.role);
        quote! {
            #(#docs)*
            #[doc = ""]
            #[doc = #wire]
            #deprecated
            fn #ident(&self, cx: &mut C #params)
                -> impl ::core::future::Future<Output = ::core::result::Result<#result, ::sent_rpc::RpcError>> + ::core::marker::Send;
        }
    });

    let wires = methods.iter().enumerate().map(|(index, m)| {
        // Spanned at the type, so that a type that is not a DTO is reported
        // there, with `Dto`'s own message.
        let result = &m.result;
        let result_wire = wire_ident("RESULT", index);
        let result_check = quote_spanned!(result.span()=> __sent_wire::<#result>());
        let params = m.params.as_ref().map(|(_, ty)| {
            let params_wire = wire_ident("PARAMS", index);
            let params_check = quote_spanned!(ty.span()=> __sent_wire::<#ty>());
            quote!(const #params_wire: __SentWire<#ty> = #params_check;)
        });
        quote! {
            #params
            const #result_wire: __SentWire<#result> = #result_check;
        }
    });

    let metas = methods.iter().enumerate().map(|(index, m)| {
        let name = &m.wire_name;
        let docs = &m.docs;
        let kind = if m.mutation { quote!(::sent_rpc::Kind::Mutation) } else { quote!(::sent_rpc::Kind::Query) };
        let access = match m.role.as_str() {
            "public" => quote!(::sent_rpc::Access::Public),
            "authenticated" => quote!(::sent_rpc::Access::Authenticated),
            role => {
                let variant = format_ident!("{}", capitalize(role));
                quote!(::sent_rpc::Access::Member(::sent_rpc::Role::#variant))
            }
        };
        let deprecated = match &m.deprecated {
            Some((_, note)) => quote!(::core::option::Option::Some(#note)),
            None => quote!(::core::option::Option::None),
        };
        let (params, params_type) = match &m.params {
            Some((_, ty)) => {
                let name = type_name(ty);
                let params_wire = wire_ident("PARAMS", index);
                (
                    quote!(::core::option::Option::Some(#name)),
                    quote!(::core::option::Option::Some(#params_wire.definition)),
                )
            }
            None => (quote!(::core::option::Option::None), quote!(::core::option::Option::None)),
        };
        let result = type_name(&m.result);
        let result_wire = wire_ident("RESULT", index);
        let errors = m.errors.iter().map(|e| {
            let variant = ERROR_KINDS.iter().find(|(n, _)| e == n).map_or("Internal", |(_, v)| v);
            let variant = Ident::new(variant, e.span());
            quote!(::sent_rpc::ErrorKind::#variant)
        });
        quote! {
            ::sent_rpc::MethodMeta {
                name: #name,
                app: #app,
                docs: #docs,
                kind: #kind,
                access: #access,
                deprecated: #deprecated,
                params: #params,
                result: #result,
                errors: &[#(#errors),*],
                params_type: #params_type,
                result_type: #result_wire.definition,
            }
        }
    });

    let handlers = methods.iter().enumerate().map(|(index, m)| {
        let ident = &m.ident;
        let result_wire = wire_ident("RESULT", index);
        let (decode, call, outcome) = match (&m.params, m.mutation) {
            (Some((_, ty)), mutation) => {
                let params_wire = wire_ident("PARAMS", index);
                let decode = quote!(let params: #ty = (#params_wire.decode)(params)?;);
                let outcome = if mutation {
                    quote!((#result_wire.mutation)(audit, &result))
                } else {
                    quote!((#result_wire.query)(&result))
                };
                let call = if mutation {
                    // The audit row records the params as they came in; the
                    // implementation takes them by value.
                    quote! {
                        let audit = (#params_wire.audit)(&params);
                        let result = service.#ident(cx, params).await?;
                    }
                } else {
                    quote!(let result = service.#ident(cx, params).await?;)
                };
                (decode, call, outcome)
            }
            (None, mutation) => {
                let outcome = if mutation {
                    quote!((#result_wire.mutation)(::sent_rpc::AuditFacts::default(), &result))
                } else {
                    quote!((#result_wire.query)(&result))
                };
                (
                    quote!(::sent_rpc::params::decode_none(params)?;),
                    quote!(let result = service.#ident(cx).await?;),
                    outcome,
                )
            }
        };
        quote! {
            {
                let service = ::std::sync::Arc::clone(&service);
                ::sent_rpc::Handler::new(&<Self as ::sent_rpc::Api>::METHODS[#index], move |cx: &mut C, params| {
                    let service = ::std::sync::Arc::clone(&service);
                    ::std::boxed::Box::pin(async move {
                        #decode
                        #call
                        #outcome
                    })
                })
            }
        }
    });

    let api_doc = format!("The `{app}` app's metadata and handlers, generated from [`{trait_name}`].");
    quote! {
        #(#trait_docs)*
        #(#other_attrs)*
        #vis trait #trait_name<C: ::core::marker::Send + 'static>: ::core::marker::Send + ::core::marker::Sync + 'static {
            #(#trait_methods)*
        }

        #[doc = #api_doc]
        #[derive(Debug, Clone, Copy)]
        #vis struct #api_name;

        // The metadata and the handlers use a method's types only through
        // their witnesses, so a type that is not a DTO is reported once, at
        // the type, instead of at every use (and by serde and specta first).
        const _: () = {
            #[allow(dead_code)]
            struct __SentWire<T> {
                definition: ::sent_rpc::TypeFn,
                decode: fn(
                    ::core::option::Option<&::sent_rpc::__private::serde_json::value::RawValue>,
                ) -> ::core::result::Result<T, ::sent_rpc::RpcError>,
                audit: fn(&T) -> ::sent_rpc::AuditFacts,
                query: fn(&T) -> ::core::result::Result<::sent_rpc::Outcome, ::sent_rpc::RpcError>,
                mutation: fn(
                    ::sent_rpc::AuditFacts,
                    &T,
                ) -> ::core::result::Result<::sent_rpc::Outcome, ::sent_rpc::RpcError>,
            }

            #[allow(dead_code)]
            const fn __sent_wire<T: ::sent_rpc::Dto>() -> __SentWire<T> {
                __SentWire {
                    definition: <T as ::sent_rpc::__private::specta::Type>::definition,
                    decode: ::sent_rpc::params::decode::<T>,
                    audit: ::sent_rpc::AuditFacts::of_params::<T>,
                    query: ::sent_rpc::Outcome::query::<T>,
                    mutation: ::sent_rpc::Outcome::mutation::<T>,
                }
            }

            #(#wires)*

            impl ::sent_rpc::Api for #api_name {
                const APP: &'static str = #app;
                const DOCS: &'static str = #app_docs;
                const METHODS: &'static [::sent_rpc::MethodMeta] = &[#(#metas),*];
            }

            impl #api_name {
                /// Bind every method to `service`.
                #[allow(deprecated, clippy::too_many_lines)]
                pub fn handlers<C, S>(service: ::std::sync::Arc<S>) -> ::std::vec::Vec<::sent_rpc::Handler<C>>
                where
                    C: ::core::marker::Send + 'static,
                    S: #trait_name<C>,
                {
                    ::std::vec![#(#handlers),*]
                }
            }
        };
    }
}

/// The const holding a method's params or result witness; `__SENT_` keeps it
/// clear of the names a declaration's types may use.
fn wire_ident(role: &str, index: usize) -> Ident {
    format_ident!("__SENT_{}_{}", role, index)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The last path segment of a type, as its DTO name (`Page<Account>` keeps
/// its arguments).
fn type_name(ty: &Type) -> String {
    let text = quote!(#ty).to_string().replace(' ', "");
    let base = text.split('<').next().unwrap_or(&text);
    let last = base.rsplit("::").next().unwrap_or(base);
    match text.find('<') {
        Some(at) => format!("{last}{}", &text[at..]),
        None => last.to_owned(),
    }
}
