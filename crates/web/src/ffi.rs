//! The C-ABI surface the page's JavaScript calls (`web/trs80.js`): numbers in and out, and
//! two byte buffers in the module's memory.
//!
//! - The *inbox*: the page asks for `trs_inbox(len)`, writes `len` bytes at the returned
//!   address, then calls the function that reads them (`trs_create` a ROM, `trs_paste` text,
//!   `trs_open` a file name followed by the file).
//! - The *outbox*: a function that returns bytes (screen text, paper, PDF, tape, listing,
//!   an error message) leaves them there and returns their length; the page reads
//!   `trs_out_len()` bytes at `trs_out_ptr()`.
//!
//! Times are the page's `performance.now()` in milliseconds. Functions called before
//! `trs_create` succeeded do nothing and return 0.
//!
//! This is the crate's only file that may use `unsafe` attributes: `#[no_mangle]` exports
//! each function under its own name for the page. No pointer is ever dereferenced here.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::time::Duration;

use crate::{PageKey, WebMachine};

#[derive(Default)]
struct State {
    web: Option<WebMachine>,
    inbox: Vec<u8>,
    out: Vec<u8>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// Runs `f` on the machine, `or` when there is none.
fn web<R>(or: R, f: impl FnOnce(&mut WebMachine, &mut Vec<u8>, &[u8]) -> R) -> R {
    with(|s| match s.web.as_mut() {
        Some(w) => f(w, &mut s.out, &s.inbox),
        None => or,
    })
}

fn ms(now_ms: f64) -> Duration {
    Duration::from_secs_f64(now_ms.max(0.0) / 1000.0)
}

/// Puts `bytes` in the outbox and returns their length.
fn put(out: &mut Vec<u8>, bytes: &[u8]) -> u32 {
    out.clear();
    out.extend_from_slice(bytes);
    out.len() as u32
}

/// Makes the inbox `len` bytes long and returns where to write them.
#[no_mangle]
pub extern "C" fn trs_inbox(len: u32) -> *mut u8 {
    with(|s| {
        s.inbox.clear();
        s.inbox.resize(len as usize, 0);
        s.inbox.as_mut_ptr()
    })
}

/// Where the outbox's bytes are.
#[no_mangle]
pub extern "C" fn trs_out_ptr() -> *const u8 {
    with(|s| s.out.as_ptr())
}

/// How many bytes the outbox holds.
#[no_mangle]
pub extern "C" fn trs_out_len() -> u32 {
    with(|s| s.out.len() as u32)
}

/// Powers on a new machine: with the ROM image in the inbox when `inbox_rom` is 1, else our
/// built-in ROM. Returns 1, or 0 with the reason in the outbox (the old machine stays).
#[no_mangle]
pub extern "C" fn trs_create(inbox_rom: u32, now_ms: f64) -> u32 {
    with(|s| {
        let rom = (inbox_rom == 1).then_some(&s.inbox[..]);
        match WebMachine::new(rom, ms(now_ms)) {
            Ok(w) => {
                s.web = Some(w);
                1
            }
            Err(e) => {
                put(&mut s.out, e.0.as_bytes());
                0
            }
        }
    })
}

/// Runs the frames due by `now_ms` at real speed; returns how many ran.
#[no_mangle]
pub extern "C" fn trs_run_due(now_ms: f64) -> u32 {
    web(0, |w, _, _| w.run_due(ms(now_ms)))
}

/// Milliseconds from `now_ms` until the next frame is due at real speed (0: due now).
#[no_mangle]
pub extern "C" fn trs_wait_ms(now_ms: f64) -> f64 {
    web(0.0, |w, _, _| w.wait(ms(now_ms)).as_secs_f64() * 1000.0)
}

/// Runs `n` frames at once (turbo).
#[no_mangle]
pub extern "C" fn trs_run_frames(n: u32) {
    web((), |w, _, _| w.run_frames(n))
}

/// Real speed again from `now_ms`, without catching up (turbo ended, page shown again).
#[no_mangle]
pub extern "C" fn trs_reanchor(now_ms: f64) {
    web((), |w, _, _| w.reanchor(ms(now_ms)))
}

/// The speed over the last second in percent of 1.774 MHz, or -1 before the first second.
#[no_mangle]
pub extern "C" fn trs_speed(now_ms: f64) -> f64 {
    web(-1.0, |w, _, _| w.measure(ms(now_ms)).unwrap_or(-1.0))
}

/// The emulated T-states since power-on.
#[no_mangle]
pub extern "C" fn trs_t_states() -> f64 {
    web(0.0, |w, _, _| w.machine().t_states() as f64)
}

/// Host key `id` went down, typing `code` ([`PageKey::from_code`]) with the host's SHIFT.
#[no_mangle]
pub extern "C" fn trs_key_down(id: u32, code: u32, shift: u32) {
    web((), |w, _, _| {
        if let Some(k) = PageKey::from_code(code) {
            w.key_down(id, k, shift != 0);
        }
    })
}

/// Host key `id` went up.
#[no_mangle]
pub extern "C" fn trs_key_up(id: u32) {
    web((), |w, _, _| w.key_up(id))
}

/// The page lost the focus.
#[no_mangle]
pub extern "C" fn trs_release_all() {
    web((), |w, _, _| w.release_all())
}

/// Types the inbox's UTF-8 text. Returns 1, or 0 with the reason in the outbox.
#[no_mangle]
pub extern "C" fn trs_paste() -> u32 {
    web(0, |w, out, inbox| {
        let r = std::str::from_utf8(inbox)
            .map_err(|_| crate::err("cannot paste: not UTF-8 text"))
            .and_then(|t| w.paste(t));
        report(out, r.map(|()| String::new()))
    })
}

/// Opens a program: the inbox holds the file's name (`name_len` bytes) then the file; `real`
/// 1 loads at real speed. Returns 1 with a description in the outbox, or 0 with the reason.
#[no_mangle]
pub extern "C" fn trs_open(name_len: u32, real: u32) -> u32 {
    web(0, |w, out, inbox| {
        let (name, bytes) = inbox.split_at((name_len as usize).min(inbox.len()));
        let name = String::from_utf8_lossy(name);
        let r = w.open(&name, bytes, real == 1);
        report(out, r)
    })
}

fn report(out: &mut Vec<u8>, r: Result<String, crate::WebError>) -> u32 {
    match r {
        Ok(s) => {
            put(out, s.as_bytes());
            1
        }
        Err(e) => {
            put(out, e.0.as_bytes());
            0
        }
    }
}

/// 1 while a program is being loaded.
#[no_mangle]
pub extern "C" fn trs_loading() -> u32 {
    web(0, |w, _, _| u32::from(w.loading()))
}

/// 1 with the reason in the outbox when the last load stopped with an error (once).
#[no_mangle]
pub extern "C" fn trs_load_error() -> u32 {
    web(0, |w, out, _| match w.take_load_error() {
        Some(e) => {
            put(out, e.as_bytes());
            1
        }
        None => 0,
    })
}

/// The RESET button, or a power-on reset when `power` is 1.
#[no_mangle]
pub extern "C" fn trs_reset(power: u32) {
    web((), |w, _, _| w.reset(power == 1))
}

/// The phosphor: 0 white, 1 green, 2 amber.
#[no_mangle]
pub extern "C" fn trs_set_phosphor(p: u32) {
    web((), |w, _, _| w.set_phosphor(p))
}

/// Draws the screen; 1 when the picture at `trs_picture()` changed.
#[no_mangle]
pub extern "C" fn trs_render() -> u32 {
    web(0, |w, _, _| u32::from(w.render()))
}

/// Where the RGBA picture (384×384) is.
#[no_mangle]
pub extern "C" fn trs_picture() -> *const u8 {
    web(std::ptr::null(), |w, _, _| w.picture().as_ptr())
}

/// The screen text into the outbox; returns its length.
#[no_mangle]
pub extern "C" fn trs_screen_text() -> u32 {
    web(0, |w, out, _| put(out, w.screen_text().as_bytes()))
}

/// The TermiNet's paper as text into the outbox; returns its length.
#[no_mangle]
pub extern "C" fn trs_paper_text() -> u32 {
    web(0, |w, out, _| put(out, w.paper_text().as_bytes()))
}

/// The TermiNet's paper as a PDF into the outbox; returns its length.
#[no_mangle]
pub extern "C" fn trs_paper_pdf() -> u32 {
    web(0, |w, out, _| put(out, &w.paper_pdf()))
}

/// What CSAVE recorded (a `.cas` image) into the outbox; returns its length (0: nothing).
#[no_mangle]
pub extern "C" fn trs_tape() -> u32 {
    web(0, |w, out, _| put(out, &w.tape()))
}

/// The disk in drive 0 as an image into the outbox; returns its length (0: no disk).
#[no_mangle]
pub extern "C" fn trs_disk() -> u32 {
    web(0, |w, out, _| put(out, &w.disk_image().unwrap_or_default()))
}

/// The BASIC program as a listing into the outbox: returns 1, or 0 with the reason.
#[no_mangle]
pub extern "C" fn trs_listing() -> u32 {
    web(0, |w, out, _| report(out, w.listing()))
}
