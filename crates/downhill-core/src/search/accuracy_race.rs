//! The blindfolded hiker on the digits: the three strategies train the linear SVM side by side, each
//! spending the same budget of loss evaluations, and the test accuracy where each stands is measured
//! at regular points along the way.
//!
//! One evaluation is a full pass over the training digits, so a whole race is seconds of work. The
//! live demo spreads it over animation frames ([`AccuracyRace::spend`] with a bound and a clock);
//! its build-time still runs it to the end in one call. Each walker depends only on its own settings
//! and seed, so both record the same curves however the work is cut.

use crate::classifiers::{ClassifierLoss, LossKind, linear};
use crate::data::PreparedDigits;
use crate::search::hiker::{Hiker, HikerSettings, Strategy};

/// What the hikers train: the lesson's SVM loss on the training digits, without regularization.
const LOSS: LossKind = LossKind::Svm;
const REG: f64 = 0.0;

/// What a race needs besides the digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccuracyRaceSettings {
    /// Loss evaluations each strategy may spend.
    pub budget: usize,
    /// About how many times along each run the test accuracy is measured: every
    /// `budget / curve_points` evaluations (every evaluation at least), and at the end.
    pub curve_points: usize,
    /// Random local search's reach.
    pub local_step: f64,
    /// Gradient descent's step size.
    pub learning_rate: f64,
    pub seed: u64,
}

/// The walkers, paused between evaluations, and the curves of `(evaluations spent, test accuracy)`
/// each has recorded so far.
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracyRace {
    hikers: Vec<Hiker>,
    curves: Vec<Vec<(f64, f64)>>,
    budget: usize,
    record_every: usize,
}

/// The objective every walker of a race on `prepared` trains.
fn objective(prepared: &PreparedDigits) -> ClassifierLoss<'_> {
    LOSS.on(&prepared.train, REG)
}

impl AccuracyRace {
    /// Fresh walkers of `strategies`, in that order, at evaluation 0, as the lesson starts them
    /// ([`HikerSettings::on_classifier`]). Before any evaluation only the walkers that stand
    /// somewhere (not random search) have a first point on their curve.
    pub fn new(
        prepared: &PreparedDigits,
        strategies: &[Strategy],
        settings: AccuracyRaceSettings,
    ) -> AccuracyRace {
        let objective = objective(prepared);
        let n_weights = prepared.train.n_weights();
        let hikers: Vec<Hiker> = strategies
            .iter()
            .filter_map(|&strategy| {
                let hiker_settings = HikerSettings::on_classifier(
                    strategy,
                    n_weights,
                    settings.local_step,
                    settings.learning_rate,
                    settings.seed,
                );
                Hiker::new(&objective, hiker_settings).ok()
            })
            .collect();
        let curves = hikers
            .iter()
            .map(|hiker| {
                linear::accuracy(&prepared.test, hiker.position())
                    .ok()
                    .filter(|_| !hiker.position().is_empty())
                    .map(|accuracy| vec![(0.0, accuracy)])
                    .unwrap_or_default()
            })
            .collect();
        AccuracyRace {
            hikers,
            curves,
            budget: settings.budget,
            record_every: (settings.budget / settings.curve_points.max(1)).max(1),
        }
    }

    /// Evaluations between two points of a curve.
    pub fn record_every(&self) -> usize {
        self.record_every
    }

    pub fn budget(&self) -> usize {
        self.budget
    }

    /// The walkers, in the order they were asked for.
    pub fn hikers(&self) -> &[Hiker] {
        &self.hikers
    }

    /// Each walker's `(evaluations spent, test accuracy)` so far.
    pub fn curves(&self) -> &[Vec<(f64, f64)>] {
        &self.curves
    }

    fn is_done(&self, hiker: &Hiker) -> bool {
        hiker.n_evaluations() >= self.budget || hiker.diverged_at().is_some()
    }

    /// Whether every walker has spent its budget or stopped.
    pub fn finished(&self) -> bool {
        self.hikers.iter().all(|hiker| self.is_done(hiker))
    }

    /// The most evaluations any walker has spent.
    pub fn most_spent(&self) -> usize {
        self.hikers
            .iter()
            .map(Hiker::n_evaluations)
            .max()
            .unwrap_or(0)
    }

