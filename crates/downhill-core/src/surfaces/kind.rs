//! The names of the surfaces, as the command line, the lesson settings and the demos spell them.

use super::{Beale, BoundedSaddle, Bowl, Bumpy, Himmelblau, Ravine, Rosenbrock, Saddle, Surface};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One of the named surfaces. [`SurfaceKind::build`] gives the surface with its default parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SurfaceKind {
    Bowl,
    Ravine,
    Saddle,
    BoundedSaddle,
    Rosenbrock,
    Beale,
    Himmelblau,
    Bumpy,
}

impl SurfaceKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [SurfaceKind; 8] = [
        SurfaceKind::Bowl,
        SurfaceKind::Ravine,
        SurfaceKind::Saddle,
        SurfaceKind::BoundedSaddle,
        SurfaceKind::Rosenbrock,
        SurfaceKind::Beale,
        SurfaceKind::Himmelblau,
        SurfaceKind::Bumpy,
    ];

    /// The command-line name: `bowl`, `ravine`, `saddle`, `bounded-saddle`, `rosenbrock`, `beale`,
    /// `himmelblau`, `bumpy`.
    pub fn name(self) -> &'static str {
        match self {
            SurfaceKind::Bowl => "bowl",
            SurfaceKind::Ravine => "ravine",
            SurfaceKind::Saddle => "saddle",
            SurfaceKind::BoundedSaddle => "bounded-saddle",
            SurfaceKind::Rosenbrock => "rosenbrock",
            SurfaceKind::Beale => "beale",
            SurfaceKind::Himmelblau => "himmelblau",
            SurfaceKind::Bumpy => "bumpy",
        }
    }

    /// A name for people: `Bounded saddle`.
    pub fn label(self) -> &'static str {
        match self {
            SurfaceKind::Bowl => "Bowl",
            SurfaceKind::Ravine => "Ravine",
            SurfaceKind::Saddle => "Saddle",
            SurfaceKind::BoundedSaddle => "Bounded saddle",
            SurfaceKind::Rosenbrock => "Rosenbrock",
            SurfaceKind::Beale => "Beale",
            SurfaceKind::Himmelblau => "Himmelblau",
            SurfaceKind::Bumpy => "Bumpy",
        }
    }

    /// Whether the surface is convex everywhere (the bowl and the ravine).
    pub fn is_convex(self) -> bool {
        matches!(self, SurfaceKind::Bowl | SurfaceKind::Ravine)
    }

    /// The surface with its default parameters.
    pub fn build(self) -> Box<dyn Surface> {
        match self {
            SurfaceKind::Bowl => Box::new(Bowl),
            SurfaceKind::Ravine => Box::new(Ravine::default()),
            SurfaceKind::Saddle => Box::new(Saddle),
            SurfaceKind::BoundedSaddle => Box::new(BoundedSaddle),
            SurfaceKind::Rosenbrock => Box::new(Rosenbrock),
            SurfaceKind::Beale => Box::new(Beale),
            SurfaceKind::Himmelblau => Box::new(Himmelblau),
            SurfaceKind::Bumpy => Box::new(Bumpy),
        }
    }
}

impl fmt::Display for SurfaceKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// A surface name that is not one of [`SurfaceKind::ALL`]; its message lists the known names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseSurfaceError {
    /// The name that was asked for.
    pub unknown: String,
}

impl fmt::Display for ParseSurfaceError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = SurfaceKind::ALL.iter().map(|kind| kind.name()).collect();
        write!(
            formatter,
            "unknown surface `{}`; known surfaces: {}",
            self.unknown,
            known.join(", ")
        )
    }
}

impl std::error::Error for ParseSurfaceError {}

impl FromStr for SurfaceKind {
    type Err = ParseSurfaceError;

    /// Exact, lower-case names only, so every spelling in a lesson is the one the CLI accepts.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        SurfaceKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| ParseSurfaceError {
                unknown: name.to_owned(),
            })
    }
}
