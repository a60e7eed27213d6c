// The region page's one read, shared by its sections: React's cache() runs getRegionBreakdown once per
// request however many sections ask for it.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getRegionBreakdown } from "@/lib/queries/get-region-breakdown";
import type { AgencyKind } from "@/lib/reader/types";

export const loadRegionBreakdown = cache(
  (year: number, code: string | null, path: string | null, groupPath: string | null, kindsKey: string) =>
    getRegionBreakdown({
      db,
      year,
      region: code && path && groupPath ? { code, path, groupPath } : null,
      kinds: kindsKey ? (kindsKey.split(",") as AgencyKind[]) : null,
    }),
);
