//! Live sound through ALSA's `libasound.so.2`, opened at run time with `dlopen`.
//!
//! Linking ALSA at build time (as the `alsa-sys`/`cpal` crates do) needs the
//! `libasound2-dev` headers and `pkg-config`, which a fresh Debian with only the Rust
//! toolchain does not have. Loading the library when the program starts needs neither: the
//! build never sees ALSA, and a machine without the library or without a sound device simply
//! runs silent, with one line saying why ([`Pcm::open`] returns that line).
//!
//! Only seven functions of ALSA's "simple" PCM API are used (`snd_pcm_open`,
//! `snd_pcm_set_params`, `snd_pcm_writei`, `snd_pcm_recover`, `snd_pcm_delay`,
//! `snd_pcm_close`, `snd_strerror`), all documented in the ALSA library reference, "PCM
//! Interface". The device is opened non-blocking: a write never holds up the emulation; when
//! the device's buffer is full the rest of the slice is dropped, and after an underrun the
//! stream is recovered and primed with silence.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void, CStr, CString};

type OpenFn = unsafe extern "C" fn(*mut *mut c_void, *const c_char, c_int, c_int) -> c_int;
type SetParamsFn =
    unsafe extern "C" fn(*mut c_void, c_int, c_int, c_uint, c_uint, c_int, c_uint) -> c_int;
type WriteiFn = unsafe extern "C" fn(*mut c_void, *const c_void, c_ulong) -> c_long;
type RecoverFn = unsafe extern "C" fn(*mut c_void, c_int, c_int) -> c_int;
type DelayFn = unsafe extern "C" fn(*mut c_void, *mut c_long) -> c_int;
type CloseFn = unsafe extern "C" fn(*mut c_void) -> c_int;
type StrerrorFn = unsafe extern "C" fn(c_int) -> *const c_char;
type ErrorHandler = unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char);
type SetErrorHandlerFn = unsafe extern "C" fn(Option<ErrorHandler>) -> c_int;

const SND_PCM_STREAM_PLAYBACK: c_int = 0;
const SND_PCM_NONBLOCK: c_int = 1;
const SND_PCM_FORMAT_S16_LE: c_int = 2;
const SND_PCM_ACCESS_RW_INTERLEAVED: c_int = 3;
const EAGAIN: c_long = 11;

/// ALSA reports its own errors on stderr unless told otherwise; the note from
/// [`Pcm::open`] says it once instead. (ALSA declares the handler variadic; this one reads
/// none of its arguments, which the C calling convention allows.)
unsafe extern "C" fn quiet(
    _: *const c_char,
    _: c_int,
    _: *const c_char,
    _: c_int,
    _: *const c_char,
) {
}

struct Lib {
    handle: *mut c_void,
    writei: WriteiFn,
    recover: RecoverFn,
    delay: DelayFn,
    close: CloseFn,
}

/// An open playback stream: 16-bit mono at a fixed rate.
pub struct Pcm {
    lib: Lib,
    pcm: *mut c_void,
    rate: u32,
    target_frames: usize,
    /// Underruns recovered since opening.
    pub underruns: u64,
    /// Samples dropped because the device's buffer was full.
    pub dropped: u64,
}

// The stream is only ever used from the thread that owns the session.
unsafe impl Send for Pcm {}

fn sym<T: Copy>(handle: *mut c_void, name: &CStr) -> Result<T, String> {
    // SAFETY: `handle` is a live dlopen handle; the symbol's type is the one ALSA's headers
    // give it, written out in the type aliases above.
    let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
    if p.is_null() {
        return Err(format!("libasound.so.2 has no {}", name.to_string_lossy()));
    }
    Ok(unsafe { std::mem::transmute_copy::<*mut c_void, T>(&p) })
}

