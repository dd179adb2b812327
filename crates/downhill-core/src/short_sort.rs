//! A stable sort for the short lists the demos order (racers by arrival, curve labels by height,
//! minima by value, a sweep's few points by step size, a search's trials by learning rate, and once
//! per page the thousand single-example gradients whose quantiles frame the minibatch cloud).
//!
//! The standard library's `sort_by` is a merge sort of a few kilobytes of wasm, compiled again for
//! every element type and comparison it is called with; five such lists cost the site's module about
//! 20 KB. An insertion sort is a hundred bytes per use and, for lists of tens of items, as fast; with
//! no standard stable sort left in the module, the merge sort's code goes too (issue 6's weight).
//! No standard sort is left in the core, the plots or the web crate: the tidy test
//! `no_standard_library_sort_in_code_the_wasm_reaches` (crates/downhill-lessons/tests/tidy.rs) keeps
//! it out.

/// Sorts `items` so that no item is `is_less` than the one before it; equal items keep their order.
/// Quadratic in the worst case: meant for lists of at most a few hundred items, or about a thousand
/// sorted once (about a millisecond in the browser).
pub fn sort_short_list_by<T>(items: &mut [T], mut is_less: impl FnMut(&T, &T) -> bool) {
    for unsorted in 1..items.len() {
        let mut position = unsorted;
        while position > 0 && is_less(&items[position], &items[position - 1]) {
            items.swap(position, position - 1);
            position -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_short_list_by;
    use proptest::prelude::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut items = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_short_list_by(&mut items, |left, right| left.0 < right.0);
        assert_eq!(items, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut empty: [u8; 0] = [];
        sort_short_list_by(&mut empty, |left, right| left < right);
        let mut single = [7];
        sort_short_list_by(&mut single, |left, right| left < right);
        assert_eq!(single, [7]);
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..60)) {
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = tagged.clone();
            sort_short_list_by(&mut ours, |left, right| left.0 < right.0);
            let mut standard = tagged;
            standard.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, standard);
        }
    }
}
