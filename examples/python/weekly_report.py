"""Weekly report: showroom visits per manager and the event pages published.

Reads the incoming webhook address from B24_WEBHOOK_URL.
Needs: pip install fast_bitrix24 requests
"""
import os
import sys
from collections import Counter
from datetime import date, timedelta

import requests
from fast_bitrix24 import Bitrix

WEBHOOK = os.environ.get("B24_WEBHOOK_URL", "")


def visits_since(b: Bitrix, since: date) -> list[dict]:
    return b.get_all(
        "tasks.task.list",
        params={
            "filter": {"%TITLE": "Showroom visit", ">=CREATED_DATE": since.isoformat()},
            "select": ["ID", "TITLE", "RESPONSIBLE_ID", "STATUS"],
        },
    )


def manager_names(b: Bitrix, ids: set[str]) -> dict[str, str]:
    users = b.get_by_ID("user.get", list(ids), ID_field_name="ID")
    return {u["ID"]: f'{u["NAME"]} {u["LAST_NAME"]}' for u in users}


def published_pages() -> int:
    # fast_bitrix24 does not page landing lists; a plain request is enough here.
    response = requests.post(
        WEBHOOK.rstrip("/") + "/landing.landing.getList.json",
        json={"params": {"select": ["ID"], "filter": {"ACTIVE": "Y"}}},
        timeout=30,
    )
    response.raise_for_status()
    return len(response.json().get("result", []))


def main() -> int:
    if not WEBHOOK:
        print("Set B24_WEBHOOK_URL to the incoming webhook address.", file=sys.stderr)
        return 2
    b = Bitrix(WEBHOOK)
    since = date.today() - timedelta(days=7)
    tasks = visits_since(b, since)
    per_manager = Counter(t["responsibleId"] for t in tasks)
    names = manager_names(b, set(per_manager))
    print(f"Showroom visits since {since}:")
    for user_id, count in per_manager.most_common():
        print(f"  {names.get(user_id, user_id)}: {count}")
    print(f"Event pages online: {published_pages()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
