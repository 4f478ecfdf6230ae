//! Just enough HTTP/1.1 for the Runtime API: requests parsed by `httparse` (hyper's parser), bodies
//! by `Content-Length` or chunked (with trailers, which streamed responses use), keep-alive, and
//! responses with a `Content-Length`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// Header block limit: a Runtime API client sends a handful of short headers.
const MAX_HEAD: usize = 64 * 1024;

/// One request: method, path, headers (names lowercase) and body. `too_large` is set when the
/// body went over the limit it was read with (the rest was read and dropped).
#[derive(Debug, Default)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Headers sent after a chunked body.
    pub(crate) trailers: Vec<(String, String)>,
    pub(crate) too_large: bool,
    pub(crate) keep_alive: bool,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .chain(&self.trailers)
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A connection being served: buffered reads, unbuffered writes.
pub(crate) struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    pub(crate) fn new(stream: TcpStream) -> io::Result<Connection> {
        stream.set_nodelay(true)?;
        Ok(Connection { writer: stream.try_clone()?, reader: BufReader::new(stream) })
    }

    /// The next request, `None` when the client closed the connection between requests. Bodies
    /// above `max_body` bytes are read and dropped, and the request is flagged.
    pub(crate) fn read_request(&mut self, max_body: usize) -> io::Result<Option<Request>> {
        let head = match self.read_head()? {
            Some(head) => head,
            None => return Ok(None),
        };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&head) {
            Ok(httparse::Status::Complete(_)) => {}
            Ok(httparse::Status::Partial) => return Err(invalid("incomplete request head")),
            Err(error) => return Err(invalid(&format!("malformed request: {error}"))),
        }
        let mut request = Request {
            method: parsed.method.unwrap_or_default().to_string(),
            path: parsed.path.unwrap_or_default().to_string(),
            headers: parsed
                .headers
                .iter()
                .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
                .collect(),
            keep_alive: parsed.version == Some(1),
            ..Request::default()
        };
        if let Some(connection) = request.header("connection") {
            if connection.eq_ignore_ascii_case("close") {
                request.keep_alive = false;
            } else if connection.eq_ignore_ascii_case("keep-alive") {
                request.keep_alive = true;
            }
        }
        let chunked = request.header("transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
        if chunked {
            self.read_chunked(&mut request, max_body)?;
        } else if let Some(length) = request.header("content-length") {
            let length: usize = length.trim().parse().map_err(|_| invalid("bad Content-Length"))?;
            self.read_exact_body(&mut request, length, max_body)?;
        }
        Ok(Some(request))
    }

    /// Bytes up to and including the blank line ending the head; `None` on a clean close.
    fn read_head(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut head = Vec::new();
        loop {
            let mut line = Vec::new();
            let read = self.reader.read_until(b'\n', &mut line)?;
            if read == 0 {
                return if head.is_empty() { Ok(None) } else { Err(invalid("connection closed mid-request")) };
            }
            // Tolerate stray blank lines between requests (RFC 9112 §2.2).
            if head.is_empty() && (line == b"\r\n" || line == b"\n") {
                continue;
            }
            head.extend_from_slice(&line);
            if line == b"\r\n" || line == b"\n" {
                return Ok(Some(head));
            }
            if head.len() > MAX_HEAD {
                return Err(invalid("request head too large"));
            }
        }
    }

    fn read_exact_body(&mut self, request: &mut Request, length: usize, max_body: usize) -> io::Result<()> {
        let keep = length.min(max_body);
        request.body.resize(keep, 0);
        self.reader.read_exact(&mut request.body)?;
        if length > keep {
            request.too_large = true;
            io::copy(&mut (&mut self.reader).take((length - keep) as u64), &mut io::sink())?;
        }
        Ok(())
    }

    fn read_chunked(&mut self, request: &mut Request, max_body: usize) -> io::Result<()> {
        loop {
            let mut line = Vec::new();
            if self.reader.read_until(b'\n', &mut line)? == 0 {
                return Err(invalid("connection closed inside a chunked body"));
            }
            let size = match httparse::parse_chunk_size(&line) {
                Ok(httparse::Status::Complete((_, size))) => size as usize,
                _ => return Err(invalid("bad chunk size")),
            };
            if size == 0 {
                break;
            }
            let room = max_body.saturating_sub(request.body.len());
            let start = request.body.len();
            request.body.resize(start + size.min(room), 0);
            self.reader.read_exact(&mut request.body[start..])?;
            if size > room {
                request.too_large = true;
                io::copy(&mut (&mut self.reader).take((size - room) as u64), &mut io::sink())?;
            }
            let mut crlf = Vec::new();
            self.reader.read_until(b'\n', &mut crlf)?;
        }
        // Trailers, then the blank line.
        loop {
            let mut line = Vec::new();
            if self.reader.read_until(b'\n', &mut line)? == 0 || line == b"\r\n" || line == b"\n" {
                return Ok(());
            }
            let text = String::from_utf8_lossy(&line);
            if let Some((name, value)) = text.split_once(':') {
                request.trailers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }

    /// Writes a response with a body and `Content-Length`.
    pub(crate) fn respond(
        &mut self,
        status: u16,
        headers: &[(&str, String)],
        body: &[u8],
        keep_alive: bool,
    ) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        if !keep_alive {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        self.writer.write_all(head.as_bytes())?;
        self.writer.write_all(body)?;
        self.writer.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    /// Sends `raw` to a fresh connection and reads what the server side parses.
    fn parse(raw: &'static [u8], max_body: usize) -> Vec<Request> {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            stream.write_all(raw).unwrap();
        });
        let (stream, _) = listener.accept().unwrap();
        let mut connection = Connection::new(stream).unwrap();
        let mut requests = Vec::new();
        while let Some(request) = connection.read_request(max_body).unwrap() {
            requests.push(request);
        }
        client.join().unwrap();
        requests
    }

    #[test]
    fn keep_alive_requests_with_bodies() {
        let requests = parse(
            b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n\
              POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            100,
        );
        assert_eq!(requests.len(), 2);
        assert_eq!(
            (requests[0].method.as_str(), requests[0].path.as_str()),
            ("GET", "/2018-06-01/runtime/invocation/next")
        );
        assert_eq!(requests[1].body, b"hello");
        assert!(requests[1].keep_alive);
    }

    #[test]
    fn chunked_bodies_and_trailers() {
        let requests = parse(
            b"POST /r HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\
              Lambda-Runtime-Function-Error-Type: Boom\r\n\r\n",
            100,
        );
        assert_eq!(requests[0].body, b"Wikipedia");
        assert_eq!(requests[0].header("lambda-runtime-function-error-type"), Some("Boom"));
    }

    #[test]
    fn oversized_bodies_are_flagged_and_skipped() {
        let requests = parse(b"POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789GET /b HTTP/1.1\r\n\r\n", 4);
        assert!(requests[0].too_large);
        assert_eq!(requests[0].body, b"0123");
        assert_eq!(requests[1].path, "/b");
    }
}
