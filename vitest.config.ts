import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'reports/vitest-junit.xml' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          // Against real servers: one Keycloak (and one sp-mock) per run, started in globalSetup.
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Real containers, each test its own (test/support/container-engine.ts says when they cannot run).
          // One file at a time: they count what the engine holds.
          name: 'containers',
          include: ['test/containers/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // A real directory per test (slapd here, and a container where an engine runs); no Keycloak needed.
          name: 'ldap',
          include: ['test/ldap/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
