#!/usr/bin/env python3
"""Prepares a running bahi for the invoice load benchmark: one owner with an API token and N
businesses, each with a customer and three items; writes the Lua table wrk reads.

Usage: setup.py BASE_URL ORGS OUT_DIR
"""
import json
import sys
import urllib.request

base, orgs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
jar = {}


def call(method, path, body=None, token=None, csrf=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    req.add_header("Origin", base)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    if "cookie" in jar:
        req.add_header("Cookie", jar["cookie"])
    with urllib.request.urlopen(req) as resp:
        for cookie in resp.headers.get_all("Set-Cookie") or []:
            name_value = cookie.split(";")[0]
            if name_value.split("=")[0].endswith("session"):
                jar["cookie"] = name_value
        text = resp.read()
        return json.loads(text) if text else None


signup = call("POST", "/api/v1/auth/signup", {
    "name": "Bench Owner", "email": "bench@example.com",
    "password": "correct-horse-battery-staple-42",
    "organisation": {"legal_name": "Bench Traders 1", "gstin": "29AAFCC9980M1ZR"},
})
token = call("POST", "/api/v1/tokens", {"name": "bench"}, csrf=signup["csrf_token"])["token"]
org_ids = [signup["organisation"]["id"]]
for n in range(2, orgs + 1):
    made = call("POST", "/api/v1/orgs", {"legal_name": f"Bench Traders {n}", "state_code": "29"}, token=token)
    org_ids.append(made["id"])

rows = []
for org in org_ids:
    customer = call("POST", f"/api/v1/orgs/{org}/parties", {
        "name": "Chola Computers", "kind": "customer", "registration": "regular",
        "gstin": "29AABCS1429B1ZQ"}, token=token)["id"]
    items = []
    for name, hsn, price in [("Laptop stand", "8473", "333.33"), ("USB cable", "8544", "99"),
                             ("Keyboard", "8471", "1249.50")]:
        items.append(call("POST", f"/api/v1/orgs/{org}/items", {
            "name": name, "kind": "goods", "hsn_sac": hsn, "unit": "NOS",
            "price": price, "gst_rate": "18"}, token=token)["id"])
    invoice = call("POST", f"/api/v1/orgs/{org}/invoices", {
        "customer_id": customer, "date": "2026-10-05", "issue": True,
        "lines": [{"item_id": i, "quantity": "1"} for i in items]}, token=token)["id"]
    rows.append((org, customer, items, invoice))

with open(f"{out}/orgs.lua", "w") as f:
    f.write(f'return {{ token = "{token}", orgs = {{\n')
    for org, customer, items, invoice in rows:
        f.write(f'  {{ org = "{org}", customer = "{customer}", invoice = "{invoice}", '
                f'items = {{ "{items[0]}", "{items[1]}", "{items[2]}" }} }},\n')
    f.write("} }\n")
with open(f"{out}/orgs.tsv", "w") as f:
    for n, (org, customer, items, invoice) in enumerate(rows, 1):
        f.write("\t".join([str(n), org, customer, *items]) + "\n")
print(f"{len(rows)} businesses ready")
