//! Coalesced queue wake-ups.
//!
//! apalis-postgres' LISTEN/NOTIFY stream yields one item per inserted job, and each item makes
//! the worker run one fetch of up to `batch` jobs. A burst of N inserts therefore costs N fetch
//! queries, most of which find nothing left (measured: 50,000 jobs committed at once cost
//! Postgres ~0.5 s of CPU per 1,000 jobs, see load-tests/reports/queue-*.md). [`Coalesced`]
//! folds every notification that is *already waiting* — up to `batch` of them — into one
//! wake-up. It never waits for more, so a lone job is fetched as soon as before; and since one
//! fetch takes up to `batch` jobs, every notified job is still covered by a fetch.

//!
//! [`forwarded`] runs the LISTEN stream on a task of its own. apalis-postgres' `Pubsub` listens
//! on one channel for every queue's inserts and skips other queues' jobs itself, but the skipped
//! notification has already woken the task polling it, and apalis' `PollWith` then runs a fetch
//! on every wake. Polled by the queue's worker, every insert into any queue therefore cost one
//! fetch per queue (measured: 4 997 `get_jobs` calls for 820 jobs at 20 uploads/s, ~19 a second
//! on each of the four queues that had no jobs at all). Forwarded, only the queue's own jobs wake
//! its worker.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::{Stream, StreamExt as _};

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

/// Items of `inner` a forwarded stream holds for its consumer before the forwarding task waits.
const FORWARD_BUFFER: usize = 1024;

/// `inner`, polled on a task of its own (see the module docs): the consumer is woken only by the
/// items it yields. The task ends when `inner` ends (the returned stream then ends too) or when
/// the returned stream is dropped. Needs a Tokio runtime.
pub fn forwarded<S>(inner: S) -> Forwarded<S::Item>
where
    S: Stream + Unpin + Send + 'static,
    S::Item: Send,
{
    let (tx, rx) = tokio::sync::mpsc::channel(FORWARD_BUFFER);
    tokio::spawn(async move {
        let mut inner = inner;
        loop {
            let item = tokio::select! {
                () = tx.closed() => return,
                item = inner.next() => item,
            };
            let Some(item) = item else { return };
            if tx.send(item).await.is_err() {
                return;
            }
        }
    });
    Forwarded(rx)
}

/// The consuming end of [`forwarded`].
pub struct Forwarded<T>(tokio::sync::mpsc::Receiver<T>);

impl<T> Stream for Forwarded<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.0.poll_recv(cx)
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
    async fn forwarded_items_arrive_in_order_and_the_end_is_passed_on() {
        let (tx, rx) = futures::channel::mpsc::unbounded::<u32>();
        let mut s = forwarded(rx);
        for i in 0..3 {
            tx.unbounded_send(i).unwrap();
        }
        drop(tx);
        let got: Vec<u32> = (&mut s).collect().await;
        assert_eq!(got, vec![0, 1, 2]);
    }

    #[tokio::test]
    async fn dropping_a_forwarded_stream_ends_its_task() {
        let (tx, rx) = futures::channel::mpsc::unbounded::<u32>();
        drop(forwarded(rx));
        // The task drops `rx` once it sees the consumer gone; then sending fails.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !tx.is_closed() {
            assert!(std::time::Instant::now() < deadline, "forwarding task still running");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
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
