//! LSP's framing over stdio: `Content-Length` headers, then a JSON-RPC message. Our own reader
//! instead of `lsp_server::Connection::stdio`, whose reader thread ends on the first message
//! that is not valid JSON: here such a message becomes a parse error answered to the client, and
//! the server keeps reading.

use std::io::{self, BufRead, Read, Write};

use lsp_server::Message;

/// A largest message: an article may be 16 MB, and JSON escaping can double it.
const MAX_MESSAGE: usize = 64 << 20;

/// What arrives on standard input.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that holds no JSON-RPC message, and why.
    Malformed(String),
}

/// Read framed messages from `input` until it ends, each sent to `tx`.
pub fn read_messages(mut input: impl BufRead, send: impl Fn(Incoming) -> bool) {
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(frame)) => frame,
            Ok(None) => return,
            Err(e) => {
                if !send(Incoming::Malformed(e.to_string())) {
                    return;
                }
                continue;
            }
        };
        let incoming = match serde_json::from_slice::<Message>(&frame) {
            Ok(m) => Incoming::Message(m),
            Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
        };
        let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if !send(incoming) || exit {
            return;
        }
    }
}

/// One frame's body; `None` at the end of input. A frame without a usable `Content-Length` is an
/// error (its body, if any, cannot be found, so the next header line starts the next frame); an
/// end of input inside a frame ends the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut any = false;
    loop {
        line.clear();
        // a header line is short; a longer one is not a header
        let n = input.by_ref().take(4096).read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = trimmed.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    let length = match length {
        None => return Err(io::Error::other("a message without Content-Length")),
        Some(Err(e)) => return Err(io::Error::other(e)),
        Some(Ok(n)) => n,
    };
    if length > MAX_MESSAGE {
        // skip the body: the next frame starts after it
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Err(io::Error::other(format!(
            "a message of {length} bytes (at most {MAX_MESSAGE})"
        )));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Some(body)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// Write one message to the client.
pub fn write(out: &mut impl Write, message: Message) -> io::Result<()> {
    message.write(out)?;
    out.flush()
}

/// The answer to a frame that held no request: JSON-RPC's parse error, with a null id.
pub fn write_parse_error(out: &mut impl Write, why: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": lsp_server::ErrorCode::ParseError as i32, "message": why },
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// Spawn the reader thread on standard input; `send` gets each message, and `None` when the
/// input ends without `exit`. It stops when `send` says the receiver is gone.
pub fn stdin_reader(send: impl Fn(Option<Incoming>) -> bool + Send + 'static) -> io::Result<()> {
    std::thread::Builder::new()
        .name("seolint-lsp-reader".to_string())
        .spawn(move || {
            read_messages(io::BufReader::new(io::stdin().lock()), |m| send(Some(m)));
            send(None);
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_and_bad_ones_reported_without_ending_the_input() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{bad}}Content-Type: x\r\n\r\nContent-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let (tx, rx) = std::sync::mpsc::channel();
        read_messages(io::Cursor::new(input.into_bytes()), |m| tx.send(m).is_ok());
        drop(tx);
        let got: Vec<Incoming> = rx.iter().collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(&got[0], Incoming::Malformed(m) if m.contains("not a JSON-RPC")),
            "{got:?}"
        );
        assert!(
            matches!(&got[1], Incoming::Malformed(m) if m.contains("Content-Length")),
            "{got:?}"
        );
        assert!(
            matches!(&got[2], Incoming::Message(Message::Request(r)) if r.method == "shutdown"),
            "{got:?}"
        );
    }
}
