//! Real-time pacing: an absolute-deadline throttle and a speed meter.
//!
//! The emulator runs in emulated T-states; this module only decides how long the host
//! should wait so that emulated time keeps pace with wall time. It never reads a clock
//! itself: every method takes "now" as a [`Duration`] since any fixed origin, so tests
//! drive it with a fake clock (see [`Clock`], [`MonotonicClock`]).
//!
//! How it keeps time: the throttle holds an *anchor*, a pair (wall time, T-state). The
//! deadline for T-state `t` is `anchor_wall + (t − anchor_t) / rate`, computed exactly in
//! integer nanoseconds from the anchor every time, so rounding never accumulates and a
//! late frame is made up by the next ones (no drift). When the host falls behind by more
//! than [`Throttle::max_lag`] (a stall: the window was dragged, the machine was
//! suspended), the anchor moves to "now" instead, so the emulator resumes at normal pace
//! rather than racing to catch up.

use std::time::{Duration, Instant};

/// Nanoseconds per second.
const NANOS: u128 = 1_000_000_000;

/// A source of monotonic wall time, as a duration since a fixed origin.
pub trait Clock {
    /// The current time.
    fn now(&self) -> Duration;
}

/// The host's monotonic clock ([`Instant`]), measured from when it was created.
#[derive(Debug, Clone, Copy)]
pub struct MonotonicClock {
    origin: Instant,
}

impl MonotonicClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for MonotonicClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for MonotonicClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// Absolute-deadline throttle from emulated T-states to wall time.
#[derive(Debug, Clone)]
pub struct Throttle {
    /// Emulated T-states per wall-clock second (CPU clock × speed percentage).
    t_per_sec_x100: u128,
    anchor_wall: Duration,
    anchor_t: u64,
    max_lag: Duration,
    resyncs: u64,
}

impl Throttle {
    /// Default tolerated lag before re-anchoring (a stall): 100 ms, six frames.
    pub const DEFAULT_MAX_LAG: Duration = Duration::from_millis(100);

    /// A throttle running `cpu_hz` at `percent` % speed, anchored at (`now`, `t`).
    pub fn new(cpu_hz: u64, percent: u32, now: Duration, t: u64) -> Self {
        assert!(cpu_hz > 0 && percent > 0, "throttle rate must be positive");
        Self {
            t_per_sec_x100: cpu_hz as u128 * percent as u128,
            anchor_wall: now,
            anchor_t: t,
            max_lag: Self::DEFAULT_MAX_LAG,
            resyncs: 0,
        }
    }

    /// Sets how far behind the deadline the host may fall before the throttle gives up
    /// catching up and re-anchors.
    pub fn with_max_lag(mut self, max_lag: Duration) -> Self {
        self.max_lag = max_lag;
        self
    }

    /// The tolerated lag.
    pub fn max_lag(&self) -> Duration {
        self.max_lag
    }

    /// How many times a stall made the throttle re-anchor.
    pub fn resyncs(&self) -> u64 {
        self.resyncs
    }

    /// Moves the anchor to (`now`, `t`): after a speed change, turbo, or pause.
    pub fn reanchor(&mut self, now: Duration, t: u64) {
        self.anchor_wall = now;
        self.anchor_t = t;
    }

    /// Changes the speed, keeping time continuous from (`now`, `t`).
    pub fn set_percent(&mut self, cpu_hz: u64, percent: u32, now: Duration, t: u64) {
        assert!(cpu_hz > 0 && percent > 0, "throttle rate must be positive");
        self.t_per_sec_x100 = cpu_hz as u128 * percent as u128;
        self.reanchor(now, t);
    }

    /// The wall time at which emulated T-state `t` is due.
    pub fn deadline(&self, t: u64) -> Duration {
        let dt = t.saturating_sub(self.anchor_t) as u128;
        // dt / (hz × pct / 100) seconds, in whole nanoseconds, rounded down.
        let nanos = dt * NANOS * 100 / self.t_per_sec_x100;
        self.anchor_wall + Duration::from_nanos(nanos.min(u64::MAX as u128) as u64)
    }

