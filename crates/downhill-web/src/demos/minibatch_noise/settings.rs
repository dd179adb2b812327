//! The minibatch-noise demo's settings: the batch size (a power of two) and the seed of the batches,
//! read from the lesson and the link with a polite message for each value that had to be corrected,
//! and written back under the same keys.

use crate::settings::{DemoSettings, Settings};
use downhill_plots::minibatch_noise::{DEFAULT_BATCH, DEFAULT_SEED};

/// Batch sizes are powers of two, from 2^0 = 1 (pure SGD) to 2^9 = 512 (half the training set).
pub(crate) const MAX_LOG2_BATCH: u32 = 9;
/// The largest seed a link may ask for.
pub(crate) const MAX_SEED: usize = 1_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NoiseSettings {
    pub(crate) batch_size: usize,
    pub(crate) seed: u64,
}

/// The power of two nearest to `batch_size` (in ratio), within the slider's range.
pub(crate) fn log2_of(batch_size: usize) -> u32 {
    (batch_size.max(1) as f64)
        .log2()
        .round()
        .clamp(0.0, MAX_LOG2_BATCH as f64) as u32
}

impl DemoSettings for NoiseSettings {
    fn read(settings: &Settings) -> NoiseSettings {
        let requested = settings.count("batch", 1, 1 << MAX_LOG2_BATCH, DEFAULT_BATCH);
        NoiseSettings {
            batch_size: 1usize << log2_of(requested),
            seed: settings.count("seed", 0, MAX_SEED, DEFAULT_SEED as usize) as u64,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("batch".to_string(), self.batch_size.to_string()),
            ("seed".to_string(), self.seed.to_string()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};

    round_trip_property!(NoiseSettings);

    fn read(pairs: &[(&str, &str)]) -> (NoiseSettings, Vec<String>) {
        read_link(pairs)
    }

    #[test]
    fn a_batch_size_becomes_the_nearest_power_of_two_and_is_written_as_read() {
        assert_eq!(read(&[]).0.batch_size, DEFAULT_BATCH);
        assert_eq!(read(&[("batch", "6")]).0.batch_size, 8);
        assert_eq!(read(&[("batch", "5")]).0.batch_size, 4);
        let (settings, messages) = read(&[("batch", "9999"), ("seed", "3")]);
        assert_eq!(settings.batch_size, 512);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(
            settings.write(),
            [
                ("batch".to_string(), "512".to_string()),
                ("seed".to_string(), "3".to_string())
            ]
        );
        assert_eq!(log2_of(0), 0);
        assert_eq!(log2_of(usize::MAX), MAX_LOG2_BATCH);
    }
}
