-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('province', 'city', 'county', 'town');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('accepted', 'rejected', 'needs_agency', 'needs_year');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('needs_review', 'confirmed');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('error', 'warning', 'info');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('inconsistent', 'uncertain');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'confirmed', 'dismissed');

-- CreateEnum
CREATE TYPE "FindingOrigin" AS ENUM ('reader', 'across_years');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentCode" TEXT,
    "path" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "regionCode" TEXT,
    "parentId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyAlias" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "AgencyAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" SERIAL NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "DocumentStatus" NOT NULL,
    "errorCode" TEXT,
    "readResult" JSONB NOT NULL,
    "agencyId" INTEGER,
    "year" INTEGER,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "versionNo" INTEGER NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "template" TEXT NOT NULL,
    "documentId" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'needs_review',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cell" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "isCurrent" BOOLEAN NOT NULL,
    "cellId" TEXT NOT NULL,
    "value" DECIMAL(20,4),
    "rawText" TEXT,
    "inferred" BOOLEAN NOT NULL DEFAULT false,
    "unit" TEXT,

    CONSTRAINT "Cell_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "origin" "FindingOrigin" NOT NULL DEFAULT 'reader',
    "cellIds" TEXT[],
    "message" TEXT NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportMetrics" (
    "reportId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "agencyKind" TEXT NOT NULL,
    "regionCode" TEXT,
    "regionPath" TEXT,
    "template" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applicationsNew" DOUBLE PRECISION,
    "applicationsTotal" DOUBLE PRECISION,
    "processed" DOUBLE PRECISION,
    "carriedForward" DOUBLE PRECISION,
    "disclosureRateNum" DOUBLE PRECISION,
    "disclosureRateDen" DOUBLE PRECISION,
    "substantiveDisclosureRateNum" DOUBLE PRECISION,
    "substantiveDisclosureRateDen" DOUBLE PRECISION,
    "denialRateNum" DOUBLE PRECISION,
    "denialRateDen" DOUBLE PRECISION,
    "unableRateNum" DOUBLE PRECISION,
    "unableRateDen" DOUBLE PRECISION,
    "rejectionRateNum" DOUBLE PRECISION,
    "rejectionRateDen" DOUBLE PRECISION,
    "completionRateNum" DOUBLE PRECISION,
    "completionRateDen" DOUBLE PRECISION,
    "naturalPersonShareNum" DOUBLE PRECISION,
    "naturalPersonShareDen" DOUBLE PRECISION,
    "reviews" DOUBLE PRECISION,
    "reviewCorrectionRateNum" DOUBLE PRECISION,
    "reviewCorrectionRateDen" DOUBLE PRECISION,
    "lawsuits" DOUBLE PRECISION,
    "litigationCorrectionRateNum" DOUBLE PRECISION,
    "litigationCorrectionRateDen" DOUBLE PRECISION,
    "remedyRatePer100Num" DOUBLE PRECISION,
    "remedyRatePer100Den" DOUBLE PRECISION,
    "licences" DOUBLE PRECISION,
    "penalties" DOUBLE PRECISION,
    "enforcements" DOUBLE PRECISION,
    "feesWan" DOUBLE PRECISION,

    CONSTRAINT "ReportMetrics_pkey" PRIMARY KEY ("reportId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_path_key" ON "Region"("path");

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_name_key" ON "Agency"("name");

-- CreateIndex
CREATE INDEX "Agency_regionCode_idx" ON "Agency"("regionCode");

-- CreateIndex
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");

-- CreateIndex
CREATE INDEX "Agency_kind_idx" ON "Agency"("kind");

-- CreateIndex
CREATE INDEX "AgencyAlias_name_idx" ON "AgencyAlias"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyAlias_agencyId_name_key" ON "AgencyAlias"("agencyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Document_sha256_key" ON "Document"("sha256");

-- CreateIndex
CREATE INDEX "Document_status_idx" ON "Document"("status");

-- CreateIndex
CREATE INDEX "Document_agencyId_year_idx" ON "Document"("agencyId", "year");

-- CreateIndex
CREATE INDEX "Document_uploadedAt_idx" ON "Document"("uploadedAt");

-- CreateIndex
CREATE INDEX "Report_documentId_idx" ON "Report"("documentId");

-- CreateIndex
CREATE INDEX "Report_year_idx" ON "Report"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Report_agencyId_year_versionNo_key" ON "Report"("agencyId", "year", "versionNo");

-- CreateIndex
CREATE UNIQUE INDEX "Report_agencyId_year_current_key" ON "Report"("agencyId", "year") WHERE "isCurrent";

-- CreateIndex
CREATE UNIQUE INDEX "Report_id_agencyId_year_isCurrent_key" ON "Report"("id", "agencyId", "year", "isCurrent");

-- CreateIndex
CREATE INDEX "Cell_cellId_idx" ON "Cell"("cellId");

-- CreateIndex
CREATE UNIQUE INDEX "Cell_reportId_cellId_key" ON "Cell"("reportId", "cellId");

-- CreateIndex
CREATE UNIQUE INDEX "Cell_agencyId_year_cellId_current_key" ON "Cell"("agencyId", "year", "cellId") WHERE "isCurrent";

-- CreateIndex
CREATE INDEX "Finding_reportId_idx" ON "Finding"("reportId");

-- CreateIndex
CREATE INDEX "Finding_code_idx" ON "Finding"("code");

-- CreateIndex
CREATE INDEX "Finding_status_idx" ON "Finding"("status");

-- CreateIndex
CREATE INDEX "ReportMetrics_year_agencyKind_idx" ON "ReportMetrics"("year", "agencyKind");

-- CreateIndex
CREATE INDEX "ReportMetrics_agencyKind_idx" ON "ReportMetrics"("agencyKind");

-- CreateIndex
CREATE INDEX "ReportMetrics_regionPath_idx" ON "ReportMetrics"("regionPath" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "ReportMetrics_agencyId_year_key" ON "ReportMetrics"("agencyId", "year");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyAlias" ADD CONSTRAINT "AgencyAlias_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cell" ADD CONSTRAINT "Cell_reportId_agencyId_year_isCurrent_fkey" FOREIGN KEY ("reportId", "agencyId", "year", "isCurrent") REFERENCES "Report"("id", "agencyId", "year", "isCurrent") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportMetrics" ADD CONSTRAINT "ReportMetrics_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportMetrics" ADD CONSTRAINT "ReportMetrics_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Closed lists kept as text (Chinese agency kinds, template versions): CHECK constraints, not expressible
-- in the Prisma schema, so they do not cause drift in what the client sees.
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_kind_check" CHECK ("kind" IN ('省政府', '市政府', '区县政府', '乡镇', '街道', '部门', '其他'));
ALTER TABLE "ReportMetrics" ADD CONSTRAINT "ReportMetrics_agencyKind_check" CHECK ("agencyKind" IN ('省政府', '市政府', '区县政府', '乡镇', '街道', '部门', '其他'));
ALTER TABLE "Report" ADD CONSTRAINT "Report_template_check" CHECK ("template" IN ('2019', '2021'));
ALTER TABLE "ReportMetrics" ADD CONSTRAINT "ReportMetrics_template_check" CHECK ("template" IN ('2019', '2021'));
ALTER TABLE "Document" ADD CONSTRAINT "Document_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
