//! One stable sort for the whole program. Every `sort_by_key` on a new element type or with a new
//! closure compiles the standard library's sort again (about 5 KB of WebAssembly each); these
//! helpers sort positions through one `dyn` comparison instead, so the sort is compiled once and
//! each caller adds only a small permutation step. For short lists off the hot path (problems,
//! rankings, curve points); the results are exactly those of `slice::sort_by` (stable).

use std::cmp::Ordering;

/// The positions `0..len` in the order a stable sort by `compare` would put them.
pub fn stable_positions(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Sorts `items` like `items.sort_by(compare)` (stable).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let positions = stable_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    // Item `positions[k]` goes to place k; earlier swaps moved the items before k, so follow
    // the chain to where that item is now.
    for k in 0..positions.len() {
        let mut from = positions[k];
        while from < k {
            from = positions[from];
        }
        items.swap(k, from);
    }
}

/// Sorts `items` like `items.sort_by_key(key)` (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_the_standard_stable_sort() {
        // Every list of length up to 7 over a small alphabet (many ties), keyed on half the value
        // so that equal keys keep their order.
        for len in 0..=7u32 {
            for code in 0..4u32.pow(len) {
                let items: Vec<(u32, usize)> = (0..len)
                    .map(|i| ((code / 4u32.pow(i)) % 4, i as usize))
                    .collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |&(v, _)| v / 2);
                let mut std = items.clone();
                std.sort_by_key(|&(v, _)| v / 2);
                assert_eq!(ours, std, "{items:?}");
            }
        }
    }

    #[test]
    fn longer_lists() {
        let mut x: u64 = 7;
        for len in [20, 50, 200, 1000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((x >> 33) % 10, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std);
        }
    }
}
