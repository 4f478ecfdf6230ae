//! The function's processes: everything the function starts is found again and killed with it.
//!
//! A process group is not enough: a daemon that double-forks and calls `setsid` leaves both the
//! group and the session. So the function runs in a session of its own, as a child subreaper
//! (`PR_SET_CHILD_SUBREAPER`: while it lives, every orphan below it is re-parented to it rather
//! than to init, so the tree stays one tree), and with a scope token in its environment, which
//! descendants inherit and which still finds an orphan that escaped after the function itself
//! exited. At the end each process in the scope is killed, round after round until none is left.
//! None of this needs privileges; a process that cleared its environment *and* escaped after
//! its parent exited is out of reach, and what could not be stopped is reported, not ignored.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{BufReader, Read};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The environment variable holding the scope token every process of one invocation inherits.
pub(crate) const SCOPE_VARIABLE: &str = "LAMBDA_STACK_INVOKE_SCOPE";

/// The longest log line kept whole, in bytes: CloudWatch Logs' limit on one event (256 KiB,
/// which Lambda's own log lines are cut to as well). The rest of a longer line is counted, not
/// kept, so a function printing without newlines cannot exhaust memory.
pub(crate) const MAX_LINE_BYTES: usize = 256 * 1024;

/// A running function process and the lines it logs.
pub(crate) struct Running {
    child: Child,
    scope: String,
    /// Each line with when it was read, so lines can be told apart by the phase they belong to.
    lines: mpsc::Receiver<Option<(Instant, String)>>,
    readers: usize,
    /// Lines received but not taken yet, oldest first.
    pending: std::collections::VecDeque<(Instant, String)>,
}

impl Running {
    /// Starts `command` in a new session, as a subreaper, tagged with a fresh scope token; its
    /// stdout and stderr are read line by line.
    pub(crate) fn spawn(mut command: Command) -> std::io::Result<Running> {
        let scope = new_scope();
        command.env(SCOPE_VARIABLE, &scope).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        // SAFETY: the closure runs in the forked child before exec and only makes two system
        // calls, which are async-signal-safe; it touches no memory shared with the parent.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Without it (an old kernel), the scope token still finds the orphans.
                libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
                Ok(())
            });
        }
        let mut child = spawn_retrying(&mut command)?;
        let (sender, lines) = mpsc::channel();
        let mut readers = 0;
        let outputs: [Option<Box<dyn Read + Send>>; 2] = [
            child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
            child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        ];
        for output in outputs.into_iter().flatten() {
            readers += 1;
            let sender = sender.clone();
            std::thread::spawn(move || {
                read_lines(BufReader::new(output), MAX_LINE_BYTES, |line| {
                    sender.send(Some((Instant::now(), line))).is_ok()
                });
                let _ = sender.send(None);
            });
        }
        Ok(Running { child, scope, lines, readers, pending: Default::default() })
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The lines logged so far, without waiting.
    pub(crate) fn take_lines(&mut self) -> Vec<String> {
        self.receive();
        self.pending.drain(..).map(|(_, line)| line).collect()
    }

    /// The lines read before `at`, without waiting; later ones stay for [`Self::take_lines`].
    pub(crate) fn take_lines_before(&mut self, at: Instant) -> Vec<String> {
        self.receive();
        let before = self.pending.iter().take_while(|(read, _)| *read < at).count();
        self.pending.drain(..before).map(|(_, line)| line).collect()
    }

    /// Moves what the readers sent into `pending`.
    fn receive(&mut self) {
        while let Ok(line) = self.lines.try_recv() {
            match line {
                Some(line) => self.pending.push_back(line),
                None => self.readers = self.readers.saturating_sub(1),
            }
        }
    }

    /// The exit status, if the process has exited.
    pub(crate) fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Resident memory of the function's processes now, in KiB, and the leader's own peak.
    pub(crate) fn memory_kib(&self) -> (u64, u64) {
        let leader = self.pid();
        let current = scope_members(leader, None).iter().map(|&pid| status_kib(pid, "VmRSS:").unwrap_or(0)).sum();
        (current, status_kib(leader, "VmHWM:").unwrap_or(0))
    }

    /// Kills every process of the scope, reaps the function's own, and returns the lines still
    /// unread (waiting a little for the pipes to drain), ending with a warning for any process
    /// that could not be stopped.
    pub(crate) fn kill(mut self) -> Vec<String> {
        let leader = self.pid();
        let survivors = kill_scope(leader, &self.scope, || {
            let _ = self.child.try_wait();
        });
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut rest: Vec<String> = self.pending.drain(..).map(|(_, line)| line).collect();
        let until = Instant::now() + Duration::from_millis(500);
        while self.readers > 0 {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Some((_, line))) => rest.push(line),
                Ok(None) => self.readers -= 1,
                Err(_) => break,
            }
        }
        if !survivors.is_empty() {
            let pids: Vec<String> = survivors.iter().map(u32::to_string).collect();
            rest.push(format!(
                "warning: {} process(es) the function started could not be stopped (pid {}); kill them by hand",
                survivors.len(),
                pids.join(", ")
            ));
        }
        rest
    }
}

