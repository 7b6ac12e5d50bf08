//! Program files: recognising a file by its contents, and loading it into a [`Machine`].
//!
//! Follows the Level II program layout and pointers as recorded from running the ROM in this
//! emulator and as listed on trs-80.com ("RAM Addresses and Routines"), the tape formats of
//! [`crate::formats::cas`] and the /CMD records of [`crate::formats::cmd`].
//!
//! | kind | recognised by | fast load |
//! |---|---|---|
//! | `.CAS` tape | leader of 00H then A5H (or A5H first) | BASIC: lines at TXTTAB, pointers fixed; SYSTEM: blocks into RAM, entry |
//! | `/CMD` | record stream starting with a type byte 00H–1FH that parses to its end | blocks into RAM, entry |
//! | tokenized BASIC | FFH, then program lines (disk BASIC save format) | lines at TXTTAB |
//! | `.BAS` text | text whose lines start with line numbers | tokenized, lines at TXTTAB |
//!
//! Every check happens before the first byte is written: a program that does not fit, or a
//! block outside RAM, is refused with nothing changed.
//!
//! A tape image holding several files loads its first file (as CLOAD without a name does).
//! Before loading, the loader waits for BASIC's `>` prompt (answering `MEMORY SIZE?` with
//! ENTER), so the ROM's start-up cannot overwrite the program; under a ROM it does not know
//! (no BASIC), machine code is loaded at once.
//!
//! Not handled: Level I tapes (the deck plays and records them at 250 baud, but this module
//! does not parse them), disk images.

use std::fmt;

use crate::devices::cassette::Speed;
use crate::formats::basic::{self, BasicError, Peek, Program};
use crate::formats::cas::{self, CasError, Tape, TapeFile};
use crate::formats::cmd::{self, CmdError, MemoryImage};
use crate::machine::memory_map as map;
use crate::machine::rom::RomKind;
use crate::machine::{Machine, T_PER_FRAME};

/// A recognised program file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramFile {
    /// A cassette image.
    Tape(Tape),
    /// A /CMD machine-language program.
    Cmd(MemoryImage),
    /// A BASIC program (from a text listing or a tokenized save).
    Basic(Program),
}

impl ProgramFile {
    /// A short description for messages ("BASIC tape \"A\"", "/CMD program", …).
    pub fn describe(&self) -> String {
        match self {
            ProgramFile::Tape(t) => match &t.files[0] {
                cas::TapeFile::Basic { name, program } => format!(
                    "BASIC tape \"{}\" ({} lines)",
                    char::from(*name).escape_default(),
                    program.lines.len()
                ),
                cas::TapeFile::System { name, image } => format!(
                    "SYSTEM tape \"{}\" ({} bytes, entry {:04X}H)",
                    name,
                    image.len(),
                    image.entry.unwrap_or(0)
                ),
            },
            ProgramFile::Cmd(img) => format!(
                "/CMD program ({} bytes, entry {})",
                img.len(),
                img.entry
                    .map_or("none".to_string(), |e| format!("{e:04X}H"))
            ),
            ProgramFile::Basic(p) => format!("BASIC program ({} lines)", p.lines.len()),
        }
    }
}

/// Why a file could not be used as a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file is empty.
    Empty,
    /// Not a cassette image, /CMD file or BASIC program.
    Unrecognised,
    /// Looks like (or is named as) a cassette image, but is bad.
    Cas(CasError),
    /// Looks like (or is named as) a /CMD file, but is bad.
    Cmd(CmdError),
    /// Looks like (or is named as) a BASIC program, but is bad.
    Basic(BasicError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty file"),
            Self::Unrecognised => write!(
                f,
                "not a cassette image (.CAS), /CMD program or BASIC listing"
            ),
            Self::Cas(e) => e.fmt(f),
            Self::Cmd(e) => e.fmt(f),
            Self::Basic(e) => write!(f, "BASIC: {e}"),
        }
    }
}

impl std::error::Error for FileError {}

impl From<CasError> for FileError {
    fn from(e: CasError) -> Self {
        Self::Cas(e)
    }
}
impl From<CmdError> for FileError {
    fn from(e: CmdError) -> Self {
        Self::Cmd(e)
    }
}
impl From<BasicError> for FileError {
    fn from(e: BasicError) -> Self {
        Self::Basic(e)
    }
}

/// Header byte of a tokenized (disk BASIC) program file.
pub const TOKENIZED_HEADER: u8 = 0xFF;

