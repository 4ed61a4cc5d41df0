//! Exact money and rates.
//!
//! Inside the engine an amount is a whole number of cents ([`Money`]) and a rate is a whole number
//! of parts per million ([`Rate`]). Both convert exactly to and from [`rust_decimal::Decimal`] at
//! the crate's edges. Integer cents keep the adjudication loop fast and exact; rounding happens in
//! exactly one function, [`Money::mul_div`], by one rule: round half away from zero to the cent.

use rust_decimal::Decimal;
use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// The largest amount the engine accepts: one billion dollars, in cents. Keeps every sum of a
/// year's claims far from `i64` overflow.
pub const MAX_CENTS: i64 = 100_000_000_000;

/// An exact amount of US dollars, stored as cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a [`Decimal`] could not become [`Money`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// The amount has a fraction of a cent, such as `10.005`.
    FractionOfCent,
    /// The amount is below zero.
    Negative,
    /// The amount is more than one billion dollars.
    TooLarge,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::FractionOfCent => "has a fraction of a cent (use at most 2 decimal places)",
            MoneyError::Negative => "is negative (amounts must be zero or more)",
            MoneyError::TooLarge => "is more than $1,000,000,000",
        })
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    /// Zero dollars.
    pub const ZERO: Money = Money(0);

    /// An amount from whole cents. Callers inside the engine only.
    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// An amount from whole dollars.
    pub const fn from_dollars(dollars: i64) -> Money {
        Money(dollars * 100)
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Converts an exact, non-negative decimal with at most two decimal places.
    pub fn from_decimal(value: Decimal) -> Result<Money, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative);
        }
        // Checked: a value near `Decimal::MAX` must fail, not overflow.
        let cents = value
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::TooLarge)?;
        if cents.fract() != Decimal::ZERO {
            return Err(MoneyError::FractionOfCent);
        }
        let cents: i64 = cents.trunc().try_into().map_err(|_| MoneyError::TooLarge)?;
        if cents > MAX_CENTS {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(cents))
    }

    /// The amount as a decimal with two decimal places.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// `self × numerator ÷ denominator`, rounded half away from zero to the cent.
    ///
    /// This is the engine's only rounding point: coinsurance, penalties and prorated visit limits
    /// all go through it. `denominator` must be positive; a zero denominator gives zero.
    pub fn mul_div(self, numerator: i64, denominator: i64) -> Money {
        if denominator <= 0 {
            return Money::ZERO;
        }
        // Fast path in 64 bits, on magnitudes: when the two factors have at most 63 significant
        // bits between them the product fits in a `u64` below 2^63, and adding half the
        // denominator (below 2^62) cannot overflow. No `i128` and no overflow-checked multiply
        // (both become a call to `__multi3` in WebAssembly). Rounding half away from zero on the
        // magnitude, then the sign, is the same rule as the 128-bit path below.
        let (a, b) = (self.0.unsigned_abs(), numerator.unsigned_abs());
        if a.leading_zeros() + b.leading_zeros() >= 65 {
            let d = denominator.unsigned_abs();
            let q = (a * b + d / 2) / d;
            // q <= a * b < 2^63, so it is a valid i64 magnitude.
            let q = q as i64;
            return Money(if (self.0 < 0) != (numerator < 0) {
                -q
            } else {
                q
            });
        }
        let product = i128::from(self.0) * i128::from(numerator);
        let den = i128::from(denominator);
        let half = den / 2;
        let rounded = if product >= 0 {
            (product + half) / den
        } else {
            (product - half) / den
        };
        Money(i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN }))
    }

    /// The share of this amount given by `rate`, rounded by [`Money::mul_div`].
    pub fn times(self, rate: Rate) -> Money {
        self.mul_div(i64::from(rate.ppm()), Rate::ONE_PPM)
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        if self <= other { self } else { other }
    }

    /// `self − other`, but never below zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    /// True when the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Formats as `$1,234.50`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = abs / 100;
        let cents = abs % 100;
        let digits = dollars.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}${grouped}.{cents:02}")
    }
}

/// A share between 0% and 100%, stored exactly as parts per million.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(u32);

impl Rate {
    /// Parts per million in 100%.
    pub const ONE_PPM: i64 = 1_000_000;
    /// 0%.
    pub const ZERO: Rate = Rate(0);
    /// 100%.
    pub const FULL: Rate = Rate(1_000_000);

    /// A rate from parts per million; `None` above 100%.
    pub const fn from_ppm(ppm: u32) -> Option<Rate> {
        if ppm as i64 <= Rate::ONE_PPM {
            Some(Rate(ppm))
        } else {
            None
        }
    }

    /// A rate from a whole percentage; `None` above 100.
    pub const fn from_percent(percent: u32) -> Option<Rate> {
        if percent <= 100 {
            Some(Rate(percent * 10_000))
        } else {
            None
        }
    }

    /// Converts a fraction such as `0.2` (20%). Fails above 1, below 0, or finer than one part
    /// per million.
    pub fn from_fraction(value: Decimal) -> Option<Rate> {
        if value.is_sign_negative() && !value.is_zero() {
            return None;
        }
        let ppm = value.checked_mul(Decimal::from(Rate::ONE_PPM))?;
        if ppm.fract() != Decimal::ZERO {
            return None;
        }
        let ppm: u32 = ppm.trunc().try_into().ok()?;
        Rate::from_ppm(ppm)
    }

