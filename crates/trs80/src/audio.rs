//! The cassette port's signal as host sound: band-limited resampling of the T-state level
//! changes a [`SoundLog`] holds to 16-bit samples at the host's rate.
//!
//! The Model I makes sound only through the cassette port: OUT FFH bits 0–1 set the output
//! level (01 high, 10 low, 00 rest; TRS-80 Model I Technical Reference Manual, "Cassette
//! Interface"), and games and music programs toggle them in software. The signal is a step
//! function of emulated time, exact to the T-state. Sampling it at 44.1 kHz directly would
//! fold every harmonic above 22 kHz back into the audible band (the "aliasing whine" of
//! emulators that do). Instead each step is added as a band-limited step: the step convolved
//! with a windowed-sinc low-pass filter (cut-off 0.45 × the host rate, Blackman window,
//! [`TAPS`] taps, the step's position resolved to 1/[`PHASES`] of a sample). The sum of the
//! filtered steps is the signal's low-passed version sampled exactly; the filter's delay is
//! `TAPS / 2` samples (0.7 ms at 44.1 kHz). A one-pole high-pass at about 5 Hz then removes
//! the DC a level held high would leave (the real port is AC-coupled into the recorder).
//!
//! Tape playback (CLOAD, SYSTEM) is heard as the pulses the deck plays; with the motor on,
//! what the program writes (CSAVE) counts as tape sound too. [`Resampler::tape_audible`]
//! mutes both. Everything is integer T-state arithmetic up to the filter, so the same run
//! gives the same samples.

use crate::clock::CPU_HZ;
use crate::devices::cassette::{SoundLog, PULSE_T};

/// Filter length in output samples.
pub const TAPS: usize = 64;
/// Sub-sample positions a step is resolved to.
pub const PHASES: usize = 64;
/// Host rate used when the caller has no preference (WAV files).
pub const DEFAULT_RATE: u32 = 44_100;
/// Sample value of the port's high level (about −8.7 dBFS, room for the filter's overshoot
/// and the tape's pulses on top).
const AMPLITUDE: f32 = 12_000.0;
/// Height of a played-back tape pulse, relative to the port's high level.
const TAPE_LEVEL: f32 = 0.5;

/// Turns [`SoundLog`]s into samples; one per listener (a WAV file, the live output).
#[derive(Debug, Clone)]
pub struct Resampler {
    rate: u32,
    /// T-state of output sample 0.
    t0: u64,
    /// Index of the next sample to hand out.
    next: u64,
    /// Filtered step contributions not yet summed: `pending[head]` belongs to sample `next`.
    pending: Vec<f32>,
    head: usize,
    /// The running sum: the band-limited level at sample `next - 1`.
    level: f32,
    /// High-pass state: last input and last output.
    hp_in: f32,
    hp_out: f32,
    hp_pole: f32,
    /// The port's level as last seen, and whether the motor relay was on.
    port: (i8, bool),
    /// The port's level as heard (after muting).
    heard: i8,
    /// Whether the tape's sound (playback, and the port while the motor runs) is heard.
    pub tape_audible: bool,
    /// `PHASES` rows of `TAPS` coefficients, each row summing to 1.
    kernel: Vec<f32>,
}

impl Resampler {
    /// A resampler to `rate` Hz whose first sample is at T-state `t0`.
    pub fn new(rate: u32, t0: u64) -> Resampler {
        let rate = rate.clamp(8_000, 192_000);
        Resampler {
            rate,
            t0,
            next: 0,
            pending: Vec::with_capacity(4096),
            head: 0,
            level: 0.0,
            hp_in: 0.0,
            hp_out: 0.0,
            hp_pole: 1.0 - 2.0 * std::f32::consts::PI * 5.0 / rate as f32,
            port: (0, false),
            heard: 0,
            tape_audible: true,
            kernel: kernel(),
        }
    }

    /// The output rate in Hz.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Sample position of T-state `t`: whole samples and phase.
    fn position(&self, t: u64) -> (u64, usize) {
        let num = t.saturating_sub(self.t0) as u128 * self.rate as u128;
        let n = (num / CPU_HZ as u128) as u64;
        let phase = ((num % CPU_HZ as u128) * PHASES as u128 / CPU_HZ as u128) as usize;
        (n, phase)
    }

