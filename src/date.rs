//! The build date: the timestamp of reproducible builds, and the civil date of a day count.

use typst::foundations::Datetime;

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::model::Report;

/// The fixed timestamp of reproducible builds: `SOURCE_DATE_EPOCH` if set, otherwise the
/// first day of the report's publication month.
pub fn build_timestamp(report: &Report) -> Result<Datetime, Failure> {
    if let Some(secs) = source_date_epoch()? {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        return Datetime::from_ymd_hms(y, m, d, (rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8)
            .ok_or_else(|| Failure::Usage(Diagnostic::error("SOURCE_DATE_EPOCH is out of range")));
    }
    let (year, month) = report.meta.year_month();
    Datetime::from_ymd_hms(year, month as u8, 1, 0, 0, 0)
        .ok_or_else(|| Failure::Content(Diagnostics(vec![Diagnostic::error(format!("the publication date {year}-{month:02} is out of range"))])))
}

/// `SOURCE_DATE_EPOCH` in seconds, when set.
pub fn source_date_epoch() -> Result<Option<i64>, Failure> {
    let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let secs = epoch.trim().parse().map_err(|_| {
        Failure::Usage(Diagnostic::error(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds")))
    })?;
    Ok(Some(secs))
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_058), (2024, 12, 1));
    }
}
