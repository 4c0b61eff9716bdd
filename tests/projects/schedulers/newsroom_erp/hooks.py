app_name = "newsroom_erp"
app_title = "Newsroom ERP"
app_publisher = "Newsroom Finance"
app_description = "Subscriptions and invoicing for the newsroom"
app_license = "MIT"

doc_events = {
    "Subscription": {"on_update": "newsroom_erp.subscriptions.on_update"},
}

scheduler_events = {
    "daily": ["newsroom_erp.tasks.reconcile_invoices"],
    "cron": {
        "0 */6 * * *": ["newsroom_erp.tasks.classify_support_emails"],
    },
}
