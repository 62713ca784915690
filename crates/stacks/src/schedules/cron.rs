//! EventBridge Scheduler cron expressions: parsing, EventBridge's rules,
//! and the shortest time between two firings.
//!
//! The form is `cron(minutes hours day-of-month month day-of-week year)`,
//! six fields, as the Scheduler console and API take it:
//!
//! | field | values | wildcards |
//! | --- | --- | --- |
//! | minutes | 0-59 | `, - * /` |
//! | hours | 0-23 | `, - * /` |
//! | day-of-month | 1-31 | `, - * ? / L W` |
//! | month | 1-12 or JAN-DEC | `, - * /` |
//! | day-of-week | 1-7 or SUN-SAT (1 is Sunday) | `, - * ? L #` |
//! | year | 1970-2199 | `, - * /` |
//!
//! EventBridge cannot combine a day of the month with a day of the week:
//! exactly one of the two fields must be `?`.
//!
//! [`Cron::firings`] finds the least time between two
//! consecutive firings by walking every calendar day from 1970 to 2199 the
//! expression allows (about 84,000 days, well under a millisecond), so `L`,
//! `W`, `#`, leap years and month lengths need no special reasoning. It
//! works on wall-clock time; [`super::rules`] accounts for daylight saving.

use std::fmt;

/// The first and last year EventBridge accepts.
const YEARS: (u16, u16) = (1970, 2199);
const MINUTES_PER_DAY: u64 = 24 * 60;

/// A parsed, valid cron expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    /// Bit `m` set: fires at minute `m` of the hour.
    minutes: u64,
    /// Bit `h` set: fires in hour `h`.
    hours: u32,
    /// Which days of a month fire: one of the two day fields (the other is `?`).
    days: DayRule,
    /// Bit `m` set (1-12): fires in month `m`.
    months: u16,
    /// The years it fires in, ascending.
    years: Vec<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DayRule {
    /// Bit `d` set (1-31): fires on day `d` of the month.
    MonthDays(u32),
    /// `L`: the last day of the month.
    LastDay,
    /// `LW`: the last weekday (Monday to Friday) of the month.
    LastWeekday,
    /// `nW`: the weekday nearest to day `n`, within the same month.
    NearestWeekday(u32),
    /// Bit `w` set (1 is Sunday, 7 Saturday): fires on those weekdays.
    WeekDays(u8),
    /// `wL`: the last weekday `w` of the month.
    LastOfWeekday(u32),
    /// `w#n`: the `n`th weekday `w` of the month.
    NthWeekday { weekday: u32, nth: u32 },
}

/// How often an expression fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firings {
    /// Exactly once (a specific minute of a specific day and year).
    Once,
    /// Repeatedly, at least this many seconds apart.
    Every {
        /// The shortest gap between two firings, in seconds: the longest
        /// retry window the schedule may get.
        shortest_interval_seconds: u64,
    },
}

/// Why an expression is not one EventBridge accepts, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronError(String);

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn error<T>(message: impl Into<String>) -> Result<T, CronError> {
    Err(CronError(message.into()))
}

/// One of the six fields: its name, range and the names its values may have.
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    /// Names for `min`, `min + 1`, ...
    names: &'static [&'static str],
}

const MINUTES: Field = Field {
    name: "minutes",
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Field = Field {
    name: "hours",
    min: 0,
    max: 23,
    names: &[],
};
const DAY_OF_MONTH: Field = Field {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
};
const MONTH: Field = Field {
    name: "month",
    min: 1,
    max: 12,
    names: &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ],
};
const DAY_OF_WEEK: Field = Field {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};
const YEAR: Field = Field {
    name: "year",
    min: YEARS.0 as u32,
    max: YEARS.1 as u32,
    names: &[],
};

impl Field {
    /// A number or a name of this field, checked against its range.
    fn value(&self, text: &str) -> Result<u32, CronError> {
        let upper = text.to_ascii_uppercase();
        let value = match self.names.iter().position(|name| *name == upper) {
            Some(index) => self.min + index as u32,
            None => match text.parse::<u32>() {
                Ok(value) => value,
                Err(_) => {
                    let names = if self.names.is_empty() {
                        String::new()
                    } else {
                        format!(" or {}-{}", self.names[0], self.names[self.names.len() - 1])
                    };
                    return error(format!(
                        "{:?} in the {} field is not a number from {} to {}{names}",
                        text, self.name, self.min, self.max
                    ));
                }
            },
        };
        if !(self.min..=self.max).contains(&value) {
            return error(format!(
                "{value} in the {} field is outside {}-{}",
                self.name, self.min, self.max
            ));
        }
        Ok(value)
    }

