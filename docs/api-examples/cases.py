#!/usr/bin/env python3
"""Reads the DM-SAM cases, one block and the queries through the API (Python 3, standard library only).

The token comes from the environment, never from the script: DMSAM_TOKEN=dmsam_… python3 cases.py
"""
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("DMSAM_URL", "https://ecrf.example.org").rstrip("/")
TOKEN = os.environ["DMSAM_TOKEN"]


def get(path, **params):
    """One GET; waits and retries when the API answers 429, stops with the API's message otherwise."""
    url = f"{BASE}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {TOKEN}", "Accept-Language": "en"}
    )
    while True:
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 429:
                time.sleep(int(error.headers.get("Retry-After", "5")))
                continue
            problem = json.load(error)
            raise SystemExit(f"{error.code} {problem.get('code')}: {problem.get('detail')}")


def all_rows(path, **params):
    """Every row of a paginated endpoint, page after page."""
    page = 1
    while True:
        body = get(path, page=page, pageSize=500, **params)
        yield from body["data"]
        if page >= body["pages"]:
            return
        page += 1


dictionary = get("/api/v1/dictionary")["data"]
cases = list(all_rows("/api/v1/cases", ageInsteadOfBirthDate=1))
infections = list(all_rows("/api/v1/cases/blocks/infections"))
queries = list(all_rows("/api/v1/queries", status="OPEN"))

print(f"dictionary: {len(dictionary)} variables")
print(f"cases: {len(cases)}")
print(f"columns: {len(cases[0]) if cases else 0}")
print(f"infections: {len(infections)} rows")
print(f"open queries: {len(queries)}")