impl Pcm {
    /// Opens `device` ("default", "null", "hw:0" …) for `rate` Hz with about `latency_ms` of
    /// buffer. The error is one line for the user ("no sound: …").
    pub fn open(device: &str, rate: u32, latency_ms: u32) -> Result<Pcm, String> {
        let name = CString::new(device).map_err(|_| "bad device name".to_string())?;
        // SAFETY: plain dlopen of a system library by its soname.
        let handle = unsafe { libc::dlopen(c"libasound.so.2".as_ptr(), libc::RTLD_NOW) };
        if handle.is_null() {
            return Err("no sound: libasound.so.2 (ALSA) is not installed".into());
        }
        let close_lib = |e: String| {
            // SAFETY: the handle came from dlopen above and nothing from it is kept.
            unsafe { libc::dlclose(handle) };
            e
        };
        let open: OpenFn = sym(handle, c"snd_pcm_open").map_err(close_lib)?;
        let set_params: SetParamsFn = sym(handle, c"snd_pcm_set_params").map_err(close_lib)?;
        let strerror: StrerrorFn = sym(handle, c"snd_strerror").map_err(close_lib)?;
        let lib = Lib {
            handle,
            writei: sym(handle, c"snd_pcm_writei").map_err(close_lib)?,
            recover: sym(handle, c"snd_pcm_recover").map_err(close_lib)?,
            delay: sym(handle, c"snd_pcm_delay").map_err(close_lib)?,
            close: sym(handle, c"snd_pcm_close").map_err(close_lib)?,
        };
        if let Ok(set_handler) = sym::<SetErrorHandlerFn>(handle, c"snd_lib_error_set_handler") {
            // SAFETY: `quiet` has C linkage and ignores its arguments.
            unsafe { set_handler(Some(quiet)) };
        }
        let why = |e: c_int| {
            // SAFETY: snd_strerror returns a static NUL-terminated string.
            let s = unsafe { CStr::from_ptr(strerror(e)) };
            s.to_string_lossy().into_owned()
        };
        let mut pcm = std::ptr::null_mut();
        // SAFETY: `pcm` receives the handle; `name` outlives the call.
        let e = unsafe {
            open(
                &mut pcm,
                name.as_ptr(),
                SND_PCM_STREAM_PLAYBACK,
                SND_PCM_NONBLOCK,
            )
        };
        if e < 0 {
            let msg = format!("no sound: cannot open ALSA device `{device}`: {}", why(e));
            // SAFETY: as above.
            unsafe { libc::dlclose(handle) };
            return Err(msg);
        }
        let out = Pcm {
            lib,
            pcm,
            rate,
            target_frames: (rate as usize * latency_ms as usize / 1000).max(256),
            underruns: 0,
            dropped: 0,
        };
        // SAFETY: `pcm` is open.
        let e = unsafe {
            set_params(
                pcm,
                SND_PCM_FORMAT_S16_LE,
                SND_PCM_ACCESS_RW_INTERLEAVED,
                1,
                rate,
                1,
                latency_ms * 1000,
            )
        };
        if e < 0 {
            return Err(format!(
                "no sound: ALSA device `{device}` does not take 16-bit mono at {rate} Hz: {}",
                why(e)
            ));
        }
        Ok(out)
    }

    /// The stream's rate in Hz.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Frames queued in the device ahead of what is heard now (the output latency), if the
    /// device says.
    pub fn delay(&self) -> Option<usize> {
        let mut d: c_long = 0;
        // SAFETY: `pcm` is open; `d` is a valid out-pointer.
        let e = unsafe { (self.lib.delay)(self.pcm, &mut d) };
        (e >= 0 && d >= 0).then_some(d as usize)
    }

    /// Queues `samples` without blocking. After an underrun the stream is recovered and gets
    /// the target latency of silence first; what does not fit is dropped.
    pub fn write(&mut self, samples: &[i16]) {
        let mut rest = samples;
        while !rest.is_empty() {
            // SAFETY: `rest` is valid for `rest.len()` frames of one 16-bit channel.
            let n =
                unsafe { (self.lib.writei)(self.pcm, rest.as_ptr().cast(), rest.len() as c_ulong) };
            if n >= 0 {
                rest = &rest[n as usize..];
                if n == 0 {
                    break;
                }
                continue;
            }
            if n == -EAGAIN {
                break;
            }
            // SAFETY: `pcm` is open; recover handles -EPIPE (underrun) and -ESTRPIPE.
            if unsafe { (self.lib.recover)(self.pcm, n as c_int, 1) } < 0 {
                break;
            }
            self.underruns += 1;
            // Half a buffer of silence: room both ways for the frame-to-frame jitter.
            let silence = vec![0i16; self.target_frames / 2];
            // SAFETY: as above.
            unsafe {
                (self.lib.writei)(self.pcm, silence.as_ptr().cast(), silence.len() as c_ulong)
            };
        }
        self.dropped += rest.len() as u64;
    }
}

impl Drop for Pcm {
    fn drop(&mut self) {
        // SAFETY: `pcm` and the library handle are open and used nowhere else.
        unsafe {
            (self.lib.close)(self.pcm);
            libc::dlclose(self.lib.handle);
        }
    }
}
