//! One loop for every Postgres `LISTEN` the API holds (the key cache's invalidations, the
//! transform waiters' outcomes): connect, listen, hand each notification over, and on a lost
//! connection say so and reconnect after a second. `try_recv` reports a lost connection instead
//! of reconnecting silently, so a consumer always learns that notifications may have been missed
//! (and, for instance, stops trusting a cache until the listener is back).

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgListener, PgNotification};
use tokio_util::sync::CancellationToken;

/// What a listener reports.
#[derive(Debug)]
pub enum Heard<'a> {
    /// Listening (again): anything sent while disconnected was missed.
    Connected,
    /// The connection failed or dropped; notifications are being missed until `Connected`.
    Lost,
    /// A notification.
    Notification(&'a PgNotification),
}

/// Listens on `channels` until `shutdown`, reconnecting a second after any failure, and calls
/// `on` for every event. `what` names the listener in logs.
pub async fn run(
    pool: PgPool,
    channels: &[&str],
    what: &'static str,
    shutdown: CancellationToken,
    mut on: impl FnMut(Heard<'_>) + Send,
) {
    loop {
        match once(&pool, channels, &shutdown, &mut on).await {
            Ok(()) => return,
            Err(e) => tracing::warn!(error = %e, listener = what, "notification listener lost; reconnecting"),
        }
        on(Heard::Lost);
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

/// Returns `Ok` on shutdown, `Err` when the connection failed or dropped.
async fn once(
    pool: &PgPool,
    channels: &[&str],
    shutdown: &CancellationToken,
    on: &mut (impl FnMut(Heard<'_>) + Send),
) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen_all(channels.iter().copied()).await?;
    on(Heard::Connected);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return Ok(()),
            received = listener.try_recv() => match received? {
                Some(n) => on(Heard::Notification(&n)),
                None => return Err(sqlx::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "notification connection lost",
                ))),
            },
        }
    }
}
