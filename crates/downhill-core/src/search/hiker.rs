//! The blindfolded hiker's three strategies one loss evaluation at a time: random search, random
//! local search and following the gradient, as walkers that can be paused after any evaluation.
//!
//! [`random_search`](super::random_search::random_search),
//! [`random_local_search`](super::random_local_search::random_local_search) and
//! [`gradient_descent`](crate::training::gradient_descent) spend a whole budget in one call. A demo
//! that spreads a run over animation frames, or shows what the hiker felt at every probe, needs the
//! same loops cut into single evaluations. [`Hiker::step`] is one turn of each loop and draws the
//! same random numbers in the same order, so a hiker replays those functions exactly (the tests
//! check it), and the counters of the three strategies count the same thing: one evaluation of the
//! loss (for the gradient, of the loss and its gradient together, which costs about as much).

use crate::data::{LengthMismatch, check_length};
use crate::objective::Objective;
use crate::rng::Rng;
use crate::trajectory::DIVERGENCE_THRESHOLD;
use std::fmt;
use std::str::FromStr;

/// The most evaluations [`walk`] spends, whatever it is asked: a bound on the work of one call.
pub const MAX_BUDGET: usize = 100_000;

/// A move shorter than this counts as standing still: the walker that follows the gradient has come
/// to rest in the bottom of a hollow.
pub const AT_REST_STEP_LENGTH: f64 = 1e-4;

/// The three strategies of the lesson, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// Strategy 1: draw random points anywhere and remember the best; where the hiker stands is
    /// never used.
    RandomSearch,
    /// Strategy 2: stretch a foot out in a random direction and step only if it leads downhill.
    RandomLocalSearch,
    /// Strategy 3: feel the slope underfoot and step down it, `x <- x - learning_rate * gradient`.
    FollowGradient,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [
        Strategy::RandomSearch,
        Strategy::RandomLocalSearch,
        Strategy::FollowGradient,
    ];

    /// The short name used in links and settings.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::RandomSearch => "random",
            Strategy::RandomLocalSearch => "local",
            Strategy::FollowGradient => "gradient",
        }
    }

    /// The name a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::RandomSearch => "Random search",
            Strategy::RandomLocalSearch => "Random local search",
            Strategy::FollowGradient => "Following the gradient",
        }
    }
}

/// A setting of a walk that not every strategy reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WalkSetting {
    /// [`HikerSettings::start`].
    Start,
    /// [`HikerSettings::local_step`].
    LocalStep,
    /// [`HikerSettings::learning_rate`].
    LearningRate,
}

impl Strategy {
    /// Whether this strategy's walk can change with `setting`: random search never stands anywhere
    /// before its first draw, so the start does not move it; only random local search reads the
    /// reach of a try, and only following the gradient the step size. A demo that recomputes walks
    /// when a setting changes need recompute only the walks that read it (the tests check that the
    /// others stay exactly the same).
    pub fn reads(self, setting: WalkSetting) -> bool {
        match setting {
            WalkSetting::Start => self != Strategy::RandomSearch,
            WalkSetting::LocalStep => self == Strategy::RandomLocalSearch,
            WalkSetting::LearningRate => self == Strategy::FollowGradient,
        }
    }
}

/// A strategy name that is none of [`Strategy::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseStrategyError(pub String);

impl fmt::Display for ParseStrategyError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown strategy: {}", self.0)
    }
}

impl std::error::Error for ParseStrategyError {}

impl FromStr for Strategy {
    type Err = ParseStrategyError;

    fn from_str(text: &str) -> Result<Strategy, ParseStrategyError> {
        Strategy::ALL
            .into_iter()
            .find(|strategy| strategy.name() == text)
            .ok_or_else(|| ParseStrategyError(text.to_string()))
    }
}

/// Where random search draws its candidates.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// Every coordinate `scale * N(0, 1)`, as the document draws random weights.
    Normal { scale: f64 },
    /// Every coordinate uniform in `[low[i], high[i])`: anywhere on the map of a 2-D landscape.
    /// Coordinates past the end of `low` or `high` are drawn in `[0, 0)`, that is 0.
    Uniform { low: Vec<f64>, high: Vec<f64> },
}

