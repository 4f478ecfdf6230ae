//! S3 notifications: the events an `s3(..)` trigger listens to, its key filters, and the
//! notifications of one bucket that S3 would reject as overlapping.
//!
//! Sources, as of 2026-11-25: the API model's `Event` enum (botocore 1.44.8), and the user guide's
//! "Configuring event notifications using object key name filtering"
//! (docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html) for the
//! overlap rule and the 1,024-character filter values.
//!
//! Decision where AWS leaves room: `s3(on:)` takes `created`, `removed` and `restored`, not
//! `replicated` (explained at [`S3_ON`]).

use super::suggest::{did_you_mean, one_of};
use super::Verdict;

/// Every S3 event notification type (the API model's `Event` enum, botocore 1.44.8).
pub const S3_EVENTS: &[&str] = &[
    "s3:ReducedRedundancyLostObject",
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
    "s3:ObjectAnnotation:*",
    "s3:ObjectAnnotation:Put",
    "s3:ObjectAnnotation:Delete",
    "s3:ObjectRetention:Put",
];

/// The words `s3(.., on: ..)` takes and the events each stands for.
///
/// `restored` is the end of a restore from an archive tier (`s3:ObjectRestore:Completed`): the
/// object is readable again, which is what a function reacting to restores waits for. There is no
/// `replicated`: the `s3:Replication:*` events report replication failures and missed thresholds,
/// and fire only for buckets with a replication rule and metrics, which lambda-stack does not manage.
pub const S3_ON: &[(&str, &[&str])] = &[
    ("created", &["s3:ObjectCreated:*"]),
    ("removed", &["s3:ObjectRemoved:*"]),
    ("restored", &["s3:ObjectRestore:Completed"]),
];

/// A prefix or suffix filter value, in characters.
pub const MAX_S3_FILTER_CHARS: usize = 1_024;

/// The S3 events an `on:` word stands for; an exact S3 event name is also accepted.
///
/// ```
/// use lambda_stack_core::rules::s3::s3_events_for;
/// assert_eq!(s3_events_for("created").unwrap(), ["s3:ObjectCreated:*"]);
/// assert_eq!(s3_events_for("s3:ObjectCreated:Put").unwrap(), ["s3:ObjectCreated:Put"]);
/// assert!(s3_events_for("creatd").unwrap_err().contains("did you mean `created`?"));
/// ```
pub fn s3_events_for(on: &str) -> Result<&'static [&'static str], String> {
    if let Some(&(_, events)) = S3_ON.iter().find(|&&(word, _)| word == on) {
        return Ok(events);
    }
    if let Some(event) = S3_EVENTS.iter().find(|&&event| event == on) {
        return Ok(std::slice::from_ref(event));
    }
    if on == "replicated" || on.starts_with("s3:Replication:") {
        return Err(format!(
            "`{on}` is not supported: S3's replication events report replication failures and need a \
             replication rule with metrics, which lambda-stack does not manage"
        ));
    }
    if on.starts_with("s3:") {
        return Err(format!("unknown S3 event `{on}`{}", did_you_mean(on, S3_EVENTS.iter().copied())));
    }
    let words = S3_ON.iter().map(|&(word, _)| word);
    Err(format!("unknown s3 event `{on}`; expected {}{}", one_of(words.clone()), did_you_mean(on, words)))
}

/// A `prefix` or `suffix` filter is at most 1,024 characters and literal: S3 takes no wildcards.
pub fn check_s3_filter(rule: &str, value: &str) -> Result<(), String> {
    let length = value.chars().count();
    if length > MAX_S3_FILTER_CHARS {
        return Err(format!("s3 `{rule}` is {length} characters, above S3's limit of {MAX_S3_FILTER_CHARS}"));
    }
    if value.contains('*') {
        let literal = value.replace('*', "");
        let fix = if literal.is_empty() {
            format!("leave `{rule}` out to match every key")
        } else {
            format!("write `{rule}: \"{literal}\"`")
        };
        return Err(format!(
            "s3 `{rule}` `{value}` contains `*`, but S3 filters match literally and take no wildcards; {fix}"
        ));
    }
    Ok(())
}

/// An `s3` trigger on an `existing` bucket (a warning): S3 keeps one notification configuration
/// per bucket, and the stack's replaces whatever the bucket had.
pub fn check_existing_bucket_notification(bucket: &str) -> Verdict {
    Verdict::Warning(format!(
        "bucket `{bucket}` is `existing`, and S3 keeps one notification configuration per bucket: \
         this stack's s3 triggers replace any notifications the bucket already sends"
    ))
}

/// One notification a bucket sends: its events and key filters (`""` for none), and the function
/// it invokes, which names it in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notification<'a> {
    /// The function it invokes.
    pub function: &'a str,
    /// S3 event types, as [`s3_events_for`] returns them.
    pub events: &'a [&'a str],
    /// The key prefix filter, `""` for none.
    pub prefix: &'a str,
    /// The key suffix filter, `""` for none.
    pub suffix: &'a str,
}

