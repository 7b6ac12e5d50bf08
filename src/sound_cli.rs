//! Sound: `--sound-out FILE.wav` in every front end, live output in the window and terminal,
//! `--mute-tape`, `--no-sound`. The machine keeps the cassette port's signal in T-states
//! ([`Machine::take_sound`]); each listener turns it into samples with its own
//! [`Resampler`] once per slice. The WAV file depends only on the emulated run (the same run
//! gives the same file); the live output plays at real speed and is muted while the run is
//! fast (turbo, pasting), picking up again from the present when it slows down.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use trs80_machine::audio::{wav_header, Resampler, DEFAULT_RATE};
use trs80_machine::Machine;

use crate::alsa::Pcm;
use crate::outputs::temp_name;

/// Live output buffer: long enough to ride out a late frame (one frame is 16.7 ms).
pub const LIVE_LATENCY_MS: u32 = 60;

/// Command-line options for sound.
#[derive(clap::Args, Debug, Clone)]
pub struct SoundArgs {
    /// Record the sound of the run (the cassette port, port FFH) to a WAV file: 16-bit mono,
    /// 44,100 Hz. Works in every front end, headless too; the same run gives the same file.
    #[arg(long, value_name = "FILE.wav")]
    pub sound_out: Option<PathBuf>,
    /// No live sound in the window or terminal (--sound-out still records).
    #[arg(long)]
    pub no_sound: bool,
    /// Silence the tape: the pulses of CLOAD/SYSTEM and what the program writes while the
    /// cassette motor runs (CSAVE).
    #[arg(long)]
    pub mute_tape: bool,
    /// ALSA device for live sound ("default", "hw:0", "null" …).
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub audio_device: String,
}

impl Default for SoundArgs {
    fn default() -> Self {
        SoundArgs {
            sound_out: None,
            no_sound: false,
            mute_tape: false,
            audio_device: "default".into(),
        }
    }
}

/// A WAV file being written: samples go to a temporary file beside it, the header is put
/// right and the file renamed at the end.
struct WavOut {
    path: PathBuf,
    tmp: PathBuf,
    file: BufWriter<File>,
    res: Resampler,
    samples: u64,
    buf: Vec<i16>,
    error: Option<std::io::Error>,
}

/// Live output: the device and, while the run is at real speed, the resampler feeding it.
struct Live {
    pcm: Pcm,
    res: Option<Resampler>,
    buf: Vec<i16>,
}

/// The sound listeners of one run.
pub struct SoundSession {
    wav: Option<WavOut>,
    live: Option<Live>,
    mute_tape: bool,
    /// T-state up to which the machine's signal has been taken.
    last_t: u64,
}

impl SoundSession {
    /// Starts the listeners `args` asks for (`live`: this front end plays sound). Returns
    /// the session and, when live sound was wanted but cannot play, the one-line reason.
    pub fn start(
        args: &SoundArgs,
        m: &mut Machine,
        live: bool,
    ) -> Result<(SoundSession, Option<String>)> {
        let t = m.t_states();
        let resampler = |rate| {
            let mut r = Resampler::new(rate, t);
            r.tape_audible = !args.mute_tape;
            r
        };
        let wav = match &args.sound_out {
            Some(path) => {
                let tmp = temp_name(path)?;
                let f = File::create(&tmp)
                    .with_context(|| format!("cannot write --sound-out {}", path.display()))?;
                let mut file = BufWriter::new(f);
                file.write_all(&wav_header(DEFAULT_RATE, 0))?;
                Some(WavOut {
                    path: path.clone(),
                    tmp,
                    file,
                    res: resampler(DEFAULT_RATE),
                    samples: 0,
                    buf: Vec::new(),
                    error: None,
                })
            }
            None => None,
        };
        let mut note = None;
        let live = if live && !args.no_sound {
            match Pcm::open(&args.audio_device, 48_000, LIVE_LATENCY_MS) {
                Ok(pcm) => Some(Live {
                    res: Some(resampler(pcm.rate())),
                    pcm,
                    buf: Vec::new(),
                }),
                Err(why) => {
                    note = Some(why);
                    None
                }
            }
        } else {
            None
        };
        m.set_sound(wav.is_some() || live.is_some());
        Ok((
            SoundSession {
                wav,
                live,
                mute_tape: args.mute_tape,
                last_t: t,
            },
            note,
        ))
    }

    /// After each slice: the signal since the last slice to the WAV file and the device.
    /// `fast`: the run is not at real speed, so the device gets nothing.
    pub fn pump(&mut self, m: &mut Machine, fast: bool) {
        if self.wav.is_none() && self.live.is_none() {
            return;
        }
        let log = m.take_sound();
        let t = m.t_states();
        if let Some(w) = self.wav.as_mut() {
            w.buf.clear();
            w.res.render(&log, t, &mut w.buf);
            if w.error.is_none() {
                let bytes: Vec<u8> = w.buf.iter().flat_map(|s| s.to_le_bytes()).collect();
                if let Err(e) = w.file.write_all(&bytes) {
                    w.error = Some(e);
                }
            }
            w.samples += w.buf.len() as u64;
        }
        if let Some(l) = self.live.as_mut() {
            if fast {
                l.res = None;
            } else {
                let rate = l.pcm.rate();
                let mute_tape = self.mute_tape;
                let last_t = self.last_t;
                let res = l.res.get_or_insert_with(|| {
                    let mut r = Resampler::new(rate, last_t);
                    r.tape_audible = !mute_tape;
                    r
                });
                l.buf.clear();
                res.render(&log, t, &mut l.buf);
                l.pcm.write(&l.buf);
            }
        }
        self.last_t = t;
    }

    /// Live output figures for the status line: (latency in ms, underruns).
    pub fn live_status(&self) -> Option<(f64, u64)> {
        let l = self.live.as_ref()?;
        let d = l.pcm.delay()?;
        Some((d as f64 * 1000.0 / l.pcm.rate() as f64, l.pcm.underruns))
    }

    /// Ends the WAV file: the header gets its sizes and the file its name. Later calls do
    /// nothing.
    pub fn finish(&mut self) -> Result<()> {
        let Some(mut w) = self.wav.take() else {
            return Ok(());
        };
        let result = (|| -> std::io::Result<()> {
            if let Some(e) = w.error.take() {
                return Err(e);
            }
            let samples = w.samples.min(u32::MAX as u64 / 2 - 18) as u32;
            w.file.seek(SeekFrom::Start(0))?;
            w.file.write_all(&wav_header(DEFAULT_RATE, samples))?;
            w.file.flush()?;
            w.file.get_ref().sync_all()?;
            std::fs::rename(&w.tmp, &w.path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&w.tmp);
        }
        result.with_context(|| format!("cannot write --sound-out {}", w.path.display()))
    }
}
