-- A login attempt is reserved (pending) before the password is checked, so parallel guesses see each other
-- and the lockout holds under a burst; the reservation is settled as success or failure afterwards.
ALTER TABLE "LoginAttempt" ADD COLUMN "pending" BOOLEAN NOT NULL DEFAULT false;

-- Repeated audit entries of one kind (a locked account refusing request after request) are folded into one
-- row: the row's groupKey names the group, its details carry the count.
ALTER TABLE "AuditLog" ADD COLUMN "groupKey" TEXT;
CREATE UNIQUE INDEX "AuditLog_groupKey_key" ON "AuditLog"("groupKey");
