//! What a synth says while it packages: a progress bar on a terminal once packaging has taken more
//! than a moment, plain lines for the slow steps otherwise (CI logs, pipes), nothing when quiet.

use std::io::IsTerminal as _;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long packaging runs before a bar appears: a quick synth prints no bar at all.
const BAR_DELAY: Duration = Duration::from_millis(300);
/// A package that took longer than this to zip gets a plain line.
const SLOW_PACKAGE: Duration = Duration::from_secs(1);

/// Where packaging progress goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressMode {
    /// A bar on standard error if it is a terminal, else plain lines.
    #[default]
    Auto,
    /// Plain lines on standard error for the slow steps.
    Plain,
    /// Nothing.
    Quiet,
}

/// The progress of packaging `total` functions.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// The slow step each function is in, shown as the bar's message.
    steps: Mutex<Vec<(String, String)>>,
    plain: bool,
    /// Closing it tells the delay thread packaging is over.
    done: Mutex<Option<mpsc::Sender<()>>>,
}

impl Progress {
    pub(crate) fn new(total: usize, mode: ProgressMode) -> Progress {
        let terminal = mode == ProgressMode::Auto && std::io::stderr().is_terminal();
        let plain = mode == ProgressMode::Plain || (mode == ProgressMode::Auto && !terminal);
        if !terminal {
            return Progress { bar: None, steps: Mutex::new(Vec::new()), plain, done: Mutex::new(None) };
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} packaging [{bar:30}] {pos}/{len} functions {elapsed} {wide_msg}")
                .expect("the template is valid")
                .progress_chars("=> "),
        );
        let (sender, receiver) = mpsc::channel::<()>();
        let shown = bar.clone();
        std::thread::spawn(move || {
            if receiver.recv_timeout(BAR_DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Progress { bar: Some(bar), steps: Mutex::new(Vec::new()), plain: false, done: Mutex::new(Some(sender)) }
    }

    /// A slow step is starting: an installer runs.
    pub(crate) fn step(&self, function: &str, what: &str) {
        if let Some(bar) = &self.bar {
            self.show_steps(bar, |steps| {
                steps.retain(|(name, _)| name != function);
                steps.push((function.to_owned(), what.to_owned()));
            });
        } else if self.plain {
            eprintln!("  {function}: {what}");
        }
    }

    /// A function is packaged; `zipped` is how long compressing took, if it was not cached.
    pub(crate) fn packaged(&self, function: &str, files: usize, bytes: u64, zipped: Option<Duration>) {
        if let Some(bar) = &self.bar {
            self.show_steps(bar, |steps| steps.retain(|(name, _)| name != function));
            bar.inc(1);
        } else if let Some(took) = zipped.filter(|took| self.plain && *took >= SLOW_PACKAGE) {
            eprintln!("  {function}: zipped {files} files ({}) in {:.1?}", indicatif::HumanBytes(bytes), took);
        }
    }

    /// Changes the steps in progress and shows them as the bar's message.
    fn show_steps(&self, bar: &ProgressBar, change: impl FnOnce(&mut Vec<(String, String)>)) {
        let mut steps = self.steps.lock().unwrap_or_else(|poison| poison.into_inner());
        change(&mut steps);
        let message: Vec<String> = steps.iter().map(|(function, what)| format!("{function}: {what}")).collect();
        bar.set_message(message.join("; "));
    }

    /// Packaging is over: the bar, if it was shown, is cleared.
    pub(crate) fn finish(&self) {
        self.done.lock().unwrap_or_else(|poison| poison.into_inner()).take();
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Times a step.
pub(crate) fn timed<T>(run: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = run();
    (value, started.elapsed())
}