    /// A list of `*`, `a`, `a-b`, each optionally `/step`: the values, in
    /// order, without repeats.
    fn values(&self, text: &str) -> Result<Vec<u32>, CronError> {
        let mut values = Vec::new();
        for item in text.split(',') {
            let (range, step) = match item.split_once('/') {
                Some((range, step)) => {
                    let step = match step.parse::<u32>() {
                        Ok(step) if step > 0 => step,
                        _ => {
                            return error(format!(
                                "the step {step:?} in the {} field must be a whole number above 0",
                                self.name
                            ))
                        }
                    };
                    (range, Some(step))
                }
                None => (item, None),
            };
            let (first, last) = match range {
                "*" => (self.min, self.max),
                "" => {
                    return error(format!(
                        "the {} field {text:?} has an empty item",
                        self.name
                    ))
                }
                _ => match range.split_once('-') {
                    Some((from, to)) => {
                        let (from, to) = (self.value(from)?, self.value(to)?);
                        if from > to {
                            return error(format!(
                                "the range {range:?} in the {} field runs backwards",
                                self.name
                            ));
                        }
                        (from, to)
                    }
                    // `5/15` means from 5 to the end, every 15.
                    None if step.is_some() => (self.value(range)?, self.max),
                    None => {
                        let value = self.value(range)?;
                        (value, value)
                    }
                },
            };
            values.extend((first..=last).step_by(step.unwrap_or(1) as usize));
        }
        values.sort_unstable();
        values.dedup();
        Ok(values)
    }

    /// The values as a bit set (bit `v` for value `v`).
    fn bits(&self, text: &str) -> Result<u64, CronError> {
        Ok(self
            .values(text)?
            .into_iter()
            .fold(0, |bits, value| bits | 1 << value))
    }
}

impl Cron {
    /// Parses `cron(<six fields>)` and checks EventBridge's rules.
    pub fn parse(expression: &str) -> Result<Cron, CronError> {
        let Some(body) = expression
            .strip_prefix("cron(")
            .and_then(|rest| rest.strip_suffix(')'))
        else {
            return error(
                "must be written cron(minutes hours day-of-month month day-of-week year), \
                 as EventBridge Scheduler takes it",
            );
        };
        let fields: Vec<&str> = body.split_whitespace().collect();
        let [minutes, hours, day_of_month, month, day_of_week, year] = fields[..] else {
            return error(format!(
                "has {} fields; an EventBridge cron expression has six: minutes hours \
                 day-of-month month day-of-week year",
                fields.len()
            ));
        };
        for (field, text) in [
            (&MINUTES, minutes),
            (&HOURS, hours),
            (&MONTH, month),
            (&YEAR, year),
        ] {
            if text.contains('?') {
                return error(format!(
                    "the {} field {text:?} uses \"?\", which only day-of-month and day-of-week may",
                    field.name
                ));
            }
        }
        let days = match (day_of_month, day_of_week) {
            ("?", "?") => {
                return error(
                    "has \"?\" in both day-of-month and day-of-week; exactly one of them must \
                     be \"?\" (EventBridge cannot combine the two, nor leave both open)",
                )
            }
            (dom, "?") => day_of_month_rule(dom)?,
            ("?", dow) => day_of_week_rule(dow)?,
            (dom, dow) => {
                return error(format!(
                    "has day-of-month {dom:?} and day-of-week {dow:?}; exactly one of them must \
                     be \"?\" (EventBridge cannot combine a day of the month with a day of the \
                     week), e.g. cron(0 2 * * ? *) for every day"
                ))
            }
        };
        Ok(Cron {
            minutes: MINUTES.bits(minutes)?,
            hours: HOURS.bits(hours)? as u32,
            days,
            months: MONTH.bits(month)? as u16,
            years: YEAR
                .values(year)?
                .into_iter()
                .map(|year| year as u16)
                .collect(),
        })
    }

