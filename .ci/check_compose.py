"""Checks docker-compose.yml without a Docker engine: the shape DEPLOYMENT.md promises."""
import sys

import yaml

with open("docker-compose.yml") as f:
    compose = yaml.safe_load(f)

services = compose["services"]
problems = []
db, migrate, bahi = services.get("db"), services.get("migrate"), services.get("bahi")
if not db or not str(db.get("image", "")).startswith("postgres:18"):
    problems.append("db must be PostgreSQL 18")
if not db or "healthcheck" not in db:
    problems.append("db needs a health check")
if not migrate or "migrate" not in migrate.get("command", []) or migrate.get("restart") != "no":
    problems.append("migrate must be a one-shot `bahi migrate up`")
for name, svc in (("migrate", migrate), ("bahi", bahi)):
    if not svc or svc.get("depends_on", {}).get("db", {}).get("condition") != "service_healthy":
        problems.append(f"{name} must wait for a healthy db")
if not bahi or bahi.get("depends_on", {}).get("migrate", {}).get("condition") != "service_completed_successfully":
    problems.append("bahi must start after the migration succeeded")
volumes = compose.get("volumes", {})
for v in ("pgdata", "bahidata"):
    if v not in volumes:
        problems.append(f"named volume {v} missing")
if problems:
    print("docker-compose.yml:", "; ".join(problems))
    sys.exit(1)
print("docker-compose.yml: ok")
