//! Thread-local recycling of turn text buffers and speaker boxes.
//!
//! A record's text is allocated when its turn is emitted and freed once the
//! record is written: one allocation per few hundred bytes of input, at sizes
//! from a few bytes to many kilobytes. glibc's malloc serves most of those
//! sizes from its bins, not its per-thread cache, and slowly (about 270
//! instructions a call, measured with callgrind); and a batch of records is
//! allocated before any of it is freed, which would empty a small cache
//! anyway.
//!
//! On the basic-only path a batch is encoded and freed by the thread that
//! built it, so the pipeline hands the texts back ([`give`]) and the turn
//! builder takes them again ([`text`]): buffers in power-of-two size classes,
//! a few hundred kilobytes per class at most, per thread. A text is at most
//! twice its length, and only while its batch is in flight. Each labelled
//! turn's boxed [`Speaker`] goes the same way ([`speaker`],
//! [`give_speaker`]). Elsewhere (records enriched on the worker pool) nothing
//! is given back, and these simply allocate.

use crate::record::Speaker;
use std::cell::RefCell;
use std::mem::MaybeUninit;

/// At most this many speaker boxes are kept per thread.
const SPEAKERS: usize = 1024;

/// The smallest class: 64 bytes.
const MIN_CLASS: u32 = 6;
/// The largest class: 64 KiB; longer texts are allocated and freed as usual.
const MAX_CLASS: u32 = 16;
const CLASSES: usize = (MAX_CLASS - MIN_CLASS + 1) as usize;
/// At most this many bytes of buffers are kept per class.
const CLASS_BYTES: usize = 256 << 10;

thread_local! {
    static POOL: RefCell<[Vec<String>; CLASSES]> = const {
        RefCell::new([const { Vec::new() }; CLASSES])
    };
    // boxes, not values: the allocations themselves are what is kept
    #[allow(clippy::vec_box)]
    static SPEAKER_BOXES: RefCell<Vec<Box<MaybeUninit<Speaker>>>> = const {
        RefCell::new(Vec::new())
    };
}

/// `s` in a box, recycled when one is at hand.
pub fn speaker(s: Speaker) -> Box<Speaker> {
    match SPEAKER_BOXES.with(|p| p.borrow_mut().pop()) {
        Some(mut b) => {
            b.write(s);
            // SAFETY: just initialised.
            unsafe { b.assume_init() }
        }
        None => Box::new(s),
    }
}

/// Drop the speaker now and keep its box for [`speaker`].
pub fn give_speaker(b: Box<Speaker>) {
    let raw = Box::into_raw(b);
    // SAFETY: `raw` came from a live box: its contents are dropped once, and
    // the allocation goes back into a box of the same layout
    // (`MaybeUninit<T>` has `T`'s), now holding nothing to drop.
    let empty = unsafe {
        std::ptr::drop_in_place(raw);
        Box::from_raw(raw as *mut MaybeUninit<Speaker>)
    };
    SPEAKER_BOXES.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < SPEAKERS {
            p.push(empty);
        }
    });
}

/// The size class (log2 of the capacity) a text of `len` bytes gets.
fn class_for(len: usize) -> u32 {
    len.max(1 << MIN_CLASS).next_power_of_two().trailing_zeros()
}

/// An empty string with room for `len` bytes, recycled when one of its size
/// class is at hand.
pub fn text(len: usize) -> String {
    if len > 1 << MAX_CLASS {
        return String::with_capacity(len);
    }
    let class = class_for(len);
    let reused = POOL.with(|p| p.borrow_mut()[(class - MIN_CLASS) as usize].pop());
    reused.unwrap_or_else(|| String::with_capacity(1 << class))
}

/// Give a text back for reuse by this thread (dropped when its class is
/// full, or it is not one of [`text`]'s sizes).
pub fn give(mut s: String) {
    let cap = s.capacity();
    if !cap.is_power_of_two() || !((1 << MIN_CLASS)..=(1 << MAX_CLASS)).contains(&cap) {
        return;
    }
    s.clear();
    let class = cap.trailing_zeros();
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        let v = &mut p[(class - MIN_CLASS) as usize];
        if (v.len() + 1) * cap <= CLASS_BYTES {
            v.push(s);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_reuse() {
        assert_eq!(class_for(0), 6);
        assert_eq!(class_for(64), 6);
        assert_eq!(class_for(65), 7);
        assert_eq!(class_for(1 << 16), 16);
        let a = text(100);
        assert_eq!(a.capacity(), 128);
        let ptr = a.as_ptr();
        give(a);
        // the same buffer comes back, empty, for a text of its class
        let mut b = text(120);
        assert_eq!(b.as_ptr(), ptr);
        assert!(b.is_empty());
        b.push('x');
        // other sizes are not kept; long texts get their own size
        give(String::with_capacity(100));
        assert_eq!(text(70_000).capacity(), 70_000);
        // a class keeps at most CLASS_BYTES
        for _ in 0..10 {
            give(String::with_capacity(1 << 16));
        }
        let kept = POOL.with(|p| p.borrow()[(16 - MIN_CLASS) as usize].len());
        assert_eq!(kept, CLASS_BYTES >> 16);
    }

    #[test]
    fn speaker_boxes_are_reused_and_their_contents_dropped() {
        let label: std::sync::Arc<str> = "MR PRICE".into();
        let b = speaker(Speaker {
            label: label.clone(),
            ..Speaker::default()
        });
        let ptr: *const Speaker = &*b;
        assert_eq!(std::sync::Arc::strong_count(&label), 2);
        give_speaker(b);
        // the label was released with the speaker
        assert_eq!(std::sync::Arc::strong_count(&label), 1);
        let again = speaker(Speaker {
            label: "Q".into(),
            ..Speaker::default()
        });
        assert_eq!(&*again as *const Speaker, ptr);
        assert_eq!(&*again.label, "Q");
    }
}
