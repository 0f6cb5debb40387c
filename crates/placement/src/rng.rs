//! The seeded random source. ChaCha8 is portable: the same seed gives the same stream natively and
//! in WebAssembly, so a scenario replays identically everywhere.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

#[derive(Clone, Debug)]
pub struct PlacementRng {
    inner: ChaCha8Rng,
}

impl PlacementRng {
    pub fn seed_from_u64(seed: u64) -> Self {
        PlacementRng {
            inner: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), without modulo bias: Lemire's
    /// multiply-and-reject, so the draw count depends only on the stream.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        if n <= 1 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.inner.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as usize;
            }
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }
}
