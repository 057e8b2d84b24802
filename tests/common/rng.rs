//! A small deterministic generator (xorshift): generated inputs are the same on every
//! run, so a failure reproduces and a benchmark measures the same project. Shared by
//! `tests/robustness.rs` and `examples/synth.rs`.

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
