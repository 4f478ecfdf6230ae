//! The Lambda Runtime API on loopback, as the runtime interface clients (`awslambdaric`,
//! `lambda_runtime`) speak it:
//!
//! * `GET /2018-06-01/runtime/invocation/next` long-polls until an event is queued, then answers
//!   200 with the event and the `Lambda-Runtime-Aws-Request-Id`, `Lambda-Runtime-Deadline-Ms`
//!   (epoch milliseconds), `Lambda-Runtime-Invoked-Function-Arn` and `Lambda-Runtime-Trace-Id`
//!   headers;
//! * `POST /2018-06-01/runtime/invocation/{id}/response` and `/error` record the outcome of that
//!   event (202; 400 for an unknown id or a second outcome; 413 above the 6 MB response limit);
//! * `POST /2018-06-01/runtime/init/error` records an initialization failure (202).
//!
//! One event at a time, one listener per function process: `AWS_LAMBDA_RUNTIME_API` is a bare
//! `host:port`, as `awslambdaric`'s init-error path requires.
//!
//! The server is `std::net` with a thread per connection and `httparse` (hyper's own request
//! parser) for the protocol: the API has four routes, one client and a blocking long poll, which
//! threads express directly. hyper or axum would bring tokio into every stack binary, including
//! the many that only ever synthesize Python functions, for no gain here; `tiny_http` has not
//! been released since 2022. Both of AWS's clients run against it in the tests: `awslambdaric`
//! and a `lambda_runtime` binary (`tests/local.rs`).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::http::{Connection, Request};
use crate::rules::limits::{MAX_INVOKE_PAYLOAD_BYTES, MAX_RESPONSE_PAYLOAD_BYTES};

const PREFIX: &str = "/2018-06-01/runtime/";

/// An invocation to hand to the runtime.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub(crate) request_id: String,
    pub(crate) payload: Vec<u8>,
    pub(crate) function_arn: String,
    pub(crate) trace_id: String,
    pub(crate) timeout: Duration,
}

/// What the runtime reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// `/response`: the handler's result.
    Response(Vec<u8>),
    /// `/error`: the error body and the `Lambda-Runtime-Function-Error-Type` header.
    Error { body: Vec<u8>, error_type: Option<String> },
    /// `/init/error`.
    InitError { body: Vec<u8>, error_type: Option<String> },
    /// A `/response` above Lambda's response size limit, of this many bytes or more.
    ResponseTooLarge(usize),
}

/// Where the invocation stands, as the invoker sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Progress {
    /// When the runtime first asked for an event: the end of its initialization.
    pub(crate) first_poll: Option<Instant>,
    /// When the event was handed to the runtime: the start of the invocation.
    pub(crate) handed_out: Option<Instant>,
    /// The outcome, and when it arrived.
    pub(crate) outcome: Option<(Outcome, Instant)>,
}

#[derive(Default)]
struct State {
    queued: Option<Event>,
    /// The event handed out and waiting for its outcome.
    current: Option<String>,
    progress: Progress,
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poison| poison.into_inner())
    }
}

/// A running Runtime API; closed when dropped.
pub(crate) struct RuntimeApi {
    address: SocketAddr,
    shared: Arc<Shared>,
}

