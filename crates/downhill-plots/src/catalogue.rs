//! The list of live demos a lesson may place with a ```` ```demo ```` block.
//!
//! Both the lesson renderer (which refuses unknown names at build time) and the web crate (which
//! mounts each name) read this one list, so a lesson can never name a demo the site does not have.

/// A live demo as the lessons know it.
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
pub const DEMOS: &[DemoInfo] = &[
    DemoInfo {
        name: "saddle-race",
        title: "Optimizers racing on a loss surface",
        description: "Paths of SGD, momentum, RMSProp and Adam, all started from the same point, drawn over the \
                  heatmap of a two-dimensional loss surface.",
    },
    DemoInfo {
        name: "blindfolded-hiker",
        title: "The blindfolded hiker's three strategies",
        description: "Random search, random local search and following the gradient, each spending the same \
                  number of loss evaluations on a bumpy landscape: the probes each strategy made, the \
                  paths of the two walkers and where each stands now.",
    },
    DemoInfo {
        name: "hiker-digits",
        title: "The three strategies on the digits classifier",
        description: "Test accuracy of the digits classifier against the number of loss evaluations spent, for \
                  random search, random local search and gradient descent.",
    },
    DemoInfo {
        name: "minibatch-noise",
        title: "Minibatch gradients around the full gradient",
        description: "The gradients of many random minibatches of the digits, drawn as dots around the gradient \
                  of the full training set, in the plane of the full gradient and the widest spread; \
                  bigger batches give a tighter cloud.",
    },
    DemoInfo {
        name: "lr-schedules",
        title: "Learning-rate schedules on one noisy run",
        description: "The learning rate and the loss against the step for step decay, exponential decay, 1/t \
                  decay and a constant rate, all driving the same noisy gradient descent.",
    },
    DemoInfo {
        name: "hyperparameter-search",
        title: "Random search against grid search",
        description: "Grid and random trials on the plane of learning rate and regularization, with the loss \
                  against each hyperparameter beside it: the grid tries few learning rates, random \
                  search many.",
    },
    DemoInfo {
        name: "gradient-check",
        title: "An interactive gradient check",
        description: "A table comparing the analytic derivative of a few parameters with their forward and \
                  centered differences, with relative errors coloured by the lesson's bands, and a plot \
                  of the relative error against the step h showing truncation error against rounding \
                  error.",
    },
    DemoInfo {
        name: "step-size-sweep",
        title: "The loss after one step, for every step size",
        description: "The loss of the digits classifier after one gradient step from the same weights, against \
                  the step size from 1e-10 to 1e3 on logarithmic axes, with the lesson's table: tiny \
                  steps barely move the loss, a middle one lowers it most, and longer ones make it worse.",
    },
    DemoInfo {
        name: "step-size-paths",
        title: "Gradient descent paths for several step sizes",
        description: "Gradient descent from the same start on a two-dimensional loss surface with a tiny, a good, \
                  a large and a too large step size, side by side: the tiny step crawls, the good one \
                  arrives, the large one bounces across the valley and the too large one flies off.",
    },
    DemoInfo {
        name: "learning-curves",
        title: "Learning curves for four learning rates",
        description: "Training loss on the digits against the epoch for a low, a good, a high and a very high \
                  learning rate: nearly straight, fast then settled, fast then stuck higher, and far above \
                  the start.",
    },
    DemoInfo {
        name: "training-dashboard",
        title: "A live training dashboard on the digits",
        description: "A linear classifier training on the digits: the loss of every batch against the epoch, \
                  training and validation accuracy, and the ratio of update size to weight size (about \
                  1e-3 when healthy), with buttons for the sanity checks: the initial loss, raising the \
                  regularization, and overfitting 20 examples.",
    },
];

/// Looks a demo up by the name a lesson gives it.
pub fn find_demo(name: &str) -> Option<&'static DemoInfo> {
    DEMOS.iter().find(|demo| demo.name == name)
}
