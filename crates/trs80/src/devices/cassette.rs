//! The Model I cassette interface (port FFH) and a cassette deck that plays and records tapes.
//!
//! Follows the TRS-80 Model I Technical Reference Manual, "Cassette Interface" (port bits), the
//! pulse shapes and timings documented in xtrs's `cassette` manual page, and trs-80.com's "Tape and
//! File Formats" page (bit cells, byte order).
//!
//! | port FFH | bit | meaning |
//! |---|---|---|
//! | OUT | 0–1 | output level: 01 = high, 10 = low, 00 = rest; a pulse is 01, 10, 00 |
//! | OUT | 2 | motor relay, 1 = on: the tape moves only while it is on |
//! | OUT | any write | clears the input latch |
//! | IN | 7 | input latch: set by each pulse coming off the tape |
//!
//! The tape is a byte string (a `.CAS` image), read MSB first. Every bit cell starts with a
//! clock pulse; a 1 has a second (data) pulse in the middle of the cell, a 0 has none. Timings
//! (Level II, 500 baud; Level I, 250 baud) in microseconds, converted to T-states at 1.77408 MHz:
//!
//! | speed | pulse | 1: data pulse after clock | 1: cell | 0: cell | after a byte | after sync A5H | record threshold |
//! |---|---|---|---|---|---|---|---|
//! | Level II | 256 | 1004 | 2008 | 2013 | +113 | +1146 | 1250 |
//! | Level I | 250 | 1923 | 3846 | 3818 | — | — | 2500 |
//!
//! Playing: while the motor runs (and the deck is in play mode), the deck computes lazily, from
//! the T-state of each port access, which pulses have started since the last access and sets the
//! latch for them; the tape position advances with emulated time, so the ROM's own CLOAD,
//! CLOAD? and SYSTEM read it unmodified. Stopping the motor freezes the tape in mid-cell.
//!
//! Recording: while the motor runs in record mode, each rise of the output to level 01 is a
//! pulse. A pulse less than the threshold after a clock pulse is a data pulse (the bit is 1);
//! otherwise the clock pulse stood alone (the bit is 0). Whole bytes are written onto the tape at
//! its position, overwriting what was there, as CSAVE on a real deck does; a byte left incomplete
//! when the motor stops is dropped.
//!
//! Sound: while a host listens ([`Cassette::set_sound`]), every change of the output level
//! (with the motor relay's state) and every pulse played back is logged with its T-state in a
//! [`SoundLog`]; [`crate::audio`] turns that into samples. Nothing is logged otherwise.
//!
//! Two decks: the Expansion Interface's select latch at 37E4H routes the keyboard unit's one
//! cassette port — output, input and motor relay — to deck 1 or deck 2 (a relay, no second
//! interface: RetroStack's reading of the Expansion Interface schematic, `docs/cassette.md`
//! in RetroStack/TRS-80-Model-I-Info); the machine keeps one [`Cassette`] per deck and
//! connects the selected one ([`Cassette::connect`]). A deck not connected sees its motor
//! stop. A *recorder* can also be wired to the port's output: a deck in RECORD that takes
//! whatever is written whichever deck is selected (so a tape can play in deck 1 while CSAVE
//! is recorded; Level II itself never writes the select latch).
//!
//! Not emulated: the analogue signal (levels, wow and flutter, motor start-up time), and the
//! Model III 1500-baud format.

use crate::clock::t_from_us as us;
use crate::formats::state::{self, Reader, Writer};

/// Tape speed (bit rate) the deck plays and records at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    /// Level II BASIC, 500 baud.
    #[default]
    Level2,
    /// Level I BASIC, 250 baud.
    Level1,
}

#[derive(Debug, Clone, Copy)]
struct Timing {
    one_gap: u64,
    cell_one: u64,
    cell_zero: u64,
    byte_extra: u64,
    sync_extra: u64,
    threshold: u64,
}

impl Speed {
    const fn timing(self) -> Timing {
        match self {
            Speed::Level2 => Timing {
                one_gap: us(1004),
                cell_one: us(2008),
                cell_zero: us(2013),
                byte_extra: us(113),
                sync_extra: us(1146),
                threshold: us(1250),
            },
            Speed::Level1 => Timing {
                one_gap: us(1923),
                cell_one: us(3846),
                cell_zero: us(3818),
                byte_extra: 0,
                sync_extra: 0,
                threshold: us(2500),
            },
        }
    }

