//! Renders run in child processes, so that a time limit is real.
//!
//! Decoding and encoding happen in C (libjpeg-turbo, libwebp) and in encoders with no way to
//! stop them midway (rav1e takes minutes of CPU on a 4096² noise image). A thread cannot be
//! killed, so a render that overran its budget on a thread kept burning a core after its job
//! had moved on. Here every render goes to a child process (`carcosa render-child`, the same
//! binary) over its stdin/stdout; when the budget runs out the child is killed with SIGKILL and
//! reaped before the slot is given to the next render, so the CPU in use is bounded by the
//! number of slots, always. A child that crashes or is killed takes no worker down with it.
//!
//! Children are kept between renders (spawning costs a few milliseconds) and replaced after
//! [`RENDERS_PER_CHILD`] renders, after a kill, or after any protocol error.
//!
//! Protocol, both directions: a little-endian `u32` length and a JSON header, then the raw bytes
//! the header announces (request: the source; response: each output, in order).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use carcosa_common::domain::FailureReason;
use carcosa_common::transform::{Format, TransformSpec};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::Semaphore;

use crate::imaging::{self, Limits, Rendered};

/// A child is replaced after this many renders, so memory it fragmented is returned.
pub const RENDERS_PER_CHILD: u32 = 200;

/// The subcommand of the `carcosa` binary that serves renders on stdin/stdout.
pub const CHILD_SUBCOMMAND: &str = "render-child";

/// Largest JSON header either side accepts.
const MAX_HEADER: u32 = 1 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct Request {
    limits: Limits,
    specs: Vec<TransformSpec>,
    source_len: u64,
}

#[derive(Debug, Serialize, Deserialize)]
enum Response {
    Done {
        /// Display (EXIF-oriented) size of the source.
        display: (u32, u32),
        outputs: Vec<OutputHeader>,
        cpu_secs: Option<f64>,
    },
    Refused {
        reason: FailureReason,
        detail: String,
    },
}

#[derive(Debug, Serialize, Deserialize)]
struct OutputHeader {
    len: u64,
    width: u32,
    height: u32,
    format: Format,
}

/// A finished render: the source's displayed size and one output per spec, in order.
#[derive(Debug)]
pub struct RenderDone {
    /// Width and height as displayed (after EXIF orientation).
    pub display: (u32, u32),
    /// One output per spec.
    pub outputs: Vec<Rendered>,
}

/// Runs renders in child processes, at most `slots` at a time.
#[derive(Clone)]
pub struct Renderer {
    program: Arc<PathBuf>,
    timeout: Duration,
    slots: Arc<Semaphore>,
    idle: Arc<Mutex<Vec<ChildProc>>>,
}

struct ChildProc {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    renders: u32,
}

impl Renderer {
    /// `program` is the `carcosa` binary (it must understand [`CHILD_SUBCOMMAND`]); `slots`
    /// renders run at once, each for at most `timeout`.
    pub fn new(program: PathBuf, slots: usize, timeout: Duration) -> Self {
        Self {
            program: Arc::new(program),
            timeout,
            slots: Arc::new(Semaphore::new(slots.max(1))),
            idle: Arc::default(),
        }
    }

    /// Renders `specs` of `source` under `limits`. The outer error is trouble worth a retry (the
    /// child could not be started, or died without answering); the inner one is the pipeline's
    /// verdict on the image, including [`FailureReason::ProcessingTimeout`] when the budget ran
    /// out and the child was killed.
    pub async fn render(
        &self,
        source: Vec<u8>,
        limits: Limits,
        specs: Vec<TransformSpec>,
        queue: &'static str,
    ) -> anyhow::Result<Result<RenderDone, FailureReason>> {
        // Held until the child has answered or has been killed and reaped.
        let _slot = self.slots.acquire().await.context("renderer closed")?;
        let mut proc = match self.take_idle() {
            Some(proc) => proc,
            None => self.spawn()?,
        };
        let request = Request {
            limits,
            specs,
            source_len: source.len() as u64,
        };
        match tokio::time::timeout(self.timeout, exchange(&mut proc, &request, &source)).await {
            Err(_) => {
                kill(proc).await;
                metrics::counter!("carcosa_transform_renders_killed_total").increment(1);
                tracing::warn!(
                    timeout_secs = self.timeout.as_secs(),
                    "render overran its budget; its process was killed"
                );
                Ok(Err(FailureReason::ProcessingTimeout))
            }
            Ok(Err(e)) => {
                kill(proc).await;
                Err(e.context("the render process failed"))
            }
            Ok(Ok((response, outputs))) => {
                proc.renders += 1;
                self.put_idle(proc);
                Ok(finish(response, outputs, queue))
            }
        }
    }

    fn take_idle(&self) -> Option<ChildProc> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()
    }

    fn put_idle(&self, proc: ChildProc) {
        if proc.renders < RENDERS_PER_CHILD {
            self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(proc);
        }
        // Otherwise dropped: stdin closes, the child sees EOF and exits; `kill_on_drop` reaps.
    }

    fn spawn(&self) -> anyhow::Result<ChildProc> {
        let mut child = Command::new(&*self.program)
            .arg(CHILD_SUBCOMMAND)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} {CHILD_SUBCOMMAND}", self.program.display()))?;
        let stdin = child.stdin.take().context("child stdin")?;
        let stdout = child.stdout.take().context("child stdout")?;
        Ok(ChildProc {
            child,
            stdin,
            stdout,
            renders: 0,
        })
    }
}

