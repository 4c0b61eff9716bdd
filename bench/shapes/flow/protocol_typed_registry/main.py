from feed import FeedService
from news import NewsletterSource


def main():
    service = FeedService()
    service.register_source(NewsletterSource())
    service.refresh_all()


if __name__ == "__main__":
    main()
