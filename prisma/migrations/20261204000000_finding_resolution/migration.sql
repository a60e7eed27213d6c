-- Staff settle a finding with a reason: confirmed (the source really is inconsistent) or dismissed (not a
-- problem). The reason is kept with the finding (who and when are resolvedById / resolvedAt).
ALTER TABLE "Finding" ADD COLUMN "resolutionReason" TEXT;
