//! Value types used in files: amounts and percentages written as strings.

use costshare_json::{Error as JsonError, FromJson, Node};
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
        let t = s.trim();
        let t = t.strip_prefix('$').unwrap_or(t);
        if t.starts_with('-') {
            return Err(format!(
                "\"{s}\" is negative; amounts are zero or more (write it like \"600\")"
            ));
        }
        if t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(format!(
                "\"{s}\" is not an amount of dollars; write it like \"600\" or \"35.50\" (no minus sign)"
            ));
        }
        let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
        if fraction.contains(['.', ',']) || whole.is_empty() && fraction.is_empty() {
            return Err(format!(
                "\"{s}\" is not an amount of dollars; write it like \"600\" or \"35.50\""
            ));
        }
        // Commas only as thousands separators: "1,200.50" is fine, "1,50" is ambiguous.
        let whole = if whole.contains(',') {
            let mut groups = whole.split(',');
            let first = groups.next().unwrap_or("");
            if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
                return Err(format!(
                    "\"{s}\" is ambiguous: use a dot for cents and no other separators, like \"1200.50\""
                ));
            }
            whole.replace(',', "")
        } else {
            whole.to_string()
        };
        let digits = whole.trim_start_matches('0');
        if digits.len() > 10 {
            return Err(format!("\"{s}\" is more than $1,000,000,000"));
        }
        // Ten digits and 18 decimal places at most: 28 digits, which a `Decimal` holds exactly.
        if fraction.len() > 18 {
            return Err(format!("\"{s}\" has too many decimal places"));
        }
        decimal(&whole, fraction).map(Amount).ok_or_else(|| {
            format!("\"{s}\" is not an amount of dollars; write it like \"600\" or \"35.50\"")
        })
    }
}

/// `whole.fraction` (ASCII digits; either may be empty) as a decimal with as many decimal places
/// as `fraction` has, as `Decimal::from_str` reads it; `None` for anything else and past 28
/// significant digits or decimal places, where a `Decimal` would have to round. Amounts and
/// percentages need only this; rust_decimal's own parser reads every notation (exponents,
/// underscores) and is 9 KB of WebAssembly (issues 9 and 12).
fn decimal(whole: &str, fraction: &str) -> Option<Decimal> {
    let scale = u32::try_from(fraction.len()).ok().filter(|s| *s <= 28)?;
    let mut mantissa: i128 = 0;
    let mut significant = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        if mantissa > 0 || digit > 0 {
            significant += 1;
            if significant > 28 {
                return None;
            }
        }
        mantissa = mantissa * 10 + i128::from(digit);
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
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

impl FromJson for Amount {
    fn from_json(node: &Node) -> Result<Amount, JsonError> {
        match node {
            Node::String(s) => Amount::from_str(s).map_err(JsonError::new),
            Node::Unsigned(v) => Err(JsonError::new(format!(
                "write amounts as strings, like \"{v}\""
            ))),
            Node::Signed(v) => Err(JsonError::new(format!(
                "write amounts as strings, like \"{v}\" (and never negative)"
            ))),
            Node::Float(v) => Err(JsonError::new(format!(
                "write amounts as strings, like \"{v}\""
            ))),
            _ => Err(JsonError::invalid_type(
                node,
                "a dollar amount as a string, like \"600\" or \"35.50\"",
            )),
        }
    }
}

/// The JSON Schema's pattern for an amount: what [`Amount::from_str`] reads (spaces around it, a
/// `$`, commas between groups of three digits, a dot and any digits); the checks after reading
/// (no more than $1 billion, no fraction of a cent) are the tool's.
pub const AMOUNT_PATTERN: &str =
    "^\\s*\\$?(([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.[0-9]*)?|\\.[0-9]+)\\s*$";

/// The JSON Schema's pattern for a percentage: what [`Percent::from_str`] reads.
pub const PERCENT_PATTERN: &str = "^\\s*([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*%\\s*$";

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": AMOUNT_PATTERN,
            "description": "US dollars as a string, for example \"600\", \"35.50\" or \"$1,200\" (a dollar sign and thousands commas may be written; no fraction of a cent)."
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
        let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
            return Err(bad());
        }
        if whole.trim_start_matches('0').len() > 3 {
            return Err(format!("\"{s}\" is more than 100%"));
        }
        let d = decimal(whole, fraction).ok_or_else(bad)?;
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
        // A visitor (not `String::deserialize` then a check) so that the reader's error position,
        // and with it the field path, is the value's own.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Percent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Percent, E> {
                Percent::from_str(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl FromJson for Percent {
    fn from_json(node: &Node) -> Result<Percent, JsonError> {
        match node {
            Node::String(s) => Percent::from_str(s).map_err(JsonError::new),
            _ => Err(JsonError::invalid_type(node, "a string")),
        }
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PERCENT_PATTERN,
            "description": "A percentage from 0% to 100% as a string, for example \"20%\"."
        })
    }
}

