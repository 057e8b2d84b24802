//! JSON-RPC over stdio. lsp-server's own stdio transport ends the connection on a
//! message that is not valid JSON (and allocates whatever `Content-Length` claims);
//! this one answers a broken message with a parse error (JSON-RPC -32700, id null)
//! and reads on — a client's message never stops the server.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};

pub struct Threads {
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits until everything sent has been written. The reader is not joined: it
    /// may be blocked on a stdin the client never closes.
    pub fn join(self) {
        let _ = self.writer.join();
    }
}

pub fn stdio() -> io::Result<(Connection, Threads)> {
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("lsp-writer".to_string())
        .spawn(move || {
            for message in outgoing {
                // One lock per message: the reader writes its parse errors between them.
                let mut out = io::stdout().lock();
                if message.write(&mut out).is_err() {
                    return;
                }
            }
        })?;
    std::thread::Builder::new()
        .name("lsp-reader".to_string())
        .spawn(move || {
            let mut input = io::stdin().lock();
            loop {
                match read_frame(&mut input) {
                    Ok(Frame::Message(message)) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if incoming.send(message).is_err() || exit {
                            return;
                        }
                    }
                    Ok(Frame::Malformed(problem)) => parse_error(&problem),
                    Ok(Frame::End) | Err(_) => return,
                }
            }
        })?;
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    Ok((connection, Threads { writer }))
}

/// Larger messages are read and dropped: no editor sends a buffer this big.
const MAX_MESSAGE: usize = 256 << 20;

enum Frame {
    Message(Message),
    /// Read whole (what follows is the next message) but not a message.
    Malformed(String),
    End,
}

/// Reads one `Content-Length`-framed message; I/O errors end the connection.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(Frame::End);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| format!("bad Content-Length {value:?}")),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(problem)) => return Ok(Frame::Malformed(problem)),
        None => return Ok(Frame::Malformed("no Content-Length header".to_string())),
    };
    if length > MAX_MESSAGE {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Frame::Malformed(format!(
            "a message of {length} bytes is too large"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(match serde_json::from_slice(&body) {
        Ok(message) => Frame::Message(message),
        Err(e) => Frame::Malformed(e.to_string()),
    })
}

fn parse_error(problem: &str) {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": -32700, "message": format!("parse error: {problem}") },
    })
    .to_string();
    let mut out = io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut reader) {
                Ok(Frame::Message(m)) => out.push(format!(
                    "message {}",
                    serde_json::to_string(&m).unwrap_or_default()
                )),
                Ok(Frame::Malformed(p)) => out.push(format!("malformed {p}")),
                Ok(Frame::End) | Err(_) => return out,
            }
        }
    }

    #[test]
    fn broken_messages_are_reported_and_reading_goes_on() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\nnope!Content-Length: 99999999999999999999\r\n\r\n\
             Content-Length: {}\r\n\r\n{exit}",
            exit.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("malformed expected"), "{got:?}");
        assert!(
            got[1].starts_with("malformed bad Content-Length"),
            "{got:?}"
        );
        assert!(got[2].contains("\"exit\""), "{got:?}");
    }

    #[test]
    fn a_huge_length_is_not_allocated() {
        let input = format!("Content-Length: {}\r\n\r\n{{}}", MAX_MESSAGE + 1);
        let got = frames(&input);
        // Skipped, not allocated; the stream then ends.
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].ends_with("is too large"), "{got:?}");
    }
}
