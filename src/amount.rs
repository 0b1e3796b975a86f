//! Exact money: [`Amount`] counts fen (0.01 yuan) in an integer, so sums never drift.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount of Chinese yuan, held exactly as a whole number of fen.
///
/// Record amounts are never negative; differences computed from them may be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

/// Why a written amount is not acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Not a plain decimal number (letters, exponent, several dots, empty).
    NotANumber,
    /// More than two digits after the decimal point.
    TooPrecise,
    /// Below zero.
    Negative,
    /// Larger than any school would spend (more than 10^13 yuan).
    TooLarge,
}

/// The largest accepted amount, in yuan: far above any real figure, far below overflow.
const MAX_YUAN: i64 = 10_000_000_000_000;

impl Amount {
    /// Zero yuan.
    pub const ZERO: Amount = Amount(0);

    /// An amount from a whole number of fen.
    pub fn from_fen(fen: i64) -> Amount {
        Amount(fen)
    }

    /// The amount in fen.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// Reads a decimal number as written in a record: `1200`, `850.5`, `"850.50"`, `1_000`.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let text: String = text.trim().chars().filter(|&c| c != '_').collect();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(frac) {
            return Err(AmountError::NotANumber);
        }
        if digits.contains('.') && frac.is_empty() {
            return Err(AmountError::NotANumber);
        }
        if frac.len() > 2 {
            return Err(AmountError::TooPrecise);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 14 {
            return Err(AmountError::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| AmountError::TooLarge)?
        };
        if yuan > MAX_YUAN {
            return Err(AmountError::TooLarge);
        }
        let fen_part: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let fen = yuan * 100 + fen_part;
        if negative && fen != 0 {
            return Err(AmountError::Negative);
        }
        Ok(Amount(fen))
    }

    /// The amount with thousands separators, for reading: `1,234,567.50`.
    pub fn grouped(self) -> String {
        let abs = self.0.unsigned_abs();
        let (yuan, fen) = (abs / 100, abs % 100);
        let mut out = crate::i18n::group_thousands(&yuan.to_string());
        if self.0 < 0 {
            out.insert(0, '-');
        }
        out.push('.');
        out.push(char::from(b'0' + (fen / 10) as u8));
        out.push(char::from(b'0' + (fen % 10) as u8));
        out
    }

    /// The amount in 万元 (ten thousands of yuan), rounded to two decimals:
    /// `120.06万元` for 1,200,600.00.
    pub fn wan(self) -> String {
        let hundredths = (self.0 + 5_000).div_euclid(10_000);
        let (whole, part) = (hundredths.div_euclid(100), hundredths.rem_euclid(100));
        format!(
            "{}.{part:02}万元",
            crate::i18n::group_thousands(&whole.to_string())
        )
    }

    /// This amount multiplied by a count of items.
    pub fn times(self, count: u32) -> Amount {
        Amount(self.0.saturating_mul(i64::from(count)))
    }
}

impl fmt::Display for Amount {
    /// Always two decimals: `1200.00`, `-3.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl serde::Serialize for Amount {
    /// Serialised as a string with two decimals, as the stats contract requires; as
    /// the number of fen in a binary format (the build's cache).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i64(self.0)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Amount {
    /// Read back from what it is serialised as.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        if !d.is_human_readable() {
            return i64::deserialize(d).map(Amount);
        }
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Amount::parse(&text).map_err(|_| serde::de::Error::custom(format!("not an amount: {text}")))
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    /// A number of yuan, not negative, written as a number or a string with at most
    /// two decimals.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "人民币金额(元),不为负,最多两位小数 / yuan, not negative, at most 2 decimals",
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": "^\\+?[0-9][0-9_]*(\\.[0-9]{1,2})?$"}
            ]
        })
    }
}

impl Add for Amount {
    type Output = Amount;
    fn add(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Amount {
    fn add_assign(&mut self, other: Amount) {
        *self = *self + other;
    }
}

impl Sub for Amount {
    type Output = Amount;
    fn sub(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }
}

impl Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_written_forms() {
        assert_eq!(Amount::parse("1200"), Ok(Amount(120_000)));
        assert_eq!(Amount::parse("850.5"), Ok(Amount(85_050)));
        assert_eq!(Amount::parse("850.50"), Ok(Amount(85_050)));
        assert_eq!(Amount::parse("0.07"), Ok(Amount(7)));
        assert_eq!(Amount::parse("1_000"), Ok(Amount(100_000)));
        assert_eq!(Amount::parse("-0"), Ok(Amount(0)));
    }

    #[test]
    fn rejects_what_is_not_money() {
        assert_eq!(Amount::parse("1.234"), Err(AmountError::TooPrecise));
        assert_eq!(Amount::parse("-5"), Err(AmountError::Negative));
        assert_eq!(Amount::parse("1e3"), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse("12."), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse(""), Err(AmountError::NotANumber));
        assert_eq!(
            Amount::parse("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn the_largest_amount_is_accepted_and_one_more_is_not() {
        let max = MAX_YUAN.to_string();
        assert_eq!(Amount::parse(&max).map(Amount::fen), Ok(MAX_YUAN * 100));
        let over = (MAX_YUAN + 1).to_string();
        assert_eq!(Amount::parse(&over), Err(AmountError::TooLarge));
        assert_eq!(Amount::from_fen(123_456).fen(), 123_456);
    }

    #[test]
    fn adds_subtracts_and_shows_negative_differences() {
        let mut a = Amount::from_fen(1_050);
        a += Amount::from_fen(25);
        assert_eq!(a.fen(), 1_075);
        assert_eq!((a - Amount::from_fen(2_000)).to_string(), "-9.25");
        assert_eq!((Amount::from_fen(-5)).to_string(), "-0.05");
        assert_eq!((Amount::from_fen(0)).to_string(), "0.00");
        assert_eq!(Amount::from_fen(123_456_789).grouped(), "1,234,567.89");
        assert_eq!(Amount::from_fen(120_060_000).wan(), "120.06万元");
        assert_eq!(Amount::from_fen(3_441_660_000).wan(), "3,441.66万元");
        assert_eq!(Amount::from_fen(1_000_000).wan(), "1.00万元");
        assert_eq!(
            Amount::from_fen(99_995_000).wan(),
            "100.00万元",
            "rounded half up"
        );
    }

    #[test]
    fn sums_exactly_where_floats_drift() {
        let tenth = Amount::parse("0.1").unwrap();
        let sum: Amount = std::iter::repeat_n(tenth, 3).sum();
        assert_eq!(sum.to_string(), "0.30");
        assert_eq!(Amount::parse("7.5").unwrap().times(3).to_string(), "22.50");
        assert_eq!(
            Amount::parse("1234567.5").unwrap().grouped(),
            "1,234,567.50"
        );
        assert_eq!(Amount::from_fen(-99_999).grouped(), "-999.99");
        assert_eq!(Amount::from_fen(-5).grouped(), "-0.05");
        assert_eq!(Amount::from_fen(100_000_000).grouped(), "1,000,000.00");
    }
}
