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

/// A buffer that reports how much memory it holds.
pub trait HeldBytes {
    fn held_bytes(&self) -> usize;
}

impl HeldBytes for Vec<u8> {
    fn held_bytes(&self) -> usize {
        self.capacity()
    }
}

/// Buffers that grew past this (a multi-megabyte turn) are freed rather than
/// kept: 32 idle 4 MB buffers would be most of the process's memory.
pub const MAX_POOLED_BYTES: usize = 1 << 20;

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

    /// Give a buffer back (dropped if the list is full or the buffer grew
    /// past [`MAX_POOLED_BYTES`]). The caller clears it.
    pub fn give(&self, item: T)
    where
        T: HeldBytes,
    {
        if item.held_bytes() > MAX_POOLED_BYTES {
            return;
        }
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
        // a buffer that grew huge is freed, not kept
        let q: Pool<Vec<u8>> = Pool::new(2);
        q.give(Vec::with_capacity(MAX_POOLED_BYTES + 1));
        assert_eq!(q.idle(), 0);
        q.give(Vec::with_capacity(1024));
        assert_eq!(q.idle(), 1);
        assert_eq!(p.idle(), 2);
    }
}