impl RuntimeApi {
    /// Listens on a free loopback port.
    pub(crate) fn start() -> std::io::Result<RuntimeApi> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared { state: Mutex::new(State::default()), changed: Condvar::new() });
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.lock().closed {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let serving = Arc::clone(&accepting);
                std::thread::spawn(move || {
                    // A client that goes away mid-request is its own business.
                    let _ = serve(stream, &serving);
                });
            }
        });
        Ok(RuntimeApi { address, shared })
    }

    /// `host:port`, for `AWS_LAMBDA_RUNTIME_API`.
    pub(crate) fn address(&self) -> String {
        self.address.to_string()
    }

    /// Queues the event the next `/next` hands out.
    pub(crate) fn queue(&self, event: Event) {
        self.shared.lock().queued = Some(event);
        self.shared.changed.notify_all();
    }

    /// Waits up to `wait` for an outcome (or, with `handed_out_seen` false, for the event to be
    /// handed out), and says where the invocation stands.
    pub(crate) fn wait(&self, wait: Duration, handed_out_seen: bool) -> Progress {
        let state = self.shared.lock();
        let (state, _) = self
            .shared
            .changed
            .wait_timeout_while(state, wait, |state| {
                state.progress.outcome.is_none() && (handed_out_seen || state.progress.handed_out.is_none())
            })
            .unwrap_or_else(|poison| poison.into_inner());
        state.progress.clone()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.changed.notify_all();
        // Wakes the accept loop so it sees `closed`.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(100));
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut connection = Connection::new(stream)?;
    // The largest body a client may send: an error body or a response, one byte past the limit to
    // tell "at the limit" from "above it".
    let max_body = MAX_RESPONSE_PAYLOAD_BYTES.max(MAX_INVOKE_PAYLOAD_BYTES) + 1;
    while let Some(request) = connection.read_request(max_body)? {
        let keep_alive = request.keep_alive;
        let Some(reply) = route(&request, shared) else { return Ok(()) };
        connection.respond(reply.status, &reply.headers, &reply.body, keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
    Ok(())
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn json_reply(status: u16, body: serde_json::Value) -> Reply {
    Reply { status, headers: vec![("Content-Type", "application/json".into())], body: body.to_string().into_bytes() }
}

fn error_reply(status: u16, error_type: &str, message: &str) -> Reply {
    json_reply(status, serde_json::json!({ "errorMessage": message, "errorType": error_type }))
}

/// The answer to one request; `None` when the emulator closed while `/next` was waiting.
fn route(request: &Request, shared: &Shared) -> Option<Reply> {
    let Some(rest) = request.path.split('?').next().and_then(|path| path.strip_prefix(PREFIX)) else {
        return Some(error_reply(404, "NotFound", &format!("no route for {} {}", request.method, request.path)));
    };
    let segments: Vec<&str> = rest.split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["invocation", "next"]) => next(shared),
        ("POST", ["invocation", id, kind @ ("response" | "error")]) => Some(outcome(request, shared, id, kind)),
        ("POST", ["init", "error"]) => {
            let mut state = shared.lock();
            if state.progress.first_poll.is_some() {
                return Some(error_reply(403, "InvalidStateTransition", "init/error after the runtime initialized"));
            }
            let error_type = request.header("lambda-runtime-function-error-type").map(str::to_owned);
            state.progress.outcome =
                Some((Outcome::InitError { body: request.body.clone(), error_type }, Instant::now()));
            shared.changed.notify_all();
            Some(json_reply(202, serde_json::json!({ "status": "OK" })))
        }
        (_, ["invocation", "next"]) | (_, ["invocation", _, "response" | "error"]) | (_, ["init", "error"]) => {
            Some(error_reply(405, "MethodNotAllowed", &format!("{} is not allowed here", request.method)))
        }
        _ => Some(error_reply(404, "NotFound", &format!("no route for {} {}", request.method, request.path))),
    }
}

/// `/next`: waits for an event, hands it out with Lambda's headers.
fn next(shared: &Shared) -> Option<Reply> {
    let mut state = shared.lock();
    let now = Instant::now();
    state.progress.first_poll.get_or_insert(now);
    shared.changed.notify_all();
    let mut state = shared
        .changed
        .wait_while(state, |state| state.queued.is_none() && !state.closed)
        .unwrap_or_else(|poison| poison.into_inner());
    let event = state.queued.take()?;
    let handed_out = Instant::now();
    state.current = Some(event.request_id.clone());
    state.progress.handed_out = Some(handed_out);
    shared.changed.notify_all();
    drop(state);
    let deadline = std::time::SystemTime::now() + event.timeout;
    let deadline_ms = deadline.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    Some(Reply {
        status: 200,
        headers: vec![
            ("Content-Type", "application/json".into()),
            ("Lambda-Runtime-Aws-Request-Id", event.request_id),
            ("Lambda-Runtime-Deadline-Ms", deadline_ms.to_string()),
            ("Lambda-Runtime-Invoked-Function-Arn", event.function_arn),
            ("Lambda-Runtime-Trace-Id", event.trace_id),
        ],
        body: event.payload,
    })
}

/// `/{id}/response` and `/{id}/error`.
fn outcome(request: &Request, shared: &Shared, id: &str, kind: &str) -> Reply {
    let mut state = shared.lock();
    if state.current.as_deref() != Some(id) {
        return error_reply(400, "InvalidRequestID", &format!("no invocation `{id}` is waiting for a result"));
    }
    if state.progress.outcome.is_some() {
        return error_reply(400, "InvalidStateTransition", &format!("invocation `{id}` already has a result"));
    }
    let (outcome, reply) = if kind == "response" {
        if request.too_large || request.body.len() > MAX_RESPONSE_PAYLOAD_BYTES {
            let message = format!("Exceeded maximum allowed payload size ({MAX_RESPONSE_PAYLOAD_BYTES} bytes)");
            (Outcome::ResponseTooLarge(request.body.len()), error_reply(413, "RequestEntityTooLarge", &message))
        } else {
            (Outcome::Response(request.body.clone()), json_reply(202, serde_json::json!({ "status": "OK" })))
        }
    } else {
        let error_type = request.header("lambda-runtime-function-error-type").map(str::to_owned);
        (
            Outcome::Error { body: request.body.clone(), error_type },
            json_reply(202, serde_json::json!({ "status": "OK" })),
        )
    };
    state.progress.outcome = Some((outcome, Instant::now()));
    shared.changed.notify_all();
    reply
}

#[cfg(test)]
mod tests {
    use std::io::{Read as _, Write as _};

    use super::*;

    fn send(address: &str, raw: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        reply
    }

    fn event(id: &str) -> Event {
        Event {
            request_id: id.into(),
            payload: br#"{"a":1}"#.to_vec(),
            function_arn: "arn:aws:lambda:eu-west-3:123456789012:function:f".into(),
            trace_id: "Root=1-00000000-000000000000000000000000".into(),
            timeout: Duration::from_secs(3),
        }
    }

    #[test]
    fn next_then_response() {
        let api = RuntimeApi::start().unwrap();
        let address = api.address();
        let poller = {
            let address = address.clone();
            std::thread::spawn(move || {
                send(&address, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nConnection: close\r\n\r\n")
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(api.wait(Duration::ZERO, true).first_poll.is_some(), "the poll is seen before an event exists");
        api.queue(event("id-1"));
        let reply = poller.join().unwrap();
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
        assert!(reply.contains("Lambda-Runtime-Aws-Request-Id: id-1\r\n"));
        let deadline: u128 =
            reply.split("Lambda-Runtime-Deadline-Ms: ").nth(1).unwrap().split("\r\n").next().unwrap().parse().unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
        assert!(deadline > now + 2_000 && deadline <= now + 3_000, "deadline is epoch ms about 3 s ahead");
        assert!(reply.ends_with(r#"{"a":1}"#));

        let wrong = send(&address, "POST /2018-06-01/runtime/invocation/nope/response HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assert!(wrong.starts_with("HTTP/1.1 400"), "{wrong}");
        let ok = send(&address, "POST /2018-06-01/runtime/invocation/id-1/response HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
        assert!(ok.starts_with("HTTP/1.1 202"), "{ok}");
        let twice = send(&address, "POST /2018-06-01/runtime/invocation/id-1/error HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assert!(twice.starts_with("HTTP/1.1 400"), "{twice}");
        let progress = api.wait(Duration::from_secs(1), true);
        assert_eq!(progress.outcome.unwrap().0, Outcome::Response(b"hi".to_vec()));
    }

    #[test]
    fn init_errors_and_unknown_routes() {
        let api = RuntimeApi::start().unwrap();
        let address = api.address();
        let missing = send(&address, "GET /2018-06-01/runtime/nothing HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        let init = send(
            &address,
            "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nLambda-Runtime-Function-Error-Type: Runtime.ImportModuleError\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        );
        assert!(init.starts_with("HTTP/1.1 202"), "{init}");
        let progress = api.wait(Duration::from_secs(1), true);
        let Some((Outcome::InitError { error_type, .. }, _)) = progress.outcome else { panic!() };
        assert_eq!(error_type.as_deref(), Some("Runtime.ImportModuleError"));
    }
}