    /// How often the expression fires, or why it never does.
    pub fn firings(&self) -> Result<Firings, CronError> {
        let times: Vec<u32> = (0..24)
            .filter(|hour| self.hours & 1 << hour != 0)
            .flat_map(|hour| {
                (0..60)
                    .filter(|minute| self.minutes & 1 << minute != 0)
                    .map(move |minute| hour * 60 + minute)
            })
            .collect();
        let within_a_day = times.windows(2).map(|pair| pair[1] - pair[0]).min();
        let mut firing_days = 0u32;
        let mut previous_day: Option<i64> = None;
        let mut fewest_days_apart: Option<i64> = None;
        for &year in &self.years {
            for month in 1..=12u32 {
                if self.months & 1 << month == 0 {
                    continue;
                }
                let first = days_from_civil(year.into(), month, 1);
                let length = days_in_month(year.into(), month);
                for day in 1..=length {
                    if !self
                        .days
                        .fires(day, length, weekday(first + i64::from(day) - 1))
                    {
                        continue;
                    }
                    let number = first + i64::from(day) - 1;
                    if let Some(previous) = previous_day {
                        let apart = number - previous;
                        fewest_days_apart = Some(fewest_days_apart.map_or(apart, |f| f.min(apart)));
                    }
                    previous_day = Some(number);
                    firing_days += 1;
                }
            }
        }
        if firing_days == 0 {
            return error(
                "never fires: no date from 1970 to 2199 matches its day-of-month, month, \
                 day-of-week and year fields",
            );
        }
        // From the last firing of one day to the first of the next.
        let across_days = fewest_days_apart.map(|days| {
            days as u64 * MINUTES_PER_DAY - u64::from(times[times.len() - 1] - times[0])
        });
        let within_a_day = within_a_day.map(u64::from);
        Ok(match within_a_day.into_iter().chain(across_days).min() {
            None => Firings::Once,
            Some(minutes) => Firings::Every {
                shortest_interval_seconds: minutes * 60,
            },
        })
    }
}

impl DayRule {
    /// Whether day `day` of a month of `length` days, falling on `weekday`
    /// (1 is Sunday), fires.
    fn fires(&self, day: u32, length: u32, weekday: u32) -> bool {
        // The weekday of another day of the same month.
        let weekday_of = |other: u32| (weekday + 7 * 5 + other - day - 1) % 7 + 1;
        match *self {
            DayRule::MonthDays(bits) => bits & 1 << day != 0,
            DayRule::LastDay => day == length,
            DayRule::LastWeekday => {
                let last = match weekday_of(length) {
                    7 => length - 1,
                    1 => length - 2,
                    _ => length,
                };
                day == last
            }
            DayRule::NearestWeekday(target) => {
                if target > length {
                    return false;
                }
                let nearest = match weekday_of(target) {
                    // Saturday: the Friday before, or the Monday after when
                    // the Friday would fall in the previous month.
                    7 if target > 1 => target - 1,
                    7 => target + 2,
                    // Sunday: the Monday after, or the Friday before when
                    // the Monday would fall in the next month.
                    1 if target < length => target + 1,
                    1 => target - 2,
                    _ => target,
                };
                day == nearest
            }
            DayRule::WeekDays(bits) => bits & 1 << weekday != 0,
            DayRule::LastOfWeekday(target) => weekday == target && day + 7 > length,
            DayRule::NthWeekday {
                weekday: target,
                nth,
            } => weekday == target && (day - 1) / 7 + 1 == nth,
        }
    }
}

/// The day-of-month field when day-of-week is `?`.
fn day_of_month_rule(text: &str) -> Result<DayRule, CronError> {
    let special = |rule: &str| {
        error(format!(
            "the day-of-month field {text:?} combines {rule} with other values; use it alone"
        ))
    };
    match text {
        "L" => Ok(DayRule::LastDay),
        "LW" => Ok(DayRule::LastWeekday),
        _ if text.contains('L') => special("L"),
        _ => match text.strip_suffix('W') {
            Some(day) if !day.contains([',', '-', '/', '*']) => {
                Ok(DayRule::NearestWeekday(DAY_OF_MONTH.value(day)?))
            }
            Some(_) => special("W"),
            None if text.contains('W') => special("W"),
            None => Ok(DayRule::MonthDays(DAY_OF_MONTH.bits(text)? as u32)),
        },
    }
}

