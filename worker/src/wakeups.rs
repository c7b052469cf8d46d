//! Coalesced queue wake-ups.
//!
//! apalis-postgres' LISTEN/NOTIFY stream yields one item per inserted job, and each item makes
//! the worker run one fetch of up to `batch` jobs. A burst of N inserts therefore costs N fetch
//! queries, most of which find nothing left (measured: 50,000 jobs committed at once cost
//! Postgres ~0.5 s of CPU per 1,000 jobs, see load-tests/reports/queue-*.md). [`Coalesced`]
//! folds every notification that is *already waiting* — up to `batch` of them — into one
//! wake-up. It never waits for more, so a lone job is fetched as soon as before; and since one
//! fetch takes up to `batch` jobs, every notified job is still covered by a fetch.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;

/// A stream of wake-ups, each standing for up to `batch` items of the inner stream.
pub struct Coalesced<S> {
    inner: S,
    batch: usize,
}

impl<S> Coalesced<S> {
    /// Wraps `inner`; `batch` is the fetch size (at least 1).
    pub fn new(inner: S, batch: usize) -> Self {
        Self {
            inner,
            batch: batch.max(1),
        }
    }
}

impl<S, T, E> Stream for Coalesced<S>
where
    S: Stream<Item = Result<T, E>> + Unpin,
    E: std::fmt::Display,
{
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let first = match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(item)) => item,
            Poll::Ready(None) => {
                // apalis' listener does not come back once its stream ends: from here on the
                // queue is only polled on the heartbeat. Say so, since pickups get seconds slower.
                tracing::error!("LISTEN stream for new jobs ended; this worker now polls only on its heartbeat");
                return Poll::Ready(None);
            }
            Poll::Pending => return Poll::Pending,
        };
        if let Err(e) = &first {
            tracing::warn!(error = %e, "LISTEN for new jobs failed");
        }
        for _ in 1..self.batch {
            match Pin::new(&mut self.inner).poll_next(cx) {
                Poll::Ready(Some(_)) => {}
                // Nothing more waiting (the inner stream registered the waker), or it ended:
                // the end is reported on the next poll.
                Poll::Ready(None) | Poll::Pending => break,
            }
        }
        Poll::Ready(Some(first))
    }
}

#[cfg(test)]
mod tests {
    use futures::StreamExt as _;

    use super::*;

    #[tokio::test]
    async fn waiting_items_are_folded_up_to_the_batch() {
        let items = futures::stream::iter((0..10).map(Ok::<i32, String>));
        let wakeups: Vec<Result<i32, String>> = Coalesced::new(items, 4).collect().await;
        // 10 ready items, batches of 4: three wake-ups, the first item of each batch.
        assert_eq!(wakeups, vec![Ok(0), Ok(4), Ok(8)]);
    }

    #[tokio::test]
    async fn a_lone_item_wakes_at_once() {
        let (tx, rx) = futures::channel::mpsc::unbounded::<Result<u8, String>>();
        let mut s = Coalesced::new(rx, 8);
        tx.unbounded_send(Ok(1)).unwrap();
        assert_eq!(s.next().await, Some(Ok(1)));
        tx.unbounded_send(Err("lost".into())).unwrap();
        assert_eq!(s.next().await, Some(Err("lost".into())), "errors still wake the worker");
        drop(tx);
        assert_eq!(s.next().await, None);
    }
}
