#!/bin/sh
# Stands in for Prisma's schema engine, which cannot be downloaded here (no internet).
# `prisma generate` never calls it; `prisma migrate`/`db push` would — we apply plain SQL
# migrations with lib/db/apply-migrations.ts instead (npm run db:migrate). Prisma 7 shows only
# "Schema engine error" for a failing engine; the message below is for anyone running this by hand.
echo "The Prisma schema engine is disabled in this project: migrations are plain SQL in prisma/migrations, applied by 'npm run db:migrate' (lib/db/apply-migrations.ts)." >&2
exit 1
