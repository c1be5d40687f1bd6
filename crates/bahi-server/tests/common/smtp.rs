//! A real SMTP server on a random local port, for tests: it speaks enough of RFC 5321 for
//! lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it receives, and can be told to
//! refuse for a while (a 451, as a server that is down for maintenance answers) or to go away
//! altogether (its port then refuses connections).

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parseable message")
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    /// While true, every MAIL FROM is answered 451.
    refusing: std::sync::atomic::AtomicBool,
    /// Rung on every message received.
    arrived: tokio::sync::Notify,
}

pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        Self::start_on(0).await
    }

    /// On a given port (to come back where a stopped server was).
    pub async fn start_on(port: u16) -> Self {
        Self::serve(port, Arc::default()).await
    }

    async fn serve(port: u16, shared: Arc<Shared>) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("an SMTP port");
        let port = listener.local_addr().expect("bound").port();
        let connections: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let accept = {
            let shared = shared.clone();
            let connections = connections.clone();
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let shared = shared.clone();
                    let task = tokio::spawn(async move {
                        let _ = session(stream, &shared).await;
                    });
                    connections.lock().expect("lock").push(task);
                }
            })
        };
        Self {
            port,
            shared,
            accept: Some(accept),
            connections,
        }
    }

    /// `smtp://127.0.0.1:PORT` (no TLS: a local relay).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().expect("lock").clone()
    }

    pub fn count(&self) -> usize {
        self.shared.received.lock().expect("lock").len()
    }

    /// Waits until `n` messages have arrived (or panics after `within`), woken by each arrival.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let waited = tokio::time::timeout(within, async {
            loop {
                let arrival = self.shared.arrived.notified();
                tokio::pin!(arrival);
                arrival.as_mut().enable();
                let got = self.received();
                if got.len() >= n {
                    return got;
                }
                arrival.await;
            }
        })
        .await;
        waited.unwrap_or_else(|_| panic!("expected {n} messages, the server has {}", self.count()))
    }

    /// Answers every new message with 451 (try again later) while `on`.
    pub fn refuse(&self, on: bool) {
        self.shared
            .refusing
            .store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// Stops listening and drops every open connection: the port refuses until a server
    /// starts on it again ([`SmtpServer::restart`]), which keeps what was received.
    pub fn kill(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
        for task in self.connections.lock().expect("lock").drain(..) {
            task.abort();
        }
    }

    /// Listens again on the same port, keeping what was received before.
    pub async fn restart(&mut self) {
        self.kill();
        // The aborted listener closes when its task is dropped; give it a moment.
        for _ in 0..50 {
            if TcpListener::bind(("127.0.0.1", self.port)).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut again = Self::serve(self.port, self.shared.clone()).await;
        self.accept = again.accept.take();
        self.connections = again.connections.clone();
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.kill();
    }
}

fn address(arg: &str) -> String {
    let start = arg.find('<').map_or(0, |i| i + 1);
    let end = arg.rfind('>').unwrap_or(arg.len());
    arg[start..end].to_owned()
}

async fn session(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 localhost test SMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-localhost\r\n250 8BITMIME\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                from.clear();
                to.clear();
                b"250 OK\r\n"
            }
            "MAIL" => {
                if shared.refusing.load(std::sync::atomic::Ordering::SeqCst) {
                    b"451 4.3.0 try again later\r\n"
                } else {
                    from = address(&command[4..]);
                    b"250 OK\r\n"
                }
            }
            "RCPT" => {
                to.push(address(&command[4..]));
                b"250 OK\r\n"
            }
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut data = Vec::new();
                let mut raw = Vec::new();
                loop {
                    raw.clear();
                    if lines.read_until(b'\n', &mut raw).await? == 0 {
                        return Ok(());
                    }
                    if raw == b".\r\n" || raw == b".\n" {
                        break;
                    }
                    let text = raw.strip_prefix(b".").unwrap_or(&raw);
                    data.extend_from_slice(text);
                }
                shared.received.lock().expect("lock").push(Received {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
                shared.arrived.notify_waiters();
                b"250 OK queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}