/// Recognise a program file by its contents. `extension` (lower or upper case, no dot) only
/// decides which error to report when the contents match nothing.
pub fn identify(bytes: &[u8], extension: Option<&str>) -> Result<ProgramFile, FileError> {
    let first = *bytes.first().ok_or(FileError::Empty)?;
    let ext = extension.map(str::to_ascii_lowercase);
    // A tape's leader (a run of 00H, one byte damaged at most) or its sync byte.
    let head = &bytes[..bytes.len().min(16)];
    let leader = head.iter().filter(|&&b| b != 0).count() <= 1;
    let cas_result = (first == 0 || first == cas::SYNC || leader).then(|| cas::parse(bytes));
    if let Some(Ok(tape)) = cas_result {
        return Ok(ProgramFile::Tape(tape));
    }
    // Starting like a tape, it is a damaged tape, never a /CMD file whose 00H
    // records would load garbage.
    if let Some(Err(e)) = &cas_result {
        if first == cas::SYNC || leader {
            return Err(e.clone().into());
        }
    }
    let cmd_result = (first <= cmd::REC_MAX).then(|| cmd::parse(bytes));
    if let Some(Ok(img)) = cmd_result {
        return Ok(ProgramFile::Cmd(img));
    }
    if first == TOKENIZED_HEADER {
        if let Ok((p, _)) = Program::from_image(&bytes[1..]) {
            return Ok(ProgramFile::Basic(p));
        }
    }
    let text_result = looks_like_text(bytes).then(|| {
        let text = String::from_utf8_lossy(bytes);
        Program::from_text(&text)
    });
    if let Some(Ok(p)) = text_result {
        return Ok(ProgramFile::Basic(p));
    }
    // Nothing matched: report the most specific failure.
    Err(
        match (ext.as_deref(), cas_result, cmd_result, text_result) {
            (Some("cas"), Some(Err(e)), _, _) => e.into(),
            (Some("cas"), None, _, _) => CasError::NotATape { found: first }.into(),
            (Some("cmd"), _, Some(Err(e)), _) => e.into(),
            (Some("cmd"), _, None, _) => CmdError::NotCmd { found: first }.into(),
            (Some("bas" | "txt"), _, _, Some(Err(e))) => e.into(),
            (_, Some(Err(e)), _, _) if first == 0 => e.into(),
            (_, _, _, Some(Err(e))) if first.is_ascii_digit() || first == b' ' => e.into(),
            _ => FileError::Unrecognised,
        },
    )
}

/// True when the bytes read as plain text (printable ASCII, UTF-8, tabs and line ends).
fn looks_like_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\x1A'))
    })
}

impl Peek for Machine {
    fn peek(&self, addr: u16) -> u8 {
        Machine::peek(self, addr)
    }
}

