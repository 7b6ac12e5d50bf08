//! Save states of the floppy controller and its drives (a part of [`super::Fd1771`] kept
//! apart so the controller's own file stays about the chip).

use super::{Density, Drives, Fd1771, Op};
use crate::formats::state::{self, Reader, Writer};

/// Most bytes a transfer in progress may hold in a save state (more than a track).
const MAX_TRANSFER: usize = 16_384;

/// Save states: every register and latch, the command in progress with its buffer, the next
/// event, and the drives.
impl Fd1771 {
    pub(crate) fn save_state(&self, w: &mut Writer) {
        self.drives.save_state(w);
        for b in [self.track, self.sector, self.data, self.command, self.bits] {
            w.u8(b);
        }
        for b in [
            self.type1,
            self.busy,
            self.drq,
            self.intrq,
            self.index_irq,
            self.step_in,
            self.density == Density::Double,
            self.absent,
        ] {
            w.bool(b);
        }
        match &self.op {
            Op::Idle => w.u8(0),
            Op::Type1 => w.u8(1),
            Op::Fail(bits) => {
                w.u8(2);
                w.u8(*bits);
            }
            Op::Read { bytes, pos, multi } => {
                w.u8(3);
                w.bytes(bytes);
                w.u32(*pos as u32);
                w.bool(*multi);
            }
            Op::Write {
                index,
                buf,
                size,
                dam,
                multi,
            } => {
                w.u8(4);
                w.u32(*index as u32);
                w.bytes(buf);
                w.u32(*size as u32);
                w.u8(*dam);
                w.bool(*multi);
            }
            Op::WriteTrack { buf, cap } => {
                w.u8(5);
                w.bytes(buf);
                w.u32(*cap as u32);
            }
            Op::Finish => w.u8(6),
        }
        w.u64(self.event);
        w.u64(self.now);
    }

    /// The controller as saved; `t` is the CPU's T-state (a pending event is never far
    /// behind it, since the machine runs every event when it falls due).
    pub(crate) fn load_state(r: &mut Reader<'_>, t: u64) -> state::Result<Fd1771> {
        let mut f = Fd1771::new();
        f.drives = Drives::load_state(r)?;
        f.track = r.u8("FDC track")?;
        f.sector = r.u8("FDC sector")?;
        f.data = r.u8("FDC data")?;
        f.command = r.u8("FDC command")?;
        f.bits = r.u8("FDC status bits")?;
        f.type1 = r.bool("FDC type I")?;
        f.busy = r.bool("FDC busy")?;
        f.drq = r.bool("FDC DRQ")?;
        f.intrq = r.bool("FDC INTRQ")?;
        f.index_irq = r.bool("FDC index interrupt")?;
        f.step_in = r.bool("FDC step direction")?;
        f.density = if r.bool("FDC density")? {
            Density::Double
        } else {
            Density::Single
        };
        f.absent = r.bool("FDC absent")?;
        f.op = match r.tag(7, "FDC command in progress")? {
            0 => Op::Idle,
            1 => Op::Type1,
            2 => Op::Fail(r.u8("FDC failure bits")?),
            3 => {
                let bytes = r.bytes(MAX_TRANSFER, "FDC read buffer")?.to_vec();
                let pos = r.u32("FDC read position")? as usize;
                if pos >= bytes.len() {
                    return Err(r.invalid(4, "FDC read position past its buffer"));
                }
                Op::Read {
                    bytes,
                    pos,
                    multi: r.bool("FDC multiple sectors")?,
                }
            }
            4 => {
                let index = r.u32("FDC sector index")? as usize;
                let buf = r.bytes(MAX_TRANSFER, "FDC write buffer")?.to_vec();
                let size = r.u32("FDC sector size")? as usize;
                if size > MAX_TRANSFER || buf.len() >= size {
                    return Err(r.invalid(4, "FDC sector size"));
                }
                Op::Write {
                    index,
                    buf,
                    size,
                    dam: r.u8("FDC data mark")?,
                    multi: r.bool("FDC multiple sectors")?,
                }
            }
            5 => {
                let buf = r.bytes(MAX_TRANSFER, "FDC track buffer")?.to_vec();
                let cap = r.u32("FDC track size")? as usize;
                if cap > MAX_TRANSFER || buf.len() >= cap {
                    return Err(r.invalid(4, "FDC track size"));
                }
                Op::WriteTrack { buf, cap }
            }
            _ => Op::Finish,
        };
        f.event = r.t_or_never("FDC next event")?;
        if f.event != u64::MAX && f.event.saturating_add(1_000) < t {
            return Err(r.invalid(8, "FDC next event long past"));
        }
        f.now = r.t("FDC time")?;
        if f.now > t.saturating_add(1_000) {
            return Err(r.invalid(8, "FDC time ahead of the CPU"));
        }
        Ok(f)
    }
}
