//! `logs: { format, level, system_level, group }`: Lambda's logging config (`LoggingConfig`).
//!
//! Source, as of 2026-12-03: the Lambda API reference, `LoggingConfig` (`LogFormat` `JSON` or
//! `Text`; `ApplicationLogLevel` `TRACE`..`FATAL` and `SystemLogLevel` `DEBUG`, `INFO`, `WARN`,
//! "only if LogFormat is set to JSON"; `LogGroup` 1–512 characters of `[\.\-_/#A-Za-z0-9]`), and
//! the developer guide, monitoring-cloudwatchlogs-advanced.
//!
//! ```
//! use lambda_stack_core::decl::Logs;
//! use lambda_stack_core::rules::logs::check_logs;
//! let text_with_level = Logs { level: Some("info".into()), ..Default::default() };
//! assert_eq!(check_logs(&text_with_level).len(), 1);
//! ```

use crate::decl::Logs;
use crate::keys::Key;

use super::suggest::expected_one_of;

/// The words of `format:`, and what Lambda's API calls them.
pub const FORMATS: [(&str, &str); 2] = [("json", "JSON"), ("text", "Text")];
/// `level:`, the application's log levels.
pub const LEVELS: [&str; 6] = ["trace", "debug", "info", "warn", "error", "fatal"];
/// `system_level:`, the levels of Lambda's own records.
pub const SYSTEM_LEVELS: [&str; 3] = ["debug", "info", "warn"];
/// The longest log group name.
pub const MAX_LOG_GROUP_NAME: usize = 512;

/// What is wrong with a `logs:`, by the key it is about: unknown words, levels on text logs, and a
/// log group name CloudWatch refuses.
pub fn check_logs(logs: &Logs) -> Vec<(Key, String)> {
    let mut found = Vec::new();
    let formats = FORMATS.map(|(word, _)| word);
    if let Some(format) = &logs.format {
        if !formats.contains(&format.as_str()) {
            found.push((Key::Format, format!("unknown log format `{format}`{}", expected_one_of(format, formats))));
        }
    }
    let json = logs.format.as_deref() == Some("json");
    for (key, value, levels) in
        [(Key::Level, &logs.level, &LEVELS[..]), (Key::SystemLevel, &logs.system_level, &SYSTEM_LEVELS[..])]
    {
        let Some(level) = value else { continue };
        if !levels.contains(&level.as_str()) {
            found.push((key, format!("unknown `{key}` `{level}`{}", expected_one_of(level, levels.iter().copied()))));
        } else if !json {
            found.push((
                key,
                format!(
                    "`{key}` needs `format: json`: Lambda filters logs by level only when they are JSON (a text line has no level)"
                ),
            ));
        }
    }
    if let Some(group) = &logs.group {
        if let Err(message) = check_log_group_name(group) {
            found.push((Key::Group, message));
        }
    }
    found
}

/// A CloudWatch Logs group name: 1–512 characters of letters, digits and `._-/#`.
pub fn check_log_group_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_LOG_GROUP_NAME {
        return Err(format!(
            "log group name `{name}` must be 1 to {MAX_LOG_GROUP_NAME} characters, found {}",
            name.len()
        ));
    }
    match name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "._-/#".contains(c))) {
        Some(bad) => {
            Err(format!("log group name `{name}` contains `{bad}`; CloudWatch Logs allows letters, digits and `._-/#`"))
        }
        None => Ok(()),
    }
}

/// The API's word for a `format:` (`JSON`, `Text`).
pub fn api_format(format: &str) -> Option<&'static str> {
    FORMATS.iter().find(|(word, _)| *word == format).map(|(_, api)| *api)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logs(format: Option<&str>, level: Option<&str>, system: Option<&str>, group: Option<&str>) -> Logs {
        let own = |v: Option<&str>| v.map(str::to_owned);
        Logs { format: own(format), level: own(level), system_level: own(system), group: own(group) }
    }

    #[test]
    fn levels_need_json() {
        assert_eq!(check_logs(&logs(Some("json"), Some("info"), Some("warn"), Some("/shop/app"))), []);
        let found = check_logs(&logs(Some("text"), Some("info"), None, None));
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("needs `format: json`"));
        assert!(check_logs(&logs(None, None, Some("warn"), None))[0].1.contains("needs `format: json`"));
    }

    #[test]
    fn unknown_words_and_names() {
        assert!(check_logs(&logs(Some("jsno"), None, None, None))[0].1.contains("did you mean `json`"));
        assert!(check_logs(&logs(Some("json"), Some("wran"), None, None))[0].1.contains("did you mean `warn`"));
        assert!(check_logs(&logs(Some("json"), None, Some("error"), None))[0].1.contains("unknown `system_level`"));
        assert!(check_logs(&logs(None, None, None, Some("a b")))[0].1.contains("contains ` `"));
    }
}