/// Why a program could not be put into the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The BASIC program cannot be installed or read.
    Basic(BasicError),
    /// A machine-code block would land outside RAM and video RAM.
    OutsideRam {
        /// Block load address.
        addr: u16,
        /// Block length.
        len: usize,
        /// Last RAM address of this machine.
        ram_top: u16,
    },
    /// BASIC's `>` prompt did not appear in time (no BASIC in this ROM, or it is busy).
    NoPrompt {
        /// What the loader was waiting for.
        waiting_for: &'static str,
    },
    /// A real-speed load did not finish in time.
    Timeout {
        /// What was under way.
        what: &'static str,
    },
    /// The file holds nothing this loader can put into memory.
    Nothing,
    /// A listing line cannot be typed on the keyboard (a character with no key, or longer
    /// than the ROM's 240-character input line); load it fast instead.
    Untypeable {
        /// Its line number.
        line: u16,
        /// Why.
        why: &'static str,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic(e) => e.fmt(f),
            Self::OutsideRam { addr, len, ram_top } => write!(
                f,
                "block of {len} bytes at {addr:04X}H is outside RAM (3C00H-3FFFH video, 4000H-{ram_top:04X}H RAM)"
            ),
            Self::NoPrompt { waiting_for } => write!(
                f,
                "BASIC's prompt did not appear (waiting for {waiting_for}); does this ROM run Level II BASIC?"
            ),
            Self::Timeout { what } => write!(f, "timed out during {what}"),
            Self::Nothing => write!(f, "the file holds no program"),
            Self::Untypeable { line, why } => write!(
                f,
                "line {line} cannot be typed ({why}); load it fast instead"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<BasicError> for LoadError {
    fn from(e: BasicError) -> Self {
        Self::Basic(e)
    }
}

/// Bytes kept free between the end of an installed program and the stack.
pub const STACK_MARGIN: u16 = 256;

/// Put a BASIC program into memory at TXTTAB, the way CLOAD leaves it: lines relinked for
/// where they sit, the 00 00 end marker, VARTAB/ARYTAB/STREND just after it (no variables),
/// string space empty, READ pointer at the start, nothing to CONT. Checks everything first;
/// on error nothing is written.
pub fn install_basic(m: &mut Machine, program: &Program) -> Result<(), LoadError> {
    let start = m.peek_word(basic::TXTTAB);
    let ram_top = m.ram_top();
    let memsiz = m.peek_word(basic::MEMSIZ);
    if !(map::RAM_START + 1..=ram_top).contains(&start) || memsiz > ram_top || memsiz <= start {
        return Err(BasicError::NotReady {
            why: format!(
                "program start {start:04X}H / memory size {memsiz:04X}H do not fit this {}K machine",
                (u32::from(ram_top) + 1 - u32::from(map::RAM_START)) / 1024
            ),
        }
        .into());
    }
    let image = program.to_image(start);
    let stack = m.cpu().regs.sp.min(m.peek_word(basic::STKTOP));
    let limit = stack.saturating_sub(STACK_MARGIN);
    let end = usize::from(start) + image.len();
    if end > usize::from(limit) {
        return Err(BasicError::OutOfMemory {
            need: image.len(),
            have: usize::from(limit.saturating_sub(start)),
        }
        .into());
    }
    let end = end as u16;
    m.poke(start - 1, 0);
    m.load(start, &image);
    for ptr in [basic::VARTAB, basic::ARYTAB, basic::STREND] {
        poke_word(m, ptr, end);
    }
    poke_word(m, basic::FRETOP, memsiz);
    poke_word(m, basic::DATPTR, start - 1);
    for i in 0..4 {
        m.poke(basic::CONT_STATE + i, 0);
    }
    Ok(())
}

/// Read the BASIC program in memory (following its line links, as LIST does).
pub fn read_basic(m: &Machine) -> Result<Program, LoadError> {
    Ok(basic::read_program(m, m.ram_top())?)
}

fn poke_word(m: &mut Machine, addr: u16, v: u16) {
    let [lo, hi] = v.to_le_bytes();
    m.poke(addr, lo);
    m.poke(addr + 1, hi);
}

/// Copy a machine-code image into memory (video RAM 3C00H–3FFFH and RAM only). Checks every
/// block first; on error nothing is written. Does not start it.
pub fn install_image(m: &mut Machine, image: &MemoryImage) -> Result<(), LoadError> {
    let ram_top = m.ram_top();
    for b in &image.blocks {
        let last = usize::from(b.addr) + b.data.len().max(1) - 1;
        let in_video = b.addr >= map::VIDEO && last < usize::from(map::RAM_START);
        let in_ram = b.addr >= map::VIDEO && last <= usize::from(ram_top);
        if !(in_video || in_ram) {
            return Err(LoadError::OutsideRam {
                addr: b.addr,
                len: b.data.len(),
                ram_top,
            });
        }
    }
    for b in &image.blocks {
        m.load(b.addr, &b.data);
    }
    Ok(())
}

/// How a program gets into the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadMode {
    /// Straight into memory (BASIC pointers fixed).
    #[default]
    Fast,
    /// As a user would: the tape played through the cassette port for CLOAD/SYSTEM at the
    /// real 500-baud speed, a listing typed through the keyboard. /CMD files have no real
    /// path (they need a DOS) and always load fast.
    Real,
}

/// What a load in progress is doing, for title bars and status lines.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Waiting for BASIC's prompt (answering MEMORY SIZE? on the way).
    Booting,
    /// The tape is playing or text is being typed: fraction done 0.0–1.0.
    Loading(f32),
    /// The program is in memory (and started, if asked).
    Done,
}

