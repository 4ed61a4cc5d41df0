//! Values by a key from a small closed set (a kind of care, an age band, a level of use), kept
//! at the key's position. It reads like the `BTreeMap` the model's data used (`get`, `insert`,
//! `iter` in key order, `map[&key]`), but a lookup is an index and it compiles to little: each
//! `BTreeMap` key and value type compiled a B-tree of its own (issues 9 and 12, size).

use std::marker::PhantomData;

/// A key with a fixed, small set of values.
pub trait Key: Copy + 'static {
    /// Every key, in order.
    const ALL: &'static [Self];
    /// The key's place in [`Key::ALL`].
    fn position(self) -> usize;
}

/// A value for some of the keys of `K`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByKey<K, V> {
    values: Vec<Option<V>>,
    key: PhantomData<K>,
}

impl<K: Key, V> Default for ByKey<K, V> {
    fn default() -> ByKey<K, V> {
        ByKey {
            values: K::ALL.iter().map(|_| None).collect(),
            key: PhantomData,
        }
    }
}

impl<K: Key, V> ByKey<K, V> {
    /// Sets the value of `key`.
    pub fn insert(&mut self, key: K, value: V) {
        if let Some(slot) = self.values.get_mut(key.position()) {
            *slot = Some(value);
        }
    }

    /// Adds `amount` to the value of `key` (a key without a value gets one).
    pub fn add(&mut self, key: K, amount: V)
    where
        V: Copy + Default + std::ops::Add<Output = V>,
    {
        let now = self.get(&key).copied().unwrap_or_default();
        self.insert(key, now + amount);
    }

    /// The value of `key`, if it has one.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.values.get(key.position())?.as_ref()
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// The keys with a value and their values, in key order.
    pub fn iter(&self) -> Borrowed<'_, K, V> {
        self.into_iter()
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.values.iter().flatten()
    }
}

type Owned<K, V> = std::iter::FilterMap<
    std::iter::Zip<std::iter::Copied<std::slice::Iter<'static, K>>, std::vec::IntoIter<Option<V>>>,
    fn((K, Option<V>)) -> Option<(K, V)>,
>;

impl<K: Key, V> IntoIterator for ByKey<K, V> {
    type Item = (K, V);
    type IntoIter = Owned<K, V>;

    /// The keys with a value and their values, in key order.
    fn into_iter(self) -> Owned<K, V> {
        K::ALL
            .iter()
            .copied()
            .zip(self.values)
            .filter_map(|(k, v)| Some((k, v?)))
    }
}

type Borrowed<'a, K, V> = std::iter::FilterMap<
    std::iter::Zip<std::slice::Iter<'static, K>, std::slice::Iter<'a, Option<V>>>,
    fn((&'static K, &'a Option<V>)) -> Option<(&'static K, &'a V)>,
>;

impl<'a, K: Key, V> IntoIterator for &'a ByKey<K, V> {
    type Item = (&'static K, &'a V);
    type IntoIter = Borrowed<'a, K, V>;

    fn into_iter(self) -> Borrowed<'a, K, V> {
        K::ALL
            .iter()
            .zip(&self.values)
            .filter_map(|(k, v)| Some((k, v.as_ref()?)))
    }
}

impl<K: Key, V> FromIterator<(K, V)> for ByKey<K, V> {
    /// Later values of a key replace earlier ones, as inserting them into a map does.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> ByKey<K, V> {
        let mut out = ByKey::default();
        for (k, v) in items {
            out.insert(k, v);
        }
        out
    }
}

impl<K: Key, V, const N: usize> From<[(K, V); N]> for ByKey<K, V> {
    fn from(items: [(K, V); N]) -> ByKey<K, V> {
        items.into_iter().collect()
    }
}

impl<K: Key + std::fmt::Debug, V> std::ops::Index<&K> for ByKey<K, V> {
    type Output = V;

    /// The value of `key`; panics when it has none, like a map's index.
    fn index(&self, key: &K) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no value for {key:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::AgeBand;
    use std::collections::BTreeMap;

    #[test]
    fn reads_like_a_map() {
        let mut ours: ByKey<AgeBand, u32> = ByKey::default();
        let mut map = BTreeMap::new();
        for (k, v) in [
            (AgeBand::Senior, 3),
            (AgeBand::Child, 1),
            (AgeBand::Senior, 4),
        ] {
            ours.insert(k, v);
            map.insert(k, v);
        }
        assert_eq!(
            ours.iter().collect::<Vec<_>>(),
            map.iter().collect::<Vec<_>>()
        );
        assert_eq!(
            ours.values().collect::<Vec<_>>(),
            map.values().collect::<Vec<_>>()
        );
        for k in AgeBand::ALL {
            assert_eq!(ours.get(k), map.get(k));
            assert_eq!(ours.contains_key(k), map.contains_key(k));
        }
        assert_eq!(ours[&AgeBand::Senior], 4);
        assert_eq!(
            ours.clone().into_iter().collect::<Vec<_>>(),
            map.clone().into_iter().collect::<Vec<_>>()
        );
        let from: ByKey<AgeBand, u32> = ByKey::from([(AgeBand::Adult, 1), (AgeBand::Adult, 2)]);
        assert_eq!(from.iter().collect::<Vec<_>>(), [(&AgeBand::Adult, &2)]);
    }
}
