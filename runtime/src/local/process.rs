//! The function's process group: started in a group of its own so that the whole tree (a shell
//! `bootstrap` and what it starts) is measured and killed together.

use std::fs;
use std::io::{BufRead as _, BufReader, Read};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running function process and the lines it logs.
pub(crate) struct Running {
    child: Child,
    lines: mpsc::Receiver<Option<String>>,
    readers: usize,
}

impl Running {
    /// Starts `command` in a new process group, its stdout and stderr read line by line.
    pub(crate) fn spawn(mut command: Command) -> std::io::Result<Running> {
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
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
                let mut reader = BufReader::new(output);
                let mut line = Vec::new();
                while reader.read_until(b'\n', &mut line).is_ok_and(|read| read > 0) {
                    let text = String::from_utf8_lossy(&line).trim_end_matches(['\n', '\r']).to_string();
                    if sender.send(Some(text)).is_err() {
                        return;
                    }
                    line.clear();
                }
                let _ = sender.send(None);
            });
        }
        Ok(Running { child, lines, readers })
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The lines logged so far, without waiting.
    pub(crate) fn take_lines(&mut self) -> Vec<String> {
        let mut taken = Vec::new();
        while let Ok(line) = self.lines.try_recv() {
            match line {
                Some(line) => taken.push(line),
                None => self.readers = self.readers.saturating_sub(1),
            }
        }
        taken
    }

    /// The exit status, if the process has exited.
    pub(crate) fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Kills the whole group, reaps the process, and returns the lines still unread (waiting a
    /// little for the pipes to drain: a process outside the group may still hold them open).
    pub(crate) fn kill(mut self) -> Vec<String> {
        // SAFETY: `kill` with a negative pid signals the process group the child leads; the call
        // has no memory-safety preconditions.
        unsafe {
            libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut rest = Vec::new();
        let until = std::time::Instant::now() + Duration::from_millis(500);
        while self.readers > 0 {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Some(line)) => rest.push(line),
                Ok(None) => self.readers -= 1,
                Err(_) => break,
            }
        }
        rest
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

/// Resident memory of the process group `group` (its leader's pid), in KiB: the sum of `VmRSS`
/// over its processes now, and the leader's own peak (`VmHWM`).
pub(crate) fn group_memory_kib(group: u32) -> (u64, u64) {
    let mut current = 0;
    let Ok(entries) = fs::read_dir("/proc") else { return (0, 0) };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|name| name.parse::<u32>().ok()) else { continue };
        if pid == group || process_group(pid) == Some(group) {
            current += status_kib(pid, "VmRSS:").unwrap_or(0);
        }
    }
    (current, status_kib(group, "VmHWM:").unwrap_or(0))
}

/// The process group of `pid`: field 5 of `/proc/PID/stat`, after the parenthesized command name.
fn process_group(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(2)?.parse().ok()
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
        let group = running.pid();
        std::thread::sleep(Duration::from_millis(200));
        let (current, peak) = group_memory_kib(group);
        assert!(current > 0 && peak > 0, "{current} {peak}");
        assert!(running.exited().is_none());
        let mut lines = running.take_lines();
        let started = std::time::Instant::now();
        lines.extend(running.kill());
        assert_eq!(lines, ["started"]);
        assert!(started.elapsed() < Duration::from_secs(2), "the backgrounded sleep died with the group");
        assert_eq!(group_memory_kib(group).0, 0);
    }
}