#[derive(Debug, Clone)]
enum Step {
    /// Wait for BASIC's `>` prompt with nothing being typed.
    Prompt { what: &'static str },
    /// The same, but only under a ROM known to run BASIC (machine code needs the ROM's
    /// start-up to be over, or it would clear the program; an unknown ROM may never prompt).
    PromptIfBasic,
    /// Put the tape in the deck.
    InsertTape(Vec<u8>),
    /// Type text.
    Type(String),
    /// Install a BASIC program fast.
    Basic(Program),
    /// Copy machine code fast.
    Image(MemoryImage),
    /// Jump to an address.
    Jump(u16),
    /// Wait until the tape has moved and stopped again.
    TapeDone { started: bool },
    /// Wait until the typing queue is empty.
    Typed,
    /// Let the machine run a few frames.
    Frames(u32),
    /// Wait for text on the screen.
    Text(&'static str),
}

/// A program load in progress. Create it with [`PendingLoad::new`], then call
/// [`PendingLoad::poll`] between frames (or use [`PendingLoad::run`] to finish it
/// headlessly). It starts from any state of the machine: right after power-on it waits for
/// BASIC (answering `MEMORY SIZE?` with ENTER) before loading.
///
/// ```no_run
/// # use trs80_machine::{Machine, Config, loader::{identify, PendingLoad, LoadMode}};
/// # let rom = vec![0u8; 12288];
/// let mut m = Machine::new(&Config { rom: &rom, ..Config::default() }).unwrap();
/// let bytes = std::fs::read("game.cas").unwrap();
/// let file = identify(&bytes, Some("cas")).unwrap();
/// let mut load = PendingLoad::new(&file, &bytes, LoadMode::Real, true).unwrap();
/// load.run(&mut m, |fraction| eprint!("\rloading {:3.0}%", fraction * 100.0)).unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct PendingLoad {
    steps: std::collections::VecDeque<Step>,
    /// Frames the current step has waited.
    waited: u32,
    /// Frames allowed for the current step.
    budget: u32,
    /// Real-speed tape length, for the frame budget.
    tape_frames: u32,
    answered_memory_size: bool,
    typed_total: usize,
    done: bool,
}

/// Longest line (with its ENTER) the ROM's line input takes.
const MAX_TYPED_LINE: usize = 241;

/// Frames allowed for BASIC to come up (20 emulated seconds).
const BOOT_FRAMES: u32 = 1200;

impl PendingLoad {
    /// Plan the load of `file` (as found by [`identify`] in `bytes`). With `run`, a BASIC
    /// program is RUN and a machine-code program is started at its entry address.
    pub fn new(
        file: &ProgramFile,
        bytes: &[u8],
        mode: LoadMode,
        run: bool,
    ) -> Result<PendingLoad, LoadError> {
        use Step::*;
        let mut steps = Vec::new();
        let mut tape_frames = 0;
        match (file, mode) {
            (ProgramFile::Tape(tape), LoadMode::Fast) => match &tape.files[0] {
                TapeFile::Basic { program, .. } => {
                    steps.extend([Prompt { what: "BASIC" }, Basic(program.clone())]);
                    if run {
                        steps.push(Type("RUN\n".into()));
                    }
                }
                TapeFile::System { image, .. } => {
                    steps.extend([PromptIfBasic, Image(image.clone())]);
                    if let (true, Some(e)) = (run, image.entry) {
                        steps.push(Jump(e));
                    }
                }
            },
            (ProgramFile::Tape(tape), LoadMode::Real) => {
                let secs = bytes.len() as u64 * Speed::Level2.t_per_byte() / T_PER_FRAME;
                tape_frames = (secs as u32).saturating_mul(2).saturating_add(600);
                steps.extend([Prompt { what: "BASIC" }, InsertTape(bytes.to_vec())]);
                match &tape.files[0] {
                    TapeFile::Basic { .. } => {
                        steps.extend([
                            Type("CLOAD\n".into()),
                            TapeDone { started: false },
                            Prompt {
                                what: "READY after CLOAD",
                            },
                        ]);
                        if run {
                            steps.push(Type("RUN\n".into()));
                        }
                    }
                    TapeFile::System { name, .. } => {
                        steps.extend([
                            Type("SYSTEM\n".into()),
                            Text("*?"),
                            Type(format!("{}\n", name.trim())),
                            TapeDone { started: false },
                            Frames(30),
                        ]);
                        if run {
                            steps.push(Type("/\n".into()));
                        }
                    }
                }
            }
            (ProgramFile::Cmd(image), _) => {
                steps.extend([PromptIfBasic, Image(image.clone())]);
                if let (true, Some(e)) = (run, image.entry) {
                    steps.push(Jump(e));
                }
            }
            (ProgramFile::Basic(program), LoadMode::Fast) => {
                steps.extend([Prompt { what: "BASIC" }, Basic(program.clone())]);
                if run {
                    steps.push(Type("RUN\n".into()));
                }
            }
            (ProgramFile::Basic(program), LoadMode::Real) => {
                let mut text = String::from("NEW\n");
                for line in &program.lines {
                    let listed = format!("{} {}\n", line.number, basic::detokenize(&line.body));
                    if listed.contains("\\x") {
                        return Err(LoadError::Untypeable {
                            line: line.number,
                            why: "a character with no key",
                        });
                    }
                    if listed.len() > MAX_TYPED_LINE {
                        return Err(LoadError::Untypeable {
                            line: line.number,
                            why: "longer than 240 characters",
                        });
                    }
                    text.push_str(&listed);
                }
                steps.extend([
                    Prompt { what: "BASIC" },
                    Type(text),
                    Typed,
                    Prompt {
                        what: "READY after typing",
                    },
                ]);
                if run {
                    steps.push(Type("RUN\n".into()));
                }
            }
        }
        if steps.is_empty() {
            return Err(LoadError::Nothing);
        }
        Ok(PendingLoad {
            steps: steps.into(),
            waited: 0,
            budget: BOOT_FRAMES,
            tape_frames,
            answered_memory_size: false,
            typed_total: 0,
            done: false,
        })
    }

