//! A tiny free list for the big buffers that cross threads.
//!
//! Line batches (source -> segment) and encoded output chunks (enrich ->
//! sink) are 64-200 KB each and made thousands of times a second. Allocating
//! them fresh sends the allocator down its slow paths and makes the kernel
//! fault in new pages; handing them back after use keeps a few warm buffers
//! cycling instead. The pool is bounded, so it never holds more than
//! `max` idle buffers (memory stays flat), and it is only a cache: taking
//! from an empty pool just allocates.

use std::sync::{Arc, Mutex};

/// A bounded, shareable free list of `T`.
#[derive(Clone)]
pub struct Pool<T> {
    inner: Arc<Mutex<Vec<T>>>,
    max: usize,
}

impl<T> Pool<T> {
    pub fn new(max: usize) -> Pool<T> {
        Pool {
            inner: Arc::new(Mutex::new(Vec::with_capacity(max))),
            max,
        }
    }

    /// A buffer from the list, or a new one from `make`.
    pub fn take(&self, make: impl FnOnce() -> T) -> T {
        let popped = self.inner.lock().ok().and_then(|mut v| v.pop());
        popped.unwrap_or_else(make)
    }

    /// Give a buffer back (dropped if the list is full). The caller clears it.
    pub fn give(&self, item: T) {
        if let Ok(mut v) = self.inner.lock() {
            if v.len() < self.max {
                v.push(item);
            }
        }
    }

    /// Idle buffers held.
    pub fn idle(&self) -> usize {
        self.inner.lock().map(|v| v.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_and_stays_bounded() {
        let p: Pool<Vec<u8>> = Pool::new(2);
        let mut a = p.take(|| Vec::with_capacity(10));
        a.push(1);
        let cap = a.capacity();
        a.clear();
        p.give(a);
        let b = p.take(Vec::new);
        assert_eq!(b.capacity(), cap);
        p.give(vec![]);
        p.give(vec![]);
        p.give(vec![]);
        assert_eq!(p.idle(), 2);
    }
}
