import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // `_`-prefixed names mark intentionally unused parameters and destructured rest siblings.
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Pages, actions and routes call lib/ functions; a model queried inline (db.user.findUnique …) in app/ is
    // a query nobody can test or reuse, so it is refused here (issue 16).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.object.name='db']",
          message: "Query the database through a function in lib/, not inline in app/.",
        },
        {
          selector:
            "MemberExpression[object.name='db'][property.name=/^\\$(queryRaw|executeRaw|transaction)/]",
          message: "Query the database through a function in lib/, not inline in app/.",
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    ".test-data/**",
    "node_modules/**",
    "coverage/**",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