    /// Do whatever can be done now; call once per frame (before or after running it).
    /// Returns the status, or the error that ended the load (the machine is left as it is).
    pub fn poll(&mut self, m: &mut Machine) -> Result<LoadStatus, LoadError> {
        loop {
            let Some(step) = self.steps.front_mut() else {
                self.done = true;
                return Ok(LoadStatus::Done);
            };
            let waiting = match step {
                Step::Prompt { .. } => {
                    let screen = m.screen_text();
                    if !self.answered_memory_size
                        && (screen.contains("MEMORY SIZE?") || screen.contains("MEM SIZE?"))
                    {
                        self.answered_memory_size = true;
                        m.type_text("\n");
                    }
                    (m.typing_pending() || !at_prompt(&screen)).then_some(LoadStatus::Booting)
                }
                Step::PromptIfBasic => {
                    if matches!(m.rom_kind(), RomKind::Unknown(_)) {
                        None
                    } else {
                        let what = "BASIC";
                        *step = Step::Prompt { what };
                        continue;
                    }
                }
                Step::InsertTape(bytes) => {
                    let speed = if m.rom_kind() == RomKind::Level1 {
                        Speed::Level1
                    } else {
                        Speed::Level2
                    };
                    let deck = m.cassette();
                    deck.set_speed(speed);
                    deck.insert(std::mem::take(bytes));
                    None
                }
                Step::Type(text) => {
                    self.typed_total = text.len();
                    m.type_text(text);
                    None
                }
                Step::Basic(p) => {
                    install_basic(m, p)?;
                    None
                }
                Step::Image(img) => {
                    install_image(m, img)?;
                    None
                }
                Step::Jump(e) => {
                    m.cpu_mut().regs.pc = *e;
                    m.cpu_mut().halted = false;
                    None
                }
                Step::TapeDone { started } => {
                    let deck = m.cassette();
                    let moving = deck.is_moving();
                    if moving {
                        *started = true;
                    }
                    let progress = deck.progress().unwrap_or(0.0);
                    if *started && !moving {
                        None
                    } else {
                        Some(LoadStatus::Loading(progress))
                    }
                }
                Step::Typed => {
                    let estimate = typing_frames(m, self.typed_total);
                    let fraction = (self.waited as f32 / estimate as f32).min(0.99);
                    m.typing_pending().then_some(LoadStatus::Loading(fraction))
                }
                Step::Frames(n) => {
                    if *n == 0 {
                        None
                    } else {
                        *n -= 1;
                        Some(LoadStatus::Loading(1.0))
                    }
                }
                Step::Text(t) => (!m.screen_text().contains(*t)).then_some(LoadStatus::Booting),
            };
            match waiting {
                None => {
                    self.steps.pop_front();
                    self.waited = 0;
                    self.budget = match self.steps.front() {
                        Some(Step::TapeDone { .. }) => self.tape_frames,
                        Some(Step::Typed) => typing_frames(m, self.typed_total)
                            .saturating_mul(3)
                            .saturating_add(600),
                        _ => BOOT_FRAMES,
                    };
                }
                Some(status) => {
                    self.waited += 1;
                    if self.waited > self.budget {
                        let err = match self.steps.front() {
                            Some(Step::Prompt { what }) => {
                                LoadError::NoPrompt { waiting_for: what }
                            }
                            Some(Step::TapeDone { .. }) => LoadError::Timeout {
                                what: "the tape load",
                            },
                            Some(Step::Typed) => LoadError::Timeout {
                                what: "typing the listing",
                            },
                            _ => LoadError::Timeout {
                                what: "waiting for the ROM",
                            },
                        };
                        self.steps.clear();
                        return Err(err);
                    }
                    return Ok(status);
                }
            }
        }
    }

