//! `trs80 web`: serves the web build (`web/dist/`, made by `bash web/build.sh`) on
//! 127.0.0.1 for local use, with nothing but `std::net`.
//!
//! It answers `GET` and `HEAD` for the files of one folder (no listing, no path outside
//! it: a request path may hold only letters, digits, `-`, `_`, `.` and `/`, and no `..`),
//! one connection at a time, each closed after its answer. `.wasm` goes out as
//! `application/wasm`, which browsers need to compile the module while it downloads.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};

/// `trs80 web` options.
#[derive(clap::Args, Debug, Clone)]
pub struct WebArgs {
    /// TCP port on 127.0.0.1 (0: any free port, printed at start).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The folder to serve (default: web/dist in the current folder, else in the source
    /// tree this program was built from).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The folder `trs80 web` serves.
pub fn dist_dir(dir: Option<&Path>) -> Result<PathBuf> {
    let candidates: Vec<PathBuf> = match dir {
        Some(d) => vec![d.to_path_buf()],
        None => vec![
            PathBuf::from("web/dist"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("web/dist"),
        ],
    };
    for d in &candidates {
        if d.join("index.html").is_file() {
            return Ok(d.clone());
        }
    }
    bail!(
        "no web build in {} (build it with `bash web/build.sh`)",
        candidates[0].display()
    )
}

/// Serves `args.dir` until killed.
pub fn run(args: &WebArgs) -> Result<()> {
    let dir = dist_dir(args.dir.as_deref())?;
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let addr = listener.local_addr()?;
    println!("trs80: serving {} at http://{addr}/", dir.display());
    std::io::stdout().flush()?;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // One bad client must not stop the server.
        if let Err(e) = answer(stream, &dir) {
            eprintln!("trs80 web: {e:#}");
        }
    }
    Ok(())
}

fn answer(stream: TcpStream, dir: &Path) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut out = stream;
    let mut words = request.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
            true,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(file) = resolve(dir, path) else {
        return respond(
            &mut out,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            true,
        );
    };
    match std::fs::read(&file) {
        Ok(body) => respond(
            &mut out,
            "200 OK",
            content_type(&file),
            &body,
            method == "GET",
        ),
        Err(_) => respond(
            &mut out,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            true,
        ),
    }
}

/// The file a request path names inside `dir`, if it is a safe name.
pub fn resolve(dir: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let safe = rel
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !rel.split('/').any(|part| part.is_empty() || part == "..");
    safe.then(|| dir.join(rel))
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("bas") | Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    with_body: bool,
) -> Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_paths_inside_the_folder() {
        let d = Path::new("/srv/dist");
        assert_eq!(resolve(d, "/"), Some(d.join("index.html")));
        assert_eq!(resolve(d, "/trs80.wasm"), Some(d.join("trs80.wasm")));
        assert_eq!(resolve(d, "/../etc/passwd"), None);
        assert_eq!(resolve(d, "/a//b"), None);
        assert_eq!(resolve(d, "/%2e%2e/x"), None);
        assert_eq!(resolve(d, "/a b"), None);
    }
}