    /// Nominal T-states one byte of this speed takes on tape (for time estimates).
    pub const fn t_per_byte(self) -> u64 {
        let t = self.timing();
        8 * (t.cell_one + t.cell_zero) / 2 + t.byte_extra
    }
}

/// What the deck's keys are set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeckMode {
    /// PLAY pressed: the motor relay moves the tape past the playback head.
    #[default]
    Play,
    /// PLAY and RECORD pressed: pulses written to port FFH go onto the tape.
    Record,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecState {
    /// Waiting for a clock pulse.
    Idle,
    /// A clock pulse started at this T-state.
    AfterClock(u64),
}

/// A cassette deck wired to port FFH.
#[derive(Debug, Default)]
pub struct Cassette {
    latch: bool,
    motor: bool,
    level: u8,
    speed: Speed,
    mode: DeckMode,
    tape: Option<Vec<u8>>,
    /// Tape position in bits from the start.
    bit: u64,
    /// T-state at which the current bit cell started (valid while moving).
    cell_start: u64,
    /// T-states into the current cell when the motor stopped.
    phase: u64,
    clock_done: bool,
    data_done: bool,
    /// The previous byte played was a leader 00H (for the pause after the sync byte).
    after_leader: bool,
    rec: Option<RecState>,
    rec_bits: u8,
    rec_count: u8,
    last_t: u64,
    /// The signal as sound, while a host listens ([`Cassette::set_sound`]).
    sound: Option<SoundLog>,
}

/// Most changes a [`SoundLog`] keeps before the host takes them (about a minute of a tone
/// changing every 10 µs); later ones are dropped.
pub const SOUND_LOG_MAX: usize = 1 << 22;

/// What the cassette port put out since the host last looked, in T-states: the changes of the
/// output level (bits 0–1 of OUT FFH, with the motor relay's state) and the pulses the deck
/// played back. See [`crate::audio`] for how this becomes sound.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SoundLog {
    /// Output level changes: T-state, level (-1, 0 or +1), motor relay on.
    pub port: Vec<(u64, i8, bool)>,
    /// Start T-states of the pulses played back from the tape.
    pub tape: Vec<u64>,
}

/// The output level bits 0–1 of OUT FFH stand for: 01 high, 10 low, 00 (and 11) rest.
pub fn port_level(bits: u8) -> i8 {
    match bits & 3 {
        1 => 1,
        2 => -1,
        _ => 0,
    }
}

fn played_pulse(sound: &mut Option<SoundLog>, t: u64) {
    if let Some(log) = sound.as_mut() {
        if log.tape.len() < SOUND_LOG_MAX {
            log.tape.push(t);
        }
    }
}

/// Length of a played-back pulse in T-states (one cycle: a positive half, then a negative one).
pub const PULSE_T: u64 = us(256);

impl Cassette {
    /// A deck with no tape.
    pub fn new() -> Self {
        Self::default()
    }

    /// Insert a tape (the bytes of a `.CAS` image), rewound, in play mode.
    pub fn insert(&mut self, bytes: Vec<u8>) {
        self.tape = Some(bytes);
        self.mode = DeckMode::Play;
        self.rewind();
    }

    /// Insert a blank tape in record mode, ready for CSAVE.
    pub fn insert_blank(&mut self) {
        self.insert(Vec::new());
        self.set_mode(DeckMode::Record);
    }

    /// Take the tape out; returns its bytes (with anything recorded on it).
    pub fn eject(&mut self) -> Option<Vec<u8>> {
        self.finish_recording();
        let t = self.tape.take();
        self.rewind();
        t
    }

    /// The tape's bytes, if one is inserted.
    pub fn tape(&self) -> Option<&[u8]> {
        self.tape.as_deref()
    }

    /// Wind back to the start.
    pub fn rewind(&mut self) {
        self.set_position(0);
    }

    /// Move the tape to byte `pos` (clamped to the tape's end).
    pub fn set_position(&mut self, pos: usize) {
        self.finish_recording();
        let len = self.tape.as_ref().map_or(0, Vec::len);
        self.bit = pos.min(len) as u64 * 8;
        self.phase = 0;
        self.cell_start = self.last_t;
        self.clock_done = false;
        self.data_done = false;
        self.after_leader = false;
    }

