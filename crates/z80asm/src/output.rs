//! The result of an assembly: memory image, listing, symbols, /CMD file.

use crate::symbols::SymbolTable;

/// Contiguous runs of bytes: (start address, bytes).
pub type Blocks = Vec<(u16, Vec<u8>)>;

/// A successful assembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembly {
    /// Lowest address written (0 when nothing was written).
    pub origin: u16,
    /// Bytes from `origin` to the highest address written; gaps (ORG jumps,
    /// `DS` without a fill value) hold [`crate::Options::fill`].
    pub image: Vec<u8>,
    /// Contiguous runs of written bytes, in address order: (start, bytes).
    pub blocks: Vec<(u16, Vec<u8>)>,
    /// Every label and `EQU`/`DEFL` symbol with its final value.
    pub symbols: SymbolTable,
    /// Listing: address, bytes, line number and source for every line.
    pub listing: String,
    /// Entry point from `END expr`, if given.
    pub entry: Option<u16>,
}

impl Assembly {
    /// Builds the image, blocks and origin from a 64 KiB memory and a
    /// written-byte map.
    pub(crate) fn from_memory(mem: &[u8], written: &[bool], fill: u8) -> (u16, Vec<u8>, Blocks) {
        let mut blocks: Vec<(u16, Vec<u8>)> = Vec::new();
        let mut a = 0usize;
        while a < mem.len().min(written.len()) {
            if written[a] {
                let start = a;
                while a < written.len() && written[a] {
                    a += 1;
                }
                blocks.push((start as u16, mem[start..a].to_vec()));
            } else {
                a += 1;
            }
        }
        let Some(first) = blocks.first() else {
            return (0, Vec::new(), blocks);
        };
        let origin = first.0;
        let last = blocks
            .last()
            .map(|(s, b)| *s as usize + b.len())
            .unwrap_or(origin as usize);
        let mut image = vec![fill; last - origin as usize];
        for (s, b) in &blocks {
            let off = (*s - origin) as usize;
            image[off..off + b.len()].copy_from_slice(b);
        }
        (origin, image, blocks)
    }

    /// The image with gaps filled with `fill` instead of the assembly's fill byte.
    pub fn image_filled(&self, fill: u8) -> Vec<u8> {
        let mut image = vec![fill; self.image.len()];
        for (s, b) in &self.blocks {
            let off = (*s - self.origin) as usize;
            image[off..off + b.len()].copy_from_slice(b);
        }
        image
    }

    /// A TRS-80 /CMD load module: one type-01 load record per block of at
    /// most 256 bytes (length byte = data length + 2, so 256 bytes are
    /// written as length 02H), then a type-02 transfer record with the entry
    /// point (`END` operand, else the origin).
    pub fn to_cmd(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (start, bytes) in &self.blocks {
            for (i, chunk) in bytes.chunks(256).enumerate() {
                let addr = start.wrapping_add((i * 256) as u16);
                out.push(0x01);
                out.push((chunk.len() + 2) as u8);
                out.extend_from_slice(&addr.to_le_bytes());
                out.extend_from_slice(chunk);
            }
        }
        let entry = self.entry.unwrap_or(self.origin);
        out.extend_from_slice(&[0x02, 0x02]);
        out.extend_from_slice(&entry.to_le_bytes());
        out
    }
}
