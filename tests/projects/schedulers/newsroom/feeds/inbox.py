"""The corrections inbox (a mailbox the desk forwards reader mail to)."""
import imaplib

from newsroom.models import Article


def pending_corrections():
    box = imaplib.IMAP4_SSL("imap.newsroom.example")
    box.select("corrections")
    _, ids = box.search(None, "UNSEEN")
    for msg_id in ids[0].split():
        _, data = box.fetch(msg_id, "(BODY[TEXT])")
        slug, _, claim = data[0][1].decode().partition("\n")
        article = Article.objects.filter(section__slug=slug.strip()).first()
        if article:
            yield article, claim