    /// Tape position in bytes from the start.
    pub fn position(&self) -> usize {
        (self.bit / 8) as usize
    }

    /// How far through the tape the position is, 0.0–1.0; `None` without a tape.
    pub fn progress(&self) -> Option<f32> {
        let len = self.tape.as_ref()?.len();
        Some(if len == 0 {
            1.0
        } else {
            (self.bit as f64 / (len as f64 * 8.0)).min(1.0) as f32
        })
    }

    /// True when the position is at (or past) the end of the tape.
    pub fn at_end(&self) -> bool {
        self.tape
            .as_ref()
            .is_none_or(|t| self.bit >= t.len() as u64 * 8)
    }

    /// Set the speed (Level II 500 baud by default).
    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
    }

    /// The speed.
    pub fn speed(&self) -> Speed {
        self.speed
    }

    /// Press PLAY or RECORD.
    pub fn set_mode(&mut self, mode: DeckMode) {
        if mode != self.mode {
            self.finish_recording();
            self.mode = mode;
            if mode == DeckMode::Record {
                // Recording starts on a whole byte.
                self.bit = self.bit.div_ceil(8) * 8;
            }
        }
    }

    /// Which keys are pressed.
    pub fn mode(&self) -> DeckMode {
        self.mode
    }

    /// True while the motor relay is closed.
    pub fn motor_on(&self) -> bool {
        self.motor
    }

    /// True while a tape is moving (motor on with a tape inserted).
    pub fn is_moving(&self) -> bool {
        self.motor && self.tape.is_some()
    }

    /// OUT FFH at T-state `t`: bits 0–1 output level, bit 2 motor relay.
    /// Any write clears the input latch.
    pub fn port_out(&mut self, value: u8, t: u64) {
        self.advance(t);
        let motor = value & 0x04 != 0;
        let level = value & 0x03;
        if motor != self.motor {
            if motor {
                self.cell_start = t.saturating_sub(self.phase);
                if self.mode == DeckMode::Record {
                    self.rec = Some(RecState::Idle);
                }
            } else {
                self.phase = t.saturating_sub(self.cell_start);
                self.finish_recording();
            }
            self.motor = motor;
        }
        if self.motor && self.mode == DeckMode::Record && level == 1 && self.level != 1 {
            self.record_pulse(t);
        }
        if let Some(log) = self.sound.as_mut() {
            if log.port.len() < SOUND_LOG_MAX
                && log
                    .port
                    .last()
                    .is_none_or(|&(_, l, m)| l != port_level(level) || m != self.motor)
            {
                log.port.push((t, port_level(level), self.motor));
            }
        }
        self.level = level;
        self.latch = false;
    }

    /// The port bits this deck last saw: output level (bits 0–1) and motor (bit 2).
    pub fn port_bits(&self) -> u8 {
        self.level | if self.motor { 0x04 } else { 0 }
    }

    /// The select latch connects this deck (`bits`: the port's output level and motor, as
    /// last written) or disconnects it (its motor stops; nothing is logged as sound, the
    /// deck now connected says what the port does) at T-state `t`.
    pub fn connect(&mut self, on: bool, bits: u8, t: u64) {
        if on {
            self.port_out(bits & 0x07, t);
        } else {
            let sound = self.sound.take();
            self.port_out(bits & 0x03, t);
            self.sound = sound;
        }
    }

    /// IN FFH bit 7 at T-state `t`: the input latch set by a pulse from the tape.
    pub fn input_latch(&mut self, t: u64) -> bool {
        self.advance(t);
        self.latch
    }

    /// Bring the tape up to T-state `t` (the machine may call this at any time; the port
    /// methods call it themselves).
    pub fn advance(&mut self, t: u64) {
        self.last_t = self.last_t.max(t);
        if !self.motor || self.mode != DeckMode::Play {
            return;
        }
        let Some(tape) = self.tape.as_ref() else {
            return;
        };
        let timing = self.speed.timing();
        let total = tape.len() as u64 * 8;
        while self.bit < total {
            let byte = tape[(self.bit / 8) as usize];
            let one = byte & (0x80 >> (self.bit % 8)) != 0;
            if !self.clock_done {
                if self.cell_start > t {
                    return;
                }
                self.clock_done = true;
                self.latch = true;
                played_pulse(&mut self.sound, self.cell_start);
            }
            if one && !self.data_done {
                if self.cell_start + timing.one_gap > t {
                    return;
                }
                self.data_done = true;
                self.latch = true;
                played_pulse(&mut self.sound, self.cell_start + timing.one_gap);
            }
            let mut cell = if one {
                timing.cell_one
            } else {
                timing.cell_zero
            };
            if self.bit % 8 == 7 {
                cell += timing.byte_extra;
                if byte == crate::formats::cas::SYNC && self.after_leader {
                    cell += timing.sync_extra;
                }
            }
            if self.cell_start + cell > t {
                return;
            }
            if self.bit % 8 == 7 {
                self.after_leader = byte == 0;
            }
            self.cell_start += cell;
            self.bit += 1;
            self.clock_done = false;
            self.data_done = false;
        }
    }

    /// Start (`true`) or stop keeping the signal as sound. Off by default, so a run that
    /// nobody listens to keeps nothing.
    pub fn set_sound(&mut self, on: bool) {
        if on != self.sound.is_some() {
            self.sound = on.then(|| SoundLog {
                // The level at the start, so the listener knows where it begins.
                port: vec![(self.last_t, port_level(self.level), self.motor)],
                tape: Vec::new(),
            });
        }
    }

    /// Takes the signal kept since the last call (everything up to T-state `t`, to which the
    /// deck is brought first). Empty when sound is off.
    pub fn take_sound(&mut self, t: u64) -> SoundLog {
        self.advance(t);
        match self.sound.as_mut() {
            Some(log) => std::mem::take(log),
            None => SoundLog::default(),
        }
    }

    fn record_pulse(&mut self, t: u64) {
        let threshold = self.speed.timing().threshold;
        match self.rec {
            Some(RecState::AfterClock(tc)) if t - tc < threshold => {
                self.record_bit(true);
                self.rec = Some(RecState::Idle);
            }
            Some(RecState::AfterClock(_)) => {
                self.record_bit(false);
                self.rec = Some(RecState::AfterClock(t));
            }
            _ => self.rec = Some(RecState::AfterClock(t)),
        }
    }

    fn record_bit(&mut self, one: bool) {
        self.rec_bits = (self.rec_bits << 1) | u8::from(one);
        self.rec_count += 1;
        if self.rec_count == 8 {
            let pos = (self.bit / 8) as usize;
            let tape = self.tape.get_or_insert_with(Vec::new);
            if pos < tape.len() {
                tape[pos] = self.rec_bits;
            } else {
                tape.push(self.rec_bits);
            }
            self.bit = (pos as u64 + 1) * 8;
            self.rec_bits = 0;
            self.rec_count = 0;
        }
    }

    /// End of a recording stretch: a clock pulse still waiting for its data pulse was a 0.
    fn finish_recording(&mut self) {
        if let Some(RecState::AfterClock(_)) = self.rec {
            self.record_bit(false);
        }
        self.rec = None;
        self.rec_bits = 0;
        self.rec_count = 0;
    }
}

