//! The network side of fetch, on a worker thread per request: runs the
//! HTTP exchange with `ureq` (HTTP/1.1, rustls with Mozilla's roots,
//! redirects as the request's `redirect` mode says, gzip bodies decoded),
//! reports the response head, then reads the body one chunk per `Read`
//! command until the end, an error, or `Cancel`. Everything it reports is
//! plain data (`Event`), turned into completions for the JS thread by
//! the caller's sink.
//!
//! Each request has its own `ureq::Agent`, so that aborting one request
//! (`Agent::shutdown`, from the JS thread) closes exactly its connection,
//! even while the worker is blocked in a read.
//!
//! Invariant: the worker sends exactly one of `Head`/`Failed`, then (after
//! a `Head`) at most one `Chunk` per `Read` received, and stops after
//! `End` or `Error`; dropping the command sender or sending `Cancel` makes
//! it drop the connection and exit.

use std::io::Read;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ureq::http;
use ureq::{Agent, ResponseExt};

use super::request::Redirect;

/// The most bytes one chunk carries.
const CHUNK_SIZE: usize = 64 * 1024;

/// Fetch's limit on followed redirects.
const MAX_REDIRECTS: u32 = 20;

/// A request as the worker sends it.
pub struct Job {
    pub method: String,
    pub url: String,
    /// Byte strings (each char is one byte).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub redirect: Redirect,
}

/// A response head.
#[derive(Debug)]
pub struct Head {
    pub status: u16,
    pub status_text: String,
    /// Names lowercased; values as byte strings (Latin-1 decoded).
    pub headers: Vec<(String, String)>,
    /// The URL the response came from (after redirects).
    pub url: String,
    pub redirected: bool,
}

/// Why a request or a body read failed, in the terms of Node's errors.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// `connect ECONNREFUSED host:port`.
    Refused { host: String, port: u16 },
    /// `getaddrinfo ENOTFOUND host`.
    NotFound { host: String },
    /// A connect timeout (`UND_ERR_CONNECT_TIMEOUT`).
    ConnectTimeout,
    /// More than 20 redirects.
    TooManyRedirects,
    /// `redirect: "error"` met a redirect.
    UnexpectedRedirect,
    /// The connection broke (reset, closed early).
    Closed(String),
    /// Anything else, with ureq's description.
    Other(String),
}

/// What the JS thread asks of a worker once the head has arrived.
pub enum Cmd {
    /// Read the next chunk.
    Read,
    /// Drop the connection and stop.
    Cancel,
}

/// What a worker reports.
#[derive(Debug)]
pub enum Event {
    Head(Head),
    Failed(Failure),
    Chunk(Vec<u8>),
    End,
    Error(Failure),
}

/// An agent for one request: redirects per `redirect`, statuses are not
/// errors, and a connect timeout of 10 seconds (as undici has).
pub fn new_agent(redirect: Redirect) -> Agent {
    let (max, error) = match redirect {
        Redirect::Follow => (MAX_REDIRECTS, true),
        Redirect::Error | Redirect::Manual => (0, false),
    };
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(max)
        .max_redirects_will_error(error)
        .save_redirect_history(true)
        .user_agent(concat!("jsvm/", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Some(Duration::from_secs(10)))
        .build();
    Agent::new_with_config(config)
}

/// Bytes of a byte string.
fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// A byte string of bytes.
fn from_latin1(b: &[u8]) -> String {
    b.iter().map(|&c| char::from(c)).collect()
}

/// The worker: sends the request, reports the head, serves reads.
pub fn run(job: Job, agent: Agent, cmds: Receiver<Cmd>, sink: &impl Fn(Event)) {
    let target = url::Url::parse(&job.url).ok();
    let response = match send(&job, &agent) {
        Ok(r) => r,
        Err(e) => {
            sink(Event::Failed(classify(&e, target.as_ref())));
            return;
        }
    };
    if job.redirect == Redirect::Error && response.status().is_redirection() {
        sink(Event::Failed(Failure::UnexpectedRedirect));
        return;
    }
    let head = head_of(&response, &job.url);
    let mut reader = response.into_body().into_reader();
    sink(Event::Head(head));
    while let Ok(Cmd::Read) = cmds.recv() {
        let mut buf = vec![0u8; CHUNK_SIZE];
        match reader.read(&mut buf) {
            Ok(0) => {
                sink(Event::End);
                return;
            }
            Ok(n) => {
                buf.truncate(n);
                sink(Event::Chunk(buf));
            }
            Err(e) => {
                sink(Event::Error(Failure::Closed(e.to_string())));
                return;
            }
        }
    }
    // Cancelled (or the JS side is gone): dropping the reader and the
    // agent closes the connection.
    drop(reader);
    agent.shutdown();
}

fn send(job: &Job, agent: &Agent) -> Result<http::Response<ureq::Body>, ureq::Error> {
    // The fragment is not sent.
    let uri = job.url.split('#').next().unwrap_or(&job.url);
    let mut builder = http::Request::builder()
        .method(job.method.as_bytes())
        .uri(uri);
    for (name, value) in &job.headers {
        let value = http::HeaderValue::from_bytes(&latin1(value))
            .map_err(|e| ureq::Error::Other(Box::new(e)))?;
        builder = builder.header(name.as_str(), value);
    }
    match &job.body {
        Some(bytes) => agent.run(builder.body(bytes.clone())?),
        None => agent.run(builder.body(())?),
    }
}

fn head_of(response: &http::Response<ureq::Body>, request_url: &str) -> Head {
    let status = response.status();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_ascii_lowercase(), from_latin1(v.as_bytes())))
        .collect();
    let redirected = response.get_redirect_history().is_some_and(|h| h.len() > 1);
    let url = if redirected {
        let final_uri = response.get_uri().to_string();
        match url::Url::parse(&final_uri) {
            Ok(mut u) => {
                u.set_fragment(None);
                u.to_string()
            }
            Err(_) => final_uri,
        }
    } else {
        request_url
            .split('#')
            .next()
            .unwrap_or(request_url)
            .to_string()
    };
    Head {
        status: status.as_u16(),
        status_text: status.canonical_reason().unwrap_or("").to_string(),
        headers,
        url,
        redirected,
    }
}

