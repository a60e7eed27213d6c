// The administrator the end-to-end server creates on its fresh database (ADMIN_EMAIL / ADMIN_PASSWORD are
// passed to its start script). Test-only credentials for a throwaway database.
export const E2E_ADMIN = {
  email: "e2e-admin@nianbao.test",
  password: "e2e-admin-password-7Qx!",
} as const;

/** Where the setup project stores the admin's logged-in browser state. */
export const ADMIN_STORAGE_STATE = ".test-data/e2e-auth/admin.json";
