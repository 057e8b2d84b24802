//! JSON-RPC over stdio. lsp-server's own stdio transport ends the connection on a
//! message that is not valid JSON; this one answers it with a parse error
//! (JSON-RPC -32700, id null) and reads on — a broken client message never stops
//! the server.

use std::io::{self, Write};
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
                match Message::read(&mut input) {
                    Ok(Some(message)) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if incoming.send(message).is_err() || exit {
                            return;
                        }
                    }
                    Ok(None) => return,
                    // The body was read whole; what follows is the next message.
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => parse_error(&e),
                    Err(_) => return,
                }
            }
        })?;
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    Ok((connection, Threads { writer }))
}

fn parse_error(error: &io::Error) {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": -32700, "message": format!("parse error: {error}") },
    })
    .to_string();
    let mut out = io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}