/// A token no other invocation on this machine uses: this process, a counter, the clock.
fn new_scope() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{}-{}-{nanos}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed))
}

/// Sends SIGKILL to every live process of the scope until a round finds none (or 2 s pass);
/// returns those still alive then. `reap` runs between rounds, so the leader does not linger as
/// a zombie that keeps being found.
fn kill_scope(leader: u32, scope: &str, mut reap: impl FnMut()) -> BTreeSet<u32> {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let members = scope_members(leader, Some(scope));
        if members.is_empty() {
            return BTreeSet::new();
        }
        for &pid in &members {
            // SAFETY: `kill` has no memory-safety preconditions; a pid that exited meanwhile
            // gives ESRCH, and a pid that was reused cannot be in the scope (it would need our
            // token or our session, checked just before).
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGKILL);
            }
        }
        reap();
        if Instant::now() >= deadline {
            return members.into_iter().filter(|&pid| is_alive(pid)).collect();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// One process's line of `/proc/PID/stat` that matters here.
struct Stat {
    state: char,
    parent: u32,
    group: u32,
    session: u32,
}

fn stat(pid: u32) -> Option<Stat> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is parenthesized and may itself hold spaces and parentheses.
    let mut fields = text[text.rfind(')')? + 1..].split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    let group = fields.next()?.parse().ok()?;
    let session = fields.next()?.parse().ok()?;
    Some(Stat { state, parent, group, session })
}

fn is_alive(pid: u32) -> bool {
    stat(pid).is_some_and(|stat| stat.state != 'Z' && stat.state != 'X')
}

/// The live (not zombie) processes of the function led by `leader`: itself, its session and
/// group, its descendants, and, when `scope` is given, every process whose environment holds
/// the scope token.
fn scope_members(leader: u32, scope: Option<&str>) -> BTreeSet<u32> {
    let own = std::process::id();
    let mut stats = HashMap::new();
    let Ok(entries) = fs::read_dir("/proc") else { return BTreeSet::new() };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()) else { continue };
        if pid == own {
            continue;
        }
        if let Some(stat) = stat(pid).filter(|stat| stat.state != 'Z' && stat.state != 'X') {
            stats.insert(pid, stat);
        }
    }
    let tag = scope.map(|scope| format!("{SCOPE_VARIABLE}={scope}"));
    let descends = |mut pid: u32| {
        // Bounded: a pid's parent chain is finite, but it is read at different instants.
        for _ in 0..4096 {
            if pid == leader {
                return true;
            }
            match stats.get(&pid) {
                Some(stat) if stat.parent != 0 && stat.parent != pid => pid = stat.parent,
                _ => return false,
            }
        }
        false
    };
    stats
        .iter()
        .filter(|&(&pid, stat)| {
            stat.session == leader
                || stat.group == leader
                || descends(pid)
                || tag.as_deref().is_some_and(|tag| environment_holds(pid, tag))
        })
        .map(|(&pid, _)| pid)
        .collect()
}

/// `/proc/PID/environ` (NUL-separated) holds `entry`; unreadable (another user's) is no.
fn environment_holds(pid: u32, entry: &str) -> bool {
    fs::read(format!("/proc/{pid}/environ"))
        .is_ok_and(|environ| environ.split(|&b| b == 0).any(|variable| variable == entry.as_bytes()))
}

