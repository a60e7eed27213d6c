// The agency page's reads, shared by its sections (React cache(): once per request).
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getAgencyProfile } from "@/lib/queries/get-agency-profile";
import { readCurrentCells } from "@/lib/queries/read-cells";

export const loadAgencyProfile = cache((agencyId: number) => getAgencyProfile({ db, agencyId }));

export const loadAgencyCells = cache((agencyId: number) => readCurrentCells({ db, agencyIds: [agencyId] }));
