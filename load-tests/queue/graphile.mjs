// graphile-worker's side of the queue benchmark (driven by load-tests/queue.py); the same
// commands as carcosa-queue, with the same payload and the same measurement:
//   setup DB_URL | enqueue DB_URL N | trickle DB_URL RATE SECONDS | work DB_URL CONCURRENCY OUT
// Worker settings are graphile-worker's defaults (LISTEN/NOTIFY, pollInterval 2 s) except
// concurrentJobs (= the benchmark's concurrency) and maxPoolSize (its documented advice:
// max(10, concurrency + 2)); GW_LOCAL_QUEUE=N also turns on its local queue (batch fetching).
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Logger, makeWorkerUtils, run, runMigrations } from "graphile-worker";

const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const [cmd, url, a, b] = process.argv.slice(2);

if (cmd === "setup") {
  await runMigrations({ connectionString: url });
} else if (cmd === "enqueue") {
  const n = Number(a);
  const utils = await makeWorkerUtils({ connectionString: url });
  // One transaction, like carcosa-queue: every job becomes visible at the commit.
  await utils.withPgClient(async (client) => {
    await client.query("BEGIN");
    for (let left = n; left > 0; left -= 1000) {
      const batch = Math.min(left, 1000);
      const t = nowUs();
      const payloads = Array.from({ length: batch }, () => ({ t }));
      await client.query(
        `SELECT graphile_worker.add_jobs(array(
           SELECT ROW('noop', p, NULL, NULL, 25, NULL, NULL, NULL)::graphile_worker.job_spec
           FROM json_array_elements($1::json) p))`,
        [JSON.stringify(payloads)],
      );
    }
    await client.query("COMMIT");
  });
  console.log(nowUs());
  await utils.release();
} else if (cmd === "trickle") {
  const rate = Number(a);
  const total = Math.floor(rate * Number(b));
  const utils = await makeWorkerUtils({ connectionString: url });
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await utils.addJob("noop", { t: nowUs() });
  }
  await utils.release();
} else if (cmd === "work") {
  const concurrency = Number(a);
  const log = [];
  // GW_LOCAL_QUEUE=N turns on graphile-worker's batch-fetching local queue (off by default).
  const localQueueSize = Number(process.env.GW_LOCAL_QUEUE || 0);
  const runner = await run({
    ...(localQueueSize ? { preset: { worker: { localQueue: { size: localQueueSize } } } } : {}),
    connectionString: url,
    concurrency,
    maxPoolSize: Math.max(10, concurrency + 2),
    noHandleSignals: true,
    // Per-job INFO lines would cost graphile-worker more than the jobs themselves; Carcosa logs
    // jobs at debug level, so both keep only warnings and errors.
    logger: new Logger(() => (level, message) => {
      if (level === "error" || level === "warning") console.error(message);
    }),
    taskList: {
      noop: async (payload) => {
        log.push(`${payload.t} ${nowUs()}`);
      },
    },
  });
  console.log("ready");
  const stop = async () => {
    await runner.stop();
    writeFileSync(b, log.join("\n") + (log.length ? "\n" : ""));
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  console.error(`unknown command ${cmd}`);
  process.exit(2);
}
