//! Did-you-mean suggestions for misspelt names.
//!
//! ```
//! use lambda_stack_core::rules::suggest::closest;
//! assert_eq!(closest("memroy", ["memory", "timeout"]), Some("memory"));
//! assert_eq!(closest("zzzzzz", ["memory", "timeout"]), None);
//! ```

/// The candidate nearest to `input` by edit distance (case-insensitive), if it is near enough to be
/// a plausible typo: at most a third of the input's length, and at least one edit allowed.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_ascii_lowercase();
    let budget = (input.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = edit_distance(&input_lower, &candidate.to_ascii_lowercase());
            (distance <= budget).then_some((distance, candidate))
        })
        .min_by_key(|&(distance, candidate)| (distance, candidate))
        .map(|(_, candidate)| candidate)
}

/// `; did you mean `X`?` when a close candidate exists, else the empty string: append it to a message.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    match closest(input, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// The did-you-mean hint for `word` among `options`, or `; expected `a`, `b` or `c`` when none is
/// close: append it to an "unknown ..." message.
pub fn expected_one_of<'a, I>(word: &str, options: I) -> String
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let options = options.into_iter();
    match did_you_mean(word, options.clone()) {
        hint if hint.is_empty() => format!("; expected {}", one_of(options)),
        hint => hint,
    }
}

/// Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`memroy` → `memory`
/// is one edit, which is how people mistype).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (prev[j] + 1).min(current[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut current);
    }
    prev[b.len()]
}

/// `` `a`, `b` or `c` ``: a list of allowed names for a message.
pub fn one_of<I, S>(names: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let names: Vec<String> = names.into_iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(edit_distance("memroy", "memory"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn lists_read_like_prose() {
        assert_eq!(one_of(["a"]), "`a`");
        assert_eq!(one_of(["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn expected_one_of_hints_or_lists() {
        assert_eq!(expected_one_of("memroy", ["memory", "timeout"]), "; did you mean `memory`?");
        assert_eq!(expected_one_of("zzzzzz", ["memory", "timeout"]), "; expected `memory` or `timeout`");
    }
}