/// The day-of-week field when day-of-month is `?`.
fn day_of_week_rule(text: &str) -> Result<DayRule, CronError> {
    let alone = |rule: &str| {
        error(format!(
            "the day-of-week field {text:?} combines {rule} with other values; use it alone"
        ))
    };
    if let Some((weekday, nth)) = text.split_once('#') {
        if weekday.contains([',', '-', '/', '*']) {
            return alone("#");
        }
        let nth = match nth.parse::<u32>() {
            Ok(nth @ 1..=5) => nth,
            _ => {
                return error(format!(
                    "the day-of-week field {text:?} asks for occurrence {nth:?}; a weekday occurs \
                     1 to 5 times a month"
                ))
            }
        };
        return Ok(DayRule::NthWeekday {
            weekday: DAY_OF_WEEK.value(weekday)?,
            nth,
        });
    }
    match text.strip_suffix('L') {
        // `L` alone is the last day of the week, Saturday.
        Some("") => Ok(DayRule::WeekDays(1 << 7)),
        Some(weekday) if !weekday.contains([',', '-', '/', '*', 'L']) => {
            Ok(DayRule::LastOfWeekday(DAY_OF_WEEK.value(weekday)?))
        }
        Some(_) => alone("L"),
        // No weekday name holds an `L`, so any other `L` is misplaced.
        None if text.contains('L') => alone("L"),
        None => Ok(DayRule::WeekDays(DAY_OF_WEEK.bits(text)? as u8)),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The weekday of a day number, 1 for Sunday to 7 for Saturday (1970-01-01
/// was a Thursday).
fn weekday(days_since_epoch: i64) -> u32 {
    (days_since_epoch + 4).rem_euclid(7) as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval(expression: &str) -> u64 {
        match Cron::parse(expression).unwrap().firings().unwrap() {
            Firings::Every {
                shortest_interval_seconds,
            } => shortest_interval_seconds,
            Firings::Once => panic!("{expression} fires once"),
        }
    }

    fn rejected(expression: &str) -> String {
        match Cron::parse(expression).and_then(|cron| cron.firings()) {
            Err(CronError(message)) => message,
            Ok(firings) => panic!("{expression} should be rejected, fires {firings:?}"),
        }
    }

    #[test]
    fn the_seeds_expressions_have_their_intervals() {
        assert_eq!(interval("cron(0 2 * * ? *)"), 24 * 3600);
        assert_eq!(interval("cron(0 * * * ? *)"), 3600);
        assert_eq!(interval("cron(0/30 * * * ? *)"), 1800);
        assert_eq!(interval("cron(0/15 * * * ? *)"), 900);
    }

    #[test]
    fn intervals_take_the_shortest_gap() {
        assert_eq!(interval("cron(* * * * ? *)"), 60);
        assert_eq!(interval("cron(*/5 * * * ? *)"), 300);
        // 10:50 and 11:10.
        assert_eq!(interval("cron(10,50 * * * ? *)"), 1200);
        // 23:00 one day, 01:00 the next.
        assert_eq!(interval("cron(0 1,23 * * ? *)"), 2 * 3600);
        // Friday 18:00 to Monday 08:00 is long; Monday to Tuesday is a day.
        assert_eq!(interval("cron(0 8 ? * MON-FRI *)"), 24 * 3600);
        assert_eq!(interval("cron(0 8 ? * MON,THU *)"), 3 * 24 * 3600);
        assert_eq!(interval("cron(0 6 ? * 2 *)"), 7 * 24 * 3600);
        // The 31st to the 1st of the next month.
        assert_eq!(interval("cron(0 0 1,31 * ? *)"), 24 * 3600);
        // Every month: February is the shortest.
        assert_eq!(interval("cron(0 0 1 * ? *)"), 28 * 24 * 3600);
        // The last day: January 31 to February 28.
        assert_eq!(interval("cron(30 12 L * ? *)"), 28 * 24 * 3600);
        // Last Friday: four weeks apart at least.
        assert_eq!(interval("cron(0 9 ? * 6L *)"), 28 * 24 * 3600);
        assert_eq!(interval("cron(0 9 ? * FRI#2 *)"), 28 * 24 * 3600);
        // The weekday nearest the 15th moves with the weekdays, but the
        // 15th of February and March share theirs in common years.
        assert_eq!(interval("cron(0 9 15W * ? *)"), 28 * 24 * 3600);
        assert_eq!(interval("cron(0 0 1 JAN ? *)"), 365 * 24 * 3600);
        // February 29 comes every four years (or eight, around 2100).
        assert_eq!(interval("cron(0 0 29 2 ? *)"), (3 * 365 + 366) * 24 * 3600);
    }

    #[test]
    fn nearest_weekdays_stay_in_their_month() {
        // June 2024 began on a Saturday and ended on a Sunday.
        let june_2024 = |rule: &DayRule| -> Vec<u32> {
            let first = days_from_civil(2024, 6, 1);
            (1..=30)
                .filter(|&day| rule.fires(day, 30, weekday(first + i64::from(day) - 1)))
                .collect()
        };
        assert_eq!(june_2024(&day_of_month_rule("1W").unwrap()), [3]);
        assert_eq!(june_2024(&day_of_month_rule("30W").unwrap()), [28]);
        assert_eq!(june_2024(&day_of_month_rule("15W").unwrap()), [14]);
        assert_eq!(june_2024(&day_of_month_rule("LW").unwrap()), [28]);
        assert_eq!(june_2024(&day_of_month_rule("L").unwrap()), [30]);
        assert_eq!(june_2024(&day_of_week_rule("6L").unwrap()), [28]);
        assert_eq!(june_2024(&day_of_week_rule("MON#1").unwrap()), [3]);
        assert_eq!(
            june_2024(&day_of_week_rule("L").unwrap()),
            [1, 8, 15, 22, 29]
        );
    }

    #[test]
    fn a_single_date_fires_once() {
        assert_eq!(
            Cron::parse("cron(0 12 25 12 ? 2030)")
                .unwrap()
                .firings()
                .unwrap(),
            Firings::Once
        );
    }

    #[test]
    fn bad_expressions_say_what_is_wrong() {
        for (expression, expected) in [
            ("0 2 * * ? *", "must be written cron("),
            ("cron(0 2 * * ?)", "has 5 fields"),
            ("cron(0 2 * * ? * *)", "has 7 fields"),
            ("cron(0 2 * * * *)", "exactly one of them must be \"?\""),
            ("cron(0 2 ? * ? *)", "both day-of-month and day-of-week"),
            (
                "cron(0 25 * * ? *)",
                "25 in the hours field is outside 0-23",
            ),
            ("cron(60 * * * ? *)", "outside 0-59"),
            ("cron(0 0 32 * ? *)", "outside 1-31"),
            ("cron(0 0 ? * 8 *)", "outside 1-7"),
            ("cron(0 0 ? * FUN *)", "not a number from 1 to 7 or SUN-SAT"),
            ("cron(0 0 1 13 ? *)", "outside 1-12"),
            ("cron(0 0 1 * ? 1969)", "outside 1970-2199"),
            ("cron(0/0 * * * ? *)", "above 0"),
            ("cron(0 5-2 * * ? *)", "runs backwards"),
            ("cron(? * * * ? *)", "only day-of-month and day-of-week"),
            ("cron(0 0 1,L * ? *)", "combines L"),
            ("cron(0 0 ? * 2#6 *)", "1 to 5 times"),
            ("cron(0 0 30 2 ? *)", "never fires"),
            ("cron(0 0 ,1 * ? *)", "empty item"),
        ] {
            let message = rejected(expression);
            assert!(
                message.contains(expected),
                "{expression}: {message:?} lacks {expected:?}"
            );
        }
    }

    #[test]
    fn names_and_numbers_agree() {
        assert_eq!(
            Cron::parse("cron(0 0 ? JAN-MAR MON-FRI *)"),
            Cron::parse("cron(0 0 ? 1-3 2-6 *)")
        );
        assert_eq!(
            Cron::parse("cron(0 0 ? jan mon *)"),
            Cron::parse("cron(0 0 ? 1 2 *)")
        );
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(weekday(0), 5, "1970-01-01 was a Thursday");
        // 2024-02-29 was a Thursday.
        assert_eq!(weekday(days_from_civil(2024, 2, 29)), 5);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }
}
