//! The digits data set as numbers: parsing its CSV text, the train/validation/test split, and the
//! preprocessing the lessons use (scale, subtract the mean, append a bias feature).
//!
//! The crate does no I/O: callers read `www/data/digits.csv.gz` (the browser by fetching it, native
//! code from disk), decompress it, and hand the text to [`Digits::from_csv`].

use crate::rng::Rng;
use std::fmt;

/// Pixels in one 8x8 digit image.
pub const N_PIXELS: usize = 64;
/// Digit classes, 0 to 9.
pub const N_CLASSES: usize = 10;
/// The largest pixel value: each pixel counts the black cells of a 4x4 block, 0 to 16.
pub const MAX_PIXEL: u8 = 16;

/// Why the digits text or a data set could not be built.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// A line did not have 64 pixels and a label.
    WrongColumnCount { line: usize, found: usize },
    /// A field was not a whole number in range (pixels 0..=16, labels 0..=9).
    BadValue {
        line: usize,
        column: usize,
        text: String,
    },
    /// The text held no digits at all.
    Empty,
    /// A split asked for more examples than there are (it needs at least one training example).
    SplitTooLarge {
        n_examples: usize,
        n_validation: usize,
        n_test: usize,
    },
    /// A data set's features, labels and sizes do not fit together.
    Inconsistent(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::WrongColumnCount { line, found } => write!(
                formatter,
                "line {line}: expected {} comma-separated values (64 pixels and a label), found {found}",
                N_PIXELS + 1
            ),
            DataError::BadValue { line, column, text } => write!(
                formatter,
                "line {line}, column {column}: “{text}” is not a {}",
                if *column <= N_PIXELS {
                    "pixel value from 0 to 16"
                } else {
                    "label from 0 to 9"
                }
            ),
            DataError::Empty => write!(formatter, "the data holds no examples"),
            DataError::SplitTooLarge {
                n_examples,
                n_validation,
                n_test,
            } => write!(
                formatter,
                "cannot take {n_validation} validation and {n_test} test examples from {n_examples} \
                 and keep at least one for training"
            ),
            DataError::Inconsistent(reason) => write!(formatter, "inconsistent data set: {reason}"),
        }
    }
}

impl std::error::Error for DataError {}

/// A vector had the wrong number of entries for the data set or objective it was used with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthMismatch {
    /// What had the wrong length, for the message ("weights", "gradient", ...).
    pub what: &'static str,
    pub expected: usize,
    pub found: usize,
}

impl fmt::Display for LengthMismatch {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} has {} numbers where {} are needed",
            self.what, self.found, self.expected
        )
    }
}

impl std::error::Error for LengthMismatch {}

/// Returns an error unless `found == expected`.
pub fn check_length(
    what: &'static str,
    expected: usize,
    found: usize,
) -> Result<(), LengthMismatch> {
    if expected == found {
        Ok(())
    } else {
        Err(LengthMismatch {
            what,
            expected,
            found,
        })
    }
}

/// The raw digits: 8x8 images of pixel values 0..=16, row-major, one image after another, and labels.
///
/// The fields are private so that every `Digits` keeps its promise: 64 pixels per label, pixels at
/// most 16, labels below 10. The classifiers index by label and would otherwise have to check.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    pixels: Vec<u8>,
    labels: Vec<usize>,
}

impl Digits {
    /// Digits from `64 * labels.len()` pixels (image `i` is `pixels[64 * i..64 * (i + 1)]`), each at
    /// most 16, and labels below 10.
    pub fn new(pixels: Vec<u8>, labels: Vec<usize>) -> Result<Digits, DataError> {
        if pixels.len() != labels.len().saturating_mul(N_PIXELS) {
            return Err(DataError::Inconsistent(format!(
                "{} pixels do not make {} images of {N_PIXELS}",
                pixels.len(),
                labels.len()
            )));
        }
        if let Some(pixel) = pixels.iter().find(|&&pixel| pixel > MAX_PIXEL) {
            return Err(DataError::Inconsistent(format!(
                "pixel value {pixel} is above {MAX_PIXEL}"
            )));
        }
        if let Some(label) = labels.iter().find(|&&label| label >= N_CLASSES) {
            return Err(DataError::Inconsistent(format!(
                "label {label} is not a digit from 0 to 9"
            )));
        }
        Ok(Digits { pixels, labels })
    }

