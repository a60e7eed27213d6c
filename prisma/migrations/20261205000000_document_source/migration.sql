-- Reports imported from the web (从网址导入, `npm run import -- --urls`): the address each file was fetched
-- from and when. Null for uploads and files imported from disk.
ALTER TABLE "Document" ADD COLUMN "sourceUrl" TEXT;
ALTER TABLE "Document" ADD COLUMN "fetchedAt" TIMESTAMP(3);
