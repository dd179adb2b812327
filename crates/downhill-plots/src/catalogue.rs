//! The registry of live demos: one [`DemoKind`] per demo a lesson may place with a
//! ```` ```demo ```` block.
//!
//! The lesson renderer (which refuses unknown names at build time), the stills, the web crate's mount
//! and the hostile-link tests all match on [`DemoKind`] exhaustively, so a new variant does not
//! compile until it has a still, a mount and a hostile-link case.

/// What a lesson and a reader without scripts know of a live demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoInfo {
    /// The name a lesson writes in its demo block, and the `data-demo` attribute on the page.
    pub name: &'static str,
    /// A short human title, used as the figure's accessible name.
    pub title: &'static str,
    /// What the picture shows, in one sentence: the text alternative when scripts are off.
    pub description: &'static str,
}

/// Every demo that exists. A lesson naming anything else fails the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoKind {
    SaddleRace,
    BlindfoldedHiker,
    HikerDigits,
    MinibatchNoise,
    LrSchedules,
    HyperparameterSearch,
    GradientCheck,
    StepSizeSweep,
    StepSizePaths,
    LearningCurves,
    TrainingDashboard,
    BackpropGraph,
}

impl DemoKind {
    /// Every demo, in the order the catalogue lists them.
    pub const ALL: [DemoKind; 12] = [
        DemoKind::SaddleRace,
        DemoKind::BlindfoldedHiker,
        DemoKind::HikerDigits,
        DemoKind::MinibatchNoise,
        DemoKind::LrSchedules,
        DemoKind::HyperparameterSearch,
        DemoKind::GradientCheck,
        DemoKind::StepSizeSweep,
        DemoKind::StepSizePaths,
        DemoKind::LearningCurves,
        DemoKind::TrainingDashboard,
        DemoKind::BackpropGraph,
    ];

    /// The name a lesson writes and the page carries in `data-demo`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The demo a lesson or a page names, if it exists.
    pub fn from_name(name: &str) -> Option<DemoKind> {
        DemoKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The demo's name, title and description.
    pub fn info(self) -> &'static DemoInfo {
        match self {
            DemoKind::SaddleRace => &SADDLE_RACE,
            DemoKind::BlindfoldedHiker => &BLINDFOLDED_HIKER,
            DemoKind::HikerDigits => &HIKER_DIGITS,
            DemoKind::MinibatchNoise => &MINIBATCH_NOISE,
            DemoKind::LrSchedules => &LR_SCHEDULES,
            DemoKind::HyperparameterSearch => &HYPERPARAMETER_SEARCH,
            DemoKind::GradientCheck => &GRADIENT_CHECK,
            DemoKind::StepSizeSweep => &STEP_SIZE_SWEEP,
            DemoKind::StepSizePaths => &STEP_SIZE_PATHS,
            DemoKind::LearningCurves => &LEARNING_CURVES,
            DemoKind::TrainingDashboard => &TRAINING_DASHBOARD,
            DemoKind::BackpropGraph => &BACKPROP_GRAPH,
        }
    }
}

const SADDLE_RACE: DemoInfo = DemoInfo {
    name: "saddle-race",
    title: "Optimizers racing on a loss surface",
    description: "Paths of SGD, momentum, RMSProp and Adam, all started from the same point, drawn over the \
              heatmap of a two-dimensional loss surface.",
};

const BLINDFOLDED_HIKER: DemoInfo = DemoInfo {
    name: "blindfolded-hiker",
    title: "The blindfolded hiker's three strategies",
    description: "Random search, random local search and following the gradient, each spending the same \
              number of loss evaluations on a bumpy landscape: the probes each strategy made, the \
              paths of the two walkers and where each stands now.",
};

const HIKER_DIGITS: DemoInfo = DemoInfo {
    name: "hiker-digits",
    title: "The three strategies on the digits classifier",
    description: "Test accuracy of the digits classifier against the number of loss evaluations spent, for \
              random search, random local search and gradient descent.",
};

