//! Value types used in files: amounts and percentages written as strings.

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A dollar amount written as a string, such as `"600"` or `"35.00"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "string"))]
pub struct Amount(pub Decimal);

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Amount {
    type Err = String;
    fn from_str(s: &str) -> Result<Amount, String> {
        let t = s.trim().trim_start_matches('$').replace(',', "");
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(format!(
                "\"{s}\" is not an amount of dollars; write it like \"600\" or \"35.50\" (no minus sign)"
            ));
        }
        Decimal::from_str(&t).map(Amount).map_err(|_| {
            format!("\"{s}\" is not an amount of dollars; write it like \"600\" or \"35.50\"")
        })
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a dollar amount as a string, like \"600\" or \"35.50\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::from_str(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Err(E::custom(format!("write amounts as strings, like \"{v}\"")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Err(E::custom(format!(
                    "write amounts as strings, like \"{v}\" (and never negative)"
                )))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                Err(E::custom(format!("write amounts as strings, like \"{v}\"")))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
            "description": "US dollars as a string, at most two decimal places, for example \"600\" or \"35.50\"."
        })
    }
}

/// A percentage written as a string, such as `"20%"` or `"12.5%"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "string"))]
pub struct Percent(pub Decimal);

impl Percent {
    /// The percentage as a fraction (`20%` is `0.2`).
    pub fn fraction(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

impl FromStr for Percent {
    type Err = String;
    fn from_str(s: &str) -> Result<Percent, String> {
        let bad = || format!("\"{s}\" is not a percentage; write it like \"20%\"");
        let t = s.trim().strip_suffix('%').ok_or_else(bad)?.trim();
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(bad());
        }
        let d = Decimal::from_str(t).map_err(|_| bad())?;
        if d > Decimal::ONE_HUNDRED {
            return Err(format!("\"{s}\" is more than 100%"));
        }
        Ok(Percent(d))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Percent, D::Error> {
        let s = String::deserialize(d)?;
        Percent::from_str(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]+)?%$",
            "description": "A percentage from 0% to 100% as a string, for example \"20%\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_parse_from_strings_only() {
        let a: Amount = serde_json::from_str("\"1,200.50\"").unwrap();
        assert_eq!(a.0, dec!(1200.50));
        let e = serde_json::from_str::<Amount>("600")
            .unwrap_err()
            .to_string();
        assert!(e.contains("write amounts as strings"), "{e}");
        let e = serde_json::from_str::<Amount>("\"-5\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no minus sign"), "{e}");
    }

    #[test]
    fn percents_need_a_percent_sign() {
        let p: Percent = serde_json::from_str("\"20%\"").unwrap();
        assert_eq!(p.fraction(), dec!(0.2));
        assert!(serde_json::from_str::<Percent>("\"0.2\"").is_err());
        assert!(serde_json::from_str::<Percent>("\"120%\"").is_err());
    }
}