async fn kill(mut proc: ChildProc) {
    // SIGKILL, then wait: the slot is released only once the process no longer runs.
    if let Err(e) = proc.child.kill().await {
        tracing::warn!(error = %e, "could not kill a render process");
    }
}

async fn exchange(proc: &mut ChildProc, request: &Request, source: &[u8]) -> anyhow::Result<(Response, Vec<Vec<u8>>)> {
    write_frame(&mut proc.stdin, request, &[source]).await?;
    let response: Response = read_header(&mut proc.stdout).await?;
    let mut outputs = Vec::new();
    if let Response::Done { outputs: headers, .. } = &response {
        for h in headers {
            let len = usize::try_from(h.len).context("output too large")?;
            let mut buf = vec![0; len];
            proc.stdout.read_exact(&mut buf).await.context("reading an output")?;
            outputs.push(buf);
        }
    }
    Ok((response, outputs))
}

fn finish(response: Response, outputs: Vec<Vec<u8>>, queue: &'static str) -> Result<RenderDone, FailureReason> {
    match response {
        Response::Refused { reason, detail } => {
            tracing::debug!(reason = %reason, detail, "image refused");
            Err(reason)
        }
        Response::Done {
            display,
            outputs: headers,
            cpu_secs,
        } => {
            if let Some(cpu) = cpu_secs {
                metrics::histogram!("carcosa_transform_cpu_seconds", "queue" => queue).record(cpu);
            }
            let outputs = headers
                .into_iter()
                .zip(outputs)
                .map(|(h, bytes)| Rendered {
                    bytes,
                    width: h.width,
                    height: h.height,
                    format: h.format,
                })
                .collect();
            Ok(RenderDone { display, outputs })
        }
    }
}

async fn write_frame<T: Serialize>(
    out: &mut (impl tokio::io::AsyncWrite + Unpin),
    header: &T,
    bodies: &[&[u8]],
) -> anyhow::Result<()> {
    let json = serde_json::to_vec(header)?;
    out.write_all(&(json.len() as u32).to_le_bytes()).await?;
    out.write_all(&json).await?;
    for body in bodies {
        out.write_all(body).await?;
    }
    out.flush().await?;
    Ok(())
}

async fn read_header<T: serde::de::DeserializeOwned>(
    input: &mut (impl tokio::io::AsyncRead + Unpin),
) -> anyhow::Result<T> {
    let mut len = [0u8; 4];
    input
        .read_exact(&mut len)
        .await
        .context("the render process closed its output")?;
    let len = u32::from_le_bytes(len);
    anyhow::ensure!(len <= MAX_HEADER, "render header of {len} bytes");
    let mut json = vec![0; len as usize];
    input.read_exact(&mut json).await?;
    Ok(serde_json::from_slice(&json)?)
}

/// The child side (`carcosa render-child`): serves renders from stdin to stdout, one at a time,
/// until stdin closes. Synchronous on purpose: the child does nothing else.
pub fn child_main() -> anyhow::Result<()> {
    use std::io::{Read as _, Write as _};
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    loop {
        let mut len = [0u8; 4];
        match stdin.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        let len = u32::from_le_bytes(len);
        anyhow::ensure!(len <= MAX_HEADER, "request header of {len} bytes");
        let mut json = vec![0; len as usize];
        stdin.read_exact(&mut json)?;
        let request: Request = serde_json::from_slice(&json)?;
        let source_len = usize::try_from(request.source_len)?;
        anyhow::ensure!(
            source_len as u64 <= request.limits.max_input_bytes as u64,
            "source over the input limit"
        );
        let mut source = vec![0; source_len];
        stdin.read_exact(&mut source)?;

        let cpu = cpu_time::ThreadTime::try_now().ok();
        let result = imaging::render(&source, &request.limits, &request.specs);
        let cpu_secs = cpu.and_then(|c| c.try_elapsed().ok()).map(|d| d.as_secs_f64());
        let (response, outputs) = match result {
            Ok((info, outputs)) => (
                Response::Done {
                    display: info.display_size(),
                    outputs: outputs
                        .iter()
                        .map(|o| OutputHeader {
                            len: o.bytes.len() as u64,
                            width: o.width,
                            height: o.height,
                            format: o.format,
                        })
                        .collect(),
                    cpu_secs,
                },
                outputs,
            ),
            Err(e) => (
                Response::Refused {
                    reason: e.reason(),
                    detail: e.to_string(),
                },
                Vec::new(),
            ),
        };
        let json = serde_json::to_vec(&response)?;
        stdout.write_all(&(json.len() as u32).to_le_bytes())?;
        stdout.write_all(&json)?;
        for o in &outputs {
            stdout.write_all(&o.bytes)?;
        }
        stdout.flush()?;
    }
}