/// Two event types overlap when they are equal or one is the other's `:*` family
/// (`s3:ObjectCreated:*` covers `s3:ObjectCreated:Put`).
pub fn events_overlap(a: &str, b: &str) -> bool {
    let covers = |wide: &str, narrow: &str| wide.strip_suffix('*').is_some_and(|family| narrow.starts_with(family));
    a == b || covers(a, b) || covers(b, a)
}

/// Two notifications on one bucket do not overlap: S3 rejects a configuration where they share an
/// event type, one prefix starts the other, and one suffix ends the other.
///
/// This is the rule of the S3 user guide (notification-how-to-filtering, 2026-11-25): "two prefixes
/// are considered overlapping if a given string can begin with both prefixes", likewise suffixes,
/// and a missing filter overlaps every other. A key exists that both would fire for exactly when
/// all three overlap (the longer prefix followed by the longer suffix is one).
///
/// ```
/// use lambda_stack_core::rules::s3::{check_notification_overlap, Notification};
/// let jpg = Notification { function: "thumbs", events: &["s3:ObjectCreated:*"], prefix: "images/", suffix: ".jpg" };
/// let png = Notification { suffix: ".png", ..jpg };
/// let all = Notification { function: "index", events: &["s3:ObjectCreated:Put"], prefix: "", suffix: "" };
/// assert!(check_notification_overlap(&jpg, &png).is_ok());
/// assert!(check_notification_overlap(&jpg, &all).is_err());
/// ```
pub fn check_notification_overlap(a: &Notification<'_>, b: &Notification<'_>) -> Result<(), String> {
    let shared =
        a.events.iter().flat_map(|&x| b.events.iter().map(move |&y| (x, y))).find(|&(x, y)| events_overlap(x, y));
    let Some((x, y)) = shared else {
        return Ok(());
    };
    let prefixes_overlap = a.prefix.starts_with(b.prefix) || b.prefix.starts_with(a.prefix);
    let suffixes_overlap = a.suffix.ends_with(b.suffix) || b.suffix.ends_with(a.suffix);
    if !(prefixes_overlap && suffixes_overlap) {
        return Ok(());
    }
    let event = if x.ends_with('*') { y } else { x };
    let prefix = if a.prefix.len() >= b.prefix.len() { a.prefix } else { b.prefix };
    let suffix = if a.suffix.len() >= b.suffix.len() { a.suffix } else { b.suffix };
    let keys = match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => "every key".to_string(),
        (false, true) => format!("keys starting with `{prefix}`"),
        (true, false) => format!("keys ending with `{suffix}`"),
        (false, false) => format!("keys starting with `{prefix}` and ending with `{suffix}`"),
    };
    let who = if a.function == b.function {
        format!("two s3 triggers of `{}`", a.function)
    } else {
        format!("the s3 triggers of `{}` and `{}`", a.function, b.function)
    };
    Err(format!(
        "{who} overlap on one bucket: both receive `{event}` for {keys}, and S3 rejects two \
         notifications for the same event when one's prefix starts the other's and one's suffix \
         ends the other's; give them prefixes or suffixes no key can match together, such as \
         `in/` and `out/`, or `.jpg` and `.png`"
    ))
}