/// Maps ureq's errors to Node's causes.
pub fn classify(e: &ureq::Error, url: Option<&url::Url>) -> Failure {
    let host = url
        .and_then(|u| u.host_str())
        .map(|h| h.trim_start_matches('[').trim_end_matches(']').to_string())
        .unwrap_or_default();
    let port = url.and_then(|u| u.port_or_known_default()).unwrap_or(0);
    match e {
        ureq::Error::HostNotFound => Failure::NotFound { host },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => Failure::Refused { host, port },
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::UnexpectedEof => Failure::Closed(io.to_string()),
            _ if io.to_string().contains("failed to lookup address") => Failure::NotFound { host },
            _ => Failure::Other(io.to_string()),
        },
        ureq::Error::Timeout(ureq::Timeout::Connect) => Failure::ConnectTimeout,
        ureq::Error::TooManyRedirects => Failure::TooManyRedirects,
        other => Failure::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpListener;

    #[test]
    fn byte_strings_round_trip() {
        let s = from_latin1(&[0x41, 0xe9, 0xff]);
        assert_eq!(s, "Aéÿ");
        assert_eq!(latin1(&s), vec![0x41, 0xe9, 0xff]);
    }

    #[test]
    fn a_refused_connection_is_classified() {
        // Bind then drop a listener: its port is (almost surely) closed.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(1);
        let job = Job {
            method: "GET".into(),
            url: format!("http://127.0.0.1:{port}/"),
            headers: Vec::new(),
            body: None,
            redirect: Redirect::Follow,
        };
        let (_tx, rx) = std::sync::mpsc::channel();
        let events = std::sync::Mutex::new(Vec::new());
        run(job, new_agent(Redirect::Follow), rx, &|e| {
            if let Ok(mut v) = events.lock() {
                v.push(e);
            }
        });
        let events = events.into_inner().unwrap_or_default();
        assert!(
            matches!(&events[..], [Event::Failed(Failure::Refused { port: p, .. })] if *p == port),
            "{events:?}"
        );
    }

    #[test]
    fn a_body_is_read_chunk_by_chunk_on_demand() {
        let Ok(listener) = TcpListener::bind("127.0.0.1:0") else {
            return;
        };
        let Ok(addr) = listener.local_addr() else {
            return;
        };
        let server = std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                let mut buf = [0u8; 1024];
                let _ = std::io::Read::read(&mut s, &mut buf);
                let _ = s.write_all(
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n3\r\nabc\r\n",
                );
                let _ = s.flush();
                std::thread::sleep(Duration::from_millis(20));
                let _ = s.write_all(b"2\r\nde\r\n0\r\n\r\n");
            }
        });
        let job = Job {
            method: "GET".into(),
            url: format!("http://{addr}/x"),
            headers: vec![("x-test".into(), "é".into())],
            body: None,
            redirect: Redirect::Follow,
        };
        let (tx, rx) = std::sync::mpsc::channel();
        for _ in 0..4 {
            let _ = tx.send(Cmd::Read);
        }
        let events = std::sync::Mutex::new(Vec::new());
        run(job, new_agent(Redirect::Follow), rx, &|e| {
            if let Ok(mut v) = events.lock() {
                v.push(e);
            }
        });
        let _ = server.join();
        let events = events.into_inner().unwrap_or_default();
        let mut body = Vec::new();
        let mut saw_head = false;
        let mut saw_end = false;
        for e in &events {
            match e {
                Event::Head(h) => {
                    saw_head =
                        h.status == 200 && h.headers.iter().any(|(n, v)| n == "x-a" && v == "1");
                }
                Event::Chunk(c) => body.extend_from_slice(c),
                Event::End => saw_end = true,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(saw_head && saw_end, "{events:?}");
        assert_eq!(body, b"abcde");
    }
}
