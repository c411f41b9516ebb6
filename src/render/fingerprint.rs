//! Fingerprints: a hash of a page's view — the very value its template is given — with
//! its template name and the settings epoch. Equal fingerprints mean equal output, which
//! lets `serve` skip the pages an edit did not touch. The hash is taken by serialising
//! the view into a hasher, so a field added to a view is covered without more code.
//!
//! A part of a view made once for many pages (a month's calendar) is kept as the template
//! value it becomes, with a fingerprint of what it was made from; while a view is hashed
//! ([`hashing`]), such a part serialises as that fingerprint instead of as the value.

use std::cell::Cell;
use std::hash::{Hash, Hasher};

use serde::ser::{self, Serialize};

/// The hasher every fingerprint is taken with. Its seed is fixed, so a fingerprint kept
/// in the cache means the same in the next run; it is several times faster than the
/// standard library's SipHash on the many small writes a view makes, and fingerprints
/// guard against accidents (an edit that should re-render a page), not against an
/// adversary.
pub fn hasher() -> impl Hasher {
    use std::hash::BuildHasher;
    const SEED: u64 = 0x6d65_6b6f_6e67_0001;
    foldhash::quality::FixedState::with_seed(SEED).build_hasher()
}

thread_local! {
    /// Whether this thread is serialising something into a hasher.
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether what is being serialised goes into a fingerprint (rather than to a template).
pub fn hashing() -> bool {
    HASHING.get()
}

/// A part of many views made once (a language's `site`, say): the template value it
/// becomes, and the fingerprint of what it was made from, which stands for it in the
/// fingerprints of the views holding it.
#[derive(Clone)]
pub struct Prebuilt {
    key: u64,
    value: tera::Value,
}

impl Prebuilt {
    pub fn new(made_from: &impl Serialize) -> Prebuilt {
        Prebuilt {
            key: hash_serialized(made_from),
            value: tera::Value::from_serializable(made_from),
        }
    }
}

impl Serialize for Prebuilt {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if hashing() {
            self.key.serialize(serializer)
        } else {
            // Tera takes its own value as it is (a reference counted), without
            // serialising it again.
            self.value.serialize(serializer)
        }
    }
}

/// Serialises `value` into `hasher`, with [`hashing`] true meanwhile.
fn feed(value: &(impl Serialize + ?Sized), hasher: &mut impl Hasher) {
    let before = HASHING.replace(true);
    // Views are plain data: serialising them cannot fail.
    let _ = value.serialize(HashSerializer(hasher));
    HASHING.set(before);
}

/// The fingerprint of a serialisable view.
pub fn of(view: &impl Serialize, template: &str, epoch: u64) -> u64 {
    let mut hasher = hasher();
    epoch.hash(&mut hasher);
    template.hash(&mut hasher);
    feed(view, &mut hasher);
    hasher.finish()
}

/// Feeds everything serialised into a hasher, with a tag per kind of value so that
/// different shapes hash differently.
pub struct HashSerializer<'h, H: Hasher>(pub &'h mut H);

#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hashing does not fail")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Never {
        Never
    }
}

impl<'h, H: Hasher> HashSerializer<'h, H> {
    fn tag(&mut self, tag: u8) {
        self.0.write_u8(tag);
    }
}

macro_rules! hash_scalar {
    ($($method:ident: $type:ty = $tag:expr),* $(,)?) => {
        $(fn $method(mut self, v: $type) -> Result<(), Never> {
            self.tag($tag);
            v.hash(self.0);
            Ok(())
        })*
    };
}

impl<'h, H: Hasher> ser::Serializer for HashSerializer<'h, H> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    hash_scalar! {
        serialize_bool: bool = 1,
        serialize_i8: i8 = 2,
        serialize_i16: i16 = 2,
        serialize_i32: i32 = 2,
        serialize_i64: i64 = 2,
        serialize_i128: i128 = 2,
        serialize_u8: u8 = 3,
        serialize_u16: u16 = 3,
        serialize_u32: u32 = 3,
        serialize_u64: u64 = 3,
        serialize_u128: u128 = 3,
        serialize_char: char = 5,
        serialize_str: &str = 6,
        serialize_bytes: &[u8] = 7,
    }

    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(mut self, v: f64) -> Result<(), Never> {
        self.tag(4);
        v.to_bits().hash(self.0);
        Ok(())
    }

    fn serialize_none(mut self) -> Result<(), Never> {
        self.tag(8);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(mut self, value: &T) -> Result<(), Never> {
        self.tag(9);
        value.serialize(self)
    }

    fn serialize_unit(mut self) -> Result<(), Never> {
        self.tag(10);
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.tag(11);
        variant.hash(self.0);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.tag(12);
        variant.hash(self.0);
        value.serialize(self)
    }

    fn serialize_seq(mut self, len: Option<usize>) -> Result<Self, Never> {
        self.tag(13);
        len.hash(self.0);
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.tag(14);
        variant.hash(self.0);
        len.hash(self.0);
        Ok(self)
    }

    fn serialize_map(mut self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(15);
        Ok(self)
    }

    fn serialize_struct(mut self, name: &'static str, _: usize) -> Result<Self, Never> {
        self.tag(16);
        name.hash(self.0);
        Ok(self)
    }

    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.tag(17);
        variant.hash(self.0);
        Ok(self)
    }
}

