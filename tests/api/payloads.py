"""The example payloads published on the Krafter "Stats and Realtime" docs page, byte for byte.

Kept as raw JSON text (not Python dicts) so that, e.g., ``4355.00`` reaches the client exactly as
the server would write it.
"""

STATS_7D = b"""{
  "data": {
    "period": {
      "from": "2025-02-11",
      "to": "2025-02-18"
    },
    "totals": {
      "pageviews": 1000,
      "visitors": 500,
      "visits": 600
    },
    "timeseries": [
      {"date": "2025-02-11", "pageviews": 100, "visitors": 50, "visits": 60},
      {"date": "2025-02-12", "pageviews": 120, "visitors": 65, "visits": 72},
      {"date": "2025-02-13", "pageviews": 95, "visitors": 48, "visits": 55},
      {"date": "2025-02-14", "pageviews": 180, "visitors": 90, "visits": 105},
      {"date": "2025-02-15", "pageviews": 150, "visitors": 75, "visits": 88},
      {"date": "2025-02-16", "pageviews": 140, "visitors": 72, "visits": 85},
      {"date": "2025-02-17", "pageviews": 110, "visitors": 55, "visits": 68},
      {"date": "2025-02-18", "pageviews": 105, "visitors": 45, "visits": 67}
    ],
    "breakdown": {
      "path": [
        { "value": "/", "count": 500, "percent": 50.0 },
        { "value": "/pricing", "count": 200, "percent": 20.0 },
        { "value": "/blog", "count": 150, "percent": 15.0 },
        { "value": "/docs", "count": 100, "percent": 10.0 },
        { "value": "/about", "count": 50, "percent": 5.0 }
      ],
      "country": [
        { "value": "US", "count": 300, "percent": 30.0 },
        { "value": "DE", "count": 150, "percent": 15.0 },
        { "value": "GB", "count": 120, "percent": 12.0 },
        { "value": "FR", "count": 80, "percent": 8.0 },
        { "value": "RS", "count": 50, "percent": 5.0 }
      ]
    }
  }
}"""

# (date, pageviews, visitors, visits) of the eight published days.
STATS_7D_DAYS = [
    ("2025-02-11", 100, 50, 60),
    ("2025-02-12", 120, 65, 72),
    ("2025-02-13", 95, 48, 55),
    ("2025-02-14", 180, 90, 105),
    ("2025-02-15", 150, 75, 88),
    ("2025-02-16", 140, 72, 85),
    ("2025-02-17", 110, 55, 68),
    ("2025-02-18", 105, 45, 67),
]

REALTIME = b"""{
  "data": {
    "current_visitors": 5
  }
}"""

EVENTS_30D = b"""{
  "data": [
    {
      "event_name": "signup",
      "total": 245,
      "unique_count": 230,
      "revenue": null
    },
    {
      "event_name": "purchase",
      "total": 89,
      "unique_count": 82,
      "revenue": 4355.00
    },
    {
      "event_name": "download",
      "total": 156,
      "unique_count": 140,
      "revenue": null
    }
  ]
}"""

SITES = b"""{
  "data": [
    {
      "id": "0b6c5c1e-3f7a-4c55-9a55-2b8f1f5d9e01",
      "domain": "example.com",
      "name": "Example",
      "site_key": "sk_abc123def456",
      "public_stats": false,
      "created_at": "2025-01-01T09:30:00Z"
    }
  ]
}"""

SITE_KEY = "sk_abc123def456"
