import frappe
import litellm
from mistralai import Mistral

mistral = Mistral(api_key=frappe.conf.get("mistral_api_key"))


def reconcile_invoices():
    for invoice in frappe.get_all("Sales Invoice", filters={"status": "Unpaid"}, fields=["name", "remarks"]):
        resp = mistral.chat.complete(  # expect: mistral chat.complete scheduled LLM001
            model="mistral-small-latest",
            messages=[{"role": "user", "content": f"Does this remark say the invoice was paid? {invoice.remarks}"}],
        )
        frappe.db.set_value("Sales Invoice", invoice.name, "ai_note", resp.choices[0].message.content)


def classify_support_emails():
    for email in frappe.get_all("Communication", filters={"sent_or_received": "Received", "seen": 0}, fields=["name", "content"]):
        label = route_email(email.content)
        frappe.db.set_value("Communication", email.name, "ai_label", label)


def route_email(content):
    resp = litellm.completion(  # expect: litellm litellm.completion scheduled LLM001
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"billing, delivery or cancellation? {content[:2000]}"}],
    )
    return resp.choices[0].message.content.strip().lower()
