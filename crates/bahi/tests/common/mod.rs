//! Running the `bahi` binary the way an operator does: a clean environment, a working folder,
//! a server process that is stopped when the test ends.

#![allow(dead_code)] // each test file uses a different part

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `bahi` with a clean environment: only what the test passes, run in `dir`.
pub fn bahi(dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bahi"));
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in vars {
        command.env(k, v);
    }
    command.args(args);
    command
}

pub fn run(dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    bahi(dir, vars, args).output().expect("run bahi")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A `bahi serve` process, killed when dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `bahi serve` with output captured (read it with `wait_with_output`).
pub fn serve(dir: &Path, vars: &[(&str, &str)]) -> Server {
    Server(
        bahi(dir, vars, &["serve"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bahi serve"),
    )
}

/// Waits until something listens on the port.
pub fn wait_for_port(port: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err() {
        assert!(
            Instant::now() < deadline,
            "the server did not start listening"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
