#!/usr/bin/env bash
# Checks the operator assets under deploy/: Prometheus config and alert rules (promtool check +
# promtool test rules), docker-compose and Grafana provisioning YAML, and the dashboard JSON.
# Installs Debian's `prometheus` package (for promtool) and `python3-yaml` when missing.
# Usage: scripts/check-deploy.sh        Exit status 0 when everything passes.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-deploy: $*" >&2; exit 1; }

need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
python3 -c 'import yaml' >/dev/null 2>&1 || need+=(python3-yaml)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq
  # Only promtool is needed; the prometheus server the package brings is not started here.
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || fail "could not install ${need[*]}"
fi
command -v promtool >/dev/null 2>&1 || fail "promtool is not on PATH (Debian package: prometheus)"

echo "==> promtool check config deploy/prometheus/prometheus.yml"
promtool check config deploy/prometheus/prometheus.yml || fail "deploy/prometheus/prometheus.yml is invalid"
echo "==> promtool check rules deploy/prometheus/alerts.yml"
promtool check rules deploy/prometheus/alerts.yml || fail "deploy/prometheus/alerts.yml is invalid"
echo "==> promtool test rules deploy/prometheus/alerts_test.yml"
promtool test rules deploy/prometheus/alerts_test.yml || fail "alert rule unit tests failed"

echo "==> docker-compose, Grafana provisioning and dashboards"
python3 - <<'PY' || fail "deploy/ assets are invalid (see above)"
import json, os, sys, yaml

errors = []
def check(condition, message):
    if not condition:
        errors.append(message)

def load_yaml(path):
    try:
        with open(path) as f:
            return yaml.safe_load(f)
    except Exception as e:  # report every broken file, not only the first
        errors.append(f"{path}: {e}")
        return None

# Every alert: severity page|ticket, summary/description/runbook, and a firing and a quiet unit test.
rules = load_yaml("deploy/prometheus/alerts.yml") or {}
tests = load_yaml("deploy/prometheus/alerts_test.yml") or {}
alerts = [r for g in rules.get("groups", []) for r in g.get("rules", []) if "alert" in r]
check(alerts, "deploy/prometheus/alerts.yml defines no alerts")
fires, quiet = set(), set()
for test in tests.get("tests", []):
    for case in test.get("alert_rule_test", []) or []:
        (fires if case.get("exp_alerts") else quiet).add(case["alertname"])
for alert in alerts:
    name = alert["alert"]
    check(alert.get("labels", {}).get("severity") in ("page", "ticket"),
          f"alert {name}: label severity must be page or ticket")
    for key in ("summary", "description", "runbook"):
        check(alert.get("annotations", {}).get(key), f"alert {name}: annotation {key} is missing")
    check(name in fires, f"alert {name}: alerts_test.yml has no case where it fires")
    check(name in quiet, f"alert {name}: alerts_test.yml has no case where it stays quiet")

compose = load_yaml("deploy/docker-compose.yml") or {}
services = compose.get("services", {})
for name in ("ppt", "postgres", "jaeger", "prometheus", "grafana"):
    check(name in services, f"deploy/docker-compose.yml: service {name} is missing")
for name, service in services.items():
    check("image" in service or "build" in service, f"docker-compose service {name}: no image or build")
    for volume in service.get("volumes", []):
        source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
        if source.startswith("."):
            check(os.path.exists(os.path.join("deploy", source)),
                  f"docker-compose service {name}: mounted path {source} does not exist under deploy/")
    build = service.get("build")
    if isinstance(build, dict):
        context = os.path.join("deploy", build.get("context", "."))
        check(os.path.exists(os.path.join(context, build.get("dockerfile", "Dockerfile"))),
              f"docker-compose service {name}: dockerfile not found")

datasources = load_yaml("deploy/grafana/provisioning/datasources/prometheus.yml") or {}
uids = {d.get("uid") for d in datasources.get("datasources", [])}
check("prometheus" in {d.get("type") for d in datasources.get("datasources", [])},
      "Grafana provisioning: no prometheus datasource")
providers = load_yaml("deploy/grafana/provisioning/dashboards/ppt.yml") or {}
check(providers.get("providers"), "Grafana provisioning: no dashboard provider")

dashboard_uids = set()
for file in sorted(os.listdir("deploy/grafana/dashboards")):
    path = os.path.join("deploy/grafana/dashboards", file)
    try:
        with open(path) as f:
            board = json.load(f)
    except Exception as e:
        errors.append(f"{path}: {e}")
        continue
    check(board.get("uid") and board["uid"] not in dashboard_uids, f"{path}: missing or duplicate uid")
    dashboard_uids.add(board.get("uid"))
    check(board.get("title"), f"{path}: no title")
    check(isinstance(board.get("schemaVersion"), int), f"{path}: no schemaVersion")
    ids = set()
    for panel in board.get("panels", []):
        title = panel.get("title", "?")
        check(panel.get("id") not in ids, f"{path}: duplicate panel id {panel.get('id')}")
        ids.add(panel.get("id"))
        grid = panel.get("gridPos", {})
        check(all(k in grid for k in ("h", "w", "x", "y")), f"{path}: panel '{title}' has no gridPos")
        if panel.get("type") == "row":
            continue
        targets = panel.get("targets", [])
        check(targets, f"{path}: panel '{title}' has no targets")
        for target in targets:
            check(target.get("expr", "").strip(), f"{path}: panel '{title}' has a target without expr")
            check(target.get("refId"), f"{path}: panel '{title}' has a target without refId")
        uid = (panel.get("datasource") or {}).get("uid", "")
        check(uid == "${datasource}" or uid in uids, f"{path}: panel '{title}' uses unknown datasource {uid}")

for message in errors:
    print(f"  FAIL {message}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"  ok: {len(alerts)} alerts with tests, {len(services)} compose services, {len(dashboard_uids)} dashboards")
PY
echo "==> deploy assets OK"