    /// Parts per million.
    pub const fn ppm(self) -> u32 {
        self.0
    }

    /// The rate as a fraction, for example `0.2`.
    pub fn to_fraction(self) -> Decimal {
        Decimal::new(i64::from(self.0), 6).normalize()
    }

    /// 100% minus this rate.
    pub const fn complement(self) -> Rate {
        Rate(1_000_000 - self.0)
    }
}

/// Formats as `20%` or `12.5%`.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = Decimal::new(i64::from(self.0), 4).normalize();
        write!(f, "{percent}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimal_round_trip_is_exact() {
        let m = Money::from_decimal(dec!(1234.5)).unwrap();
        assert_eq!(m.cents(), 123_450);
        assert_eq!(m.to_decimal(), dec!(1234.50));
        assert_eq!(m.to_string(), "$1,234.50");
        assert_eq!(Money::from_cents(5).to_string(), "$0.05");
        assert_eq!(Money::from_dollars(1_000_000).to_string(), "$1,000,000.00");
    }

    #[test]
    fn decimal_rejects_bad_amounts() {
        assert_eq!(
            Money::from_decimal(dec!(10.005)),
            Err(MoneyError::FractionOfCent)
        );
        assert_eq!(Money::from_decimal(dec!(-1)), Err(MoneyError::Negative));
        assert_eq!(
            Money::from_decimal(dec!(1000000000.01)),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(Money::from_decimal(dec!(-0)), Ok(Money::ZERO));
        // Near the largest decimal: an error, never an overflow.
        assert_eq!(Money::from_decimal(Decimal::MAX), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::from_decimal(Decimal::MAX / dec!(100)),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(Money::from_decimal(Decimal::MIN), Err(MoneyError::Negative));
        assert_eq!(
            Money::from_decimal(Decimal::new(1, 28)),
            Err(MoneyError::FractionOfCent)
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        // 20% of $0.13 = 2.6 cents -> 3 cents; 20% of $0.12 = 2.4 cents -> 2 cents.
        let twenty = Rate::from_percent(20).unwrap();
        assert_eq!(Money::from_cents(13).times(twenty).cents(), 3);
        assert_eq!(Money::from_cents(12).times(twenty).cents(), 2);
        // Exactly half a cent rounds up: 50% of 1 cent.
        assert_eq!(
            Money::from_cents(1)
                .times(Rate::from_percent(50).unwrap())
                .cents(),
            1
        );
        assert_eq!(Money::from_cents(-1).mul_div(1, 2).cents(), -1);
        assert_eq!(Money::from_cents(100).mul_div(1, 0), Money::ZERO);
    }

    #[test]
    fn rates_convert_exactly() {
        assert_eq!(Rate::from_fraction(dec!(0.2)), Rate::from_percent(20));
        assert_eq!(Rate::from_fraction(dec!(1.01)), None);
        assert_eq!(Rate::from_fraction(dec!(0.0000001)), None);
        assert_eq!(Rate::from_fraction(Decimal::MAX), None);
        assert_eq!(Rate::from_fraction(Decimal::MIN), None);
        assert_eq!(Rate::from_fraction(Decimal::new(1, 28)), None);
        assert_eq!(Rate::from_percent(20).unwrap().to_string(), "20%");
        assert_eq!(Rate::from_ppm(125_000).unwrap().to_string(), "12.5%");
        assert_eq!(
            Rate::from_percent(20).unwrap().complement(),
            Rate::from_percent(80).unwrap()
        );
    }
}

#[cfg(test)]
mod mul_div_paths {
    use super::*;
    use proptest::prelude::*;

    fn wide(m: i64, n: i64, d: i64) -> i64 {
        let p = i128::from(m) * i128::from(n);
        let h = i128::from(d) / 2;
        (if p >= 0 {
            (p + h) / i128::from(d)
        } else {
            (p - h) / i128::from(d)
        }) as i64
    }

    proptest! {
        #![proptest_config(ProptestConfig { rng_seed: proptest::test_runner::RngSeed::Fixed(11), failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn fast_path_rounds_like_the_wide_path(m in -MAX_CENTS..MAX_CENTS, n in -10_000_000i64..10_000_000, d in 1i64..10_000_000) {
            prop_assert_eq!(Money::from_cents(m).mul_div(n, d).cents(), wide(m, n, d));
        }

        #[test]
        fn any_factors_round_like_the_wide_path(m in any::<i64>(), n in any::<i64>(), d in 1i64..=i64::MAX, bits in 0u32..64) {
            // Factors of every size, so both paths and the edge between them are exercised.
            let (m, n) = (m >> (bits / 2), n >> (bits - bits / 2));
            let p = i128::from(m) * i128::from(n);
            let h = i128::from(d) / 2;
            let r = if p >= 0 { (p + h) / i128::from(d) } else { (p - h) / i128::from(d) };
            let expected = i64::try_from(r).unwrap_or(if r > 0 { i64::MAX } else { i64::MIN });
            prop_assert_eq!(Money::from_cents(m).mul_div(n, d).cents(), expected);
        }
    }
}