/// Where random local search and following the gradient start (random search ignores it).
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// At this point; its length must be the objective's dimension.
    At(Vec<f64>),
    /// At `scale * N(0, 1)` in every coordinate, drawn from the hiker's own generator first, as the
    /// document's random local search does.
    Random { scale: f64 },
}

/// Everything a hiker needs besides the landscape.
#[derive(Clone, Debug, PartialEq)]
pub struct HikerSettings {
    pub strategy: Strategy,
    pub start: Start,
    /// How random search draws.
    pub draw: Draw,
    /// Random local search tries `position + local_step * N(0, 1)`.
    pub local_step: f64,
    /// Following the gradient steps by `-learning_rate * gradient`.
    pub learning_rate: f64,
    /// Whether random local search spends its first evaluation feeling the ground at the start. The
    /// document's loop does not: its best loss starts at infinity, so its first candidate is always
    /// taken, even uphill. A hiker on a map who feels the start first never steps uphill.
    pub feel_the_start: bool,
    pub seed: u64,
}

impl HikerSettings {
    /// A hiker on a classifier's `n_weights` weights as the lesson on the digits runs them: random
    /// search draws at its default scale; random local search starts from a small random draw, and
    /// following the gradient starts from the same kind of draw, fixed by `seed`, as the lesson's
    /// gradient descent does. The live demo and its build-time still both start here, so they agree.
    pub fn on_classifier(
        strategy: Strategy,
        n_weights: usize,
        local_step: f64,
        learning_rate: f64,
        seed: u64,
    ) -> HikerSettings {
        let initial_scale =
            crate::search::random_local_search::RandomLocalSearchSettings::default().initial_scale;
        let start = match strategy {
            Strategy::FollowGradient => {
                Start::At(Rng::new(seed).normal_vec(n_weights, initial_scale))
            }
            _ => Start::Random {
                scale: initial_scale,
            },
        };
        HikerSettings {
            strategy,
            start,
            draw: Draw::Normal {
                scale: crate::search::random_search::RandomSearchSettings::default().weight_scale,
            },
            local_step,
            learning_rate,
            feel_the_start: false,
            seed,
        }
    }
}

/// What one evaluation found.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    /// 0 for the first evaluation.
    pub evaluation_idx: usize,
    /// The point whose loss was evaluated.
    pub point: Vec<f64>,
    pub loss: f64,
    /// The gradient felt there, for the strategy that uses it.
    pub gradient: Option<Vec<f64>>,
    /// Whether the hiker moved there (random search: remembered it as the best so far). Following
    /// the gradient always moves on, unless it diverged.
    pub accepted: bool,
    /// The lowest loss felt so far, this probe included.
    pub best_loss: f64,
    /// How far the hiker moved after this evaluation (0 when it stayed).
    pub step_length: f64,
}

/// One walker, paused between evaluations.
#[derive(Clone, Debug, PartialEq)]
pub struct Hiker {
    settings: HikerSettings,
    rng: Rng,
    /// Where the hiker stands: the best point so far for random search (empty until it has one).
    position: Vec<f64>,
    /// The loss where the hiker stands, infinity until it has been felt.
    position_loss: f64,
    best_loss: f64,
    dimension: usize,
    n_evaluations: usize,
    diverged_at: Option<usize>,
    last_step_length: Option<f64>,
}

impl Hiker {
    /// A hiker for `objective`, before its first evaluation.
    pub fn new<O: Objective + ?Sized>(
        objective: &O,
        settings: HikerSettings,
    ) -> Result<Hiker, LengthMismatch> {
        let dimension = objective.dimension();
        let mut rng = Rng::new(settings.seed);
        let position = match (&settings.strategy, &settings.start) {
            // Random search never uses a start: it stands nowhere until its first draw.
            (Strategy::RandomSearch, _) => Vec::new(),
            (_, Start::At(point)) => {
                check_length("start", dimension, point.len())?;
                point.clone()
            }
            (_, Start::Random { scale }) => rng.normal_vec(dimension, *scale),
        };
        Ok(Hiker {
            settings,
            rng,
            position,
            position_loss: f64::INFINITY,
            best_loss: f64::INFINITY,
            dimension,
            n_evaluations: 0,
            diverged_at: None,
            last_step_length: None,
        })
    }