    /// Adds a step of `delta` at T-state `t`.
    fn step(&mut self, t: u64, delta: f32) {
        if delta == 0.0 {
            return;
        }
        let (n, phase) = self.position(t);
        // The step's filter touches samples n + 1 - TAPS/2 ..= n + TAPS/2.
        let first = n as i64 + 1 - (TAPS / 2) as i64;
        let row = &self.kernel[phase * TAPS..(phase + 1) * TAPS];
        // Taps on samples already handed out (a step from before the last call, or before
        // sample 0) go straight into the level, so it ends up right.
        let done = (self.next as i64 - first).clamp(0, TAPS as i64) as usize;
        self.level += delta * row[..done].iter().sum::<f32>();
        let start = self.head + (first + done as i64 - self.next as i64) as usize;
        let end = start + (TAPS - done);
        if self.pending.len() < end {
            self.pending.resize(end, 0.0);
        }
        for (p, &c) in self.pending[start..end].iter_mut().zip(&row[done..]) {
            *p += delta * c;
        }
    }

    /// Adds the changes in `log` and appends every sample that no later change can touch
    /// (those before T-state `until`, less the filter's delay) to `out`.
    pub fn render(&mut self, log: &SoundLog, until: u64, out: &mut Vec<i16>) {
        for &(t, level, motor) in &log.port {
            self.port = (level, motor);
            let heard = if motor && !self.tape_audible {
                0
            } else {
                level
            };
            self.step(t, (heard - self.heard) as f32 * AMPLITUDE);
            self.heard = heard;
        }
        if self.tape_audible {
            let a = TAPE_LEVEL * AMPLITUDE;
            for &t in &log.tape {
                self.step(t, a);
                self.step(t + PULSE_T / 2, -2.0 * a);
                self.step(t + PULSE_T, a);
            }
        }
        let (n, _) = self.position(until);
        let end = (n + 1).saturating_sub(TAPS as u64 / 2);
        while self.next < end {
            self.level += self.pending.get(self.head).copied().unwrap_or(0.0);
            self.head += 1;
            self.next += 1;
            // One-pole DC blocker: y = x - x' + p·y'.
            let y = self.level - self.hp_in + self.hp_pole * self.hp_out;
            self.hp_in = self.level;
            self.hp_out = y;
            out.push(y.round().clamp(-32_768.0, 32_767.0) as i16);
        }
        if self.head >= self.pending.len() {
            self.pending.clear();
            self.head = 0;
        } else if self.head >= 4096 {
            self.pending.drain(..self.head);
            self.head = 0;
        }
    }
}

/// The band-limited step's derivative: a windowed sinc at each of `PHASES` sub-sample
/// offsets, each row normalised to sum to exactly 1 (so a step settles at its full height).
fn kernel() -> Vec<f32> {
    let cutoff = 0.45f64; // of the sample rate
    let mut k = Vec::with_capacity(PHASES * TAPS);
    for p in 0..PHASES {
        let frac = p as f64 / PHASES as f64;
        let row: Vec<f64> = (0..TAPS)
            .map(|i| {
                // Tap i is sample n + 1 - TAPS/2 + i; the step is at n + frac.
                let x = (i as f64 + 1.0 - (TAPS / 2) as f64) - frac;
                let sinc = if x.abs() < 1e-12 {
                    2.0 * cutoff
                } else {
                    (2.0 * std::f64::consts::PI * cutoff * x).sin() / (std::f64::consts::PI * x)
                };
                // Blackman window over the span -TAPS/2 .. TAPS/2.
                let u = (x + (TAPS / 2) as f64) / TAPS as f64;
                let w = if (0.0..=1.0).contains(&u) {
                    0.42 - 0.5 * (2.0 * std::f64::consts::PI * u).cos()
                        + 0.08 * (4.0 * std::f64::consts::PI * u).cos()
                } else {
                    0.0
                };
                sinc * w
            })
            .collect();
        let sum: f64 = row.iter().sum();
        k.extend(row.iter().map(|v| (v / sum) as f32));
    }
    k
}