/// Save states: the deck's keys and motor, the tape and its position to the T-state, a
/// recording in progress, and the sound not yet taken.
impl Cassette {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        w.bool(self.latch);
        w.bool(self.motor);
        w.u8(self.level);
        w.u8(self.speed as u8);
        w.u8(self.mode as u8);
        w.bool(self.tape.is_some());
        w.bytes(self.tape.as_deref().unwrap_or(&[]));
        w.u64(self.bit);
        w.u64(self.cell_start);
        w.u64(self.phase);
        w.bool(self.clock_done);
        w.bool(self.data_done);
        w.bool(self.after_leader);
        w.opt_u64(match self.rec {
            None => None,
            Some(RecState::Idle) => Some(u64::MAX),
            Some(RecState::AfterClock(t)) => Some(t),
        });
        w.u8(self.rec_bits);
        w.u8(self.rec_count);
        w.u64(self.last_t);
        w.bool(self.sound.is_some());
        let log = self.sound.clone().unwrap_or_default();
        w.u32(log.port.len() as u32);
        for &(t, l, m) in &log.port {
            w.u64(t);
            w.u8(l as u8);
            w.bool(m);
        }
        w.u32(log.tape.len() as u32);
        for &t in &log.tape {
            w.u64(t);
        }
    }

    pub(crate) fn load_state(r: &mut Reader<'_>) -> state::Result<Cassette> {
        let mut c = Cassette {
            latch: r.bool("cassette latch")?,
            motor: r.bool("cassette motor")?,
            level: r.tag(4, "cassette output level")?,
            speed: [Speed::Level2, Speed::Level1][r.tag(2, "tape speed")? as usize],
            mode: [DeckMode::Play, DeckMode::Record][r.tag(2, "deck mode")? as usize],
            ..Cassette::default()
        };
        let has_tape = r.bool("tape inserted")?;
        let tape = r.bytes(r.remaining(), "tape")?;
        if has_tape {
            c.tape = Some(tape.to_vec());
        } else if !tape.is_empty() {
            return Err(r.invalid(tape.len(), "tape bytes with no tape inserted"));
        }
        c.bit = r.u64("tape position")?;
        if c.bit > tape.len() as u64 * 8 {
            return Err(r.invalid(8, "tape position past the end of the tape"));
        }
        c.cell_start = r.t("tape bit cell start")?;
        c.phase = r.t("tape phase")?;
        c.clock_done = r.bool("clock pulse played")?;
        c.data_done = r.bool("data pulse played")?;
        c.after_leader = r.bool("after leader")?;
        c.rec = match r.opt_u64("recording")? {
            None => None,
            Some(u64::MAX) => Some(RecState::Idle),
            Some(t) if t <= state::MAX_T => Some(RecState::AfterClock(t)),
            Some(_) => return Err(r.invalid(8, "recording clock pulse time")),
        };
        c.rec_bits = r.u8("recorded bits")?;
        c.rec_count = r.u8("recorded bit count")?;
        if c.rec_count >= 8 {
            return Err(r.invalid(1, "recorded bit count (0-7)"));
        }
        c.last_t = r.t("deck time")?;
        let sound = r.bool("sound on")?;
        let mut log = SoundLog::default();
        let n = r.u32("sound changes")? as usize;
        if n > SOUND_LOG_MAX || n > r.remaining() / 10 {
            return Err(r.invalid(4, "sound change count"));
        }
        for _ in 0..n {
            let t = r.t("sound change time")?;
            let l = r.u8("sound level")? as i8;
            if !(-1..=1).contains(&l) {
                return Err(r.invalid(1, "sound level (-1, 0 or 1)"));
            }
            log.port.push((t, l, r.bool("sound motor")?));
        }
        let n = r.u32("tape pulses")? as usize;
        if n > SOUND_LOG_MAX || n > r.remaining() / 8 {
            return Err(r.invalid(4, "tape pulse count"));
        }
        for _ in 0..n {
            log.tape.push(r.t("tape pulse time")?);
        }
        if sound {
            c.sound = Some(log);
        } else if log != SoundLog::default() {
            return Err(r.invalid(0, "sound kept while sound is off"));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::CPU_HZ;

    const MOTOR: u8 = 0x04;

    /// Read the tape the way a loader polls: clear the latch at each clock pulse, look again
    /// about 0.7 of the way to the next cell.
    fn read_bytes(deck: &mut Cassette, start_t: u64, n: usize) -> Vec<u8> {
        let mut t = start_t;
        let mut out = Vec::new();
        let mut bits = 0u8;
        let mut count = 0;
        while out.len() < n {
            // Wait for a clock pulse.
            let mut guard = 0;
            while !deck.input_latch(t) {
                t += 20;
                guard += 1;
                assert!(guard < 100_000, "no clock pulse");
            }
            t += us(480);
            deck.port_out(MOTOR, t);
            t += us(870);
            let one = deck.input_latch(t);
            deck.port_out(MOTOR, t);
            bits = (bits << 1) | u8::from(one);
            count += 1;
            if count == 8 {
                out.push(bits);
                count = 0;
            }
        }
        out
    }

    #[test]
    fn plays_bytes_as_pulses_msb_first() {
        let data = vec![0x00, 0xA5, 0x55, 0xFF, 0x3C, 0x81];
        let mut deck = Cassette::new();
        deck.insert(data.clone());
        deck.port_out(MOTOR, 1000);
        assert_eq!(read_bytes(&mut deck, 1000, data.len()), data);
        assert!(deck.position() >= data.len() - 1);
    }

    #[test]
    fn no_motor_no_pulses_and_motor_stop_freezes_the_tape() {
        let mut deck = Cassette::new();
        deck.insert(vec![0xFF; 4]);
        assert!(!deck.input_latch(1_000_000));
        deck.port_out(MOTOR, 1_000_000);
        assert!(deck.input_latch(1_000_001));
        deck.port_out(0, 1_000_000 + 10 * us(2008));
        let pos = deck.bit;
        assert!(pos > 8);
        assert!(!deck.input_latch(50_000_000));
        assert_eq!(deck.bit, pos);
        deck.port_out(MOTOR, 50_000_000);
        deck.advance(50_000_000 + 3 * us(2008));
        assert_eq!(deck.bit, pos + 3);
    }

    #[test]
    fn tape_runs_at_about_500_baud() {
        let mut deck = Cassette::new();
        deck.insert(vec![0x00; 100]);
        deck.port_out(MOTOR, 0);
        deck.advance(CPU_HZ); // one second
        let bits = deck.bit;
        assert!((480..=500).contains(&bits), "{bits} bits in 1 s");
        assert!(deck.progress().unwrap() > 0.5);
    }

    fn pulse(deck: &mut Cassette, t: u64) {
        deck.port_out(MOTOR | 1, t);
        deck.port_out(MOTOR | 2, t + us(128));
        deck.port_out(MOTOR, t + us(256));
    }

    /// Write bytes the way a saver does, with its own jitter in the cell length.
    fn write_bytes(deck: &mut Cassette, mut t: u64, bytes: &[u8]) -> u64 {
        for (i, &b) in bytes.iter().enumerate() {
            for bit in 0..8 {
                pulse(deck, t);
                if b & (0x80 >> bit) != 0 {
                    pulse(deck, t + us(1000));
                }
                t += us(2000 + (i as u64 * 37 + bit) % 60);
            }
        }
        t
    }

    #[test]
    fn records_pulses_back_into_bytes_and_plays_them_again() {
        let mut deck = Cassette::new();
        deck.insert_blank();
        let mut data = vec![0u8; 20];
        data.extend_from_slice(&[0xA5, 0xD3, 0xD3, 0xD3, b'A', 0x01, 0x80, 0x7E]);
        deck.port_out(MOTOR, 10);
        let t = write_bytes(&mut deck, 100, &data);
        deck.port_out(0, t + 5000);
        assert_eq!(deck.tape().unwrap(), &data[..]);
        // Second CSAVE appends after the first.
        deck.port_out(MOTOR, t + 100_000);
        let t = write_bytes(&mut deck, t + 100_100, &[0x00, 0xA5, 0x42]);
        deck.port_out(0, t + 5000);
        assert_eq!(deck.tape().unwrap().len(), data.len() + 3);
        // Play it back.
        let tape = deck.eject().unwrap();
        deck.insert(tape.clone());
        deck.port_out(MOTOR, t + 1_000_000);
        assert_eq!(read_bytes(&mut deck, t + 1_000_000, tape.len()), tape);
    }

    #[test]
    fn record_overwrites_at_the_position() {
        let mut deck = Cassette::new();
        deck.insert(vec![1, 2, 3, 4, 5]);
        deck.set_position(2);
        deck.set_mode(DeckMode::Record);
        deck.port_out(MOTOR, 0);
        let t = write_bytes(&mut deck, 10, &[0xEE]);
        deck.port_out(0, t + 4000);
        assert_eq!(deck.tape().unwrap(), &[1, 2, 0xEE, 4, 5]);
        assert_eq!(deck.position(), 3);
    }

    #[test]
    fn level1_speed_is_half() {
        let mut deck = Cassette::new();
        deck.set_speed(Speed::Level1);
        deck.insert(vec![0x00; 100]);
        deck.port_out(MOTOR, 0);
        deck.advance(CPU_HZ);
        assert!((250..=265).contains(&deck.bit), "{}", deck.bit);
    }
}
