from digestly.services.copy import sitemap_blurb


def run():
    return sitemap_blurb("x")


if __name__ == "__main__":
    run()
