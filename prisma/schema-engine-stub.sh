#!/bin/sh
# Stands in for Prisma's schema engine, which cannot be downloaded here (no internet).
# `prisma generate` never calls it; `prisma migrate`/`db push` would — we apply plain SQL
# migrations with lib/db/apply-migrations.ts instead (npm run db:migrate).
echo "prisma: the schema engine is disabled in this project. Migrations are plain SQL in prisma/migrations," >&2
echo "applied by 'npm run db:migrate' (lib/db/apply-migrations.ts). See README." >&2
exit 1
