//! The documents' one-dimensional SVM example: three 1-D points of three classes, and the loss as a
//! function of one weight, a piecewise-linear bowl.

/// Three examples `x_0, x_1, x_2` (example `i` has class `i`) and three one-number weights
/// `w_0, w_1, w_2`; `w_0` varies and the other two stay fixed.
///
/// The multiclass SVM loss without regularization, with margin 1:
///
/// `L_0 = max(0, w_1 x_0 - w_0 x_0 + 1) + max(0, w_2 x_0 - w_0 x_0 + 1)`
/// `L_1 = max(0, w_0 x_1 - w_1 x_1 + 1) + max(0, w_2 x_1 - w_1 x_1 + 1)`
/// `L_2 = max(0, w_0 x_2 - w_2 x_2 + 1) + max(0, w_1 x_2 - w_2 x_2 + 1)`
/// `L = (L_0 + L_1 + L_2) / 3`
///
/// Every hinge is a linear function of `w_0` clamped at zero, so `L(w_0)` is piecewise linear and
/// convex: a bowl with kinks where a hinge switches on or off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HingeBowl1d {
    /// `[x_0, x_1, x_2]`.
    pub points: [f64; 3],
    /// `[w_1, w_2]`, the two weights that stay fixed.
    pub fixed_weights: [f64; 2],
}

impl Default for HingeBowl1d {
    /// Points `1, 2, 0.5` with `w_1 = 0.5`, `w_2 = -0.5`: kinks at `w_0 = -2.5, 0, 0.5, 1.5`, and the
    /// bottom of the bowl at `w_0 = 0`.
    fn default() -> Self {
        Self {
            points: [1.0, 2.0, 0.5],
            fixed_weights: [0.5, -0.5],
        }
    }
}

/// The margin of the SVM loss.
const MARGIN: f64 = 1.0;

impl HingeBowl1d {
    /// The formula in LaTeX, for captions.
    pub fn formula(&self) -> &'static str {
        r"L(w_0) = \frac{1}{3}\left(L_0 + L_1 + L_2\right),\quad L_i = \sum_{j \ne i} \max(0, w_j x_i - w_i x_i + 1)"
    }

    /// `[L_0, L_1, L_2]` at `w_0`, the per-example losses before averaging.
    pub fn terms(&self, w0: f64) -> [f64; 3] {
        let weights = self.weights(w0);
        std::array::from_fn(|example_idx| {
            let x = self.points[example_idx];
            let correct_score = weights[example_idx] * x;
            (0..3)
                .filter(|&class_idx| class_idx != example_idx)
                .map(|class_idx| (weights[class_idx] * x - correct_score + MARGIN).max(0.0))
                .sum()
        })
    }

    /// `L(w_0) = (L_0 + L_1 + L_2) / 3`.
    pub fn value(&self, w0: f64) -> f64 {
        self.terms(w0).iter().sum::<f64>() / 3.0
    }

    /// `dL/dw_0` from the right: each active hinge that involves `w_0` adds `-x_0` (example 0, where
    /// `w_0` is the correct class's weight) or `+x_i` (examples 1 and 2, where it is a wrong class's);
    /// at a kink the slope of the next piece is returned.
    pub fn slope(&self, w0: f64) -> f64 {
        let [x0, x1, x2] = self.points;
        let [w1, w2] = self.fixed_weights;
        // A hinge counts as active just to the right of w0 when its argument is positive there, so the
        // argument's own slope settles the tie at a kink.
        let active = |argument: f64, argument_slope: f64| {
            argument > 0.0 || (argument == 0.0 && argument_slope > 0.0)
        };
        let mut slope = 0.0;
        for other_weight in [w1, w2] {
            if active((other_weight - w0) * x0 + MARGIN, -x0) {
                slope -= x0;
            }
        }
        if active((w0 - w1) * x1 + MARGIN, x1) {
            slope += x1;
        }
        if active((w0 - w2) * x2 + MARGIN, x2) {
            slope += x2;
        }
        slope / 3.0
    }

    /// The values of `w_0` where a hinge that involves `w_0` switches, sorted; points equal to zero
    /// make a hinge constant in `w_0` and give no kink.
    pub fn kinks(&self) -> Vec<f64> {
        let [x0, x1, x2] = self.points;
        let [w1, w2] = self.fixed_weights;
        let mut kinks = Vec::new();
        if x0 != 0.0 {
            kinks.extend([w1 + MARGIN / x0, w2 + MARGIN / x0]);
        }
        if x1 != 0.0 {
            kinks.push(w1 - MARGIN / x1);
        }
        if x2 != 0.0 {
            kinks.push(w2 - MARGIN / x2);
        }
        kinks.retain(|kink| kink.is_finite());
        // At most four: the short sort, as everywhere in the core (ARCHITECTURE.md, `short_sort.rs`).
        crate::short_sort::sort_short_list_by(&mut kinks, |left, right| {
            left.total_cmp(right).is_lt()
        });
        kinks
    }

    /// The lowest point `[w_0, L]`, or `None` when `L` is not a bowl with a single bottom: no kink, or
    /// an end piece that does not rise (the loss falls forever, or ends in a flat floor). A convex
    /// piecewise-linear function that rises at both ends takes its minimum at a kink, so the kinks are
    /// the only candidates.
    pub fn minimum(&self) -> Option<[f64; 2]> {
        let kinks = self.kinks();
        let (&first_kink, &last_kink) = (kinks.first()?, kinks.last()?);
        let rises_at_both_ends = self.slope(first_kink - 1.0) < 0.0 && self.slope(last_kink) > 0.0;
        if !rises_at_both_ends {
            return None;
        }
        kinks
            .into_iter()
            .map(|kink| [kink, self.value(kink)])
            .min_by(|first, second| first[1].total_cmp(&second[1]))
    }

    /// A range of `w_0` that shows every kink of the default example with room on both sides.
    pub fn range(&self) -> (f64, f64) {
        (-3.5, 2.5)
    }

    fn weights(&self, w0: f64) -> [f64; 3] {
        [w0, self.fixed_weights[0], self.fixed_weights[1]]
    }
}