    /// Called when the emulator has run up to T-state `t` at wall time `now`: returns how
    /// long to wait before running on. Zero when late; after a stall longer than
    /// [`max_lag`](Self::max_lag) it re-anchors at (`now`, `t`) and returns zero.
    pub fn pace(&mut self, t: u64, now: Duration) -> Duration {
        let due = self.deadline(t);
        if now <= due {
            return due - now;
        }
        if now - due > self.max_lag {
            self.resyncs += 1;
            self.reanchor(now, t);
        }
        Duration::ZERO
    }
}

/// Measures the achieved emulation speed over a sliding window of wall time.
#[derive(Debug, Clone)]
pub struct SpeedMeter {
    cpu_hz: u64,
    window: Duration,
    start_wall: Duration,
    start_t: u64,
    last_percent: Option<f64>,
}

impl SpeedMeter {
    /// A meter for a CPU of `cpu_hz`, reporting once per `window` of wall time.
    pub fn new(cpu_hz: u64, window: Duration, now: Duration, t: u64) -> Self {
        Self {
            cpu_hz,
            window,
            start_wall: now,
            start_t: t,
            last_percent: None,
        }
    }

    /// Records progress; returns a new speed (percent of the real clock) once per window.
    pub fn update(&mut self, t: u64, now: Duration) -> Option<f64> {
        let wall = now.saturating_sub(self.start_wall);
        if wall < self.window {
            return None;
        }
        let ran = t.saturating_sub(self.start_t) as f64;
        let pct = ran / (self.cpu_hz as f64 * wall.as_secs_f64()) * 100.0;
        self.start_wall = now;
        self.start_t = t;
        self.last_percent = Some(pct);
        Some(pct)
    }

    /// The last reported speed in percent, if any.
    pub fn percent(&self) -> Option<f64> {
        self.last_percent
    }
}

/// What a real-time front end paces itself with: the host's monotonic clock, a
/// [`Throttle`] and a once-a-second [`SpeedMeter`], set up together.
#[derive(Debug, Clone)]
pub struct Pacer {
    clock: MonotonicClock,
    cpu_hz: u64,
    throttle: Throttle,
    meter: SpeedMeter,
}

impl Pacer {
    /// Pacing at `percent` of `cpu_hz`, starting now at T-state `t`.
    pub fn new(cpu_hz: u64, percent: u32, t: u64) -> Pacer {
        let clock = MonotonicClock::new();
        let now = clock.now();
        Pacer {
            clock,
            cpu_hz,
            throttle: Throttle::new(cpu_hz, percent, now, t),
            meter: SpeedMeter::new(cpu_hz, Duration::from_secs(1), now, t),
        }
    }

    /// Wall time since the pacer was made.
    pub fn now(&self) -> Duration {
        self.clock.now()
    }

    /// Start afresh from T-state `t` now (after a pause, or turbo ended): no catching up,
    /// and the meter measures from here.
    pub fn reanchor(&mut self, t: u64) {
        let now = self.clock.now();
        self.throttle.reanchor(now, t);
        self.meter = SpeedMeter::new(self.cpu_hz, Duration::from_secs(1), now, t);
    }

    /// How long to wait before running past T-state `t`.
    pub fn wait(&mut self, t: u64) -> Duration {
        let now = self.clock.now();
        self.throttle.pace(t, now)
    }