/// Reads a `YYYY-MM-DD` date, naming the value when it is not one ("2010-02-30 is not a date").
pub(crate) fn date_json(node: &Node) -> Result<chrono::NaiveDate, JsonError> {
    match node {
        Node::String(s) => parse_date(s).map_err(JsonError::new),
        _ => Err(JsonError::invalid_type(node, "a string")),
    }
}

/// A `YYYY-MM-DD` date, or what is wrong with it.
pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    let well_formed = s.len() == 10
        && s.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(format!(
            "\"{s}\" is not a date; write it as YYYY-MM-DD, like \"2010-03-01\""
        ));
    }
    let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
    i32::try_from(number(0..4))
        .ok()
        .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)))
        .ok_or_else(|| format!("{s} is not a date (that month has no such day)"))
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
        assert!(e.contains("negative"), "{e}");
    }

    #[test]
    fn ambiguous_separators_and_extremes_are_rejected() {
        let parse = |s: &str| s.parse::<Amount>();
        assert_eq!(parse("1,200,000.5").unwrap().0, dec!(1200000.5));
        assert_eq!(parse("$35.50").unwrap().0, dec!(35.50));
        assert_eq!(parse("10.500").unwrap().0, dec!(10.500));
        assert_eq!(parse(".5").unwrap().0, dec!(0.5));
        for bad in [
            "1,50", "1,5000", ",500", "1.200,50", "1.2.3", ".", "1,200,00",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        assert!(parse("1,50").unwrap_err().contains("ambiguous"));
        assert!(
            parse("79228162514264337593543950335")
                .unwrap_err()
                .contains("more than $1,000,000,000")
        );
        assert!(
            parse("792281625142643375935439503350000")
                .unwrap_err()
                .contains("more than")
        );
        assert!(
            parse("0.00000000000000000000000000000001")
                .unwrap_err()
                .contains("decimal places")
        );
        assert!(parse("-5").unwrap_err().contains("negative"));
        // Up to ten digits pass here; the $1,000,000,000 limit itself is checked on conversion.
        assert_eq!(parse("9999999999").unwrap().0, dec!(9999999999));
    }

    proptest::proptest! {
        /// Our reading of digits is rust_decimal's, scale included, wherever ours reads them.
        #[test]
        fn digits_read_as_rust_decimal_reads_them(whole in "[0-9]{0,12}", fraction in "[0-9]{0,20}") {
            proptest::prop_assume!(!whole.is_empty() || !fraction.is_empty());
            let text = format!("{whole}.{fraction}");
            let theirs = Decimal::from_str(&text).ok();
            match decimal(&whole, &fraction) {
                Some(ours) => {
                    proptest::prop_assert_eq!(Some(ours), theirs);
                    proptest::prop_assert_eq!(ours.scale(), theirs.map(|d| d.scale()).unwrap_or(99));
                }
                // Ours refuses only what a `Decimal` cannot hold without rounding.
                None => proptest::prop_assert!(
                    whole.trim_start_matches('0').len() + fraction.len() > 28 || fraction.len() > 28
                ),
            }
        }
    }

    #[test]
    fn percentages_read_digits_and_one_dot() {
        let parse = |s: &str| s.parse::<Percent>();
        assert_eq!(parse("12.5%").unwrap().0.to_string(), "12.5");
        assert_eq!(parse(" 20 %").unwrap().0, dec!(20));
        assert_eq!(parse(".25%").unwrap().0, dec!(0.25));
        for bad in ["%", ".%", "1.2.3%", "-5%", "1e2%", "20", "1_0%", "101%"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn invalid_dates_name_the_value() {
        let read = |s: &str| date_json(&Node::parse(s).unwrap());
        let e = |s: &str| read(s).err().unwrap().to_string();
        assert!(
            e("\"2010-02-30\"").starts_with("2010-02-30 is not a date"),
            "{}",
            e("\"2010-02-30\"")
        );
        assert!(e("\"2010-13-01\"").starts_with("2010-13-01 is not a date"));
        assert!(e("\"3/1/2010\"").contains("\"3/1/2010\" is not a date; write it as YYYY-MM-DD"));
        assert!(e("\"2010-3-1\"").contains("YYYY-MM-DD"));
        assert_eq!(read("\"2010-02-28\"").unwrap().to_string(), "2010-02-28");
        assert!(
            read("20100228")
                .unwrap_err()
                .message
                .starts_with("invalid type: integer")
        );
    }

    #[test]
    fn percents_need_a_percent_sign() {
        let p: Percent = serde_json::from_str("\"20%\"").unwrap();
        assert_eq!(p.fraction(), dec!(0.2));
        assert!(serde_json::from_str::<Percent>("\"0.2\"").is_err());
        assert!(serde_json::from_str::<Percent>("\"120%\"").is_err());
    }
}
