//! Build errors that name the lesson file and line, collected so one run reports every problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one source file, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// The file, relative to the repository root when it lies inside it.
    pub file: PathBuf,
    /// The 1-based line, when the stage knows it.
    pub line: Option<usize>,
    /// What is wrong, as a sentence a translator can act on.
    pub message: String,
}

impl LessonError {
    /// An error at a known line of `file`.
    pub fn at(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// An error about `file` as a whole.
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for LessonError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(
                formatter,
                "{}:{}: {}",
                self.file.display(),
                line,
                self.message
            ),
            None => write!(formatter, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for LessonError {}

/// Every problem found in one run, in the order the files were read.
///
/// The renderer keeps going after an error so that `check` can list them all at once: a translator
/// fixing a lesson should not have to rebuild once per mistake.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors(pub Vec<LessonError>);

impl Errors {
    pub fn push(&mut self, error: LessonError) {
        self.0.push(error);
    }

    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &LessonError> {
        self.0.iter()
    }

    /// Orders the errors by file and then line, so a translator can read them top to bottom.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|left, right| (&left.file, left.line).cmp(&(&right.file, right.line)));
    }

    /// `Ok(value)` when nothing was recorded, otherwise every recorded error.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<LessonError> for Errors {
    fn from(error: LessonError) -> Self {
        Errors(vec![error])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (error_idx, error) in self.0.iter().enumerate() {
            if error_idx > 0 {
                writeln!(formatter)?;
            }
            write!(formatter, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