    /// All pixels, image after image.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// All labels.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// Parses CSV text with one digit per line: 64 pixel values then the label, no header. Blank
    /// lines are skipped; spaces around a value are allowed; line numbers in errors count from 1.
    pub fn from_csv(text: &str) -> Result<Digits, DataError> {
        let mut pixels = Vec::new();
        let mut labels = Vec::new();
        for (line_idx, line) in text.lines().enumerate() {
            let line_number = line_idx + 1;
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            if fields.len() != N_PIXELS + 1 {
                return Err(DataError::WrongColumnCount {
                    line: line_number,
                    found: fields.len(),
                });
            }
            for (column_idx, field) in fields.iter().enumerate() {
                let bad_value = || DataError::BadValue {
                    line: line_number,
                    column: column_idx + 1,
                    text: field.to_string(),
                };
                let value: u8 = field.trim().parse().map_err(|_| bad_value())?;
                if column_idx < N_PIXELS {
                    if value > MAX_PIXEL {
                        return Err(bad_value());
                    }
                    pixels.push(value);
                } else {
                    if usize::from(value) >= N_CLASSES {
                        return Err(bad_value());
                    }
                    labels.push(usize::from(value));
                }
            }
        }
        if labels.is_empty() {
            return Err(DataError::Empty);
        }
        Ok(Digits { pixels, labels })
    }

    /// The number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no images.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 64 pixels of image `index`, or `None` past the end.
    pub fn image(&self, index: usize) -> Option<&[u8]> {
        self.pixels.get(N_PIXELS * index..N_PIXELS * (index + 1))
    }

    /// The images at `indices` (out-of-range indices are skipped), in that order.
    pub fn select(&self, indices: &[usize]) -> Digits {
        let mut selected = Digits {
            pixels: Vec::with_capacity(indices.len() * N_PIXELS),
            labels: Vec::with_capacity(indices.len()),
        };
        for &index in indices {
            if let (Some(image), Some(&label)) = (self.image(index), self.labels.get(index)) {
                selected.pixels.extend_from_slice(image);
                selected.labels.push(label);
            }
        }
        selected
    }

    /// Shuffles the images with `seed` and cuts them into validation, test and training parts (the
    /// training part gets everything left over).
    pub fn split(
        &self,
        n_validation: usize,
        n_test: usize,
        seed: u64,
    ) -> Result<DigitsSplit, DataError> {
        let n_held_out = n_validation.saturating_add(n_test);
        if n_held_out >= self.len() {
            return Err(DataError::SplitTooLarge {
                n_examples: self.len(),
                n_validation,
                n_test,
            });
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        Rng::new(seed).shuffle(&mut order);
        Ok(DigitsSplit {
            validation: self.select(&order[..n_validation]),
            test: self.select(&order[n_validation..n_held_out]),
            train: self.select(&order[n_held_out..]),
        })
    }
}

/// The digits cut into three disjoint parts.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsSplit {
    pub train: Digits,
    pub validation: Digits,
    pub test: Digits,
}

/// Examples as rows of real features with integer labels: what the classifiers read.
///
/// `features` is row-major, `len() x n_features`. Labels lie in `0..n_classes`; a linear classifier on
/// this data has `n_classes x n_features` weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    features: Vec<f64>,
    labels: Vec<usize>,
    n_features: usize,
    n_classes: usize,
}

impl Dataset {
    /// Checks that the pieces fit: `features.len() == labels.len() * n_features`, every label below
    /// `n_classes`, and at least one feature and one class. An empty data set (no rows) is allowed.
    pub fn new(
        features: Vec<f64>,
        labels: Vec<usize>,
        n_features: usize,
        n_classes: usize,
    ) -> Result<Dataset, DataError> {
        if n_features == 0 || n_classes == 0 {
            return Err(DataError::Inconsistent(
                "there must be at least one feature and one class".to_string(),
            ));
        }
        if features.len() != labels.len().saturating_mul(n_features) {
            return Err(DataError::Inconsistent(format!(
                "{} feature values do not make {} rows of {n_features}",
                features.len(),
                labels.len()
            )));
        }
        if let Some(label) = labels.iter().find(|&&label| label >= n_classes) {
            return Err(DataError::Inconsistent(format!(
                "label {label} is not below the {n_classes} classes"
            )));
        }
        Ok(Dataset {
            features,
            labels,
            n_features,
            n_classes,
        })
    }

    /// The number of examples (rows).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Features per example (65 for the prepared digits: 64 pixels and the bias).
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The number of classes (10 for the digits).
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of weights of a linear classifier on this data: `n_classes * n_features`.
    pub fn n_weights(&self) -> usize {
        self.n_classes * self.n_features
    }

    /// All features, row-major.
    pub fn features(&self) -> &[f64] {
        &self.features
    }

    /// All labels.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// The features of example `index` (empty past the end).
    pub fn example(&self, index: usize) -> &[f64] {
        self.features
            .get(self.n_features * index..self.n_features * (index + 1))
            .unwrap_or(&[])
    }

