//! Handing files to the window that already has a store open. The app that holds a
//! store's window lock listens on a local socket named after that store; a second start
//! on the same store (a file opened from the file manager, `dossier FILE` in a terminal)
//! sends it the files to import and exits, instead of stopping at "already open".
//!
//! Linux only: an abstract Unix socket, so there is no socket file to leave behind, and
//! only connections from the same user are heard. Elsewhere `listen` and `send` report
//! `Unsupported` and the second start says the store is open.

use std::io;
use std::path::{Path, PathBuf};

/// What one start may hand over: far more paths than a file manager passes at once.
const MAX_MESSAGE: u64 = 1 << 20;

/// The socket's name for the store at `store`: the same for every spelling of its path.
fn socket_name(store: &Path) -> String {
    let path = std::fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf());
    // FNV-1a: stable across processes and Rust versions, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("org.dossier.desktop/window/{hash:016x}")
}

/// A window's listener for files handed to it.
#[derive(Debug)]
pub struct Listener {
    #[cfg(target_os = "linux")]
    socket: std::os::unix::net::UnixListener,
}

/// Starts listening for the store at `store` (call it while holding the window lock).
pub fn listen(store: &Path) -> io::Result<Listener> {
    #[cfg(target_os = "linux")]
    {
        use std::os::linux::net::SocketAddrExt;
        use std::os::unix::net::{SocketAddr, UnixListener};
        let address = SocketAddr::from_abstract_name(socket_name(store))?;
        Ok(Listener { socket: UnixListener::bind_addr(&address)? })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = socket_name(store);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

impl Listener {
    /// Waits for the next start that hands files over and returns them (none: it only
    /// asked for the window). Connections from another user are refused.
    pub fn accept(&self) -> io::Result<Vec<PathBuf>> {
        #[cfg(target_os = "linux")]
        {
            use std::io::Read;
            let (stream, _) = self.socket.accept()?;
            if peer_uid(&stream)? != current_uid() {
                return Err(io::Error::new(io::ErrorKind::PermissionDenied, "a handoff from another user"));
            }
            stream.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;
            let mut message = Vec::new();
            stream.take(MAX_MESSAGE).read_to_end(&mut message)?;
            Ok(parse(&message))
        }
        #[cfg(not(target_os = "linux"))]
        {
            Err(io::Error::from(io::ErrorKind::Unsupported))
        }
    }
}

/// Hands `files` to the window that has `store` open. Fails (ConnectionRefused) when no
/// window listens for it, and (PermissionDenied) when whoever listens is another user:
/// abstract socket names are open to every user of the machine, so another one could
/// bind the name first to hear which files this person opens. Relative paths are made
/// absolute first: the window's working folder is not this one's.
pub fn send(store: &Path, files: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        send_to_user(store, files, current_uid())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (socket_name(store), encode(files)?);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// [`send`], to a listener that must belong to the user `uid`.
#[cfg(target_os = "linux")]
fn send_to_user(store: &Path, files: &[PathBuf], uid: u32) -> io::Result<()> {
    use std::io::Write;
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::{SocketAddr, UnixStream};
    let message = encode(files)?;
    // A listener that never accepts (another user's, its backlog full) would block the
    // connect for good: it gets a few seconds, then this start opens its own window.
    let name = socket_name(store);
    let (sent, connected) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sent.send(SocketAddr::from_abstract_name(name).and_then(|address| UnixStream::connect_addr(&address)));
    });
    let mut stream = connected.recv_timeout(std::time::Duration::from_secs(3)).map_err(|_| {
        io::Error::new(io::ErrorKind::TimedOut, "the window listening for this store does not answer")
    })??;
    stream.set_write_timeout(Some(std::time::Duration::from_secs(5)))?;
    // The listener's credentials are those it had when it bound: checked before a byte goes.
    let listener = peer_uid(&stream)?;
    if listener != uid {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("the window listening for this store belongs to another user (uid {listener})"),
        ));
    }
    stream.write_all(&message)?;
    stream.shutdown(std::net::Shutdown::Write)
}

/// Each path's bytes followed by a NUL, the one byte no Unix path contains.
fn encode(files: &[PathBuf]) -> io::Result<Vec<u8>> {
    let mut message = Vec::new();
    for file in files {
        let absolute = std::path::absolute(file)?;
        message.extend_from_slice(absolute.as_os_str().as_encoded_bytes());
        message.push(0);
    }
    if message.len() as u64 > MAX_MESSAGE {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "too many files to hand over at once"));
    }
    Ok(message)
}