/// Every overlapping pair among one bucket's notifications, as `(earlier, later, message)`.
pub fn overlapping_notifications(notifications: &[Notification<'_>]) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (i, a) in notifications.iter().enumerate() {
        for (j, b) in notifications.iter().enumerate().skip(i + 1) {
            if let Err(message) = check_notification_overlap(a, b) {
                found.push((i, j, message));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn s3_on_words() {
        assert_eq!(s3_events_for("removed"), Ok(&["s3:ObjectRemoved:*"][..]));
        assert_eq!(s3_events_for("restored"), Ok(&["s3:ObjectRestore:Completed"][..]));
        assert!(s3_events_for("replicated").unwrap_err().contains("not supported"));
        assert!(s3_events_for("s3:ObjectCreated:Putt").unwrap_err().ends_with("did you mean `s3:ObjectCreated:Put`?"));
        assert_eq!(
            s3_events_for("deleted").unwrap_err(),
            "unknown s3 event `deleted`; expected `created`, `removed` or `restored`"
        );
        for &(_, events) in S3_ON {
            for event in events {
                assert!(S3_EVENTS.contains(event), "{event}");
            }
        }
    }

    #[test]
    fn s3_filters() {
        assert!(check_s3_filter("prefix", "in/").is_ok());
        assert!(check_s3_filter("suffix", "").is_ok());
        assert!(check_s3_filter("prefix", "in/*").unwrap_err().ends_with("write `prefix: \"in/\"`"));
        assert!(check_s3_filter("suffix", "*").unwrap_err().ends_with("leave `suffix` out to match every key"));
        assert!(check_s3_filter("prefix", &"a".repeat(1_024)).is_ok());
        assert!(check_s3_filter("prefix", &"a".repeat(1_025)).is_err());
    }

    const CREATED: &[&str] = &["s3:ObjectCreated:*"];
    const PUT: &[&str] = &["s3:ObjectCreated:Put"];
    const REMOVED: &[&str] = &["s3:ObjectRemoved:*"];

    fn note<'a>(function: &'a str, events: &'a [&'a str], prefix: &'a str, suffix: &'a str) -> Notification<'a> {
        Notification { function, events, prefix, suffix }
    }

    #[test]
    fn s3_guide_examples() {
        // Valid: distinct prefixes; distinct suffixes; a common prefix with distinct suffixes;
        // the same prefix for different event types.
        assert!(check_notification_overlap(&note("a", PUT, "images/", ""), &note("b", PUT, "logs/", "")).is_ok());
        assert!(check_notification_overlap(&note("a", PUT, "", ".jpg"), &note("b", PUT, "", ".png")).is_ok());
        assert!(
            check_notification_overlap(&note("a", PUT, "images", ".jpg"), &note("b", PUT, "images", ".png")).is_ok()
        );
        assert!(check_notification_overlap(&note("a", PUT, "image/", ""), &note("b", REMOVED, "image/", "")).is_ok());
        // Invalid: no filter against a prefix; `jpg` and `pg`; prefix+suffix against the suffix.
        let message =
            check_notification_overlap(&note("a", CREATED, "", ""), &note("b", CREATED, "images", "")).unwrap_err();
        assert!(message.starts_with("the s3 triggers of `a` and `b` overlap on one bucket: both receive `s3:ObjectCreated:*` for keys starting with `images`"), "{message}");
        let message =
            check_notification_overlap(&note("a", CREATED, "", "jpg"), &note("b", PUT, "", "pg")).unwrap_err();
        assert!(message.contains("both receive `s3:ObjectCreated:Put` for keys ending with `jpg`"), "{message}");
        let message =
            check_notification_overlap(&note("a", CREATED, "images", "jpg"), &note("b", PUT, "", "jpg")).unwrap_err();
        assert!(message.contains("keys starting with `images` and ending with `jpg`"), "{message}");
        let message = check_notification_overlap(&note("a", CREATED, "", ""), &note("a", CREATED, "", "")).unwrap_err();
        assert!(message.starts_with("two s3 triggers of `a` overlap"), "{message}");
        assert!(message.contains("for every key"), "{message}");
    }

    #[test]
    fn event_families() {
        assert!(events_overlap("s3:ObjectCreated:*", "s3:ObjectCreated:Put"));
        assert!(events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:*"));
        assert!(events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Put"));
        assert!(!events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Post"));
        assert!(!events_overlap("s3:ObjectCreated:*", "s3:ObjectRemoved:*"));
        assert!(!events_overlap("s3:ObjectRestore:*", "s3:ObjectRemoved:Delete"));
        assert!(!events_overlap("s3:LifecycleTransition", "s3:LifecycleExpiration:*"));
    }

    #[test]
    fn overlap_matches_brute_force() {
        // Overlap must mean exactly "some key fires both": check every pair of filters over a
        // small alphabet against an enumeration of keys.
        let filters = ["", "a", "b", "ab", "ba", "aa", "bab"];
        let mut keys = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = keys.iter().flat_map(|k| [format!("{k}a"), format!("{k}b")]).collect();
            keys.extend(longer);
        }
        keys.sort();
        keys.dedup();
        for p1 in filters {
            for s1 in filters {
                for p2 in filters {
                    for s2 in filters {
                        let matches = |key: &str, p: &str, s: &str| {
                            key.len() >= p.len().max(s.len()) && key.starts_with(p) && key.ends_with(s)
                        };
                        let shared = keys.iter().any(|k| matches(k, p1, s1) && matches(k, p2, s2));
                        let overlap =
                            check_notification_overlap(&note("a", PUT, p1, s1), &note("b", PUT, p2, s2)).is_err();
                        assert_eq!(overlap, shared, "({p1:?}, {s1:?}) vs ({p2:?}, {s2:?})");
                    }
                }
            }
        }
    }

    #[test]
    fn overlapping_pairs() {
        let list = [
            note("a", CREATED, "in/", ".csv"),
            note("b", CREATED, "out/", ""),
            note("c", PUT, "in/2026/", ""),
            note("d", REMOVED, "", ""),
        ];
        let found: Vec<(usize, usize)> = overlapping_notifications(&list).into_iter().map(|(i, j, _)| (i, j)).collect();
        assert_eq!(found, [(0, 2)]);
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric(p1 in "[ab/]{0,3}", s1 in "[ab.]{0,3}", p2 in "[ab/]{0,3}", s2 in "[ab.]{0,3}", wide in any::<bool>()) {
            let a = note("a", if wide { CREATED } else { PUT }, &p1, &s1);
            let b = note("b", PUT, &p2, &s2);
            prop_assert_eq!(check_notification_overlap(&a, &b).is_err(), check_notification_overlap(&b, &a).is_err());
        }
    }
}