impl<H: Hasher> HashSerializer<'_, H> {
    fn again(&mut self) -> HashSerializer<'_, H> {
        HashSerializer(self.0)
    }

    fn end_mark(&mut self) -> Result<(), Never> {
        self.tag(18);
        Ok(())
    }
}

macro_rules! hash_compound {
    ($trait:ident, $method:ident) => {
        impl<H: Hasher> ser::$trait for HashSerializer<'_, H> {
            type Ok = ();
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(self.again())
            }
            fn end(mut self) -> Result<(), Never> {
                self.end_mark()
            }
        }
    };
}

hash_compound!(SerializeSeq, serialize_element);
hash_compound!(SerializeTuple, serialize_element);
hash_compound!(SerializeTupleStruct, serialize_field);
hash_compound!(SerializeTupleVariant, serialize_field);

impl<H: Hasher> ser::SerializeMap for HashSerializer<'_, H> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(self.again())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(mut self) -> Result<(), Never> {
        self.end_mark()
    }
}

macro_rules! hash_fields {
    ($trait:ident) => {
        impl<H: Hasher> ser::$trait for HashSerializer<'_, H> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                key.hash(self.0);
                value.serialize(self.again())
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
                // A field left out (`None` skipped) differs from one present.
                self.tag(19);
                key.hash(self.0);
                Ok(())
            }
            fn end(mut self) -> Result<(), Never> {
                self.end_mark()
            }
        }
    };
}

hash_fields!(SerializeStruct);
hash_fields!(SerializeStructVariant);

/// Feeds one serialisable value into a running hash (one of many, in turn).
pub fn hash_into(value: &impl Serialize, hasher: &mut impl Hasher) {
    feed(value, hasher);
}

/// Hashes anything serialisable (an answer of a template function, say).
pub fn hash_serialized(value: &impl Serialize) -> u64 {
    let mut hasher = hasher();
    feed(value, &mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct Small<'a> {
        title: &'a str,
        count: usize,
    }

    /// `Small` with one field more, under the same name.
    #[derive(Serialize)]
    #[serde(rename = "Small")]
    struct Grown<'a> {
        title: &'a str,
        count: usize,
        summary: Option<&'a str>,
    }

    #[test]
    fn equal_views_hash_equal_and_any_change_shows() {
        let a = of(
            &Small {
                title: "Hà Giang",
                count: 2,
            },
            "page.html",
            1,
        );
        assert_eq!(
            a,
            of(
                &Small {
                    title: "Hà Giang",
                    count: 2
                },
                "page.html",
                1
            )
        );
        assert_ne!(
            a,
            of(
                &Small {
                    title: "Hà Giang",
                    count: 3
                },
                "page.html",
                1
            )
        );
        assert_ne!(
            a,
            of(
                &Small {
                    title: "Ha Giang",
                    count: 2
                },
                "page.html",
                1
            )
        );
        assert_ne!(
            a,
            of(
                &Small {
                    title: "Hà Giang",
                    count: 2
                },
                "other.html",
                1
            )
        );
        assert_ne!(
            a,
            of(
                &Small {
                    title: "Hà Giang",
                    count: 2
                },
                "page.html",
                2
            )
        );
    }

    #[test]
    fn a_field_added_to_a_view_changes_its_fingerprint() {
        let small = of(
            &Small {
                title: "x",
                count: 1,
            },
            "page.html",
            0,
        );
        let grown = of(
            &Grown {
                title: "x",
                count: 1,
                summary: None,
            },
            "page.html",
            0,
        );
        assert_ne!(small, grown);
    }

    #[test]
    fn strings_are_delimited() {
        // ("ab", "c") and ("a", "bc") must differ.
        assert_ne!(hash_serialized(&("ab", "c")), hash_serialized(&("a", "bc")));
    }
}
