//! The functions bundles may call: `NUMBER` and `HANZI`.
//!
//! fluent-bundle prints a failed call as its fallback text (`NUMBER()`) and records no
//! error, so a wrong argument would reach the page unnoticed. Each function here says why
//! it failed into a per-thread list that [`crate::i18n::Catalog::format`] drains after
//! formatting one message, turning the failure into a diagnostic.

use std::cell::RefCell;

use fluent_bundle::{FluentArgs, FluentValue};

thread_local! {
    static FAILURES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The failures of function calls since the last call, on this thread.
pub fn take_failures() -> Vec<String> {
    FAILURES.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

fn fail<'a>(why: String) -> FluentValue<'a> {
    FAILURES.with(|f| f.borrow_mut().push(why));
    FluentValue::Error
}

/// What an argument is, in a translator's terms.
fn kind(value: &FluentValue) -> String {
    match value {
        FluentValue::String(s) => format!("the text \"{s}\""),
        FluentValue::Number(n) => format!("the number {}", n.value),
        FluentValue::Custom(_) => "a custom value".to_string(),
        FluentValue::None | FluentValue::Error => "nothing".to_string(),
    }
}

/// `NUMBER(n, …options)`: the number with its formatting options (ICU4X formats it, see
/// `number::fluent_formatter`).
pub fn number<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::Number(n)) => {
            let mut n = n.clone();
            n.options.merge(named);
            FluentValue::Number(n)
        }
        // An argument that failed already has its own error (an unknown variable, say).
        Some(FluentValue::Error) => FluentValue::Error,
        Some(other) => fail(format!("NUMBER() needs a number, but was given {}", kind(other))),
        None => fail("NUMBER() needs a number as its first argument".to_string()),
    }
}

/// `HANZI(n)`: a small number in Chinese numerals (12 → 十二);
/// `HANZI(n, style: "digits")` spells it digit by digit (2024 → 二〇二四).
pub fn hanzi<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let n = match positional.first() {
        Some(FluentValue::Number(n)) if n.value >= 0.0 && n.value.fract() == 0.0 && n.value < 1e18 => n.value as u64,
        Some(FluentValue::Error) => return FluentValue::Error,
        Some(other) => return fail(format!("HANZI() needs a whole number from 0 up, but was given {}", kind(other))),
        None => return fail("HANZI() needs a number as its first argument".to_string()),
    };
    let digits = matches!(named.get("style"), Some(FluentValue::String(s)) if s == "digits");
    let text: String = if digits || n >= 100 {
        n.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
    } else {
        let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
        let mut s = String::new();
        if tens > 1 {
            s.push(DIGITS[tens]);
        }
        if tens > 0 {
            s.push('十');
        }
        if ones > 0 || tens == 0 {
            s.push(DIGITS[ones]);
        }
        s
    };
    FluentValue::String(text.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_numerals() {
        let args = FluentArgs::new();
        let show = |n: f64| match hanzi(&[FluentValue::from(n)], &args) {
            FluentValue::String(s) => s.into_owned(),
            _ => panic!(),
        };
        assert_eq!([show(1.0), show(10.0), show(12.0), show(20.0), show(35.0)], ["一", "十", "十二", "二十", "三十五"]);
        let mut digits = FluentArgs::new();
        digits.set("style", "digits");
        assert!(matches!(hanzi(&[FluentValue::from(2024.0)], &digits), FluentValue::String(s) if s == "二〇二四"));
    }

    #[test]
    fn wrong_arguments_are_reported_not_printed() {
        take_failures();
        let args = FluentArgs::new();
        assert!(matches!(number(&[FluentValue::from("1990")], &args), FluentValue::Error));
        assert!(matches!(hanzi(&[FluentValue::from(-3.0)], &args), FluentValue::Error));
        // An argument that already failed is not reported twice.
        assert!(matches!(number(&[FluentValue::Error], &args), FluentValue::Error));
        assert_eq!(
            take_failures(),
            [
                "NUMBER() needs a number, but was given the text \"1990\"",
                "HANZI() needs a whole number from 0 up, but was given the number -3",
            ]
        );
        assert!(take_failures().is_empty());
    }
}