    /// The rows at `indices` (out-of-range indices are skipped), in that order.
    pub fn subset(&self, indices: &[usize]) -> Dataset {
        let mut features = Vec::with_capacity(indices.len() * self.n_features);
        let mut labels = Vec::with_capacity(indices.len());
        for &index in indices.iter().filter(|&&index| index < self.len()) {
            features.extend_from_slice(self.example(index));
            labels.push(self.labels[index]);
        }
        Dataset {
            features,
            labels,
            ..*self
        }
    }

    /// The first `count` rows (all of them if there are fewer).
    pub fn head(&self, count: usize) -> Dataset {
        let indices: Vec<usize> = (0..count.min(self.len())).collect();
        self.subset(&indices)
    }

    /// The mean of each feature over the rows: mu_k = (1/N) sum_i x_ik. All zeros when empty.
    pub fn feature_means(&self) -> Vec<f64> {
        let mut means = vec![0.0; self.n_features];
        if self.is_empty() {
            return means;
        }
        for row in self.features.chunks_exact(self.n_features) {
            for (mean, value) in means.iter_mut().zip(row) {
                *mean += value;
            }
        }
        let n_rows = self.len() as f64;
        means.iter_mut().for_each(|mean| *mean /= n_rows);
        means
    }

    /// Every row minus `means` (x_ik - mu_k). The means must have one entry per feature.
    pub fn centered(&self, means: &[f64]) -> Result<Dataset, LengthMismatch> {
        check_length("means", self.n_features, means.len())?;
        let mut features = self.features.clone();
        for row in features.chunks_exact_mut(self.n_features) {
            for (value, mean) in row.iter_mut().zip(means) {
                *value -= mean;
            }
        }
        Ok(Dataset {
            features,
            labels: self.labels.clone(),
            ..*self
        })
    }

    /// The bias trick: a constant 1 appended to every row, so the bias of each class becomes the last
    /// column of W and the score is just W x: [W b] [x; 1] = W x + b.
    pub fn with_bias(&self) -> Dataset {
        let n_features = self.n_features + 1;
        let mut features = Vec::with_capacity(self.len() * n_features);
        for row in self.features.chunks_exact(self.n_features) {
            features.extend_from_slice(row);
            features.push(1.0);
        }
        Dataset {
            features,
            labels: self.labels.clone(),
            n_features,
            n_classes: self.n_classes,
        }
    }
}

impl Digits {
    /// The images as a [`Dataset`] with pixels scaled to [0, 1] (divided by 16), 64 features.
    pub fn scaled(&self) -> Dataset {
        let scale = f64::from(MAX_PIXEL);
        Dataset {
            features: self
                .pixels
                .iter()
                .map(|&pixel| f64::from(pixel) / scale)
                .collect(),
            labels: self.labels.clone(),
            n_features: N_PIXELS,
            n_classes: N_CLASSES,
        }
    }
}

/// The split digits after the lessons' preprocessing, ready for a linear classifier.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedDigits {
    /// 65 features per row: 64 scaled, centered pixels and the bias 1.
    pub train: Dataset,
    pub validation: Dataset,
    pub test: Dataset,
    /// The mean training image (scaled pixels) that was subtracted from every part.
    pub mean_image: Vec<f64>,
}

/// The default sizes of the held-out parts: 1,797 digits become 1,077 training, 360 validation and
/// 360 test examples (60/20/20).
pub const DEFAULT_N_VALIDATION: usize = 360;
/// See [`DEFAULT_N_VALIDATION`].
pub const DEFAULT_N_TEST: usize = 360;