fn parse(message: &[u8]) -> Vec<PathBuf> {
    message
        .split(|b| *b == 0)
        .filter(|part| !part.is_empty())
        .map(|part| {
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                PathBuf::from(std::ffi::OsStr::from_bytes(part))
            }
            #[cfg(not(unix))]
            {
                PathBuf::from(String::from_utf8_lossy(part).into_owned())
            }
        })
        .collect()
}

/// The user at the other end of a connected Unix socket (for a client: the user who
/// bound the listening socket).
#[cfg(target_os = "linux")]
fn peer_uid(stream: &std::os::unix::net::UnixStream) -> io::Result<u32> {
    use std::os::unix::io::AsRawFd;
    let mut credentials = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut length = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `length` bytes into `credentials`, which this
    // function owns; the descriptor stays open for the call.
    let status = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut credentials as *mut libc::ucred).cast(),
            &mut length,
        )
    };
    if status != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(credentials.uid)
}

#[cfg(target_os = "linux")]
fn current_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn files_sent_to_a_store_reach_the_window_listening_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        std::fs::write(&store, b"").unwrap();
        let listener = listen(&store).unwrap();
        let odd = dir.path().join("a file with spaces, ünïcode\nand a newline.html");
        let sender = std::thread::spawn({
            let store = store.clone();
            let odd = odd.clone();
            move || send(&store, &[odd, PathBuf::from("/tmp/second.pdf")])
        });
        assert_eq!(listener.accept().unwrap(), vec![odd, PathBuf::from("/tmp/second.pdf")]);
        sender.join().unwrap().unwrap();
    }

    #[test]
    fn the_same_store_by_another_spelling_reaches_the_same_window() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        std::fs::write(&store, b"").unwrap();
        let listener = listen(&store).unwrap();
        let roundabout = dir.path().join(".").join("library.dossier");
        let sender = std::thread::spawn(move || send(&roundabout, &[]));
        assert_eq!(listener.accept().unwrap(), Vec::<PathBuf>::new());
        sender.join().unwrap().unwrap();
    }

    #[test]
    fn with_no_window_on_the_store_sending_fails_and_a_second_listener_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        std::fs::write(&store, b"").unwrap();
        assert!(send(&store, &[PathBuf::from("/tmp/x.html")]).is_err());
        let _first = listen(&store).unwrap();
        assert_eq!(listen(&store).unwrap_err().kind(), io::ErrorKind::AddrInUse);
        let other = dir.path().join("other.dossier");
        std::fs::write(&other, b"").unwrap();
        assert!(send(&other, &[]).is_err(), "another store's window does not hear it");
    }

    #[test]
    fn nothing_is_sent_to_a_listener_of_another_user() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        std::fs::write(&store, b"").unwrap();
        let listener = listen(&store).unwrap();
        let hearing = std::thread::spawn(move || listener.accept());
        let refused = send_to_user(&store, &[PathBuf::from("/home/x/leak.html")], current_uid() + 1).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::PermissionDenied, "{refused}");
        // The listener heard a connection that closed without a single path.
        assert_eq!(hearing.join().unwrap().unwrap(), Vec::<PathBuf>::new());
    }

    /// Another user of the machine binds the store's name before the window does: a start
    /// on that store refuses to hand it anything (run as root, which can be another user).
    #[test]
    fn a_name_taken_by_another_user_hears_nothing() {
        let python = Path::new("/usr/bin/python3");
        if current_uid() != 0 || !python.exists() {
            eprintln!("skipped: becoming another user needs root, and /usr/bin/python3 to listen as them");
            return;
        }
        use std::os::unix::process::CommandExt;
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        std::fs::write(&store, b"").unwrap();
        let script = "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind('\\0'+sys.argv[1])\ns.listen()\nprint('ready',flush=True)\nc,_=s.accept()\nsys.stdout.write(repr(c.recv(4096)))\n";
        let mut squatter = std::process::Command::new(python)
            .args(["-c", script, &socket_name(&store)])
            .current_dir("/")
            .uid(65534)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3");
        let mut out = std::io::BufReader::new(squatter.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).unwrap();
        assert_eq!(line.trim(), "ready");
        let refused = send(&store, &[PathBuf::from("/root/secret-plans.html")]).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::PermissionDenied, "{refused}");
        let mut heard = String::new();
        std::io::Read::read_to_string(&mut out, &mut heard).unwrap();
        squatter.wait().unwrap();
        assert_eq!(heard, "b''", "the squatter heard nothing");
    }

    #[test]
    fn relative_paths_are_sent_absolute() {
        let message = encode(&[PathBuf::from("notes/article.html")]).unwrap();
        let parsed = parse(&message);
        assert!(parsed[0].is_absolute() && parsed[0].ends_with("notes/article.html"), "{parsed:?}");
    }
}