    /// True when every step is done.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Run the machine frame by frame until the load is done, reporting progress.
    pub fn run(&mut self, m: &mut Machine, mut progress: impl FnMut(f32)) -> Result<(), LoadError> {
        loop {
            match self.poll(m)? {
                LoadStatus::Done => return Ok(()),
                LoadStatus::Loading(f) => progress(f),
                LoadStatus::Booting => {}
            }
            m.run_frame();
        }
    }
}

/// Estimated frames to type `chars` characters: each is a press and a release, each held for
/// the keyboard queue's hold time (an estimate: the queue waits for the program to scan).
fn typing_frames(m: &mut Machine, chars: usize) -> u32 {
    let per_char = 2 * m.keyboard_mut().hold() + T_PER_FRAME / 4;
    ((chars as u64 * per_char) / T_PER_FRAME).clamp(1, u64::from(u32::MAX)) as u32
}

/// True when the last non-blank screen line is BASIC's `>` prompt (with or without cursor).
pub fn at_prompt(screen: &str) -> bool {
    screen
        .lines()
        .rev()
        .map(str::trim_end)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l == ">" || l == ">_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::cmd::Block;

    #[test]
    fn identifies_by_content_not_extension() {
        let p = Program::from_text("10 PRINT 1\n").unwrap();
        let cas_bytes = cas::write_basic(b'A', &p);
        assert!(matches!(
            identify(&cas_bytes, Some("bas")),
            Ok(ProgramFile::Tape(_))
        ));
        let img = MemoryImage {
            blocks: vec![Block {
                addr: 0x6000,
                data: vec![0x76],
            }],
            entry: Some(0x6000),
        };
        let cmd_bytes = cmd::write(&img, None);
        assert_eq!(identify(&cmd_bytes, Some("cas")), Ok(ProgramFile::Cmd(img)));
        assert_eq!(
            identify(b"10 PRINT 1\r\n", None),
            Ok(ProgramFile::Basic(p.clone()))
        );
        let mut tok = vec![TOKENIZED_HEADER];
        tok.extend(p.to_image(0x6A00));
        assert_eq!(identify(&tok, Some("bas")), Ok(ProgramFile::Basic(p)));
    }

    #[test]
    fn listings_with_untypeable_lines_are_refused_for_typing() {
        let p = Program::from_text("10 A$=\"\\x80\"\n").unwrap();
        let file = ProgramFile::Basic(p);
        assert!(matches!(
            PendingLoad::new(&file, b"", LoadMode::Real, false),
            Err(LoadError::Untypeable { line: 10, .. })
        ));
        assert!(PendingLoad::new(&file, b"", LoadMode::Fast, false).is_ok());
        let long = format!("20 REM {}\n", "X".repeat(300));
        let file = ProgramFile::Basic(Program::from_text(&long).unwrap());
        assert!(matches!(
            PendingLoad::new(&file, b"", LoadMode::Real, false),
            Err(LoadError::Untypeable { line: 20, .. })
        ));
    }

    #[test]
    fn errors_follow_the_extension() {
        assert_eq!(identify(&[], None), Err(FileError::Empty));
        assert_eq!(
            identify(b"hello", Some("CAS")),
            Err(FileError::Cas(CasError::NotATape { found: b'h' }))
        );
        assert_eq!(identify(b"hello", None), Err(FileError::Unrecognised));
        assert!(matches!(
            identify(b"10 PRINT\nPRINT", Some("bas")),
            Err(FileError::Basic(BasicError::NoLineNumber { text_line: 2 }))
        ));
        assert!(matches!(
            identify(&[0, 0, 0xA5, 0xD3, 0xD3], Some("cas")),
            Err(FileError::Cas(CasError::Truncated { .. }))
        ));
        assert!(matches!(
            identify(&[1, 5, 0, 0x60], Some("cmd")),
            Err(FileError::Cmd(CmdError::Truncated { .. }))
        ));
    }
}
