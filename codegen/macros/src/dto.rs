//! `#[sent_rpc::dto]`: one set of wire conventions for every type.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, parse_quote, spanned::Spanned};

use crate::case::camel_case;

pub fn expand(args: TokenStream, input: TokenStream) -> syn::Result<TokenStream> {
    if !args.is_empty() {
        return Err(syn::Error::new(args.span(), "#[sent_rpc::dto] takes no arguments"));
    }
    let mut item: DeriveInput = syn::parse2(input)?;
    let name = &item.ident;

    let mut sensitive = Vec::new();
    let mut ids = Vec::new();
    let is_struct = match &mut item.data {
        Data::Struct(data) => {
            let Fields::Named(fields) = &mut data.fields else {
                return Err(syn::Error::new(
                    data.fields.span(),
                    "a DTO struct needs named fields: they are its members on the wire",
                ));
            };
            for field in &mut fields.named {
                let Some(ident) = field.ident.clone() else { continue };
                let before = field.attrs.len();
                let mut is_id = false;
                let mut is_sensitive = false;
                field.attrs.retain(|attr| {
                    if attr.path().is_ident("id") {
                        is_id = true;
                        false
                    } else if attr.path().is_ident("sensitive") {
                        is_sensitive = true;
                        false
                    } else {
                        true
                    }
                });
                debug_assert!(field.attrs.len() <= before);
                if is_sensitive {
                    sensitive.push(camel_case(&ident.to_string()));
                }
                if is_id {
                    ids.push(ident);
                }
            }
            true
        }
        Data::Enum(data) => {
            for variant in &data.variants {
                if !matches!(variant.fields, Fields::Unit) {
                    return Err(syn::Error::new_spanned(
                        &variant.fields,
                        "a DTO enum has unit variants only: it becomes a union of string literals",
                    ));
                }
            }
            false
        }
        Data::Union(data) => {
            return Err(syn::Error::new(data.union_token.span, "a union cannot be a DTO"));
        }
    };

    let serde_attr = if is_struct {
        quote!(#[serde(crate = "::sent_rpc::__private::serde", rename_all = "camelCase", deny_unknown_fields)])
    } else {
        quote!(#[serde(crate = "::sent_rpc::__private::serde", rename_all = "camelCase")])
    };

    let mut generics = item.generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(parse_quote!(::sent_rpc::Dto));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    Ok(quote! {
        #[derive(
            ::sent_rpc::__private::serde::Serialize,
            ::sent_rpc::__private::serde::Deserialize,
            ::sent_rpc::__private::specta::Type
        )]
        #serde_attr
        #[specta(crate = ::sent_rpc::__private::specta)]
        #item

        impl #impl_generics ::sent_rpc::Dto for #name #ty_generics #where_clause {
            fn redacted(&self) -> ::sent_rpc::__private::serde_json::Value {
                ::sent_rpc::__private::redact_members(self, &[#(#sensitive),*])
            }
            fn ids(&self, out: &mut ::std::vec::Vec<::sent_rpc::__private::uuid::Uuid>) {
                #( ::sent_rpc::CollectIds::collect_ids(&self.#ids, out); )*
                let _ = out;
            }
        }

        // So that `#[id]` on a field holding another DTO collects its ids.
        impl #impl_generics ::sent_rpc::CollectIds for #name #ty_generics #where_clause {
            fn collect_ids(&self, out: &mut ::std::vec::Vec<::sent_rpc::__private::uuid::Uuid>) {
                ::sent_rpc::Dto::ids(self, out);
            }
        }
    })
}
