//! The terms file as written, with where each key and value stands.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// Taxonomies in file order, each with its terms in file order (duplicates kept, so
/// that they can be reported at their line).
pub(super) struct RawTerms(pub Vec<(Spanned<String>, Entries)>);

/// A taxonomy's terms: key and term as written.
pub(super) type Entries = Vec<(Spanned<String>, RawTerm)>;

#[derive(Default)]
pub(super) struct RawTerm {
    pub names: Vec<(Spanned<String>, Spanned<String>)>,
    pub descriptions: Vec<(Spanned<String>, Spanned<String>)>,
    /// Keys that are neither a language code nor `description`.
    pub unknown: Vec<Spanned<String>>,
}

struct RawEntries(Vec<(Spanned<String>, RawTerm)>);

struct Descriptions(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for RawTerms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = RawTerms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("taxonomies: `tags: { key: { vi: \"…\", en: \"…\", lo: \"…\" } }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTerms, A::Error> {
                let mut taxonomies = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let entries = map.next_value::<RawEntries>()?;
                    taxonomies.push((key, entries.0));
                }
                Ok(RawTerms(taxonomies))
            }
            fn visit_unit<E>(self) -> Result<RawTerms, E> {
                Ok(RawTerms(Vec::new()))
            }
        }
        deserializer.deserialize_map(TopVisitor)
    }
}

impl<'de> Deserialize<'de> for RawEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawEntries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("terms: `key: { vi: \"…\", en: \"…\", lo: \"…\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntries, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let entry = map.next_value::<RawTerm>()?;
                    entries.push((key, entry));
                }
                Ok(RawEntries(entries))
            }
            fn visit_unit<E>(self) -> Result<RawEntries, E> {
                Ok(RawEntries(Vec::new()))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

impl<'de> Deserialize<'de> for RawTerm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TermVisitor;
        impl<'de> Visitor<'de> for TermVisitor {
            type Value = RawTerm;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name per language: `{ vi: \"…\", en: \"…\", lo: \"…\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTerm, A::Error> {
                let mut term = RawTerm::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.value.as_str() {
                        "description" => {
                            term.descriptions = map.next_value::<Descriptions>()?.0;
                        }
                        name if is_language_code(name) => {
                            let value: Spanned<String> = map.next_value()?;
                            if term.names.iter().any(|(lang, _)| lang.value == name) {
                                return Err(de::Error::custom(format!(
                                    "the {name} name is given twice"
                                )));
                            }
                            term.names.push((key, value));
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            term.unknown.push(key);
                        }
                    }
                }
                Ok(term)
            }
        }
        deserializer.deserialize_map(TermVisitor)
    }
}

impl<'de> Deserialize<'de> for Descriptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DescriptionVisitor;
        impl<'de> Visitor<'de> for DescriptionVisitor {
            type Value = Descriptions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a description per language: `{ vi: \"…\", en: \"…\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Descriptions, A::Error> {
                let mut all = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    all.push((key, map.next_value::<Spanned<String>>()?));
                }
                Ok(Descriptions(all))
            }
        }
        deserializer.deserialize_map(DescriptionVisitor)
    }
}

/// Whether a key of a term is a language's name; which languages the site has is
/// checked after reading (an unknown one is then reported with a hint).
fn is_language_code(name: &str) -> bool {
    (2..=3).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_lowercase())
}
