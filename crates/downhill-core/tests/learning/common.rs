//! Loading the digits once for every test: the gzip file in www/data, decompressed and parsed.

use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Digits, PreparedDigits};
use downhill_core::rng::Rng;
use flate2::read::GzDecoder;
use std::io::Read;
use std::sync::OnceLock;

/// The seed of the split every test uses, so all of them see the same training examples.
pub const SPLIT_SEED: u64 = 2024;

/// All 1,797 digits from `www/data/digits.csv.gz`.
pub fn digits() -> &'static Digits {
    static DIGITS: OnceLock<Digits> = OnceLock::new();
    DIGITS.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.csv.gz");
        let compressed = std::fs::read(path).expect("www/data/digits.csv.gz should be readable");
        let mut text = String::new();
        GzDecoder::new(compressed.as_slice())
            .read_to_string(&mut text)
            .expect("the digits file should be valid gzip holding UTF-8 text");
        Digits::from_csv(&text).expect("the digits file should parse")
    })
}

/// The digits split 1,077 / 360 / 360 with [`SPLIT_SEED`] and preprocessed (scaled, centered, bias).
pub fn prepared() -> &'static PreparedDigits {
    static PREPARED: OnceLock<PreparedDigits> = OnceLock::new();
    PREPARED.get_or_init(|| {
        PreparedDigits::new(digits(), DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
            .expect("the default split fits the 1,797 digits")
    })
}

/// `n_weights` weights drawn as `scale * N(0, 1)` from `seed`.
pub fn random_weights(n_weights: usize, scale: f64, seed: u64) -> Vec<f64> {
    Rng::new(seed).normal_vec(n_weights, scale)
}
