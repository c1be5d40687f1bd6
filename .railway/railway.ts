// Railway infrastructure as code for bahi: `railway config plan`, then `railway config apply`.
// One PostgreSQL database and the bahi service built from the repository's Dockerfile, in the
// production and staging environments; pull-request environments get the staging shape.
import { defineRailway, postgres, preserve, project, service } from "railway/iac";

export default defineRailway((ctx) => {
  const production = ctx.isEnvironment("production");

  const db = postgres("postgres");

  const bahi = service("bahi", {
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    deploy: {
      // Runs in its own container before the new release starts; PostgreSQL only (no volume).
      // In production it applies only the plan whose fingerprint BAHI_MIGRATIONS_APPROVED holds.
      preDeployCommand: ["/usr/local/bin/bahi", "migrate", "up"],
      healthcheckPath: "/health/ready",
      healthcheckTimeout: 120,
      // Railway's default is 0 s; bahi finishes in-flight requests within BAHI_SHUTDOWN_TIMEOUT_SECS.
      drainingSeconds: 30,
      restartPolicyType: "ON_FAILURE",
      restartPolicyMaxRetries: 5,
    },
    replicas: production ? 2 : 1,
    env: {
      BAHI_ENV: production ? "production" : "staging",
      DATABASE_URL: db.env.DATABASE_URL,
      BAHI_PUBLIC_URL: "https://${{RAILWAY_PUBLIC_DOMAIN}}",
      BAHI_ALLOWED_ORIGINS: "https://${{RAILWAY_PUBLIC_DOMAIN}}",
      BAHI_SHUTDOWN_TIMEOUT_SECS: "25",
      BAHI_TRUSTED_PROXIES: "100.64.0.0/10",
      BAHI_SECRET_KEY: {
        value: ctx.randomString("bahi-secret-key", 48),
        preserveExisting: true,
        isSealed: true,
        description: "Signs cookies and CSRF tokens; generated once, never shown again.",
      },
      // Set by the operator after reviewing `bahi migrate plan` for each release.
      BAHI_MIGRATIONS_APPROVED: preserve(),
      SENTRY_DSN: preserve(),
      BAHI_SMTP_URL: preserve(),
      BAHI_MAIL_FROM: preserve(),
    },
  });

  return project("bahi", {
    environments: ["production", "staging"],
    resources: [db, bahi],
  });
});
