#!/usr/bin/env bash
# Regenerates .sqlx/ (the query metadata sqlx's macros compile against) after a query or a
# migration changed. Needs Postgres and jq; builds a scratch database with Carcosa's migrations
# and apalis' queue tables (apalis-postgres is rebuilt against it too when the env changes).
#   scripts/sqlx-prepare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
base=${CARCOSA_PREPARE_PG:-postgres://postgres@127.0.0.1:5432}
db=carcosa_sqlx_prepare
psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db" -qc "CREATE DATABASE $db"
apalis_dir=$(dirname "$(cargo metadata --format-version 1 --locked | jq -r '.packages[] | select(.name == "apalis-postgres") | .manifest_path')")
for f in migrations/*.sql "$apalis_dir"/migrations/*.sql; do
  psql "$base/$db" -q -v ON_ERROR_STOP=1 -f "$f" > /dev/null
done
rm -rf .sqlx && mkdir .sqlx
touch common/src/db.rs common/src/db/*.rs
SQLX_OFFLINE=false DATABASE_URL="$base/$db" SQLX_OFFLINE_DIR="$PWD/.sqlx" cargo build -q -p carcosa-common
# apalis-postgres ships its own metadata; drop its queries if they were written here too.
{ grep -l 'apalis\.' .sqlx/*.json 2> /dev/null || true; } | xargs -r rm
echo "wrote $(ls .sqlx | wc -l) query files to .sqlx/"