    /// Spends one evaluation; `None` once the walk has diverged (it then stays where it was).
    /// `objective` must be the one the hiker was made for.
    pub fn step<O: Objective + ?Sized>(&mut self, objective: &O) -> Option<Probe> {
        if self.diverged_at.is_some() || objective.dimension() != self.dimension {
            return None;
        }
        let evaluation_idx = self.n_evaluations;
        self.n_evaluations += 1;
        let probe = match self.settings.strategy {
            Strategy::RandomSearch => self.random_search_step(objective, evaluation_idx),
            Strategy::RandomLocalSearch => self.random_local_search_step(objective, evaluation_idx),
            Strategy::FollowGradient => self.follow_gradient_step(objective, evaluation_idx),
        };
        self.last_step_length = Some(probe.step_length);
        Some(probe)
    }

    fn random_search_step<O: Objective + ?Sized>(
        &mut self,
        objective: &O,
        evaluation_idx: usize,
    ) -> Probe {
        let point: Vec<f64> = match &self.settings.draw {
            Draw::Normal { scale } => self.rng.normal_vec(self.dimension, *scale),
            Draw::Uniform { low, high } => (0..self.dimension)
                .map(|coordinate| {
                    let low = low.get(coordinate).copied().unwrap_or(0.0);
                    let high = high.get(coordinate).copied().unwrap_or(0.0);
                    self.rng.uniform_in(low, high)
                })
                .collect(),
        };
        let loss = objective.loss(&point);
        let accepted = loss < self.best_loss;
        let mut step_length = 0.0;
        if accepted {
            step_length = distance(&self.position, &point);
            self.best_loss = loss;
            self.position_loss = loss;
            self.position = point.clone();
        }
        Probe {
            evaluation_idx,
            point,
            loss,
            gradient: None,
            accepted,
            best_loss: self.best_loss,
            step_length,
        }
    }

    fn random_local_search_step<O: Objective + ?Sized>(
        &mut self,
        objective: &O,
        evaluation_idx: usize,
    ) -> Probe {
        if evaluation_idx == 0 && self.settings.feel_the_start {
            let point = self.position.clone();
            let loss = objective.loss(&point);
            self.position_loss = loss;
            if loss < self.best_loss {
                self.best_loss = loss;
            }
            return Probe {
                evaluation_idx,
                point,
                loss,
                gradient: None,
                accepted: true,
                best_loss: self.best_loss,
                step_length: 0.0,
            };
        }
        let step_size = self.settings.local_step;
        let point: Vec<f64> = self
            .position
            .iter()
            .map(|weight| weight + step_size * self.rng.standard_normal())
            .collect();
        let loss = objective.loss(&point);
        // Move only if the step leads downhill: the same comparison as the document's loop.
        let accepted = loss < self.best_loss;
        let mut step_length = 0.0;
        if accepted {
            step_length = distance(&self.position, &point);
            self.position = point.clone();
            self.position_loss = loss;
            self.best_loss = loss;
        }
        Probe {
            evaluation_idx,
            point,
            loss,
            gradient: None,
            accepted,
            best_loss: self.best_loss,
            step_length,
        }
    }