/// A 44-byte RIFF/WAVE header for `samples` 16-bit mono samples at `rate` Hz.
pub fn wav_header(rate: u32, samples: u32) -> [u8; 44] {
    let data = samples.saturating_mul(2);
    let mut h = [0u8; 44];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&data.saturating_add(36).to_le_bytes());
    h[8..16].copy_from_slice(b"WAVEfmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
    h[24..28].copy_from_slice(&rate.to_le_bytes());
    h[28..32].copy_from_slice(&(rate * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data.to_le_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(half_period_t: u64, cycles: u64) -> SoundLog {
        let mut log = SoundLog::default();
        for i in 0..2 * cycles {
            log.port
                .push((i * half_period_t, if i % 2 == 0 { 1 } else { -1 }, false));
        }
        log
    }

    #[test]
    fn kernel_rows_sum_to_one_and_steps_settle() {
        for p in 0..PHASES {
            let s: f32 = kernel()[p * TAPS..(p + 1) * TAPS].iter().sum();
            assert!((s - 1.0).abs() < 1e-5, "phase {p}: {s}");
        }
        let mut r = Resampler::new(44_100, 0);
        let mut log = SoundLog::default();
        log.port.push((1000, 1, false));
        let mut out = Vec::new();
        r.render(&log, CPU_HZ / 100, &mut out);
        // 2 ms after the step it has settled; the 5 Hz high-pass has taken about 6 % off.
        let at = (1000 + CPU_HZ / 500) * 44_100 / CPU_HZ;
        let v = out[at as usize] as f32 / AMPLITUDE;
        assert!((0.9..1.0).contains(&v), "{v}");
    }

    #[test]
    fn same_input_same_samples_in_any_slicing() {
        let log = square(1000, 200);
        let end = 400 * 1000;
        let mut a = Resampler::new(48_000, 0);
        let mut whole = Vec::new();
        a.render(&log, end, &mut whole);
        let mut b = Resampler::new(48_000, 0);
        let mut parts = Vec::new();
        let mut last = 0;
        for cut in (0..=end).step_by(29_568) {
            let part = SoundLog {
                port: log
                    .port
                    .iter()
                    .copied()
                    .filter(|e| e.0 >= last && e.0 < cut)
                    .collect(),
                tape: vec![],
            };
            b.render(&part, cut, &mut parts);
            last = cut;
        }
        let rest = SoundLog {
            port: log.port.iter().copied().filter(|e| e.0 >= last).collect(),
            tape: vec![],
        };
        b.render(&rest, end, &mut parts);
        assert!(whole == parts, "{} vs {} samples", whole.len(), parts.len());
    }

    #[test]
    fn a_tone_above_nyquist_does_not_alias_loudly() {
        // 30 kHz square wave (harmonics all far above 22.05 kHz): nearly silent at 44.1 kHz.
        let half = CPU_HZ / 60_000;
        let log = square(half, 30_000);
        let mut r = Resampler::new(44_100, 0);
        let mut out = Vec::new();
        r.render(&log, 2 * half * 30_000, &mut out);
        let tail = &out[out.len() / 2..];
        let rms =
            (tail.iter().map(|&s| (s as f64).powi(2)).sum::<f64>() / tail.len() as f64).sqrt();
        assert!(rms < AMPLITUDE as f64 * 0.02, "alias rms {rms}");
    }

    #[test]
    fn muting_the_tape_silences_motor_on_output_and_playback() {
        let mut log = square(1000, 100);
        for e in log.port.iter_mut() {
            e.2 = true;
        }
        log.tape = (0..50).map(|i| i * 4000).collect();
        let mut r = Resampler::new(44_100, 0);
        r.tape_audible = false;
        let mut out = Vec::new();
        r.render(&log, 250_000, &mut out);
        assert!(out.iter().all(|&s| s == 0));
        let mut r = Resampler::new(44_100, 0);
        let mut out = Vec::new();
        r.render(&log, 250_000, &mut out);
        assert!(out.iter().any(|&s| s.abs() > 5_000));
    }

    #[test]
    fn wav_header_fields() {
        let h = wav_header(44_100, 10);
        assert_eq!(&h[0..4], b"RIFF");
        assert_eq!(u32::from_le_bytes(h[4..8].try_into().unwrap()), 56);
        assert_eq!(u32::from_le_bytes(h[40..44].try_into().unwrap()), 20);
    }
}