impl PreparedDigits {
    /// Splits with `seed`, divides pixels by 16, subtracts the mean training image from all three
    /// parts (the mean comes from training data only, so nothing about the held-out parts leaks into
    /// it), and appends the bias feature.
    pub fn new(
        digits: &Digits,
        n_validation: usize,
        n_test: usize,
        seed: u64,
    ) -> Result<PreparedDigits, DataError> {
        let split = digits.split(n_validation, n_test, seed)?;
        let train = split.train.scaled();
        let mean_image = train.feature_means();
        let prepare = |part: Dataset| -> Result<Dataset, DataError> {
            let centered = part
                .centered(&mean_image)
                .map_err(|mismatch| DataError::Inconsistent(mismatch.to_string()))?;
            Ok(centered.with_bias())
        };
        Ok(PreparedDigits {
            train: prepare(train.clone())?,
            validation: prepare(split.validation.scaled())?,
            test: prepare(split.test.scaled())?,
            mean_image,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_line(pixel: u8, label: u8) -> String {
        let mut fields = vec![pixel.to_string(); N_PIXELS];
        fields.push(label.to_string());
        fields.join(",")
    }

    #[test]
    fn parses_rows_and_skips_blank_lines() {
        let text = format!("{}\n\n{}\n", csv_line(3, 7), csv_line(16, 0));
        let digits = Digits::from_csv(&text).unwrap();
        assert_eq!(digits.len(), 2);
        assert_eq!(digits.labels(), &[7, 0]);
        assert_eq!(digits.image(1).unwrap(), &[16u8; N_PIXELS][..]);
        assert!(digits.image(2).is_none());
    }

    #[test]
    fn bad_rows_get_errors_that_name_the_line_and_column() {
        let short = "1,2,3\n";
        assert_eq!(
            Digits::from_csv(short),
            Err(DataError::WrongColumnCount { line: 1, found: 3 })
        );
        let bright = format!("{}\n{}", csv_line(0, 1), csv_line(17, 1));
        let error = Digits::from_csv(&bright).unwrap_err();
        assert_eq!(
            error,
            DataError::BadValue {
                line: 2,
                column: 1,
                text: "17".to_string()
            }
        );
        assert!(error.to_string().contains("line 2, column 1"));
        let bad_label = csv_line(0, 10);
        assert!(matches!(
            Digits::from_csv(&bad_label),
            Err(DataError::BadValue { column: 65, .. })
        ));
        let not_a_number = csv_line(0, 1).replacen('0', "x", 1);
        assert!(matches!(
            Digits::from_csv(&not_a_number),
            Err(DataError::BadValue { column: 1, .. })
        ));
        assert_eq!(Digits::from_csv(""), Err(DataError::Empty));
    }

    #[test]
    fn split_parts_are_disjoint_and_cover_everything() {
        // Give every image a distinct first pixel and label pattern so images can be told apart.
        let lines: Vec<String> = (0..17u8).map(|idx| csv_line(idx % 17, idx % 10)).collect();
        let digits = Digits::from_csv(&lines.join("\n")).unwrap();
        let split = digits.split(4, 3, 1).unwrap();
        assert_eq!(
            (split.train.len(), split.validation.len(), split.test.len()),
            (10, 4, 3)
        );
        let mut first_pixels: Vec<u8> = [&split.train, &split.validation, &split.test]
            .iter()
            .flat_map(|part| part.pixels().chunks_exact(N_PIXELS).map(|image| image[0]))
            .collect();
        first_pixels.sort_unstable();
        assert_eq!(first_pixels, (0..17u8).collect::<Vec<_>>());
        assert_eq!(digits.split(4, 3, 1).unwrap(), split);
        assert!(digits.split(10, 7, 1).is_err());
    }

    #[test]
    fn preprocessing_centers_training_features_and_appends_the_bias() {
        let lines: Vec<String> = (0..12u8).map(|idx| csv_line(idx, idx % 10)).collect();
        let digits = Digits::from_csv(&lines.join("\n")).unwrap();
        let prepared = PreparedDigits::new(&digits, 2, 2, 3).unwrap();
        assert_eq!(prepared.train.n_features(), N_PIXELS + 1);
        assert_eq!(prepared.train.n_weights(), 650);
        let means = prepared.train.feature_means();
        assert!(means[..N_PIXELS].iter().all(|mean| mean.abs() < 1e-12));
        assert_eq!(means[N_PIXELS], 1.0);
        // A test pixel after preprocessing is its raw value / 16 minus the training mean.
        let test_first_row = prepared.test.example(0);
        let raw_pixel = test_first_row[0] + prepared.mean_image[0];
        assert!((raw_pixel * 16.0 - (raw_pixel * 16.0).round()).abs() < 1e-9);
    }

    #[test]
    fn digits_built_by_hand_are_checked_like_parsed_ones() {
        assert!(Digits::new(vec![0; 64], vec![3]).is_ok());
        assert!(Digits::new(vec![0; 63], vec![3]).is_err());
        assert!(Digits::new(vec![17; 64], vec![3]).is_err());
        assert!(Digits::new(vec![0; 64], vec![10]).is_err());
    }

    #[test]
    fn dataset_rejects_pieces_that_do_not_fit() {
        assert!(Dataset::new(vec![0.0; 5], vec![0, 1], 3, 2).is_err());
        assert!(Dataset::new(vec![0.0; 6], vec![0, 2], 3, 2).is_err());
        assert!(Dataset::new(vec![], vec![], 0, 2).is_err());
        let empty = Dataset::new(vec![], vec![], 3, 2).unwrap();
        assert_eq!(empty.feature_means(), vec![0.0; 3]);
        assert!(empty.example(0).is_empty());
        assert!(empty.centered(&[1.0]).is_err());
    }
}
