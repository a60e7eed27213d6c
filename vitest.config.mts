// Two projects: "unit" — pure code next to its tests, no database; "integration" — tests/integration
// against one embedded PostgreSQL per run (tests/helpers/global-setup.ts), a fresh database per file.
//   npx vitest run --project unit        npx vitest run --project integration
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          exclude: ["**/node_modules/**", "lib/generated/**"],
          environment: "node",
          // PDF/DOCX rendering and property runs are CPU-bound: on a shared 2-core machine 5 s is too tight.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: [path.join(root, "tests/helpers/global-setup.ts")],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
