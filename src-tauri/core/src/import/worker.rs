//! Readers of untrusted formats run in a worker process, so that a panic, a stack
//! overflow, a runaway allocation or an endless loop in a parser fails one file, not the
//! app. The worker is the app's own executable started with a hidden subcommand that
//! calls [`serve`]; it reads requests on stdin and answers on stdout, one file at a time,
//! and lives for the whole batch (starting a process per file would halve throughput).
//!
//! Limits: the worker's address space is capped (`RLIMIT_AS`), it writes no core
//! dumps, and an alarm ends it when one file takes too long. A dead worker is replaced
//! before the next file.
//!
//! Wire format, little-endian: request = format (u8), seconds (u32), length (u64),
//! bytes; answer = status (u8: 0 read, 1 refused), length (u64), JSON of [`Extracted`]
//! or the refusal reason as UTF-8.

use super::{extract, Extracted, Format};
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// How to start a worker: a program and its arguments (the app's own executable and
/// its hidden worker subcommand).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// This very executable, started with `args`.
    pub fn this_executable(args: &[&str]) -> io::Result<WorkerCommand> {
        Ok(WorkerCommand { program: std::env::current_exe()?, args: args.iter().map(OsString::from).collect() })
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFailure {
    /// The reader looked at the file and said what is wrong with it.
    Refused(String),
    /// The worker died on this file; the reason says how.
    Crashed(String),
}

impl ReadFailure {
    pub fn into_reason(self) -> String {
        match self {
            ReadFailure::Refused(reason) | ReadFailure::Crashed(reason) => reason,
        }
    }
}

/// A running worker process.
pub struct Worker {
    child: Child,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Worker {
    pub fn spawn(command: &WorkerCommand, memory_limit: u64) -> io::Result<Worker> {
        let mut process = Command::new(&command.program);
        process.args(&command.args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: setrlimit is async-signal-safe and touches only the child.
            unsafe {
                process.pre_exec(move || {
                    let memory = libc::rlimit { rlim_cur: memory_limit as _, rlim_max: memory_limit as _ };
                    let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                    if libc::setrlimit(libc::RLIMIT_AS, &memory) != 0
                        || libc::setrlimit(libc::RLIMIT_CORE, &no_core) != 0
                    {
                        return Err(io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        #[cfg(not(unix))]
        let _ = memory_limit;
        let mut child = process.spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(io::Error::other("the worker has no pipes"));
        };
        Ok(Worker { child, input: BufWriter::new(stdin), output: BufReader::new(stdout) })
    }

    /// Reads one file in the worker. After `Err(Crashed)` the worker is gone.
    pub fn read(&mut self, format: Format, bytes: &[u8], seconds: u32) -> Result<Extracted, ReadFailure> {
        match self.exchange(format, bytes, seconds) {
            Ok(answer) => answer,
            Err(_) => Err(ReadFailure::Crashed(self.death(seconds))),
        }
    }

    fn exchange(&mut self, format: Format, bytes: &[u8], seconds: u32) -> io::Result<Result<Extracted, ReadFailure>> {
        self.input.write_all(&[format_code(format)])?;
        self.input.write_all(&seconds.to_le_bytes())?;
        self.input.write_all(&(bytes.len() as u64).to_le_bytes())?;
        self.input.write_all(bytes)?;
        self.input.flush()?;
        let mut status = [0u8; 1];
        self.output.read_exact(&mut status)?;
        let body = read_block(&mut self.output)?;
        Ok(match status[0] {
            0 => serde_json::from_slice(&body)
                .map_err(|e| ReadFailure::Crashed(format!("the reader answered nonsense: {e}"))),
            _ => Err(ReadFailure::Refused(String::from_utf8_lossy(&body).into_owned())),
        })
    }

    /// Reaps the dead worker and says how it died, in words a person understands.
    fn death(&mut self, seconds: u32) -> String {
        let _ = self.child.kill();
        let status = self.child.wait();
        #[cfg(unix)]
        if let Ok(status) = &status {
            use std::os::unix::process::ExitStatusExt;
            return match status.signal() {
                Some(libc::SIGALRM) => format!("the reader gave up: the file took longer than {seconds} s to read"),
                Some(libc::SIGABRT) | Some(libc::SIGSEGV) | Some(libc::SIGBUS) => {
                    "the reader crashed on this file (too deeply nested, too large in memory, or malformed); nothing of it was imported".into()
                }
                Some(libc::SIGKILL) => "the reader was stopped (out of memory?); nothing of it was imported".into(),
                Some(signal) => format!("the reader stopped on signal {signal}; nothing of it was imported"),
                None => format!("the reader exited unexpectedly ({status}); nothing of it was imported"),
            };
        }
        format!("the reader exited unexpectedly ({status:?}); nothing of it was imported")
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn format_code(format: Format) -> u8 {
    Format::ALL.iter().position(|f| *f == format).unwrap_or(0) as u8
}

fn format_from_code(code: u8) -> Option<Format> {
    Format::ALL.get(code as usize).copied()
}

fn read_block(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut length = [0u8; 8];
    input.read_exact(&mut length)?;
    let length = u64::from_le_bytes(length);
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body)?;
    if body.len() as u64 != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(body)
}

/// Reads one file here, in this process, turning a panic into a failure.
pub fn read_here(format: Format, bytes: &[u8]) -> Result<Extracted, ReadFailure> {
    match std::panic::catch_unwind(|| extract(format, bytes)) {
        Ok(Ok(extracted)) => Ok(extracted),
        Ok(Err(reason)) => Err(ReadFailure::Refused(reason)),
        Err(_) => Err(ReadFailure::Crashed(
            "the reader failed on this file (internal error); nothing of it was imported".into(),
        )),
    }
}

/// The worker's side: answers requests until stdin closes. Runs the readers on a thread
/// with a large stack, since HTML trees can be deep.
pub fn serve() -> io::Result<()> {
    std::panic::set_hook(Box::new(|_| {})); // panics become answers, not noise
    let thread = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
        let mut input = BufReader::new(io::stdin().lock());
        let mut output = BufWriter::new(io::stdout().lock());
        loop {
            let mut header = [0u8; 5];
            match input.read_exact(&mut header) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => return Err(e),
            }
            let seconds = u32::from_le_bytes([header[1], header[2], header[3], header[4]]);
            let bytes = read_block(&mut input)?;
            let Some(format) = format_from_code(header[0]) else {
                return Err(io::Error::other("unknown format code"));
            };
            set_alarm(seconds);
            let answer = read_here(format, &bytes);
            set_alarm(0);
            let (status, body) = match answer {
                Ok(extracted) => (0u8, serde_json::to_vec(&extracted).map_err(io::Error::other)?),
                Err(failure) => (1u8, failure.into_reason().into_bytes()),
            };
            output.write_all(&[status])?;
            output.write_all(&(body.len() as u64).to_le_bytes())?;
            output.write_all(&body)?;
            output.flush()?;
        }
    })?;
    thread.join().map_err(|_| io::Error::other("the worker thread panicked"))?
}

fn set_alarm(seconds: u32) {
    // SAFETY: alarm has no preconditions; SIGALRM's default action ends the process.
    #[cfg(unix)]
    unsafe {
        libc::alarm(seconds);
    }
    #[cfg(not(unix))]
    let _ = seconds;
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn shell(script: &str) -> WorkerCommand {
        WorkerCommand { program: "sh".into(), args: vec!["-c".into(), script.into()] }
    }

    #[test]
    fn a_worker_that_crashes_fails_that_file_with_a_reason() {
        let mut worker = Worker::spawn(&shell("kill -SEGV $$"), 1 << 30).unwrap();
        let failure = worker.read(Format::Html, b"<p>x</p>", 5).unwrap_err();
        assert!(matches!(&failure, ReadFailure::Crashed(r) if r.contains("crashed")), "{failure:?}");
    }

    #[test]
    fn a_worker_that_exits_or_times_out_is_reported_as_such() {
        let mut worker = Worker::spawn(&shell("exit 3"), 1 << 30).unwrap();
        assert!(matches!(worker.read(Format::Text, b"x", 5), Err(ReadFailure::Crashed(r)) if r.contains("exited")));
        let mut worker = Worker::spawn(&shell("kill -ALRM $$"), 1 << 30).unwrap();
        assert!(
            matches!(worker.read(Format::Text, b"x", 7), Err(ReadFailure::Crashed(r)) if r.contains("longer than 7 s"))
        );
    }

    #[test]
    fn workers_run_under_the_memory_limit() {
        // Reads the 14-byte request (a 1-byte file), then answers "refused" with its own
        // address-space limit (KB, 20 digits). Reading first: answering before the
        // request is written would race the parent's write into a closed pipe.
        let script = r"head -c 14 >/dev/null; printf '\001\024\000\000\000\000\000\000\000%020d' $(ulimit -v)";
        let mut worker = Worker::spawn(&shell(script), 3 << 30).unwrap();
        let answer = worker.read(Format::Text, b"x", 5);
        assert_eq!(answer, Err(ReadFailure::Refused(format!("{:020}", (3u64 << 30) / 1024))));
    }
}
