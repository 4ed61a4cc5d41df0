//! `#[derive(FromJson)]`: a reader for one of costshare's file types, over `costshare_json`.
//!
//! It follows the `#[serde(...)]` attributes the type already has for its JSON Schema and its
//! writer (`rename_all`, `rename`, `default`, `deny_unknown_fields`), so the file format is defined
//! once. Where a field is read by a function of its own, `#[json(with = "path")]` names a
//! `fn(&Node) -> Result<T, costshare_json::Error>`.
//!
//! Supported shapes: structs with named fields, newtype structs, and enums whose variants are
//! units (`"name"`) or hold one value (`{"name": value}`), serde's default representation.
//! Anything else is a compile error, not a silently different format.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::{Attribute, Data, DeriveInput, Fields, LitStr, parse_macro_input};

#[proc_macro_derive(FromJson, attributes(json, serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

#[derive(Default)]
struct ContainerAttrs {
    rename_all: Option<String>,
    deny_unknown_fields: bool,
}

#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    /// `Some(None)`: `#[serde(default)]`; `Some(Some(f))`: `#[serde(default = "f")]`.
    default: Option<Option<syn::ExprPath>>,
    with: Option<syn::ExprPath>,
}

fn container_attrs(attrs: &[Attribute]) -> syn::Result<ContainerAttrs> {
    let mut out = ContainerAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                out.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("deny_unknown_fields") {
                out.deny_unknown_fields = true;
            } else {
                return Err(meta.error("FromJson does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

fn field_attrs(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    out.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("default") {
                    out.default = Some(if meta.input.peek(syn::Token![=]) {
                        Some(meta.value()?.parse::<LitStr>()?.parse()?)
                    } else {
                        None
                    });
                } else if meta.path.is_ident("skip_serializing_if") {
                    let _ = meta.value()?.parse::<LitStr>()?;
                } else if meta.path.is_ident("deserialize_with") || meta.path.is_ident("with") {
                    // Read by a serde function: the type must say how FromJson reads it.
                    let _ = meta.value()?.parse::<LitStr>()?;
                    if out.with.is_none() {
                        out.with = Some(syn::parse_str("__needs_json_with")?);
                    }
                } else {
                    return Err(meta.error("FromJson does not support this serde attribute"));
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("json") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("with") {
                    out.with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                    Ok(())
                } else {
                    Err(meta.error("expected #[json(with = \"path\")]"))
                }
            })?;
        }
    }
    if let Some(w) = &out.with
        && w.path.is_ident("__needs_json_with")
    {
        return Err(syn::Error::new(
            Span::call_site(),
            "a field read with a serde function needs #[json(with = \"path\")]",
        ));
    }
    Ok(out)
}

/// serde's `rename_all` rules that costshare's files use.
fn rename(name: &str, rule: Option<&str>) -> syn::Result<String> {
    let snake = || {
        let mut s = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_uppercase() {
                if i > 0 {
                    s.push('_');
                }
                s.extend(c.to_lowercase());
            } else {
                s.push(c);
            }
        }
        s
    };
    Ok(match rule {
        None => name.to_string(),
        // Field names are snake_case already; variant names are PascalCase.
        Some("snake_case") if name.contains('_') || name.chars().all(|c| !c.is_uppercase()) => {
            name.to_string()
        }
        Some("snake_case") => snake(),
        Some("SCREAMING_SNAKE_CASE") => snake().to_uppercase(),
        Some("camelCase") => {
            let mut s = String::new();
            let mut up = false;
            for (i, c) in name.chars().enumerate() {
                if c == '_' {
                    up = true;
                } else if up {
                    s.extend(c.to_uppercase());
                    up = false;
                } else if i == 0 {
                    s.extend(c.to_lowercase());
                } else {
                    s.push(c);
                }
            }
            s
        }
        Some(other) => {
            return Err(syn::Error::new(
                Span::call_site(),
                format!("FromJson does not support rename_all = \"{other}\""),
            ));
        }
    })
}

