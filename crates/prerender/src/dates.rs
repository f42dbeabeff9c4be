//! Dates as feeds and sitemaps write them.

use newsroom_content::Date;

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_since_epoch(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RFC 822 as RSS 2.0 wants it, at midnight UTC: `Tue, 02 Dec 2025 00:00:00 +0000`.
pub fn rfc822(date: Date) -> String {
    // 1970-01-01 was a Thursday.
    let weekday = (days_since_epoch(date) + 3).rem_euclid(7) as usize;
    let day = DAYS.get(weekday).copied().unwrap_or("Mon");
    let month = MONTHS
        .get(usize::from(date.month).saturating_sub(1))
        .copied()
        .unwrap_or("Jan");
    format!(
        "{day}, {:02} {month} {:04} 00:00:00 +0000",
        date.day, date.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).expect("a date")
    }

    #[test]
    fn weekdays_are_right_across_leap_years_and_centuries() {
        assert_eq!(
            rfc822(date("1970-01-01")),
            "Thu, 01 Jan 1970 00:00:00 +0000"
        );
        assert_eq!(
            rfc822(date("2000-02-29")),
            "Tue, 29 Feb 2000 00:00:00 +0000"
        );
        assert_eq!(
            rfc822(date("2025-12-02")),
            "Tue, 02 Dec 2025 00:00:00 +0000"
        );
        assert_eq!(
            rfc822(date("1900-03-01")),
            "Thu, 01 Mar 1900 00:00:00 +0000"
        );
    }
}
