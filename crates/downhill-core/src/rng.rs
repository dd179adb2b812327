//! A small seeded random number generator of our own, so that the same seed replays the same run.
//!
//! The generator is SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter advanced by a fixed odd
//! constant and passed through a bit mixer. It is tiny, fast, passes the usual statistical test
//! batteries, and uses only integer arithmetic, so it gives the same sequence on every platform.
//!
//! The floating-point draws are built to be just as portable. A uniform draw is exact integer-to-float
//! conversion. A normal draw uses the polar form of the Box-Muller transform with a logarithm written
//! here from `+`, `-`, `*`, `/` alone, because those (and `sqrt`) are correctly rounded by IEEE 754 on
//! every platform, while the library `ln` may differ in its last bit between a native C library and
//! the one compiled into WebAssembly. So the site in the browser and the tests on a laptop draw
//! bit-for-bit the same weights from the same seed.

/// The increment of SplitMix64: the odd integer closest to 2^64 divided by the golden ratio.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A seeded random number generator (SplitMix64) with uniform and normal draws, shuffles and samples.
///
/// Cloning a generator forks it: the clone replays the same sequence as the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Rng {
    state: u64,
    /// The polar method makes normals in pairs; the second waits here for the next call.
    spare_normal: Option<f64>,
}

impl Rng {
    /// A generator whose whole sequence is fixed by `seed`. Every seed, including 0, is fine.
    pub fn new(seed: u64) -> Rng {
        Rng {
            state: seed,
            spare_normal: None,
        }
    }

    /// The next 64 random bits.
    ///
    /// state <- state + 0x9E3779B97F4A7C15; then z = state is mixed by
    /// z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9, z = (z ^ (z >> 27)) * 0x94D049BB133111EB,
    /// z = z ^ (z >> 31).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw from [0, 1): the top 53 bits of [`Rng::next_u64`] times 2^-53, so every value
    /// is a multiple of 2^-53 and the conversion is exact.
    pub fn uniform(&mut self) -> f64 {
        const TWO_TO_MINUS_53: f64 = 1.0 / (1u64 << 53) as f64;
        (self.next_u64() >> 11) as f64 * TWO_TO_MINUS_53
    }

    /// A uniform draw from [low, high): low + (high - low) * u. With low > high the roles swap and
    /// the draw lies in (high, low]; with equal ends it is that value.
    pub fn uniform_in(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.uniform()
    }

    /// A uniform integer in 0..n without bias (Lemire's multiply-and-reject method). Returns 0 when
    /// n is 0, the only value a caller could index with, which the caller must check for.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let n = n as u64;
        // The high half of x * n is uniform on 0..n except for a few values of the low half, which
        // are rejected; the threshold 2^64 mod n finds them.
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as usize;
            }
        }
    }

    /// A standard normal draw (mean 0, variance 1) by the polar form of the Box-Muller transform.
    ///
    /// Draw u, v uniform on (-1, 1) until s = u^2 + v^2 lies in (0, 1); then u * sqrt(-2 ln(s) / s)
    /// and v * sqrt(-2 ln(s) / s) are two independent standard normals. The second is kept for the
    /// next call.
    pub fn standard_normal(&mut self) -> f64 {
        if let Some(spare) = self.spare_normal.take() {
            return spare;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let factor = (-2.0 * portable_ln(s) / s).sqrt();
                self.spare_normal = Some(v * factor);
                return u * factor;
            }
        }
    }

    /// `count` independent normal draws times `scale`, as in the documents' `np.random.randn(...) *
    /// scale`.
    pub fn normal_vec(&mut self, count: usize, scale: f64) -> Vec<f64> {
        (0..count).map(|_| scale * self.standard_normal()).collect()
    }

    /// Shuffles `items` in place (Fisher-Yates): every order is equally likely.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for last_idx in (1..items.len()).rev() {
            let pick_idx = self.below(last_idx + 1);
            items.swap(last_idx, pick_idx);
        }
    }

    /// `k` distinct indices from 0..n in random order (a partial Fisher-Yates shuffle). When k > n
    /// all n indices are returned.
    pub fn choose_k(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut indices: Vec<usize> = (0..n).collect();
        for slot_idx in 0..k {
            let pick_idx = slot_idx + self.below(n - slot_idx);
            indices.swap(slot_idx, pick_idx);
        }
        indices.truncate(k);
        indices
    }
}

