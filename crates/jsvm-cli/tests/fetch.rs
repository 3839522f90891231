//! fetch, streams, text decoding and aborts end to end. The harness runs a
//! loopback HTTP/1.1 server (std::net on 127.0.0.1, port chosen by the
//! OS) and runs `jsvm tests/fetch/NAME.js BASE_URL REFUSED_URL` for every
//! program there; stdout must equal `NAME.out`, the exit code 0. The
//! server records what it saw (pages served, connections the client
//! closed), and the programs ask it through `/stats` and `/closed`, so
//! "breaking out of the loop closes the connection" is checked from the
//! server's side. Nothing leaves the machine: the only host names are
//! 127.0.0.1 and one whose 70-character label the resolver rejects
//! without a query.
//!
//! `JSVM_FETCH_ENGINE=node cargo test -p jsvm-cli --test fetch` runs the
//! same programs with node instead, to check the expectations; with
//! `JSVM_FETCH_BLESS=1` as well, node's output becomes the expectations.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server remembers between requests.
#[derive(Default)]
struct State {
    pages_served: u32,
    /// Stream ids whose client closed the connection.
    closed: HashMap<String, bool>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// A parsed request.
struct Request {
    method: String,
    path: String,
    query: HashMap<String, String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

const USERS: [&str; 7] = [
    "Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis",
];

/// Multi-byte characters split across chunk boundaries on purpose.
const STREAM_TEXT: &str = "Streaming — chunk by chunk: héllo wörld ✓ 日本語 テキスト 🚀 done.\n";
const STREAM_CUTS: [usize; 4] = [10, 27, 55, 70];

fn start_server() -> (String, Shared) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let state: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let shared = state.clone();
    thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { continue };
            let state = shared.clone();
            thread::spawn(move || serve(conn, &state));
        }
    });
    (base, state)
}

fn read_request(conn: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    conn.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        conn.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    conn.read_exact(&mut body).ok()?;
    let (path, q) = target.split_once('?').unwrap_or((&target, ""));
    let query = q
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Some(Request {
        method,
        path: path.to_string(),
        query,
        headers,
        body,
    })
}

fn respond(conn: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(body);
}

fn json(conn: &mut TcpStream, status: &str, body: &str) {
    respond(
        conn,
        status,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
}

fn mark_closed(state: &Shared, id: &str) {
    let (lock, cv) = &**state;
    if let Ok(mut s) = lock.lock() {
        s.closed.insert(id.to_string(), true);
    }
    cv.notify_all();
}

/// Starts a chunked response.
fn chunked_head(conn: &mut TcpStream) -> std::io::Result<()> {
    conn.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
    )
}

fn write_chunk(conn: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    conn.write_all(format!("{:x}\r\n", data.len()).as_bytes())?;
    conn.write_all(data)?;
    conn.write_all(b"\r\n")?;
    conn.flush()
}

