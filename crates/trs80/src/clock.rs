//! The Model I's one clock: every time in this crate is a count of Z80 T-states.
//!
//! The keyboard unit divides a 10.6445 MHz crystal by 6 for the Z80 (TRS-80 Model I
//! Technical Reference Manual, "CPU" and "Video"): 1,774,080 T-states per second. The video
//! circuit shares the crystal, so a 60 Hz frame is a whole number of T-states (264 lines of
//! 112 T), and the Expansion Interface's 40 Hz clock is a whole number too. Devices convert
//! their own units (microseconds, bit times) with the helpers here; nothing reads wall time.

/// Z80 clock of the Model I (10.6445 MHz / 6), in T-states per second.
pub const CPU_HZ: u64 = 1_774_080;
/// T-states per video frame (1/60 s: 264 lines × 112 T).
pub const T_PER_FRAME: u64 = 29_568;
/// Video frames per emulated second.
pub const FRAMES_PER_SECOND: u64 = CPU_HZ / T_PER_FRAME;

/// T-states in `us` microseconds (rounded down).
pub const fn t_from_us(us: u64) -> u64 {
    us * CPU_HZ / 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_divide_the_second() {
        assert_eq!(FRAMES_PER_SECOND, 60);
        assert_eq!(FRAMES_PER_SECOND * T_PER_FRAME, CPU_HZ);
        assert_eq!(t_from_us(1_000_000), CPU_HZ);
        assert_eq!(t_from_us(1000), 1774);
    }
}