    fn follow_gradient_step<O: Objective + ?Sized>(
        &mut self,
        objective: &O,
        evaluation_idx: usize,
    ) -> Probe {
        let mut gradient = vec![0.0; self.dimension];
        let point = self.position.clone();
        let loss = objective.loss_and_gradient(&point, &mut gradient);
        self.position_loss = loss;
        if loss < self.best_loss {
            self.best_loss = loss;
        }
        let learning_rate = self.settings.learning_rate;
        let next: Vec<f64> = point
            .iter()
            .zip(&gradient)
            .map(|(weight, grad)| weight - learning_rate * grad)
            .collect();
        let exploded = |value: &f64| !value.is_finite() || value.abs() > DIVERGENCE_THRESHOLD;
        let diverged =
            exploded(&loss) || gradient.iter().any(exploded) || next.iter().any(exploded);
        let mut step_length = 0.0;
        if diverged {
            // The hiker stays at the last point with finite numbers, so nothing drawn is infinite.
            self.diverged_at = Some(evaluation_idx);
        } else {
            step_length = distance(&point, &next);
            self.position = next;
        }
        Probe {
            evaluation_idx,
            point,
            loss,
            gradient: Some(gradient),
            accepted: !diverged,
            best_loss: self.best_loss,
            step_length,
        }
    }

    /// Where the hiker stands now (empty for random search before its first finite draw).
    pub fn position(&self) -> &[f64] {
        &self.position
    }

    /// The loss where the hiker stands, infinity until felt.
    pub fn position_loss(&self) -> f64 {
        self.position_loss
    }

    /// The lowest loss felt so far, infinity before the first evaluation.
    pub fn best_loss(&self) -> f64 {
        self.best_loss
    }

    /// Evaluations spent so far.
    pub fn n_evaluations(&self) -> usize {
        self.n_evaluations
    }

    /// The evaluation at which the walk left finite numbers (or passed
    /// [`DIVERGENCE_THRESHOLD`]), where it stopped.
    pub fn diverged_at(&self) -> Option<usize> {
        self.diverged_at
    }

    /// Whether the last evaluation moved the hiker less than [`AT_REST_STEP_LENGTH`] while following
    /// the gradient: it has come to rest at the bottom of a hollow.
    pub fn is_at_rest(&self) -> bool {
        self.settings.strategy == Strategy::FollowGradient
            && self.diverged_at.is_none()
            && self
                .last_step_length
                .is_some_and(|length| length < AT_REST_STEP_LENGTH)
    }

    pub fn settings(&self) -> &HikerSettings {
        &self.settings
    }
}

/// A whole walk: every probe, and where the hiker stood before the first and after every evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Walk {
    pub probes: Vec<Probe>,
    /// `positions[k]` is where the hiker stood after `k` evaluations (empty for random search before
    /// its first draw).
    pub positions: Vec<Vec<f64>>,
    /// The loss where the hiker stood after `k` evaluations (infinity until felt).
    pub position_losses: Vec<f64>,
    pub diverged_at: Option<usize>,
    /// The evaluation after which the walker following the gradient stood still, if it did.
    pub at_rest_from: Option<usize>,
}

/// Spends up to `budget` evaluations (at most [`MAX_BUDGET`]) and records everything. Meant for
/// small objectives such as a 2-D landscape, where a whole walk costs well under a millisecond.
pub fn walk<O: Objective + ?Sized>(
    objective: &O,
    settings: HikerSettings,
    budget: usize,
) -> Result<Walk, LengthMismatch> {
    let budget = budget.min(MAX_BUDGET);
    let mut hiker = Hiker::new(objective, settings)?;
    let mut walk = Walk {
        probes: Vec::with_capacity(budget),
        positions: vec![hiker.position().to_vec()],
        position_losses: vec![hiker.position_loss()],
        diverged_at: None,
        at_rest_from: None,
    };
    for _ in 0..budget {
        let Some(probe) = hiker.step(objective) else {
            break;
        };
        walk.probes.push(probe);
        walk.positions.push(hiker.position().to_vec());
        walk.position_losses.push(hiker.position_loss());
        if hiker.is_at_rest() {
            walk.at_rest_from.get_or_insert(hiker.n_evaluations());
        }
    }
    walk.diverged_at = hiker.diverged_at();
    Ok(walk)
}