/// Calls `emit` with each line of `reader` (without its line ending), keeping at most `max`
/// bytes of a line and noting how many more it had; stops when `emit` returns false.
fn read_lines(mut reader: impl std::io::BufRead, max: usize, mut emit: impl FnMut(String) -> bool) {
    let mut line = Vec::new();
    let mut dropped = 0usize;
    let finish = |line: &mut Vec<u8>, dropped: &mut usize| {
        let mut text = String::from_utf8_lossy(line).trim_end_matches(['\n', '\r']).to_string();
        if *dropped > 0 {
            text.push_str(&format!(" ... [{} bytes truncated]", *dropped));
        }
        line.clear();
        *dropped = 0;
        text
    };
    loop {
        let chunk = match reader.fill_buf() {
            Ok([]) => break,
            Ok(chunk) => chunk,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let (part, ends_line) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (&chunk[..=at], true),
            None => (chunk, false),
        };
        let used = part.len();
        // The line ending does not count against the limit, nor as truncated.
        let body = if ends_line { &part[..used - 1] } else { part };
        let room = max.saturating_sub(line.len());
        let kept = body.len().min(room);
        line.extend_from_slice(&body[..kept]);
        dropped += body.len() - kept;
        reader.consume(used);
        if ends_line && !emit(finish(&mut line, &mut dropped)) {
            return;
        }
    }
    if !line.is_empty() || dropped > 0 {
        emit(finish(&mut line, &mut dropped));
    }
}

/// Spawns `command`, retrying briefly on `ETXTBSY`: the program was just unpacked, and a process
/// another thread forks at that moment holds the file open for writing until it execs (the
/// classic race of running a freshly written file from a multi-threaded program).
fn spawn_retrying(command: &mut Command) -> std::io::Result<Child> {
    let mut attempts = 0;
    loop {
        match command.spawn() {
            Err(error) if error.raw_os_error() == Some(libc::ETXTBSY) && attempts < 50 => {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            result => return result,
        }
    }
}

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_measured_and_killed_whole() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo started; sleep 30 & sleep 30"]);
        let mut running = Running::spawn(command).unwrap();
        let leader = running.pid();
        std::thread::sleep(Duration::from_millis(200));
        let (current, peak) = running.memory_kib();
        assert!(current > 0 && peak > 0, "{current} {peak}");
        assert!(running.exited().is_none());
        let mut lines = running.take_lines();
        let started = Instant::now();
        lines.extend(running.kill());
        assert_eq!(lines, ["started"]);
        assert!(started.elapsed() < Duration::from_secs(2), "the backgrounded sleep died with the group");
        assert!(scope_members(leader, None).is_empty());
    }

    #[test]
    fn a_daemon_that_leaves_the_session_is_killed_too() {
        // `setsid` in a double-forked grandchild: a new session and group, re-parented away.
        let mut command = Command::new("sh");
        command.args(["-c", "(setsid sh -c 'sleep 31 & echo $!' &); sleep 0.2; echo parent-done; sleep 30"]);
        let mut running = Running::spawn(command).unwrap();
        std::thread::sleep(Duration::from_millis(600));
        let mut lines = running.take_lines();
        let daemon: u32 = lines.iter().find_map(|line| line.parse().ok()).expect("the daemon's pid");
        assert!(is_alive(daemon));
        lines.extend(running.kill());
        assert!(!is_alive(daemon), "the daemon {daemon} outlived the invocation: {lines:?}");
    }

    #[test]
    fn an_orphan_of_an_exited_function_is_found_by_its_token() {
        let mut command = Command::new("sh");
        command.args(["-c", "setsid sh -c 'sleep 32 & echo $!' & sleep 0.2"]);
        let mut running = Running::spawn(command).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while running.exited().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let lines = running.take_lines();
        let orphan: u32 = lines.iter().find_map(|line| line.parse().ok()).expect("the orphan's pid");
        assert!(is_alive(orphan));
        let rest = running.kill();
        assert!(!is_alive(orphan), "{rest:?}");
    }

    fn lines_of(input: &[u8], max: usize) -> Vec<String> {
        let mut lines = Vec::new();
        // A small buffer, so lines span many reads.
        read_lines(BufReader::with_capacity(7, input), max, |line| {
            lines.push(line);
            true
        });
        lines
    }

    #[test]
    fn long_lines_are_cut_with_a_note() {
        assert_eq!(lines_of(b"short\r\nline two\n", 10), ["short", "line two"]);
        assert_eq!(lines_of(b"0123456789\n", 10), ["0123456789"]);
        assert_eq!(lines_of(b"0123456789abc\nnext\n", 10), ["0123456789 ... [3 bytes truncated]", "next"]);
        assert_eq!(lines_of(b"no newline at the end", 5), ["no ne ... [16 bytes truncated]"]);
        assert_eq!(lines_of(b"", 5), Vec::<String>::new());
        let big = vec![b'x'; 1 << 20];
        let cut = lines_of(&big, MAX_LINE_BYTES);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with(&format!(" ... [{} bytes truncated]", (1 << 20) - MAX_LINE_BYTES)));
    }
}