/// The natural logarithm of a positive, finite, normal `x` from correctly rounded operations only.
///
/// Write x = m * 2^e with m in [sqrt(1/2), sqrt(2)) (read from the bits, exactly). Then
/// ln x = e ln 2 + ln m, and with z = (m - 1) / (m + 1), |z| < 0.172,
/// ln m = 2 (z + z^3/3 + z^5/5 + ...), a series whose terms shrink by z^2 < 0.03 each time, so 12
/// terms are past double precision. It agrees with `f64::ln` to a few units in the last place, and,
/// unlike it, gives the same bits everywhere. Only [`Rng::standard_normal`] uses it, with x in (0, 1).
fn portable_ln(x: f64) -> f64 {
    const LN_2: f64 = std::f64::consts::LN_2;
    const EXPONENT_MASK: u64 = 0x7FF0_0000_0000_0000;
    const EXPONENT_BIAS: i64 = 1023;
    let bits = x.to_bits();
    let mut exponent = ((bits & EXPONENT_MASK) >> 52) as i64 - EXPONENT_BIAS;
    // Replace the exponent field with the bias to get the mantissa as a number in [1, 2).
    let mut mantissa = f64::from_bits((bits & !EXPONENT_MASK) | ((EXPONENT_BIAS as u64) << 52));
    if mantissa > std::f64::consts::SQRT_2 {
        mantissa /= 2.0;
        exponent += 1;
    }
    let z = (mantissa - 1.0) / (mantissa + 1.0);
    let z_squared = z * z;
    // Horner's rule from the smallest term up keeps the rounding error of the sum small.
    let mut series = 0.0;
    for term_idx in (0..12).rev() {
        series = series * z_squared + 1.0 / (2 * term_idx + 1) as f64;
    }
    exponent as f64 * LN_2 + 2.0 * z * series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_ln_agrees_with_the_library_logarithm() {
        let mut rng = Rng::new(7);
        for _ in 0..10_000 {
            // Cover many binades, including tiny values near the bottom of (0, 1).
            let x = rng
                .uniform()
                .powi(1 + rng.below(40) as i32)
                .max(f64::MIN_POSITIVE);
            let ours = portable_ln(x);
            let library = x.ln();
            assert!(
                (ours - library).abs() <= 4.0 * f64::EPSILON * library.abs().max(1.0),
                "ln({x}): ours {ours}, library {library}"
            );
        }
    }

    #[test]
    fn the_first_outputs_match_the_published_splitmix64_sequence() {
        // The reference C implementation of SplitMix64 (Sebastiano Vigna, public domain) seeded with
        // 1234567 prints these three numbers first; they are a widely copied test vector for ports.
        let mut rng = Rng::new(1_234_567);
        let drawn: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            drawn,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423
            ]
        );
    }

    #[test]
    fn uniform_draws_fill_the_unit_interval_evenly() {
        let mut rng = Rng::new(3);
        let n_draws = 100_000;
        let mut counts = [0usize; 10];
        for _ in 0..n_draws {
            let u = rng.uniform();
            assert!((0.0..1.0).contains(&u));
            counts[(u * 10.0) as usize] += 1;
        }
        // Each tenth expects 10,000 draws with a standard deviation of about 95; 5 deviations is a
        // failure that a correct generator essentially never produces.
        for count in counts {
            assert!(count.abs_diff(n_draws / 10) < 475, "counts {counts:?}");
        }
    }

    #[test]
    fn normal_draws_have_mean_zero_and_variance_one() {
        let mut rng = Rng::new(11);
        let n_draws = 200_000;
        let draws = rng.normal_vec(n_draws, 1.0);
        let mean = draws.iter().sum::<f64>() / n_draws as f64;
        let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n_draws as f64;
        // The standard error of the mean is 1/sqrt(200000) = 0.0022 and that of the variance about
        // sqrt(2/200000) = 0.0032; the bounds are five of each.
        assert!(mean.abs() < 0.011, "mean {mean}");
        assert!((variance - 1.0).abs() < 0.016, "variance {variance}");
    }

    #[test]
    fn below_stays_in_range_and_zero_is_safe() {
        let mut rng = Rng::new(5);
        assert_eq!(rng.below(0), 0);
        for n in 1..50 {
            for _ in 0..20 {
                assert!(rng.below(n) < n);
            }
        }
    }

    #[test]
    fn choose_k_gives_distinct_indices_and_clamps_k() {
        let mut rng = Rng::new(9);
        let mut chosen = rng.choose_k(30, 12);
        assert_eq!(chosen.len(), 12);
        chosen.sort_unstable();
        chosen.dedup();
        assert_eq!(chosen.len(), 12);
        assert!(chosen.iter().all(|&index| index < 30));
        let mut everything = rng.choose_k(5, 99);
        everything.sort_unstable();
        assert_eq!(everything, vec![0, 1, 2, 3, 4]);
        assert!(rng.choose_k(0, 3).is_empty());
    }

    #[test]
    fn shuffle_keeps_the_items_and_the_same_seed_replays_it() {
        let mut items: Vec<usize> = (0..20).collect();
        let mut replay = items.clone();
        Rng::new(42).shuffle(&mut items);
        Rng::new(42).shuffle(&mut replay);
        assert_eq!(items, replay);
        assert_ne!(items, (0..20).collect::<Vec<_>>());
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }
}