fn distance(from: &[f64], to: &[f64]) -> f64 {
    if from.len() != to.len() {
        return 0.0;
    }
    from.iter()
        .zip(to)
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>()
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradient::check::ReluSum;
    use crate::search::random_local_search::{RandomLocalSearchSettings, random_local_search};
    use crate::search::random_search::{RandomSearchSettings, random_search};
    use crate::surfaces::{Bumpy, Surface};
    use crate::training::gradient_descent;

    /// f(w) = sum (w_i - 1)^2 + 0.3 sum relu(w_i): smooth enough for gradient descent, kinked enough
    /// that random draws differ in loss.
    struct Tilted;

    impl Objective for Tilted {
        fn dimension(&self) -> usize {
            4
        }

        fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
            let mut loss = 0.0;
            for (entry, weight) in gradient.iter_mut().zip(params) {
                *entry = 2.0 * (weight - 1.0) + if *weight > 0.0 { 0.3 } else { 0.0 };
                loss += (weight - 1.0).powi(2) + 0.3 * weight.max(0.0);
            }
            loss
        }
    }

    fn settings(strategy: Strategy) -> HikerSettings {
        HikerSettings {
            strategy,
            start: Start::Random { scale: 0.5 },
            draw: Draw::Normal { scale: 0.7 },
            local_step: 0.2,
            learning_rate: 0.1,
            feel_the_start: false,
            seed: 9,
        }
    }

    #[test]
    fn random_search_replays_the_documents_loop() {
        let objective = ReluSum { dimension: 5 };
        let reference = random_search(
            &objective,
            &RandomSearchSettings {
                n_attempts: 60,
                weight_scale: 0.7,
                seed: 9,
            },
        );
        let walked = walk(&objective, settings(Strategy::RandomSearch), 60).unwrap();
        let losses: Vec<f64> = walked.probes.iter().map(|probe| probe.loss).collect();
        let reference_losses: Vec<f64> = reference.attempts.iter().map(|a| a.loss).collect();
        assert_eq!(losses, reference_losses);
        assert_eq!(walked.probes.last().unwrap().best_loss, reference.best_loss);
        assert_eq!(walked.positions.last().unwrap(), &reference.best_weights);
        assert!(
            walked.positions[0].is_empty(),
            "random search starts nowhere"
        );
    }

    #[test]
    fn random_local_search_replays_the_documents_loop() {
        let objective = Tilted;
        let reference = random_local_search(
            &objective,
            &RandomLocalSearchSettings {
                n_steps: 80,
                initial_scale: 0.5,
                step_size: 0.2,
                seed: 9,
            },
        );
        let walked = walk(&objective, settings(Strategy::RandomLocalSearch), 80).unwrap();
        let losses: Vec<f64> = walked.probes.iter().map(|probe| probe.loss).collect();
        let reference_losses: Vec<f64> = reference.attempts.iter().map(|a| a.loss).collect();
        assert_eq!(losses, reference_losses);
        assert_eq!(walked.positions.last().unwrap(), &reference.best_weights);
    }

    #[test]
    fn following_the_gradient_replays_gradient_descent() {
        let objective = Tilted;
        let start = Rng::new(9).normal_vec(4, 0.5);
        let reference = gradient_descent(&objective, &start, 0.1, 30).unwrap();
        let walked = walk(&objective, settings(Strategy::FollowGradient), 30).unwrap();
        let losses: Vec<f64> = walked.probes.iter().map(|probe| probe.loss).collect();
        assert_eq!(losses, reference.losses);
        assert_eq!(walked.positions.last().unwrap(), &reference.weights);
        assert_eq!(walked.probes.len(), 30);
    }

    fn on_the_map(strategy: Strategy, start: [f64; 2]) -> HikerSettings {
        let view = Bumpy.view();
        HikerSettings {
            strategy,
            start: Start::At(start.to_vec()),
            draw: Draw::Uniform {
                low: vec![view.x_min, view.y_min],
                high: vec![view.x_max, view.y_max],
            },
            local_step: 0.2,
            learning_rate: 0.1,
            feel_the_start: true,
            seed: 1,
        }
    }

    #[test]
    fn the_gradient_walker_rests_in_the_hollow_it_starts_in() {
        let surface = Bumpy;
        let start = surface.default_start();
        let walked = walk(&surface, on_the_map(Strategy::FollowGradient, start), 400).unwrap();
        let end = walked.positions.last().unwrap();
        // The shallow well at (-1.2, 1.0) holds it, though the global minimum lies elsewhere.
        assert!(
            (end[0] + 1.2).abs() < 0.3 && (end[1] - 1.0).abs() < 0.3,
            "ended at {end:?}"
        );
        let global = surface.minima()[0];
        assert!((end[0] - global[0]).abs() > 1.0);
        assert!(walked.at_rest_from.is_some_and(|step| step < 400));
        assert_eq!(walked.diverged_at, None);
    }

    #[test]
    fn a_hiker_who_feels_the_start_never_steps_uphill() {
        let surface = Bumpy;
        let start = [2.0, -2.5];
        let walked = walk(
            &surface,
            on_the_map(Strategy::RandomLocalSearch, start),
            200,
        )
        .unwrap();
        assert_eq!(walked.probes[0].point, start.to_vec());
        assert_eq!(walked.probes[0].loss, surface.value(start[0], start[1]));
        let felt = &walked.position_losses[1..];
        assert!(felt.windows(2).all(|pair| pair[1] <= pair[0]), "{felt:?}");
        assert!(felt.last().unwrap() < &felt[0]);
        // Random search draws all over the map and ignores the start.
        let searched = walk(&surface, on_the_map(Strategy::RandomSearch, start), 200).unwrap();
        let view = surface.view();
        assert!(
            searched
                .probes
                .iter()
                .all(|probe| view.contains(probe.point[0], probe.point[1]))
        );
    }

    #[test]
    fn a_step_too_large_diverges_and_stops_with_finite_numbers() {
        let surface = Bumpy;
        let mut settings = on_the_map(Strategy::FollowGradient, [2.5, 2.5]);
        settings.learning_rate = 30.0;
        let walked = walk(&surface, settings.clone(), 1000).unwrap();
        let step = walked
            .diverged_at
            .expect("a learning rate of 30 diverges on the bowl");
        assert_eq!(walked.probes.len(), step + 1);
        assert!(
            walked
                .positions
                .iter()
                .flatten()
                .all(|value| value.is_finite())
        );
        let mut hiker = Hiker::new(&surface, settings).unwrap();
        while hiker.step(&surface).is_some() {}
        assert_eq!(hiker.step(&surface), None);
        assert!(!hiker.is_at_rest());
    }

    /// `settings` with `setting` moved to another value.
    fn changed(mut settings: HikerSettings, setting: WalkSetting) -> HikerSettings {
        match setting {
            WalkSetting::Start => settings.start = Start::At(vec![1.5, -2.0]),
            WalkSetting::LocalStep => settings.local_step *= 3.0,
            WalkSetting::LearningRate => settings.learning_rate *= 3.0,
        }
        settings
    }

    #[test]
    fn a_setting_a_strategy_does_not_read_leaves_its_walk_exactly_the_same() {
        let surface = Bumpy;
        for strategy in Strategy::ALL {
            for setting in [
                WalkSetting::Start,
                WalkSetting::LocalStep,
                WalkSetting::LearningRate,
            ] {
                let settings = on_the_map(strategy, [-0.5, 0.5]);
                let before = walk(&surface, settings.clone(), 60).unwrap();
                let after = walk(&surface, changed(settings, setting), 60).unwrap();
                assert_eq!(
                    before != after,
                    strategy.reads(setting),
                    "{strategy:?} and {setting:?}"
                );
            }
        }
    }

    #[test]
    fn names_parse_back_and_wrong_starts_are_refused() {
        for strategy in Strategy::ALL {
            assert_eq!(strategy.name().parse::<Strategy>(), Ok(strategy));
        }
        assert!("downhill".parse::<Strategy>().is_err());
        let mut settings = on_the_map(Strategy::FollowGradient, [0.0, 0.0]);
        settings.start = Start::At(vec![1.0]);
        assert!(Hiker::new(&Bumpy, settings).is_err());
        let capped = walk(
            &Bumpy,
            on_the_map(Strategy::RandomSearch, [0.0, 0.0]),
            usize::MAX,
        );
        assert_eq!(capped.unwrap().probes.len(), MAX_BUDGET);
    }
}
