//! Locale number formatting through ICU4X. Fluent's NUMBER() parses options but formats
//! nothing by itself; the bundle calls [`fluent_formatter`] for every number it prints.

use std::collections::BTreeMap;
use std::sync::RwLock;

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::FluentValue;
use fluent_bundle::types::FluentNumberOptions;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use crate::diag::{Diagnostic, Location};

/// When a language groups digits (report.toml `number-grouping`): the locale's rule
/// (`auto`: en 2,401.1, ru 2 401,1), only from five digits on (`min2`), or `never`
/// (Chinese publishing writes 2401.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    #[default]
    Auto,
    Min2,
    Never,
}

/// The report's grouping per language. Set once the model is loaded; the bundles' number
/// formatter is a plain `fn` and cannot carry it.
static GROUPING: RwLock<BTreeMap<String, Grouping>> = RwLock::new(BTreeMap::new());

pub fn configure(grouping: &BTreeMap<String, Grouping>) {
    if let Ok(mut map) = GROUPING.write() {
        *map = grouping.clone();
    }
}

fn grouping_of(lang: &str) -> GroupingStrategy {
    let configured = GROUPING.read().ok().and_then(|map| map.get(lang).copied()).unwrap_or_default();
    match configured {
        Grouping::Auto => GroupingStrategy::Auto,
        Grouping::Min2 => GroupingStrategy::Min2,
        Grouping::Never => GroupingStrategy::Never,
    }
}

/// The most fraction digits a number is printed with: ECMA-402's limit for the options
/// NUMBER() takes from it. A larger `minimumFractionDigits` in a bundle would overflow the
/// digit positions of `fixed_decimal` (i16).
const MAX_FRACTION_DIGITS: usize = 100;

/// The formatters of one locale, with and without digit grouping.
pub struct NumberFormat {
    grouped: DecimalFormatter,
    plain: DecimalFormatter,
}

impl NumberFormat {
    pub fn new(lang: &str) -> Result<Self, Diagnostic> {
        // The languages are those of report.toml.
        let at = || Location::file("report/report.toml");
        let locale: icu_locale_core::Locale = lang.parse().map_err(|e| {
            Diagnostic::error(format!("invalid language tag `{lang}`: {e}"))
                .at(at())
                .hint("use a BCP 47 tag as folio spells it: zh, ru, en, de, pt-BR, zh-Hant")
        })?;
        let make = |grouping| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(grouping);
            DecimalFormatter::try_new((&locale).into(), options)
                .map_err(|e| Diagnostic::error(format!("no number format for `{lang}`: {e}")).at(at()))
        };
        Ok(Self { grouped: make(grouping_of(lang))?, plain: make(GroupingStrategy::Never)? })
    }

    /// Formats `value` with a fixed number of fraction digits (rounded half to even).
    pub fn fixed(&self, value: f64, digits: u8) -> String {
        self.format(value, Some(digits as usize), Some(digits as usize), true)
    }

    fn format(&self, value: f64, min_frac: Option<usize>, max_frac: Option<usize>, grouping: bool) -> String {
        let Ok(mut decimal) = Decimal::try_from_f64(value, FloatPrecision::RoundTrip) else {
            return value.to_string();
        };
        if let Some(max) = max_frac {
            decimal.round(-(max.min(MAX_FRACTION_DIGITS) as i16));
        }
        if let Some(min) = min_frac {
            decimal.absolute.pad_end(-(min.min(MAX_FRACTION_DIGITS) as i16));
        }
        let formatter = if grouping { &self.grouped } else { &self.plain };
        formatter.format_to_string(&decimal)
    }

    fn format_fluent(&self, value: f64, options: &FluentNumberOptions) -> String {
        self.format(value, options.minimum_fraction_digits, options.maximum_fraction_digits, options.use_grouping)
    }
}

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = Diagnostic;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Diagnostic> {
        NumberFormat::new(&lang.to_string())
    }
}

/// The bundle's formatter hook: numbers through ICU4X, everything else as Fluent does it.
pub fn fluent_formatter(value: &FluentValue, memoizer: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(n) => memoizer
            .with_try_get::<NumberFormat, _, _>((), |f| f.format_fluent(n.value, &n.options))
            .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        let ru = NumberFormat::new("ru").unwrap();
        assert_eq!(ru.fixed(2401.1, 1), "2\u{a0}401,1");
        assert_eq!(ru.fixed(-10.7, 1), "-10,7");
        assert_eq!(NumberFormat::new("en").unwrap().fixed(2401.1, 1), "2,401.1");
        assert_eq!(NumberFormat::new("zh").unwrap().fixed(99.0, 1), "99.0");
    }

    #[test]
    fn fraction_digits_stop_at_ecma_402_limit() {
        // `NUMBER($n, maximumFractionDigits: 32768)` overflowed (fuzz/corpus/fluent/crash-*).
        let en = NumberFormat::new("en").unwrap();
        let padded = format!("1.5{}", "0".repeat(MAX_FRACTION_DIGITS - 1));
        assert_eq!(en.format(1.5, Some(40_000), Some(usize::MAX), false), padded);
        assert!(en.format(1.5, None, Some(32_768), false).len() <= "1.".len() + MAX_FRACTION_DIGITS);
    }
}