const MINIBATCH_NOISE: DemoInfo = DemoInfo {
    name: "minibatch-noise",
    title: "Minibatch gradients around the full gradient",
    description: "The gradients of many random minibatches of the digits, drawn as dots around the gradient \
              of the full training set, in the plane of the full gradient and the widest spread; \
              bigger batches give a tighter cloud.",
};

const LR_SCHEDULES: DemoInfo = DemoInfo {
    name: "lr-schedules",
    title: "Learning-rate schedules on one noisy run",
    description: "The learning rate and the loss against the step for step decay, exponential decay, 1/t \
              decay and a constant rate, all driving the same noisy gradient descent.",
};

const HYPERPARAMETER_SEARCH: DemoInfo = DemoInfo {
    name: "hyperparameter-search",
    title: "Random search against grid search",
    description: "Grid and random trials on the plane of learning rate and regularization, with the loss \
              against each hyperparameter beside it: the grid tries few learning rates, random \
              search many.",
};

const GRADIENT_CHECK: DemoInfo = DemoInfo {
    name: "gradient-check",
    title: "An interactive gradient check",
    description: "A table comparing the analytic derivative of a few parameters with their forward and \
              centered differences, with relative errors coloured by the lesson's bands, and a plot \
              of the relative error against the step h showing truncation error against rounding \
              error.",
};

const STEP_SIZE_SWEEP: DemoInfo = DemoInfo {
    name: "step-size-sweep",
    title: "The loss after one step, for every step size",
    description: "The loss of the digits classifier after one gradient step from the same weights, against \
              the step size from 1e-10 to 1e3 on logarithmic axes, with the lesson's table: tiny \
              steps barely move the loss, a middle one lowers it most, and longer ones make it worse.",
};

const STEP_SIZE_PATHS: DemoInfo = DemoInfo {
    name: "step-size-paths",
    title: "Gradient descent paths for several step sizes",
    description: "Gradient descent from the same start on a two-dimensional loss surface with a tiny, a good, \
              a large and a too large step size, side by side: the tiny step crawls, the good one \
              arrives, the large one bounces across the valley and the too large one flies off.",
};

const LEARNING_CURVES: DemoInfo = DemoInfo {
    name: "learning-curves",
    title: "Learning curves for four learning rates",
    description: "Training loss on the digits against the epoch for a low, a good, a high and a very high \
              learning rate: nearly straight, fast then settled, fast then stuck higher, and far above \
              the start.",
};

const TRAINING_DASHBOARD: DemoInfo = DemoInfo {
    name: "training-dashboard",
    title: "A live training dashboard on the digits",
    description: "A linear classifier training on the digits: the loss of every batch against the epoch, \
              training and validation accuracy, and the ratio of update size to weight size (about \
              1e-3 when healthy), with buttons for the sanity checks: the initial loss, raising the \
              regularization, and overfitting 20 examples.",
};

const BACKPROP_GRAPH: DemoInfo = DemoInfo {
    name: "backprop-graph",
    title: "Backpropagation on a computational graph, one node at a time",
    description: "The computational graph of f = (x + y) z at x = -2, y = 5, z = -4: the value of every \
              node above its wire (q = 3, f = -12) and below it the gradient of f flowing back \
              (df/dx = df/dy = -4, df/dz = 3), with each input's gradient checked against a \
              centered difference.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_by_its_own_name_and_names_are_distinct() {
        for kind in DemoKind::ALL {
            assert_eq!(DemoKind::from_name(kind.name()), Some(kind));
        }
        let names: Vec<&str> = DemoKind::ALL.iter().map(|kind| kind.name()).collect();
        for (index, name) in names.iter().enumerate() {
            assert!(!names[index + 1..].contains(name), "{name} twice");
        }
        assert_eq!(DemoKind::from_name("saddle race"), None);
        assert_eq!(DemoKind::from_name(""), None);
    }
}
