//! The one interface every optimizer drives: a differentiable function of a flat parameter vector.
//!
//! A point on a 2-D landscape and the 650 weights of a linear classifier on the digits are both an
//! `Objective`, which is how one optimizer implementation serves the race demo and the training
//! dashboard alike.

/// A function to minimize, with its gradient (and, where a lesson uses it, its Hessian).
pub trait Objective {
    /// Number of parameters.
    fn dimension(&self) -> usize;

    /// Returns the loss at `params` and writes the gradient into `gradient`.
    ///
    /// Both slices have length [`Objective::dimension`]. The loss and gradient come together because
    /// the classifiers compute them in one pass over the data.
    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64;

    /// The loss alone. The default computes and discards the gradient; objectives where the loss is
    /// much cheaper than the gradient override it.
    fn loss(&self, params: &[f64]) -> f64 {
        let mut gradient = vec![0.0; self.dimension()];
        self.loss_and_gradient(params, &mut gradient)
    }

    /// The Hessian as a row-major `dimension x dimension` matrix, where the objective knows it.
    /// Newton's method needs it; the classifiers return `None`.
    fn hessian(&self, _params: &[f64]) -> Option<Vec<f64>> {
        None
    }
}
