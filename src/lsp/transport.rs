//! The base protocol: `Content-Length` framed JSON-RPC messages on a byte stream.
//!
//! lsp-server's own stdio reader is not used: it allocates whatever `Content-Length` a
//! header claims and stops at the first malformed message. This one keeps within
//! [`MAX_MESSAGE_BYTES`] and reads on past a message it cannot use, which the server
//! answers with an error, as JSON-RPC asks.

use std::io::{self, BufRead, Read, Write};

use lsp_server::Message;

/// The most bytes of one message: a document as large as `lint` reads
/// ([`crate::lint::MAX_LINT_BYTES`]) and a mebibyte of JSON around it. A larger message
/// is skipped unread, never held in memory.
pub const MAX_MESSAGE_BYTES: usize = crate::lint::MAX_LINT_BYTES as usize + 1024 * 1024;

/// The most bytes of one header line; real ones are under a hundred.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What the next frame held.
#[derive(Debug)]
pub enum Frame {
    /// A request, response or notification.
    Message(Message),
    /// A frame that holds no message: why, for the error answered.
    Malformed(String),
    /// A frame over [`MAX_MESSAGE_BYTES`], skipped: its size.
    TooLarge(usize),
    /// The stream ended.
    End,
}

/// Reads the next frame from `r`, whose messages may be at most `limit` bytes.
pub fn read_frame(r: &mut impl BufRead, limit: usize) -> io::Result<Frame> {
    let mut length = None;
    let mut bad_header = None;
    let mut started = false;
    loop {
        let mut line = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if started {
                Frame::Malformed("the stream ended inside a header".into())
            } else {
                Frame::End
            });
        }
        started = true;
        if !line.ends_with(b"\n") {
            // A line this long is no header: skip to its end, then look for the blank line.
            skip_line(r)?;
            bad_header.get_or_insert_with(|| "a header line is too long".to_owned());
            continue;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        bad_header.get_or_insert_with(|| {
                            format!("bad Content-Length `{}`", value.trim())
                        });
                    }
                }
            }
            Some(_) => {}
            None => {
                bad_header.get_or_insert_with(|| format!("malformed header `{line}`"));
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed(
            bad_header.unwrap_or_else(|| "no Content-Length header".into()),
        ));
    };
    if length > limit {
        io::copy(&mut r.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Frame::TooLarge(length));
    }
    let mut body = Vec::new();
    r.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Frame::Malformed("the stream ended inside a message".into()));
    }
    if let Some(why) = bad_header {
        return Ok(Frame::Malformed(why));
    }
    Ok(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(e) => Frame::Malformed(format!("not a JSON-RPC message: {e}")),
    })
}

/// Writes `message` with its header, and flushes.
pub fn write_message(w: &mut dyn Write, message: &Message) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct JsonRpc<'a> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        message: &'a Message,
    }
    let text = serde_json::to_string(&JsonRpc {
        jsonrpc: "2.0",
        message,
    })?;
    write_text(w, &text)
}

/// Writes an error response whose request is unknown (`"id": null`), as JSON-RPC answers
/// a message it could not read.
pub fn write_error_without_id(w: &mut dyn Write, code: i32, message: &str) -> io::Result<()> {
    let text = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": message },
    })
    .to_string();
    write_text(w, &text)
}

fn write_text(w: &mut dyn Write, text: &str) -> io::Result<()> {
    write!(w, "Content-Length: {}\r\n\r\n", text.len())?;
    w.write_all(text.as_bytes())?;
    w.flush()
}

/// Reads up to and with the next `\n`, keeping nothing.
fn skip_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn frames(input: &str, limit: usize) -> Vec<String> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut r, limit).unwrap() {
                Frame::End => return out,
                Frame::Message(Message::Notification(n)) => out.push(n.method),
                Frame::Message(m) => out.push(format!("{m:?}")),
                Frame::Malformed(why) => out.push(format!("malformed: {why}")),
                Frame::TooLarge(n) => out.push(format!("too large: {n}")),
            }
        }
    }

    #[test]
    fn a_bad_message_is_reported_and_the_next_one_still_read() {
        let ok = framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let input = format!("{}{}{ok}", framed("{not json"), framed("[1,2]"));
        let got = frames(&input, 1000);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("malformed: not a JSON-RPC message"));
        assert!(got[1].starts_with("malformed: not a JSON-RPC message"));
        assert_eq!(got[2], "initialized");
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_unread() {
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"{}"}}"#,
            "a".repeat(200)
        );
        let ok = framed(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        assert_eq!(
            frames(&format!("{}{ok}", framed(&body)), 100),
            [format!("too large: {}", body.len()), "exit".to_owned()]
        );
    }

    #[test]
    fn headers_without_a_length_or_with_a_bad_one_are_malformed() {
        let ok = framed(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let input = format!("Content-Type: x\r\n\r\nContent-Length: -1\r\n\r\n{ok}");
        assert_eq!(
            frames(&input, 1000),
            [
                "malformed: no Content-Length header",
                "malformed: bad Content-Length `-1`",
                "exit"
            ]
        );
        let long = format!("X: {}\r\n{ok}", "y".repeat(10_000));
        assert_eq!(
            frames(&long, 1000),
            ["malformed: a header line is too long"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_to_their_end_without_a_panic(
            chunks in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(b"Content-Length: 2\r\n".to_vec()),
                    proptest::strategy::Just(b"\r\n".to_vec()),
                    proptest::strategy::Just(b"{}".to_vec()),
                    proptest::collection::vec(proptest::num::u8::ANY, 0..8),
                ],
                0..12,
            ),
        ) {
            let input = chunks.concat();
            let mut r = io::Cursor::new(input.clone());
            // Each frame reads at least one byte, so the input ends within its length.
            for _ in 0..=input.len() {
                if matches!(read_frame(&mut r, 64).unwrap(), Frame::End) {
                    break;
                }
            }
            proptest::prop_assert_eq!(r.position() as usize, input.len());
        }
    }

    #[test]
    fn a_stream_cut_inside_a_message_ends_with_it() {
        let input = "Content-Length: 50\r\n\r\n{\"json";
        assert_eq!(
            frames(input, 1000),
            ["malformed: the stream ended inside a message"]
        );
    }
}
