//! A typed formula in `x` and `y` as a [`Surface`], hence an
//! [`Objective`](crate::objective::Objective): every optimizer, Newton included, runs on it exactly
//! as on the built-in surfaces.

use super::{Expression, ExpressionError};
use crate::surfaces::{Surface, View};

/// The formula's text, its parsed form and the rectangle it is looked at over.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpressionSurface {
    text: String,
    expression: Expression,
    view: View,
}

impl ExpressionSurface {
    /// The view a typed surface starts with: `x` and `y` in `[-3, 3]`.
    pub const DEFAULT_VIEW: View = View {
        x_min: -3.0,
        x_max: 3.0,
        y_min: -3.0,
        y_max: 3.0,
    };

    /// Parses `text` as a function of `x` and `y`, looked at over `view`.
    pub fn parse(text: &str, view: View) -> Result<ExpressionSurface, ExpressionError> {
        Ok(ExpressionSurface {
            text: text.to_string(),
            expression: Expression::parse(text, &["x", "y"])?,
            view,
        })
    }

    /// The formula as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn expression(&self) -> &Expression {
        &self.expression
    }

    /// The same formula over another rectangle.
    pub fn with_view(mut self, view: View) -> ExpressionSurface {
        self.view = view;
        self
    }
}

impl Surface for ExpressionSurface {
    fn name(&self) -> &'static str {
        "custom"
    }

    /// The text itself is not `'static`; callers wanting it ask [`ExpressionSurface::text`].
    fn formula(&self) -> &'static str {
        "f(x, y)"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.expression.value(&[x, y])
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        match self.expression.gradient(&[x, y])[..] {
            [df_dx, df_dy] => [df_dx, df_dy],
            _ => [f64::NAN; 2],
        }
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let rows = self.expression.hessian(&[x, y]);
        match (rows.first(), rows.get(1)) {
            (Some(first), Some(second)) if first.len() == 2 && second.len() == 2 => {
                [[first[0], first[1]], [second[0], second[1]]]
            }
            _ => [[f64::NAN; 2]; 2],
        }
    }

    /// Unknown for a typed formula: no minimum is marked.
    fn minima(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }

    fn view(&self) -> View {
        self.view
    }

    /// A quarter in from the left and a quarter down from the top of the view, away from the centre
    /// where many formulas have their minimum, so a race has somewhere to go.
    fn default_start(&self) -> [f64; 2] {
        [
            self.view.x_min + 0.25 * self.view.width(),
            self.view.y_min + 0.75 * self.view.height(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimizers::OptimizerKind;
    use crate::optimizers::hyperparameters::Hyperparameters;
    use crate::surfaces::SurfaceKind;
    use crate::trajectory::run;

    /// The presets' formulas for our surfaces (the custom-surface demo offers the same ones).
    const PRESETS: [(SurfaceKind, &str); 5] = [
        (SurfaceKind::Rosenbrock, "(1 - x)^2 + 100*(y - x^2)^2"),
        (
            SurfaceKind::Beale,
            "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        ),
        (
            SurfaceKind::Himmelblau,
            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        ),
        (SurfaceKind::Saddle, "x^2 - y^2"),
        (SurfaceKind::Ravine, "(x^2 + 20*y^2)/2"),
    ];

    #[test]
    fn typed_formulas_of_our_surfaces_race_exactly_as_the_built_in_surfaces() {
        for (kind, formula) in PRESETS {
            let built_in = kind.build();
            let typed = ExpressionSurface::parse(formula, built_in.view()).unwrap();
            for optimizer in OptimizerKind::ALL {
                let start = built_in.default_start();
                let settings = Hyperparameters::defaults_for(optimizer);
                let expected = run(&*built_in, optimizer, &settings, start, 60);
                let got = run(&typed, optimizer, &settings, start, 60);
                assert_eq!(got.outcome, expected.outcome, "{kind} {optimizer:?}");
                assert_eq!(
                    got.points.len(),
                    expected.points.len(),
                    "{kind} {optimizer:?}"
                );
                for (ours, theirs) in got.points.iter().zip(&expected.points) {
                    for axis in 0..2 {
                        let gap = (ours[axis] - theirs[axis]).abs();
                        assert!(
                            gap <= 1e-9 * (1.0 + theirs[axis].abs()),
                            "{kind} {optimizer:?}: {ours:?} against {theirs:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn newton_gets_the_hessian_through_the_objective_interface() {
        use crate::objective::Objective;
        let typed =
            ExpressionSurface::parse("x^2 + 3*x*y + 5*y^2", ExpressionSurface::DEFAULT_VIEW)
                .unwrap();
        assert_eq!(
            Objective::hessian(&typed, &[1.0, 2.0]),
            Some(vec![2.0, 3.0, 3.0, 10.0])
        );
        let mut gradient = [0.0; 2];
        assert_eq!(typed.loss_and_gradient(&[1.0, 2.0], &mut gradient), 27.0);
        assert_eq!(gradient, [8.0, 23.0]);
        // Newton on a quadratic lands on the minimum in one step.
        let path = run(
            &typed,
            OptimizerKind::Newton,
            &Hyperparameters::defaults_for(OptimizerKind::Newton),
            [1.0, 2.0],
            5,
        );
        let [x, y] = path.points[1];
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12, "{x} {y}");
        assert_eq!(typed.default_start(), [-1.5, 1.5]);
    }
}
