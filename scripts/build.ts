// `npm run build`: always runs `next build`, then records which sources it built so `npm start` can reuse it.
import { ensureProductionBuild } from "./ensure-build";

ensureProductionBuild({ force: true }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