    /// Spends evaluations round-robin, one per unfinished walker a round, until `max_rounds` rounds
    /// are done or `out_of_time` (asked after each round) says stop. `prepared` must be the digits
    /// the race was made on. Returns whether there is more to do.
    pub fn spend(
        &mut self,
        prepared: &PreparedDigits,
        max_rounds: usize,
        mut out_of_time: impl FnMut() -> bool,
    ) -> bool {
        let objective = objective(prepared);
        let (budget, record_every) = (self.budget, self.record_every);
        for _ in 0..max_rounds {
            let mut any = false;
            for (hiker, curve) in self.hikers.iter_mut().zip(&mut self.curves) {
                if hiker.n_evaluations() >= budget || hiker.diverged_at().is_some() {
                    continue;
                }
                any = true;
                if hiker.step(&objective).is_none() {
                    continue;
                }
                let spent = hiker.n_evaluations();
                if (spent % record_every == 0 || spent == budget)
                    && hiker.diverged_at().is_none()
                    && !hiker.position().is_empty()
                    && let Ok(accuracy) = linear::accuracy(&prepared.test, hiker.position())
                {
                    curve.push((spent as f64, accuracy));
                }
            }
            if !any {
                return false;
            }
            if out_of_time() {
                break;
            }
        }
        !self.finished()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Digits;
    use crate::rng::Rng;

    /// Sixty made-up digits: each label lights its own band of pixels, with noise, so a linear
    /// classifier can learn them and the walkers' accuracies differ.
    fn made_up_digits() -> PreparedDigits {
        let mut rng = Rng::new(7);
        let mut pixels = Vec::new();
        let mut labels = Vec::new();
        for index in 0..60 {
            let label = index % 10;
            for pixel in 0..64 {
                let lit = pixel / 6 == label;
                let noise = rng.below(4) as u8;
                pixels.push(if lit { 12 + noise } else { noise });
            }
            labels.push(label);
        }
        let digits = Digits::new(pixels, labels).unwrap();
        PreparedDigits::new(&digits, 10, 10, 1).unwrap()
    }

    fn settings(budget: usize, learning_rate: f64) -> AccuracyRaceSettings {
        AccuracyRaceSettings {
            budget,
            curve_points: 10,
            local_step: 1e-3,
            learning_rate,
            seed: 3,
        }
    }

    #[test]
    fn a_race_spread_over_many_small_slices_records_what_one_call_records() {
        let prepared = made_up_digits();
        let mut whole = AccuracyRace::new(&prepared, &Strategy::ALL, settings(47, 0.1));
        assert!(!whole.spend(&prepared, usize::MAX, || false));
        let mut sliced = AccuracyRace::new(&prepared, &Strategy::ALL, settings(47, 0.1));
        let mut calls = 0;
        while sliced.spend(&prepared, 3, || false) {
            calls += 1;
            assert!(calls < 100, "the race never ends");
        }
        assert_eq!(sliced, whole);
        assert!(whole.finished());
        assert_eq!(whole.most_spent(), 47);
        assert_eq!(whole.record_every(), 4);
        for (hiker, curve) in whole.hikers().iter().zip(whole.curves()) {
            assert_eq!(hiker.n_evaluations(), 47);
            let spent: Vec<f64> = curve.iter().map(|&(spent, _)| spent).collect();
            // Every fourth evaluation and the last; random search has no point at 0 (it stands
            // nowhere before its first draw).
            let mut expected: Vec<f64> = (1..=11).map(|k| (4 * k) as f64).collect();
            expected.push(47.0);
            if hiker.settings().strategy != Strategy::RandomSearch {
                expected.insert(0, 0.0);
            }
            assert_eq!(spent, expected, "{:?}", hiker.settings().strategy);
            assert!(
                curve
                    .iter()
                    .all(|&(_, accuracy)| (0.0..=1.0).contains(&accuracy))
            );
        }
    }

    #[test]
    fn the_clock_stops_a_slice_after_the_round_it_ends() {
        let prepared = made_up_digits();
        let mut race = AccuracyRace::new(&prepared, &Strategy::ALL, settings(20, 0.1));
        assert!(race.spend(&prepared, 10, || true));
        assert!(race.hikers().iter().all(|hiker| hiker.n_evaluations() == 1));
        assert!(race.spend(&prepared, 5, || false));
        assert_eq!(race.most_spent(), 6);
    }

    #[test]
    fn a_diverging_walker_stops_its_curve_and_the_others_go_on() {
        let prepared = made_up_digits();
        let mut race = AccuracyRace::new(&prepared, &Strategy::ALL, settings(40, 1e12));
        assert!(!race.spend(&prepared, usize::MAX, || false));
        assert!(race.finished());
        let gradient = &race.hikers()[2];
        let diverged_at = gradient.diverged_at().expect("a step of 1e12 diverges");
        let last_point = race.curves()[2].last().map_or(0.0, |&(spent, _)| spent);
        assert!(last_point <= diverged_at as f64);
        assert_eq!(race.hikers()[0].n_evaluations(), 40);
        assert_eq!(race.hikers()[1].n_evaluations(), 40);
    }
}
