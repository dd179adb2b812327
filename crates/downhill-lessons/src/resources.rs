//! What rendering reads besides the lessons: the repository root (for includes) and the digits data,
//! loaded once on first use and shared by every figure and output that needs it.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use downhill_core::data::Digits;
use downhill_plots::catalogue::DemoKind;
use downhill_plots::digits_stills::{self, DigitsStill};

/// Where the digits data lives, relative to the repository root.
pub const DIGITS_PATH: &str = "www/data/digits.csv.gz";

/// Shared inputs of one site build.
#[derive(Debug)]
pub struct Resources {
    pub root: PathBuf,
    digits: OnceLock<Result<Digits, String>>,
    /// Figures and outputs already computed in this build, by a key naming what they are.
    cache: Mutex<HashMap<String, Result<String, String>>>,
    /// The digits demos' stills drawn in this build, by demo name: each trains a model, and one
    /// demo may be on several pages.
    digits_stills: Mutex<HashMap<DemoKind, Option<DigitsStill>>>,
}

impl Resources {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            digits: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
            digits_stills: Mutex::new(HashMap::new()),
        }
    }

    /// The digits data set, read and decompressed on first use.
    pub fn digits(&self) -> Result<&Digits, String> {
        self.digits
            .get_or_init(|| load_digits(&self.root.join(DIGITS_PATH)))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Resources {
    /// The result of `compute` for `key`, computed on the first call only. Figures and outputs can
    /// appear on several pages, and some take a noticeable fraction of a second to compute.
    pub fn cached(
        &self,
        key: &str,
        compute: impl FnOnce() -> Result<String, String>,
    ) -> Result<String, String> {
        if let Some(known) = self
            .cache
            .lock()
            .map(|cache| cache.get(key).cloned())
            .ok()
            .flatten()
        {
            return known;
        }
        let computed = compute();
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key.to_string(), computed.clone());
        }
        computed
    }
}

impl Resources {
    /// The still of digits demo `kind` (see [`downhill_plots::digits_stills`]), drawn on the first
    /// call only; `None` when `kind` is not a digits demo.
    pub fn digits_still(&self, kind: DemoKind) -> Result<Option<DigitsStill>, String> {
        if let Some(known) = self
            .digits_stills
            .lock()
            .ok()
            .and_then(|stills| stills.get(&kind).cloned())
        {
            return Ok(known);
        }
        let prepared = crate::outputs::prepared_digits(self)?;
        let still = digits_stills::digits_still(kind, &prepared);
        if let Ok(mut stills) = self.digits_stills.lock() {
            stills.insert(kind, still.clone());
        }
        Ok(still)
    }
}

fn load_digits(path: &Path) -> Result<Digits, String> {
    let compressed =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_string(&mut text)
        .map_err(|error| format!("cannot decompress {}: {error}", path.display()))?;
    Digits::from_csv(&text).map_err(|error| format!("{}: {error}", path.display()))
}
