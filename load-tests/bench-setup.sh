# Sourced by the benchmark scripts: a fresh database with one org/team/bucket/project on the S3
# test server and an API key.
#   bench_setup <database> <permissions>   (needs $carcosa: the release binary)
# Exports DATABASE_URL, CARCOSA_CREDENTIALS_KEY, CARCOSA_CONFIG, CARCOSA_LOG; sets $key (the API
# key) and $project (its project id). BENCH_PG (the Postgres server, default the local one),
# S3_PORT and S3_BUCKETS choose another server or S3 port and bucket (as for s3-test-server.sh).
bench_setup() {
  local pg=${BENCH_PG:-postgres://postgres@127.0.0.1:5432} db=$1 permissions=$2
  local s3_port=${S3_PORT:-8333} bucket=${S3_BUCKETS:-carcosa-test}
  bucket=${bucket%%,*}
  scripts/s3-test-server.sh start > /dev/null
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db" -qc "CREATE DATABASE $db"
  export DATABASE_URL="$pg/$db" CARCOSA_CONFIG=/nonexistent CARCOSA_LOG=warn
  CARCOSA_CREDENTIALS_KEY=$($carcosa admin gen-key)
  export CARCOSA_CREDENTIALS_KEY
  $carcosa migrate > /dev/null
  _admin() { $carcosa admin "$@" --json > /dev/null; }
  _admin org create bench
  _admin team create --org bench load
  CARCOSA_BUCKET_ACCESS_KEY=carcosatestkey CARCOSA_BUCKET_SECRET_KEY=carcosatestsecret123 \
    _admin bucket add --org bench --team load --name main --bucket "$bucket" --endpoint "http://127.0.0.1:$s3_port" --path-style
  _admin project create --org bench --team load site --bucket main
  key=$($carcosa admin key create --org bench --team load --project site --name bench --permissions "$permissions" --json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  project=$(psql "$DATABASE_URL" -tAc "SELECT id FROM projects LIMIT 1")
}

# The 2 MP test photo the upload benchmarks send: 1632×1224, from a real phone photo of the
# shared corpus (resized by Carcosa itself). Sets $photo. Needs $load (carcosa-uploads).
bench_photo() {
  mkdir -p load-tests/work
  photo=load-tests/work/photo-2mp.jpg
  if [ ! -s "$photo" ]; then
    $load make-photo ../shared/corpus/real/photo_iphone5_3264x2448.jpg "$photo" 1632
  fi
}

# Raises the project's read, write and standard tiers out of reach: the limiter is still
# consulted on every request, but never refuses (the defaults would stop a benchmark in seconds).
bench_unlimited() {
  psql "$DATABASE_URL" -qc "UPDATE projects SET rate_limits = '{\"read\": 1000000000, \"write\": 1000000000, \"standard\": 1000000000}'"
}
