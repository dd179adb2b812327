//! The 2-D loss surfaces of the races and the hiker, each with its value, gradient and Hessian.
//!
//! One surface per file, its formula in the doc comment. [`SurfaceKind`] names them for the command
//! line and the demos, and every [`Surface`] is also an [`Objective`](crate::objective::Objective) of
//! dimension 2 (see [`adapter`]), so the optimizers drive a point on a landscape exactly as they drive
//! the weights of a classifier.

pub mod adapter;
pub mod beale;
pub mod bounded_saddle;
pub mod bowl;
pub mod bumpy;
pub mod himmelblau;
pub mod hinge_bowl;
pub mod kind;
pub mod minima;
pub mod ravine;
pub mod rosenbrock;
pub mod saddle;

pub use beale::Beale;
pub use bounded_saddle::BoundedSaddle;
pub use bowl::Bowl;
pub use bumpy::Bumpy;
pub use himmelblau::Himmelblau;
pub use hinge_bowl::HingeBowl1d;
pub use kind::{ParseSurfaceError, SurfaceKind};
pub use ravine::Ravine;
pub use rosenbrock::Rosenbrock;
pub use saddle::Saddle;

use serde::{Deserialize, Serialize};

/// The rectangle of the plane a surface is drawn over: `x_min <= x <= x_max`, `y_min <= y <= y_max`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl View {
    /// Whether every bound is finite and each range is non-empty (`x_min < x_max`, `y_min < y_max`).
    pub fn is_valid(&self) -> bool {
        let all_finite = [self.x_min, self.x_max, self.y_min, self.y_max]
            .iter()
            .all(|bound| bound.is_finite());
        all_finite && self.x_min < self.x_max && self.y_min < self.y_max
    }

    /// Whether the point lies inside the rectangle, edges included.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.x_min..=self.x_max).contains(&x) && (self.y_min..=self.y_max).contains(&y)
    }

    /// `x_max - x_min`.
    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    /// `y_max - y_min`.
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

/// A smooth function of two variables with everything a demo or a lesson asks of it.
pub trait Surface {
    /// The short name used on the command line and in lesson settings (`rosenbrock`).
    fn name(&self) -> &'static str;

    /// The definition in LaTeX, for captions.
    fn formula(&self) -> &'static str;

    /// `f(x, y)`.
    fn value(&self, x: f64, y: f64) -> f64;

    /// `[df/dx, df/dy]`, worked out by hand (the property tests compare it with a centered difference).
    fn gradient(&self, x: f64, y: f64) -> [f64; 2];

    /// `[[f_xx, f_xy], [f_yx, f_yy]]`, symmetric.
    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2];

    /// The local minima inside the view, the global minimum first. Empty when the surface has no
    /// minimum (the plain saddle is unbounded below).
    fn minima(&self) -> Vec<[f64; 2]>;

    /// A rectangle that shows the interesting part of the surface.
    fn view(&self) -> View;

    /// Where a race starts unless told otherwise.
    fn default_start(&self) -> [f64; 2];
}

/// Forwards every method to the surface behind the reference. With it a `&dyn Surface` is itself a
/// sized `Surface`, hence an [`Objective`](crate::objective::Objective) that coerces to
/// `&dyn Objective`, which is what the optimizers take.
impl<S: Surface + ?Sized> Surface for &S {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn formula(&self) -> &'static str {
        (**self).formula()
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        (**self).value(x, y)
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        (**self).gradient(x, y)
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        (**self).hessian(x, y)
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        (**self).minima()
    }

    fn view(&self) -> View {
        (**self).view()
    }

    fn default_start(&self) -> [f64; 2] {
        (**self).default_start()
    }
}

/// Forwards every method to the boxed surface, so `SurfaceKind::build`'s box is a `Surface` too.
impl<S: Surface + ?Sized> Surface for Box<S> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn formula(&self) -> &'static str {
        (**self).formula()
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        (**self).value(x, y)
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        (**self).gradient(x, y)
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        (**self).hessian(x, y)
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        (**self).minima()
    }

    fn view(&self) -> View {
        (**self).view()
    }

    fn default_start(&self) -> [f64; 2] {
        (**self).default_start()
    }
}
