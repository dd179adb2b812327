//! Random search against grid search when one hyperparameter matters much more than the other.

use downhill_core::search::hyperparameters::{
    BEST_LEARNING_RATE_EXPONENT, SearchComparison, random_versus_grid, validation_loss_stand_in,
};

/// How far (in powers of ten) the best trial's learning rate is from the best learning rate.
fn learning_rate_miss(trial_learning_rate: f64) -> f64 {
    (trial_learning_rate.log10() - BEST_LEARNING_RATE_EXPONENT).abs()
}

fn misses(comparison: &SearchComparison) -> (f64, f64) {
    let grid = comparison.best_grid().unwrap();
    let random = comparison.best_random().unwrap();
    (
        learning_rate_miss(grid.learning_rate),
        learning_rate_miss(random.learning_rate),
    )
}

#[test]
fn random_search_finds_a_better_learning_rate_than_a_grid_of_the_same_size() {
    // The lesson's picture: nine trials, a 3 x 3 grid against nine random ones.
    let comparison = random_versus_grid(validation_loss_stand_in, 3, 1);
    let (grid_miss, random_miss) = misses(&comparison);
    let best_grid = comparison.best_grid().unwrap();
    let best_random = comparison.best_random().unwrap();
    println!(
        "grid: best learning rate {:.2e} (loss {:.3}); random: best learning rate {:.2e} (loss {:.3})",
        best_grid.learning_rate, best_grid.loss, best_random.learning_rate, best_random.loss
    );
    assert!(random_miss < grid_miss);
    assert!(best_random.loss < best_grid.loss);
}

#[test]
fn random_search_wins_for_most_seeds() {
    // The 3 x 3 grid tries the exponents -6, -2.5 and 1, so it misses the best, -3.3, by 0.8. Nine
    // random exponents, uniform over a range of 7, all miss by more than 0.8 with probability
    // (1 - 1.6 / 7)^9 = 0.096, so random search should come closer for about 90% of seeds; fewer than
    // 80 of 100 would be over three standard deviations (3%) below that.
    let n_random_wins = (0..100)
        .filter(|&seed| {
            let (grid_miss, random_miss) =
                misses(&random_versus_grid(validation_loss_stand_in, 3, seed));
            random_miss < grid_miss
        })
        .count();
    println!("random search came closer for {n_random_wins} of 100 seeds");
    assert!(n_random_wins >= 80);
}