fn serve(conn: TcpStream, state: &Shared) {
    let Ok(read_half) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let Some(req) = read_request(&mut reader) else {
        return;
    };
    let mut conn = conn;
    let id = req.query.get("id").cloned().unwrap_or_default();
    match req.path.as_str() {
        "/users" => {
            let page: usize = req
                .query
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            if let Ok(mut s) = state.0.lock() {
                s.pages_served += 1;
            }
            let start = (page.max(1) - 1) * 3;
            let data: Vec<String> = USERS
                .iter()
                .enumerate()
                .skip(start)
                .take(3)
                .map(|(i, n)| format!("{{\"id\":{},\"name\":\"{n}\"}}", i + 1))
                .collect();
            let more = start + 3 < USERS.len();
            json(
                &mut conn,
                "200 OK",
                &format!("{{\"data\":[{}],\"hasMore\":{more}}}", data.join(",")),
            );
        }
        "/stats" => {
            let pages = state.0.lock().map(|s| s.pages_served).unwrap_or(0);
            json(&mut conn, "200 OK", &format!("{{\"pages\":{pages}}}"));
        }
        "/echo" => {
            let header = |name: &str| {
                req.headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let body = String::from_utf8_lossy(&req.body).replace('"', "'");
            json(
                &mut conn,
                "200 OK",
                &format!(
                    "{{\"method\":\"{}\",\"contentType\":\"{}\",\"xTest\":\"{}\",\"body\":\"{body}\"}}",
                    req.method,
                    header("content-type"),
                    header("x-test")
                ),
            );
        }
        "/bad-json" => respond(
            &mut conn,
            "200 OK",
            &[("Content-Type", "application/json")],
            b"{\"unterminated\": ",
        ),
        "/headers" => respond(
            &mut conn,
            "200 OK",
            &[
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
                ("X-Multi", "one"),
                ("X-Multi", "two"),
                ("Content-Type", "text/plain"),
            ],
            b"ok",
        ),
        "/redirect" => respond(
            &mut conn,
            "302 Found",
            &[("Location", "/users?page=3")],
            b"",
        ),
        "/stream" => {
            let bytes = STREAM_TEXT.as_bytes();
            if chunked_head(&mut conn).is_err() {
                return;
            }
            let mut start = 0;
            for end in STREAM_CUTS.iter().copied().chain([bytes.len()]) {
                if write_chunk(&mut conn, &bytes[start..end]).is_err() {
                    return;
                }
                start = end;
                thread::sleep(Duration::from_millis(20));
            }
            let _ = conn.write_all(b"0\r\n\r\n");
        }
        "/endless" => {
            // Chunks until the client goes away (bounded: 10 s).
            if chunked_head(&mut conn).is_err() {
                mark_closed(state, &id);
                return;
            }
            let chunk = [b'x'; 1024];
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if write_chunk(&mut conn, &chunk).is_err() {
                    mark_closed(state, &id);
                    return;
                }
                thread::sleep(Duration::from_millis(5));
            }
        }
        "/slow" => {
            // No answer until the client closes the connection (or 10 s).
            let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
            let mut buf = [0u8; 64];
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => mark_closed(state, &id),
                Ok(_) => {}
            }
            respond(&mut conn, "200 OK", &[], b"late");
        }
        "/closed" => {
            // Waits (up to 5 s) until the connection of stream `id` was
            // seen closed.
            let (lock, cv) = &**state;
            let deadline = Instant::now() + Duration::from_secs(5);
            let mut closed = false;
            if let Ok(mut s) = lock.lock() {
                loop {
                    if s.closed.get(&id).copied().unwrap_or(false) {
                        closed = true;
                        break;
                    }
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    match cv.wait_timeout(s, deadline - now) {
                        Ok((g, _)) => s = g,
                        Err(_) => return,
                    }
                }
            }
            json(&mut conn, "200 OK", &format!("{{\"closed\":{closed}}}"));
        }
        _ => json(&mut conn, "404 Not Found", "{\"error\":\"not found\"}"),
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A URL on which nothing listens (a port just released).
fn refused_url() -> String {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9);
    format!("http://127.0.0.1:{port}/")
}

/// Runs `file` with a time limit; (stdout, stderr, exit code).
fn run(file: &Path, base: &str, refused: &str) -> (String, String, i32) {
    let engine = std::env::var("JSVM_FETCH_ENGINE")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_jsvm").to_string());
    let mut child = Command::new(engine)
        .arg(file)
        .arg(base)
        .arg(refused)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the engine starts");
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let code = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code().unwrap_or(-1),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break -2;
            }
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    (stdout, stderr, code)
}

#[test]
fn fetch_programs_print_what_node_prints() {
    let (base, _state) = start_server();
    let refused = refused_url();
    let dir = repo_root().join("tests/fetch");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fetch exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no programs in {}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        let (stdout, stderr, code) = run(file, &base, &refused);
        if std::env::var_os("JSVM_FETCH_BLESS").is_some() {
            std::fs::write(file.with_extension("out"), &stdout).expect("write the expectation");
        }
        let expected = std::fs::read_to_string(file.with_extension("out")).unwrap_or_default();
        if stdout != expected || code != 0 {
            failures.push(format!(
                "{} (exit {code}):\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{stderr}",
                file.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