/// Reads a struct's (or a struct variant's) named fields from the node `node`, building `ctor`.
fn named(
    fields: &syn::FieldsNamed,
    ctor: &proc_macro2::TokenStream,
    expecting: &str,
    rename_all: Option<&str>,
    deny: bool,
    node: &proc_macro2::TokenStream,
) -> syn::Result<proc_macro2::TokenStream> {
    let mut keys = Vec::new();
    let mut reads = Vec::new();
    let mut vars = Vec::new();
    let mut idents = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let attrs = field_attrs(&f.attrs)?;
        let ident = f.ident.as_ref().expect("named field");
        let ty = &f.ty;
        let key = match attrs.rename {
            Some(k) => k,
            None => rename(&ident.to_string(), rename_all)?,
        };
        let var = syn::Ident::new(&format!("__f{i}"), Span::call_site());
        let reader = match &attrs.with {
            Some(with) => quote! { #with },
            None => quote! { <#ty as ::costshare_json::FromJson>::from_json },
        };
        let read = quote! { __o.read_with(#i, &mut __e, #reader) };
        // Every field is read (recording the first error) before the one exit on failure, so
        // the fields read so far are dropped in one place, not at every field.
        reads.push(match (&attrs.default, &attrs.with) {
            (Some(None), _) => quote! {
                let #var: ::core::option::Option<#ty> =
                    __o.or_default(#i, &mut __e, #reader, <#ty as ::core::default::Default>::default);
            },
            (Some(Some(f)), _) => quote! {
                let #var: ::core::option::Option<#ty> = __o.or_default(#i, &mut __e, #reader, #f);
            },
            (None, Some(_)) => quote! {
                let #var: ::core::option::Option<#ty> = __o.required(#read, #i, &mut __e, || None);
            },
            (None, None) => quote! {
                let #var: ::core::option::Option<#ty> = __o.required(
                    #read, #i, &mut __e, <#ty as ::costshare_json::FromJson>::if_missing,
                );
            },
        });
        vars.push(var);
        idents.push(ident.clone());
        keys.push(key);
    }
    Ok(quote! {
        let __o = ::costshare_json::Object::new(#node, #expecting, &[#(#keys),*], #deny)?;
        let mut __e = ::costshare_json::FirstError::default();
        #(#reads)*
        let (#(::core::option::Option::Some(#vars),)*) = (#(#vars,)*) else {
            return ::core::result::Result::Err(__e.take());
        };
        ::core::result::Result::Ok(#ctor { #(#idents: #vars),* })
    })
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = &input.ident;
    let container = container_attrs(&input.attrs)?;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(::costshare_json::FromJson));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(fields) => named(
                fields,
                &quote! { #name },
                &format!("struct {name}"),
                container.rename_all.as_deref(),
                container.deny_unknown_fields,
                &quote! { __node },
            )?,
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                quote! { ::costshare_json::FromJson::from_json(__node).map(#name) }
            }
            _ => {
                return Err(syn::Error::new(
                    Span::call_site(),
                    "FromJson reads structs with named fields and newtype structs",
                ));
            }
        },
        Data::Enum(e) => {
            let expecting = format!("enum {name}");
            let mut keys = Vec::new();
            let mut units = Vec::new();
            let mut newtypes = Vec::new();
            for v in &e.variants {
                let attrs = field_attrs(&v.attrs)?;
                let ident = &v.ident;
                let key = match attrs.rename {
                    Some(k) => k,
                    None => rename(&ident.to_string(), container.rename_all.as_deref())?,
                };
                match &v.fields {
                    Fields::Unit => {
                        units.push(quote! { #key => ::core::result::Result::Ok(#name::#ident), });
                        // `{"name": null}` is the same variant, as serde reads it.
                        newtypes.push(quote! {
                            #key => ::costshare_json::unit(__value)
                                .map(|()| #name::#ident)
                                .map_err(|e| e.at_key(#key)),
                        });
                    }
                    Fields::Named(fields) => {
                        let read = named(
                            fields,
                            &quote! { #name::#ident },
                            &format!("struct variant {name}::{ident}"),
                            None,
                            container.deny_unknown_fields,
                            &quote! { __value },
                        )?;
                        newtypes.push(quote! {
                            #key => (|| -> ::core::result::Result<Self, ::costshare_json::Error> { #read })()
                                .map_err(|e| e.at_key(#key)),
                        });
                        units.push(quote! {
                            #key => ::core::result::Result::Err(::costshare_json::Error::new(
                                "invalid type: unit variant, expected struct variant",
                            )),
                        });
                    }
                    Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        newtypes.push(quote! {
                            #key => ::costshare_json::FromJson::from_json(__value)
                                .map(#name::#ident)
                                .map_err(|e| e.at_key(#key)),
                        });
                        units.push(quote! {
                            #key => ::core::result::Result::Err(::costshare_json::Error::new(
                                "invalid type: unit variant, expected newtype variant",
                            )),
                        });
                    }
                    _ => {
                        return Err(syn::Error::new_spanned(
                            v,
                            "FromJson reads unit variants, variants holding one value and struct variants",
                        ));
                    }
                }
                keys.push(key);
            }
            quote! {
                const __VARIANTS: &[&str] = &[#(#keys),*];
                match ::costshare_json::variant(__node, #expecting, __VARIANTS)? {
                    (__tag, ::core::option::Option::None) => match __tag {
                        #(#units)*
                        // Every name is checked by `variant` and each has an arm here.
                        _ => ::core::result::Result::Err(::costshare_json::Error::new("unknown variant")),
                    },
                    (__tag, ::core::option::Option::Some(__value)) => match __tag {
                        #(#newtypes)*
                        // Every name is checked by `variant` and each has an arm here.
                        _ => ::core::result::Result::Err(::costshare_json::Error::new("unknown variant")),
                    },
                }
            }
        }
        Data::Union(_) => {
            return Err(syn::Error::new(
                Span::call_site(),
                "FromJson does not read unions",
            ));
        }
    };
    Ok(quote! {
        impl #impl_generics ::costshare_json::FromJson for #name #ty_generics #where_clause {
            #[inline(never)]
            fn from_json(__node: &::costshare_json::Node) -> ::core::result::Result<Self, ::costshare_json::Error> {
                #body
            }
        }
    })
}