    /// The measured speed in percent, once a second.
    pub fn measure(&mut self, t: u64) -> Option<f64> {
        let now = self.clock.now();
        self.meter.update(t, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HZ: u64 = 1_774_080;
    const FRAME: u64 = 29_568;

    /// A fake host: the clock only moves when the emulator "works" or "sleeps".
    struct Host {
        now: Duration,
    }

    /// Deterministic pseudo-random work time per frame: 2–9 ms.
    fn work(i: u64) -> Duration {
        Duration::from_micros(2_000 + (i.wrapping_mul(2_654_435_761) % 7_000))
    }

    #[test]
    fn frame_deadline_is_exactly_one_sixtieth_second() {
        let th = Throttle::new(HZ, 100, Duration::ZERO, 0);
        // 29,568 / 1,774,080 = 1/60 s exactly.
        assert_eq!(th.deadline(FRAME * 60), Duration::from_secs(1));
        assert_eq!(th.deadline(FRAME * 3600), Duration::from_secs(60));
        assert_eq!(th.deadline(FRAME), Duration::from_nanos(16_666_666));
    }

    #[test]
    fn keeps_exact_time_over_3600_frames_with_jittery_work_and_oversleep() {
        let mut host = Host {
            now: Duration::from_millis(5),
        };
        let mut th = Throttle::new(HZ, 100, host.now, 0);
        let start = host.now;
        let mut t = 0;
        let mut frame_starts = Vec::new();
        for i in 0..3600u64 {
            frame_starts.push(host.now);
            host.now += work(i);
            t += FRAME;
            let wait = th.pace(t, host.now);
            // The OS oversleeps by up to 1.5 ms.
            host.now += wait + Duration::from_micros(i % 1_500);
        }
        assert_eq!(th.resyncs(), 0);
        // After 3600 frames (60 emulated s) the wall clock is within the last oversleep
        // of 60 s: no cumulative drift.
        let elapsed = host.now - start;
        let err = elapsed.as_secs_f64() - 60.0;
        assert!(err.abs() < 0.0016, "drift {err} s");
        // Every frame starts within one oversleep of its ideal time.
        for (k, s) in frame_starts.iter().enumerate() {
            let ideal = start + Duration::from_nanos(k as u64 * 1_000_000_000 / 60);
            let diff = s.as_secs_f64() - ideal.as_secs_f64();
            assert!(
                (-0.000_001..0.0016).contains(&diff),
                "frame {k} off by {diff}"
            );
        }
        // Achieved speed over the minute: within 0.1 % of 1.77408 MHz.
        let mhz = t as f64 / elapsed.as_secs_f64();
        assert!((mhz / HZ as f64 - 1.0).abs() < 0.001, "{mhz}");
    }

    #[test]
    fn late_frames_are_made_up_without_drift() {
        // Every 10th frame takes 25 ms (longer than a frame): the following frames run
        // without waiting until the schedule is met again.
        let mut now = Duration::ZERO;
        let mut th = Throttle::new(HZ, 100, now, 0);
        let mut t = 0;
        for i in 0..600u64 {
            now += if i % 10 == 0 {
                Duration::from_millis(25)
            } else {
                Duration::from_millis(3)
            };
            t += FRAME;
            now += th.pace(t, now);
        }
        assert_eq!(th.resyncs(), 0);
        assert_eq!(now, Duration::from_secs(10), "600 frames = exactly 10 s");
    }

    #[test]
    fn recovers_from_a_stall_without_a_catch_up_burst() {
        let mut now = Duration::ZERO;
        let mut th = Throttle::new(HZ, 100, now, 0);
        let mut t = 0;
        let mut log = Vec::new(); // (frame start, t)
        for i in 0..900u64 {
            log.push((now, t));
            now += Duration::from_millis(4);
            if i == 300 {
                now += Duration::from_secs(2); // the host stalls for 2 s
            }
            t += FRAME;
            now += th.pace(t, now);
        }
        assert_eq!(th.resyncs(), 1);
        // After the stall, no window of 100 ms runs more than 7 frames (a burst would
        // run ~120 frames at once to make up 2 s).
        for w in log.windows(8) {
            let span = w[7].0 - w[0].0;
            assert!(
                span >= Duration::from_millis(100),
                "8 frames in {span:?}: catch-up burst"
            );
        }
        // And pacing is exact again after the stall: 598 frames after the re-anchor
        // take exactly 598/60 s.
        let (s0, t0) = log[302];
        let (s1, t1) = log[900 - 1];
        let frames = (t1 - t0) / FRAME;
        let span = (s1 - s0).as_secs_f64();
        assert!((span - frames as f64 / 60.0).abs() < 1e-6, "{span}");
    }

    #[test]
    fn speed_percentage_scales_the_deadline() {
        let th = Throttle::new(HZ, 200, Duration::ZERO, 0);
        assert_eq!(th.deadline(FRAME * 120), Duration::from_secs(1));
        let th = Throttle::new(HZ, 50, Duration::ZERO, 0);
        assert_eq!(th.deadline(FRAME * 30), Duration::from_secs(1));
    }

    #[test]
    fn speed_meter_reports_percent() {
        let mut m = SpeedMeter::new(HZ, Duration::from_secs(1), Duration::ZERO, 0);
        assert_eq!(m.update(HZ / 2, Duration::from_millis(500)), None);
        let p = m.update(HZ * 3 / 2, Duration::from_secs(1)).unwrap();
        assert!((p - 150.0).abs() < 1e-9);
        assert_eq!(m.percent(), Some(p));
    }
}
